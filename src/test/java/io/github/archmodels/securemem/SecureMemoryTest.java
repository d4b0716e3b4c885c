package io.github.archmodels.securemem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Counter schemes inside the functional memory: overflow, re-encryption, rebase and events. */
class SecureMemoryTest {

    private static byte[] data(long tag) {
        byte[] b = new byte[64];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (tag >>> (8 * i));
        }
        b[63] = 0x5A;
        return b;
    }

    @Test
    void splitMinorOverflowReencryptsLine() {
        SecureMemory m = SecureMemory.create(SecureMemoryConfig.of(1 << 20), Scheme.split(), 3);
        // Blocks 0..63 share a split line; write blocks 1 and 2 once, then block 0 128 times.
        m.write(64, data(1));
        m.write(128, data(2));
        for (int i = 0; i < 128; i++) {
            m.write(0, data(100 + i));
        }
        // The 128th write finds minor 127 and overflows: major 1, every minor 0, so block 0's
        // counter is 1 * 128 + 0 = 128, and the 63 other blocks of the line are re-encrypted.
        EventCounts e = m.events("t");
        assertEquals(1, e.minorOverflows());
        assertEquals(63, e.reencryptedBlocks());
        assertEquals(128, m.counter(0));
        assertEquals(128, m.counter(64));
        assertArrayEquals(data(1), m.read(64));
        assertArrayEquals(data(2), m.read(128));
        assertArrayEquals(data(227), m.read(0));
        // Every write changed the line: 130 tree path updates of 3 levels each
        // (1 MiB = 16384 blocks -> 256 lines -> 32, 4, 1).
        assertEquals(130, e.treePathUpdates());
        assertEquals(390, e.treeNodeWrites());
    }

    @Test
    void morphableOverflowsAfterEightWrites() {
        SecureMemory m = SecureMemory.create(SecureMemoryConfig.of(1 << 20), Scheme.morphable(), 3);
        m.write(64 * 127, data(7));
        for (int i = 0; i < 8; i++) {
            m.write(0, data(i));
        }
        // 3-bit minors: writes 1..7 reach minor 7, write 8 overflows and re-encrypts 127 blocks.
        EventCounts e = m.events("t");
        assertEquals(1, e.minorOverflows());
        assertEquals(127, e.reencryptedBlocks());
        assertEquals(8, m.counter(0));
        assertArrayEquals(data(7), m.read(64 * 127));
    }

    @Test
    void baobabStallRejectsWriteAndKeepsData() {
        // The hand-worked sequence of BaobabTableTest on a 5-block memory with one entry.
        SecureMemory m = SecureMemory.create(SecureMemoryConfig.of(5 * 64),
                Scheme.baobab(new BaobabTableConfig(1, 4, FullEntryPolicy.STALL)), 9);
        long[] blocks = {0, 1, 1, 2, 2, 2, 0, 3, 3};
        for (int i = 0; i < blocks.length; i++) {
            m.write(blocks[i] * 64, data(i));
        }
        WriteRejectedException e = assertThrows(WriteRejectedException.class, () -> m.write(3 * 64, data(99)));
        assertTrue(e.getMessage().contains("entry 0 is full"), e.getMessage());
        assertArrayEquals(data(8), m.read(3 * 64));
        EventCounts events = m.events("hand");
        assertEquals(1, events.fullEntries());
        assertEquals(1, events.stalledWrites());
        assertEquals(1, events.inPlaceUpdates());
        assertEquals(5, events.indexMoves());
        assertEquals(3, events.newValues());
        assertEquals(8, events.treePathUpdates());
        assertEquals(1.0, events.tableOccupancy(), 1e-12);
    }

    @Test
    void baobabRebaseReencryptsEntry() {
        SecureMemory m = SecureMemory.create(SecureMemoryConfig.of(5 * 64),
                Scheme.baobab(new BaobabTableConfig(1, 4, FullEntryPolicy.REBASE)), 9);
        long[] blocks = {0, 1, 1, 2, 2, 2, 0, 3, 3, 3};
        for (int i = 0; i < blocks.length; i++) {
            m.write(blocks[i] * 64, data(i));
        }
        EventCounts events = m.events("hand");
        assertEquals(1, events.rebases());
        assertEquals(5, events.reencryptedBlocks());
        // After the rebase every block holds value 4; b3 then took a new cell with value 5.
        assertEquals(5, m.counter(3 * 64));
        assertEquals(4, m.counter(0));
        assertEquals(4, m.counter(4 * 64));
        assertArrayEquals(data(6), m.read(0));
        assertArrayEquals(data(2), m.read(64));
        assertArrayEquals(data(5), m.read(128));
        assertArrayEquals(data(9), m.read(192));
        assertArrayEquals(new byte[64], m.read(256));
    }

    @Test
    void randomWorkloadMatchesShadowCopy() {
        // Property: after random reads and writes every block reads back its last write, with
        // REBASE on a small table so rebases happen, and counters never decrease.
        SecureMemoryConfig config = SecureMemoryConfig.of(1 << 16);
        for (Scheme scheme : new Scheme[] {Scheme.split(), Scheme.morphable(),
            Scheme.baobab(new BaobabTableConfig(8, 4, FullEntryPolicy.REBASE))}) {
            SecureMemory m = SecureMemory.create(config, scheme, 5);
            Map<Long, byte[]> shadow = new HashMap<>();
            Map<Long, Long> counters = new HashMap<>();
            SplittableRandom random = new SplittableRandom(17);
            for (int step = 0; step < 3000; step++) {
                long address = random.nextLong(64) * 64 * 3;
                if (random.nextInt(3) == 0) {
                    assertArrayEquals(shadow.getOrDefault(address, new byte[64]), m.read(address),
                            scheme + " step " + step);
                } else {
                    byte[] value = data(random.nextLong());
                    m.write(address, value);
                    shadow.put(address, value);
                    long c = m.counter(address);
                    assertTrue(c > counters.getOrDefault(address, -1L), scheme + " counter at step " + step);
                    counters.put(address, c);
                }
            }
            for (Map.Entry<Long, byte[]> e : shadow.entrySet()) {
                assertArrayEquals(e.getValue(), m.read(e.getKey()), scheme + " final");
            }
            if (scheme.kind() == Scheme.Kind.BAOBAB) {
                assertTrue(m.events("r").rebases() > 0, "the small table should rebase");
            }
        }
    }

    @Test
    void eventsOnlyMatchesCryptoRun() {
        // The same trace gives the same events with and without cryptography.
        SecureMemoryConfig config = SecureMemoryConfig.of(1 << 24);
        Trace trace = TraceGenerator.zipf(config.protectedBytes(), 64, 5000, 0.9, 0.7, 3);
        Scheme scheme = Scheme.baobab(new BaobabTableConfig(16, 4, FullEntryPolicy.REBASE));
        EventCounts plain = TraceSimulation.run(config, scheme, trace).events();
        EventCounts crypto = TraceSimulation.runWithCrypto(config, scheme, trace, 1).events();
        assertEquals(plain, crypto);
        assertEquals(trace.writeCount(), plain.writes());
        assertEquals(trace.size() - trace.writeCount(), plain.reads());
    }

    @Test
    void baobabEventsAddUp() {
        // Under STALL every write is exactly one of: in place, move, new value, stalled; tree
        // updates happen on moves and new values only.
        SecureMemoryConfig config = SecureMemoryConfig.gib(16);
        Trace trace = TraceGenerator.zipf(config.protectedBytes(), 64, 50_000, 1.1, 1.0, 5);
        EventCounts e = TraceSimulation.run(config, Scheme.baobab(1024, 4), trace).events();
        assertEquals(e.writes(), e.inPlaceUpdates() + e.indexMoves() + e.newValues() + e.stalledWrites());
        assertEquals(e.indexMoves() + e.newValues(), e.treePathUpdates());
        assertEquals(e.fullEntries(), e.stalledWrites());
        // 16 GiB with 2-bit indices: 2^20 leaf lines -> 7 levels (2^17 ... 2^2, 1).
        assertEquals(7 * e.treePathUpdates(), e.treeNodeWrites());
        assertTrue(e.tableOccupancy() > 0);
        assertTrue(e.tableOccupancy() <= 1);
        // The counter schemes bump their line at every write.
        EventCounts split = TraceSimulation.run(config, Scheme.split(), trace).events();
        assertEquals(e.writes(), split.treePathUpdates());
        assertEquals(e.writes(), split.counterIncrements());
    }

    @Test
    void sparseMemoryStoresOnlyTouchedState() {
        SecureMemory m = SecureMemory.create(SecureMemoryConfig.gib(16), Scheme.baobab(1024, 16), 1);
        m.write(0, data(1));
        m.write((16L << 30) - 64, data(2));
        long[] stored = m.storedCounts();
        assertEquals(2, stored[0]);
        // Each write moved its block to a new cell, so its index line and 7 path nodes were
        // written. The two paths share only the top node, so 2 lines and 13 nodes are stored.
        assertEquals(2, stored[1]);
        assertEquals(13, stored[2]);
        assertTrue(Arrays.equals(data(2), m.read((16L << 30) - 64)));
    }
}
