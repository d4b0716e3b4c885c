package io.github.archmodels.securemem;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ValidationTest {

    private static void assertRejected(String expected, Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }

    @Test
    void sizeNotMultipleOfBlock() {
        assertRejected("protectedBytes is 1000", () -> SecureMemoryConfig.of(1000));
        assertRejected("protectedBytes is 0", () -> SecureMemoryConfig.of(0));
        assertRejected("blockBytes is 48", () -> SecureMemoryConfig.gib(1).withBlockBytes(48));
    }

    @Test
    void arityBelowTwo() {
        assertRejected("treeArity is 1", () -> SecureMemoryConfig.gib(1).withTreeArity(1));
        assertRejected("treeArity * hashBytes is 16 * 8", () -> SecureMemoryConfig.gib(1).withTreeArity(16));
    }

    @Test
    void macAndHashSizes() {
        assertRejected("macBytes is 0", () -> SecureMemoryConfig.gib(1).withMacBytes(0));
        assertRejected("hashBytes is 33", () -> SecureMemoryConfig.gib(1).withHashBytes(33));
    }

    @Test
    void zeroCellsAndEntries() {
        assertRejected("cellsPerEntry is 0", () -> BaobabTableConfig.of(1024, 0));
        assertRejected("cellsPerEntry is 1", () -> BaobabTableConfig.of(1024, 1));
        assertRejected("entries is 0", () -> BaobabTableConfig.of(0, 16));
        assertRejected("policy is null", () -> new BaobabTableConfig(1, 4, null));
        assertRejected("needs a table", () -> new Scheme(Scheme.Kind.BAOBAB, null));
    }

    @Test
    void addressesOutsideProtectedRange() {
        SecureMemoryConfig c = SecureMemoryConfig.of(1 << 20);
        SecureMemory m = SecureMemory.create(c, Scheme.split(), 1);
        assertRejected("address 0x100000 is outside the protected range [0, 0x100000)",
                () -> m.read(1 << 20));
        assertRejected("address 0xffffffffffffffff", () -> m.write(-1, new byte[64]));
        assertRejected("plaintext has 10 bytes", () -> m.write(0, new byte[10]));
        SecureMemory events = SecureMemory.eventsOnly(c, Scheme.baobab(4, 4));
        assertRejected("address 0x200000", () -> events.touch(2 << 20));
    }

    @Test
    void merkleHasNoCounters() {
        assertRejected("no counters", () -> SecureMemory.create(SecureMemoryConfig.of(1 << 20), Scheme.merkle(), 1));
    }

    @Test
    void generatorArguments() {
        assertRejected("writeFraction is 1.5", () -> TraceGenerator.uniform(1 << 20, 64, 10, 1.5, 1));
        assertRejected("protectedBytes is 100", () -> TraceGenerator.uniform(100, 64, 10, 0.5, 1));
        assertRejected("exponent is 0.0", () -> TraceGenerator.zipf(1 << 20, 64, 10, 0, 0.5, 1));
        assertRejected("hotBlocks is 0", () -> TraceGenerator.hotBlocks(1 << 20, 64, 10, 0, 0.5, 0.5, 1));
        assertRejected("strideBlocks is 0", () -> TraceGenerator.streaming(1 << 20, 64, 10, 0, 0.5, 1));
    }

    @Test
    void traceArrays() {
        assertRejected("writes has 1 entries but addresses has 2",
                () -> Trace.of("t", new boolean[1], new long[2]));
        assertRejected("address -5 at position 0", () -> Trace.of("t", new boolean[1], new long[] {-5}));
    }
}
