package io.github.archmodels.securemem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.archmodels.securemem.IntegrityViolationException.Location;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of tampering and replay is detected, for every counter scheme. */
class SecureMemorySecurityTest {

    /** 64 MiB: 2^20 blocks, so every scheme has a tree of 4 to 6 levels. */
    private static final SecureMemoryConfig CONFIG = SecureMemoryConfig.of(64L << 20);
    private static final long ADDRESS = 123_456L * 64;

    static List<Scheme> schemes() {
        return List.of(Scheme.monolithic(), Scheme.split(), Scheme.morphable(), Scheme.baobab(1024, 16),
                Scheme.baobab(new BaobabTableConfig(64, 4, FullEntryPolicy.REBASE)));
    }

    private static byte[] block(int fill) {
        byte[] b = new byte[64];
        Arrays.fill(b, (byte) fill);
        b[0] = (byte) (fill * 7);
        return b;
    }

    private static SecureMemory written(Scheme scheme) {
        SecureMemory m = SecureMemory.create(CONFIG, scheme, 42);
        m.write(ADDRESS, block(1));
        m.write(ADDRESS + 64, block(2));
        m.write(ADDRESS, block(3));
        return m;
    }

    private static void assertDetected(Location where, SecureMemory m, long address) {
        IntegrityViolationException e = assertThrows(IntegrityViolationException.class, () -> m.read(address));
        assertEquals(where, e.location(), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void untouchedMemoryVerifies(Scheme scheme) {
        SecureMemory m = SecureMemory.create(CONFIG, scheme, 42);
        for (long address : new long[] {0, 64, ADDRESS, CONFIG.protectedBytes() - 64, CONFIG.protectedBytes() - 1}) {
            assertArrayEquals(new byte[64], m.read(address), "address " + address);
        }
        assertEquals(0, m.counter(ADDRESS));
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void writesReadBack(Scheme scheme) {
        SecureMemory m = written(scheme);
        assertArrayEquals(block(3), m.read(ADDRESS));
        assertArrayEquals(block(2), m.read(ADDRESS + 64));
        assertArrayEquals(new byte[64], m.read(ADDRESS + 128));
        assertTrue(m.counter(ADDRESS) > 0);
        // The ciphertext differs from the plaintext.
        byte[] stored = m.untrusted().readBlock(ADDRESS);
        assertTrue(!Arrays.equals(block(3), Arrays.copyOf(stored, 64)));
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void tamperedDataDetected(Scheme scheme) {
        SecureMemory m = written(scheme);
        byte[] stored = m.untrusted().readBlock(ADDRESS);
        stored[17] ^= 0x04;
        m.untrusted().writeBlock(ADDRESS, stored);
        assertDetected(Location.DATA_MAC, m, ADDRESS);
        assertArrayEquals(block(2), m.read(ADDRESS + 64));
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void tamperedMacDetected(Scheme scheme) {
        SecureMemory m = written(scheme);
        byte[] stored = m.untrusted().readBlock(ADDRESS);
        stored[64 + 3] ^= 0x01;
        m.untrusted().writeBlock(ADDRESS, stored);
        assertDetected(Location.DATA_MAC, m, ADDRESS);
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void tamperedUntouchedBlockDetected(Scheme scheme) {
        SecureMemory m = SecureMemory.create(CONFIG, scheme, 42);
        byte[] stored = m.untrusted().readBlock(640);
        stored[0] ^= 1;
        m.untrusted().writeBlock(640, stored);
        assertDetected(Location.DATA_MAC, m, 640);
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void tamperedCounterLineDetected(Scheme scheme) {
        SecureMemory m = written(scheme);
        long line = m.untrusted().leafLineOf(ADDRESS);
        byte[] bytes = m.untrusted().readLeafLine(line);
        bytes[5] ^= 0x10;
        m.untrusted().writeLeafLine(line, bytes);
        assertDetected(Location.TREE, m, ADDRESS);
        // A line that was never written is covered too.
        long far = m.untrusted().leafLineOf(CONFIG.protectedBytes() - 64);
        byte[] zero = m.untrusted().readLeafLine(far);
        zero[0] = 1;
        m.untrusted().writeLeafLine(far, zero);
        assertDetected(Location.TREE, m, CONFIG.protectedBytes() - 64);
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void tamperedTreeNodesDetected(Scheme scheme) {
        SecureMemory m = written(scheme);
        SecureMemory.UntrustedMemory mem = m.untrusted();
        long line = mem.leafLineOf(ADDRESS);
        long index = line;
        for (int level = 1; level <= mem.treeLevels(); level++) {
            index /= CONFIG.treeArity();
            byte[] original = mem.readTreeNode(level, index);
            byte[] node = original.clone();
            node[(level * 3) % 64] ^= 0x20;
            mem.writeTreeNode(level, index, node);
            assertDetected(Location.TREE, m, ADDRESS);
            mem.writeTreeNode(level, index, original);
            assertArrayEquals(block(3), m.read(ADDRESS), "restored node at level " + level);
        }
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void replayOfBlockDetected(Scheme scheme) {
        SecureMemory m = written(scheme);
        byte[] old = m.untrusted().readBlock(ADDRESS);
        m.write(ADDRESS, block(4));
        m.untrusted().writeBlock(ADDRESS, old);
        assertDetected(Location.DATA_MAC, m, ADDRESS);
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void replayOfBlockAndCounterLineDetected(Scheme scheme) {
        SecureMemory m = written(scheme);
        SecureMemory.UntrustedMemory mem = m.untrusted();
        long line = mem.leafLineOf(ADDRESS);
        byte[] oldBlock = mem.readBlock(ADDRESS);
        byte[] oldLine = mem.readLeafLine(line);
        m.write(ADDRESS, block(4));
        mem.writeBlock(ADDRESS, oldBlock);
        mem.writeLeafLine(line, oldLine);
        // Baobab's in-place update leaves the index line unchanged; then the MAC catches the old
        // block because the table holds the new value. Otherwise the tree catches the old line.
        IntegrityViolationException e = assertThrows(IntegrityViolationException.class, () -> m.read(ADDRESS));
        assertTrue(e.location() == Location.TREE || e.location() == Location.DATA_MAC);
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void replayOfWholeOffChipStateDetected(Scheme scheme) {
        SecureMemory m = written(scheme);
        SecureMemory.UntrustedMemory mem = m.untrusted();
        long line = mem.leafLineOf(ADDRESS);
        byte[] oldBlock = mem.readBlock(ADDRESS);
        byte[] oldLine = mem.readLeafLine(line);
        int levels = mem.treeLevels();
        byte[][] oldPath = new byte[levels + 1][];
        for (int level = 1, index = (int) line; level <= levels; level++) {
            index /= CONFIG.treeArity();
            oldPath[level] = mem.readTreeNode(level, index);
        }
        // Force an index change for Baobab too: a second block shares the value, then moves on.
        m.write(ADDRESS + 64 * 1024, block(5));
        m.write(ADDRESS, block(4));
        m.write(ADDRESS, block(6));
        mem.writeBlock(ADDRESS, oldBlock);
        mem.writeLeafLine(line, oldLine);
        for (int level = 1, index = (int) line; level <= levels; level++) {
            index /= CONFIG.treeArity();
            mem.writeTreeNode(level, index, oldPath[level]);
        }
        // Everything off chip is old and self-consistent; the on-chip root (or table) is not.
        IntegrityViolationException e = assertThrows(IntegrityViolationException.class, () -> m.read(ADDRESS));
        assertTrue(e.location() == Location.TREE || e.location() == Location.DATA_MAC, e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void tamperedLineRejectsWrites(Scheme scheme) {
        SecureMemory m = written(scheme);
        long line = m.untrusted().leafLineOf(ADDRESS);
        byte[] bytes = m.untrusted().readLeafLine(line);
        bytes[63] ^= 0x40;
        m.untrusted().writeLeafLine(line, bytes);
        assertThrows(IntegrityViolationException.class, () -> m.write(ADDRESS, block(9)));
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void keysDependOnSeed(Scheme scheme) {
        SecureMemory a = written(scheme);
        SecureMemory b = SecureMemory.create(CONFIG, scheme, 43);
        b.write(ADDRESS, block(1));
        b.write(ADDRESS + 64, block(2));
        b.write(ADDRESS, block(3));
        assertTrue(!Arrays.equals(a.untrusted().readBlock(ADDRESS), b.untrusted().readBlock(ADDRESS)));
        assertArrayEquals(written(scheme).untrusted().readBlock(ADDRESS), a.untrusted().readBlock(ADDRESS));
    }
}
