package io.github.archmodels.securemem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.archmodels.securemem.BaobabTable.Outcome;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BaobabTableTest {

    /** Creates one entry of four cells for five blocks b0..b4 (block j maps to entry j mod 1 = 0). */
    private static BaobabTable tiny(FullEntryPolicy policy) {
        return new BaobabTable(new BaobabTableConfig(1, 4, policy), 5);
    }

    private static void expect(BaobabTable.Update u, Outcome outcome, int cell, long value) {
        assertEquals(outcome, u.outcome(), "outcome");
        assertEquals(cell, u.cell(), "cell");
        assertEquals(value, u.value(), "value");
    }

    @Test
    void handWorkedSequenceUntilFull() {
        BaobabTable t = tiny(FullEntryPolicy.STALL);
        int[] idx = new int[5];
        // Start: c0 = (value 0, 5 holders); c1..c3 free.
        assertEquals(5, t.holders(0, 0));
        assertEquals(1, t.liveCells(0));

        // 1. b0 at c0 (5 holders), nothing above 0, c1 free -> c1 = (1, 1), c0 = (0, 4).
        BaobabTable.Update u = t.write(0, idx[0]);
        expect(u, Outcome.NEW_VALUE, 1, 1);
        idx[0] = u.cell();
        // 2. b1 at c0 (4 holders): smallest value above 0 is c1 = 1 -> move; c1 = (1, 2), c0 = (0, 3).
        u = t.write(1, idx[1]);
        expect(u, Outcome.MOVED, 1, 1);
        idx[1] = u.cell();
        assertEquals(2, t.holders(0, 1));
        assertEquals(3, t.holders(0, 0));
        // 3. b1 at c1 (2 holders), nothing above 1 -> c2 = (2, 1), c1 = (1, 1).
        u = t.write(1, idx[1]);
        expect(u, Outcome.NEW_VALUE, 2, 2);
        idx[1] = u.cell();
        // 4. b2 at c0 (3 holders) -> c1 (value 1); c1 = (1, 2), c0 = (0, 2).
        u = t.write(2, idx[2]);
        expect(u, Outcome.MOVED, 1, 1);
        idx[2] = u.cell();
        // 5. b2 at c1 (2 holders) -> c2 (value 2); c2 = (2, 2), c1 = (1, 1).
        u = t.write(2, idx[2]);
        expect(u, Outcome.MOVED, 2, 2);
        idx[2] = u.cell();
        // 6. b2 at c2 (2 holders), nothing above 2 -> c3 = (3, 1). All four cells live now.
        u = t.write(2, idx[2]);
        expect(u, Outcome.NEW_VALUE, 3, 3);
        idx[2] = u.cell();
        assertEquals(4, t.liveCells(0));
        assertEquals(1, t.fullEntries());
        assertEquals(1.0, t.occupancy(), 1e-12);
        assertEquals(4, t.distinctValues());
        // 7. b0 is the sole holder of c1 (value 1): increment in place to 2, index unchanged.
        u = t.write(0, idx[0]);
        expect(u, Outcome.IN_PLACE, 1, 2);
        // c1 and c2 now both hold value 2: three distinct values {0, 2, 3}.
        assertEquals(3, t.distinctValues());
        // 8. b3 at c0 (2 holders: b3, b4): smallest value above 0 is 2, first at c1 -> move.
        u = t.write(3, idx[3]);
        expect(u, Outcome.MOVED, 1, 2);
        idx[3] = u.cell();
        // 9. b3 at c1 (2 holders) -> c3 (value 3); c3 = (3, 2), c1 = (2, 1).
        u = t.write(3, idx[3]);
        expect(u, Outcome.MOVED, 3, 3);
        idx[3] = u.cell();
        // 10. b3 at c3 (2 holders, the maximum) and no cell is free: c0 = (0, 1) b4,
        // c1 = (2, 1) b0, c2 = (2, 1) b1, c3 = (3, 2) b2 b3 -> FULL, table unchanged.
        u = t.write(3, idx[3]);
        expect(u, Outcome.FULL, 3, 3);
        assertEquals(2, t.holders(0, 3));
        assertEquals(1, t.holders(0, 0));

        // Rebase: max 3 -> value 4 for all five blocks in c0; the other cells free.
        assertEquals(4, t.rebase(0));
        assertEquals(5, t.holders(0, 0));
        assertEquals(1, t.liveCells(0));
        assertEquals(0, t.fullEntries());
        // b3 (index now 0) writes again: nothing above 4 -> c1 = (5, 1).
        u = t.write(3, 0);
        expect(u, Outcome.NEW_VALUE, 1, 5);
    }

    @Test
    void overflowWithShortValues() {
        // 2-bit values: a value reaching 2^2 - 1 = 3 overflows, so 2 is the largest.
        BaobabTable t = new BaobabTable(new BaobabTableConfig(1, 4, FullEntryPolicy.STALL), 1, 2);
        assertEquals(2, t.maxValue());
        expect(t.write(0, 0), Outcome.IN_PLACE, 0, 1);
        expect(t.write(0, 0), Outcome.IN_PLACE, 0, 2);
        expect(t.write(0, 0), Outcome.OVERFLOW, 0, 2);
        assertEquals(-1, t.rebase(0));
    }

    @Test
    void referenceValueWidth() {
        // 16 GiB = 2^28 blocks over 1024 entries = 2^18 per entry: bitsInHolder = 18,
        // value field 63 - 18 = 45 bits, largest value 2^45 - 2.
        BaobabTableConfig ref = BaobabTableConfig.reference();
        assertEquals(18, BaobabTable.bitsInHolder(ref, 1L << 28));
        assertEquals((1L << 45) - 2, new BaobabTable(ref, 1L << 28).maxValue());
        assertEquals(131_072L, ref.tableBytes());
    }

    @Test
    void unevenEntrySizes() {
        // 10 blocks over 4 entries: entries 0 and 1 get 3 blocks, entries 2 and 3 get 2.
        BaobabTable t = new BaobabTable(BaobabTableConfig.of(4, 4), 10);
        assertEquals(3, t.blocksInEntry(0));
        assertEquals(3, t.blocksInEntry(1));
        assertEquals(2, t.blocksInEntry(2));
        assertEquals(2, t.holders(3, 0));
    }

    @Test
    void randomWritesKeepInvariants() {
        // Property: holders of each entry sum to its block count, live-cell counts match the
        // holder arrays, and every block's counter strictly increases at each accepted write.
        BaobabTableConfig cfg = BaobabTableConfig.of(3, 4);
        int blocks = 40;
        BaobabTable t = new BaobabTable(cfg, blocks);
        int[] idx = new int[blocks];
        long[] last = new long[blocks];
        SplittableRandom random = new SplittableRandom(11);
        for (int step = 0; step < 20_000; step++) {
            int b = random.nextInt(blocks);
            int entry = t.entryOf(b);
            BaobabTable.Update u = t.write(b, idx[b]);
            if (u.outcome() == Outcome.FULL) {
                long value = t.rebase(entry);
                for (int j = entry; j < blocks; j += cfg.entries()) {
                    assertTrue(value > last[j], "rebase must raise every counter of the entry");
                    idx[j] = 0;
                    last[j] = value;
                }
                continue;
            }
            assertTrue(u.value() > last[b], "counter of block " + b + " did not increase at step " + step);
            idx[b] = u.cell();
            last[b] = u.value();
            assertEquals(t.value(entry, idx[b]), last[b]);
        }
        for (int e = 0; e < cfg.entries(); e++) {
            long sum = 0;
            int live = 0;
            for (int k = 0; k < cfg.cellsPerEntry(); k++) {
                sum += t.holders(e, k);
                live += t.holders(e, k) > 0 ? 1 : 0;
            }
            assertEquals(t.blocksInEntry(e), sum, "holders of entry " + e);
            assertEquals(live, t.liveCells(e), "live cells of entry " + e);
        }
        for (int b = 0; b < blocks; b++) {
            assertEquals(last[b], t.value(t.entryOf(b), idx[b]), "value of block " + b);
        }
    }

    @Test
    void rejectsCellWithoutHolders() {
        BaobabTable t = tiny(FullEntryPolicy.STALL);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.write(0, 2));
        assertTrue(e.getMessage().contains("cell 2"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> t.write(0, 4));
        assertTrue(bad.getMessage().contains("cell is 4"), bad.getMessage());
    }
}
