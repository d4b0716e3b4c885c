package io.github.archmodels.securemem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Storage figures worked out by hand. Throughout: 64-byte blocks, 8-byte MACs, 8-byte hashes,
 * 8-ary tree, top node in memory unless stated.
 */
class StorageModelTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    void levelsOfPowersAndRemainders() {
        // 2^21 leaves: 2^18, 2^15, 2^12, 2^9, 2^6, 2^3, 1.
        assertArrayEquals(new long[] {262144, 32768, 4096, 512, 64, 8, 1}, StorageModel.levels(1L << 21, 8));
        // 100 leaves: ceil(100/8) = 13, ceil(13/8) = 2, 1.
        assertArrayEquals(new long[] {13, 2, 1}, StorageModel.levels(100, 8));
        // One leaf: its hash is the root, no node levels.
        assertArrayEquals(new long[] {}, StorageModel.levels(1, 8));
        // Binary tree over 5 leaves: 3, 2, 1.
        assertArrayEquals(new long[] {3, 2, 1}, StorageModel.levels(5, 2));
    }

    @Test
    void oneGibEveryScheme() {
        SecureMemoryConfig c = SecureMemoryConfig.gib(1);
        // N = 2^30 / 64 = 2^24 blocks; MACs = 2^24 * 8 = 2^27 B = 128 MiB = 12.5 %.
        long macs = 128 * MIB;

        // Merkle: 8 hashes per line -> 2^21 leaf lines = 128 MiB; nodes 2^18+2^15+2^12+2^9+2^6+2^3+1
        // = 299593 -> 299593 * 64 = 19,173,952 B; no MACs.
        StorageBreakdown merkle = StorageModel.of(c, Scheme.merkle());
        assertEquals(0, merkle.macBytes());
        assertEquals(1L << 21, merkle.leafLines());
        assertEquals(128 * MIB, merkle.leafBytes());
        assertEquals(7, merkle.treeLevels());
        assertEquals(19_173_952L, merkle.treeBytes());
        // (134,217,728 + 19,173,952) / 2^30 = 14.2857 %.
        assertEquals(153_391_680L, merkle.totalBytes());
        assertEquals(14.2857, merkle.percentOfProtected(merkle.totalBytes()), 1e-4);

        // Monolithic: 8 counters per line, the same leaves and tree, plus MACs: 287,609,408 B.
        StorageBreakdown mono = StorageModel.of(c, Scheme.monolithic());
        assertEquals(macs, mono.macBytes());
        assertEquals(8, mono.blocksPerLeafLine());
        assertEquals(19_173_952L, mono.treeBytes());
        assertEquals(287_609_408L, mono.totalBytes());
        assertEquals(12.5, mono.percentOfProtected(mono.macBytes()), 1e-12);

        // Split: (512 - 64) / 7 = 64 minors per line -> 2^18 lines = 16 MiB = 1.5625 %;
        // nodes 2^15+2^12+2^9+2^6+2^3+1 = 37449 -> 2,396,736 B in 6 levels.
        StorageBreakdown split = StorageModel.of(c, Scheme.split());
        assertEquals(64, split.blocksPerLeafLine());
        assertEquals(16 * MIB, split.leafBytes());
        assertEquals(1.5625, split.percentOfProtected(split.leafBytes()), 1e-12);
        assertEquals(6, split.treeLevels());
        assertEquals(2_396_736L, split.treeBytes());
        assertEquals(macs + 16 * MIB + 2_396_736L, split.totalBytes());

        // Morphable: (512 - 64 - 64) / 3 = 128 per line -> 2^17 lines = 8 MiB;
        // nodes 2^14+2^11+2^8+2^5+2^2+1 = 18725 -> 1,198,400 B.
        StorageBreakdown morph = StorageModel.of(c, Scheme.morphable());
        assertEquals(128, morph.blocksPerLeafLine());
        assertEquals(8 * MIB, morph.leafBytes());
        assertEquals(1_198_400L, morph.treeBytes());

        // Baobab 16 cells: 4-bit indices, 512 / 4 = 128 per line: same as morphable.
        StorageBreakdown b16 = StorageModel.of(c, Scheme.baobab(1024, 16));
        assertEquals(128, b16.blocksPerLeafLine());
        assertEquals(8 * MIB, b16.leafBytes());
        assertEquals(1_198_400L, b16.treeBytes());
        // Table 1024 * 16 * 8 = 131,072 B, plus the 8-byte root hash on chip.
        assertEquals(131_072L, b16.tableBytes());
        assertEquals(131_080L, b16.onChipBytes());

        // Baobab 4 cells: 2-bit indices, 256 per line -> 2^16 lines = 4 MiB;
        // nodes 2^13+2^10+2^7+2^4+2+1 = 9363 -> 599,232 B in 6 levels.
        StorageBreakdown b4 = StorageModel.of(c, Scheme.baobab(1024, 4));
        assertEquals(256, b4.blocksPerLeafLine());
        assertEquals(4 * MIB, b4.leafBytes());
        assertEquals(599_232L, b4.treeBytes());
        assertEquals(6, b4.treeLevels());

        // Reductions of counters + tree against split:
        // (16,777,216 + 2,396,736) / (8,388,608 + 1,198,400) = 19,173,952 / 9,587,008 = 2.0000 (to 1e-4)
        // 19,173,952 / (4,194,304 + 599,232) = 19,173,952 / 4,793,536 = 3.99996
        assertEquals(19_173_952.0 / 9_587_008.0, b16.reductionVersus(split), 1e-12);
        assertEquals(2.0, b16.reductionVersus(split), 1e-4);
        assertEquals(19_173_952.0 / 4_793_536.0, b4.reductionVersus(split), 1e-12);
        assertEquals(4.0, b4.reductionVersus(split), 1e-4);
    }

    @Test
    void sixteenGibMatchesReferenceLayout() {
        SecureMemoryConfig c = SecureMemoryConfig.gib(16);
        // N = 2^28. Monolithic leaves 2^25 lines (2 GiB); nodes 2^22 ... 2^4, 2, 1: 9 levels.
        StorageBreakdown mono = StorageModel.of(c, Scheme.monolithic());
        assertEquals(2 * GIB, mono.leafBytes());
        assertEquals(9, mono.treeLevels());
        // Split leaves 2^22 lines = 256 MiB; nodes 2^19+2^16+2^13+2^10+2^7+2^4+2+1 = 599,187.
        StorageBreakdown split = StorageModel.of(c, Scheme.split());
        assertEquals(256 * MIB, split.leafBytes());
        assertEquals(599_187L * 64, split.treeBytes());
        assertEquals(8, split.treeLevels());
        // Baobab 16 cells: 2^21 lines = 128 MiB; 299,593 nodes in 7 levels.
        StorageBreakdown b16 = StorageModel.of(c, Scheme.baobab(1024, 16));
        assertEquals(128 * MIB, b16.leafBytes());
        assertEquals(299_593L * 64, b16.treeBytes());
        // (2^28 + 599,187 * 64) / (2^27 + 299,593 * 64) = 306,783,424 / 153,391,680 = 2.0000
        assertEquals(306_783_424.0 / 153_391_680.0, b16.reductionVersus(split), 1e-12);
        // With MACs the saving is small: (2 GiB + 306,783,424) / (2 GiB + 153,391,680) = 1.0667.
        assertEquals(1.0667, (double) split.totalBytes() / b16.totalBytes(), 1e-4);
    }

    @Test
    void threeGibCrossesNoPowerOfEight() {
        SecureMemoryConfig c = SecureMemoryConfig.gib(3);
        // N = 3 * 2^24 = 50,331,648. Split: 786,432 lines; 98304, 12288, 1536, 192, 24, 3, 1
        // = 112,348 nodes = 7,190,272 B.
        StorageBreakdown split = StorageModel.of(c, Scheme.split());
        assertEquals(786_432L, split.leafLines());
        assertArrayEquals(new long[] {98304, 12288, 1536, 192, 24, 3, 1}, split.levelNodes());
        assertEquals(7_190_272L, split.treeBytes());
        // Baobab 16 cells: 393,216 lines; 49152, 6144, 768, 96, 12, 2, 1 = 56,175 nodes.
        StorageBreakdown b16 = StorageModel.of(c, Scheme.baobab(1024, 16));
        assertArrayEquals(new long[] {49152, 6144, 768, 96, 12, 2, 1}, b16.levelNodes());
        assertEquals(56_175L * 64, b16.treeBytes());
    }

    @Test
    void hundredMibNeedsCeilings() {
        SecureMemoryConfig c = SecureMemoryConfig.of(100 * MIB);
        // N = 1,638,400. Split: 25,600 lines; 3200, 400, 50, ceil(50/8) = 7, 1 = 3658 nodes.
        StorageBreakdown split = StorageModel.of(c, Scheme.split());
        assertArrayEquals(new long[] {3200, 400, 50, 7, 1}, split.levelNodes());
        assertEquals(3658L * 64, split.treeBytes());
        // Baobab 4 cells: 6400 lines; 800, 100, ceil(100/8) = 13, 2, 1 = 916 nodes.
        StorageBreakdown b4 = StorageModel.of(c, Scheme.baobab(1024, 4));
        assertArrayEquals(new long[] {800, 100, 13, 2, 1}, b4.levelNodes());
        assertEquals(916L * 64, b4.treeBytes());
        // Percent: 916 * 64 / (100 * 2^20) = 58,624 / 104,857,600 = 0.05591 %.
        assertEquals(0.05591, b4.percentOfProtected(b4.treeBytes()), 1e-5);
    }

    @Test
    void rootOnChipMovesTopNode() {
        SecureMemoryConfig c = SecureMemoryConfig.gib(1).withRootOnChip(true);
        StorageBreakdown split = StorageModel.of(c, Scheme.split());
        // 2,396,736 - 64 = 2,396,672 B in memory; the 64-byte top node is on chip.
        assertEquals(2_396_672L, split.treeBytes());
        assertEquals(64, split.onChipBytes());
        assertEquals(0, split.levelBytes(6));
        StorageBreakdown b16 = StorageModel.of(c, Scheme.baobab(1024, 16));
        assertEquals(131_072L + 64, b16.onChipBytes());
    }

    @Test
    void indexBitsArePowersOfTwo() {
        // b = smallest power of two with 2^b >= cells.
        int[][] cases = {{2, 1}, {3, 2}, {4, 2}, {5, 4}, {16, 4}, {17, 8}, {256, 8}, {257, 16}};
        for (int[] c : cases) {
            assertEquals(c[1], BaobabTableConfig.of(1024, c[0]).indexBits(), "cells " + c[0]);
        }
        // 64-byte line: 512 / b indices.
        assertEquals(512, Scheme.baobab(1024, 2).blocksPerLeafLine(64, 8));
        assertEquals(64, Scheme.baobab(1024, 256).blocksPerLeafLine(64, 8));
    }

    @Test
    void reductionIsEightOverIndexBits() {
        // Property: on any size that is a power of 8 times 2^15 blocks, ratio ~ 8 / b.
        for (long gib : new long[] {2, 16, 128}) {
            SecureMemoryConfig c = SecureMemoryConfig.gib(gib);
            StorageBreakdown split = StorageModel.of(c, Scheme.split());
            for (int cells : new int[] {2, 4, 16, 256}) {
                int bits = BaobabTableConfig.of(1, cells).indexBits();
                double ratio = StorageModel.of(c, Scheme.baobab(1024, cells)).reductionVersus(split);
                assertEquals(8.0 / bits, ratio, 8.0 / bits * 1e-3, gib + " GiB, " + cells + " cells");
            }
        }
    }

    @Test
    void sweepTableHasRowPerSizeAndScheme() {
        Table t = StorageModel.sweep(SecureMemoryConfig.gib(1), new long[] {GIB, 16 * GIB},
                Scheme.standard());
        assertEquals(2 * Scheme.standard().size(), t.rowCount());
        assertTrue(t.columnNames().contains("counter_tree_reduction_vs_split"));
        assertEquals(1.0, t.where(t.stringColumn("scheme").isEqualTo("split"))
                .doubleColumn("counter_tree_reduction_vs_split").get(1), 1e-12);
        // Rows: MACs, counters, 6 tree levels, total.
        assertEquals(9, StorageModel.of(SecureMemoryConfig.gib(1), Scheme.split()).toTable().rowCount());
    }

    @Test
    void humanBytesFormats() {
        assertEquals("16 GiB", StorageModel.humanBytes(16 * GIB));
        assertEquals("1.50 KiB", StorageModel.humanBytes(1536));
    }

    @Test
    void levelsRejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StorageModel.levels(10, 1));
        assertTrue(e.getMessage().contains("arity is 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StorageModel.levels(0, 8));
        assertTrue(e.getMessage().contains("leaves is 0"), e.getMessage());
    }
}
