package io.github.archmodels.clustering.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.archmodels.clustering.Dtype;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SavedTensorStoreTest {

    /** Returns a bf16 map whose rows repeat with period {@code unique}. */
    private static Tensor periodicMap(int rows, int cols, int unique, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] table = new float[unique * cols];
        for (int i = 0; i < table.length; i++) {
            table[i] = Dtype.BF16.round((float) r.nextDouble());
        }
        float[] v = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(table, (i % unique) * cols, v, i * cols, cols);
        }
        return Tensor.of(v, rows, cols, Dtype.BF16, false);
    }

    @Test
    void shardBoundariesFollowFloorRule() {
        // 10 rows over 4 learners: size floor(10 / 4) = 2, starts 0, 2, 4, 6; the last runs to 10.
        assertArrayEquals(new int[] {0, 2, 4, 6, 10}, Shards.boundaries(10, 4));
        // 8 rows over 4 learners: equal shards of 2.
        assertArrayEquals(new int[] {0, 2, 4, 6, 8}, Shards.boundaries(8, 4));
        // 3 rows over 8 learners: size 1, three shards; learners 3..7 keep nothing.
        assertArrayEquals(new int[] {0, 1, 2, 3}, Shards.boundaries(3, 8));
    }

    @Test
    void uniqueRowsRoundTripExactly() {
        Tensor map = periodicMap(2048, 8, 37, 1);
        float[] values = map.toArray();
        UniqueRows u = UniqueRows.of(values, 8, 0, 2048);
        assertEquals(37, u.uniqueCount());
        float[] rebuilt = new float[values.length];
        u.reconstructInto(rebuilt, 0);
        assertArrayEquals(values, rebuilt);
        // 37 x 8 elements x 2 bytes + 2,048 one-byte indices
        assertEquals(37 * 8 * 2 + 2048, u.bytes(2));
    }

    @Test
    void uniqueRowsSeparateNegativeZero() {
        // 0.0 and -0.0 differ in bits, so they are different rows and both come back unchanged.
        float[] values = {0f, 1f, -0f, 1f, 0f, 1f};
        UniqueRows u = UniqueRows.of(values, 2, 0, 3);
        assertEquals(2, u.uniqueCount());
        float[] rebuilt = new float[6];
        u.reconstructInto(rebuilt, 0);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(rebuilt[2]));
    }

    @Test
    void indexWidthFollowsUniqueCount() {
        assertEquals(1, UniqueRows.indexBytes(256));
        assertEquals(2, UniqueRows.indexBytes(257));
        assertEquals(2, UniqueRows.indexBytes(65_536));
        assertEquals(4, UniqueRows.indexBytes(65_537));
        for (int unique : new int[] {200, 300, 70_000}) {
            // Row i is (i mod U, 1): exactly U distinct rows.
            float[] v = new float[160_000];
            for (int i = 0; i < 80_000; i++) {
                v[2 * i] = i % unique;
                v[2 * i + 1] = 1f;
            }
            Tensor map = Tensor.of(v, 80_000, 2, Dtype.FP32, false);
            UniqueRows u = UniqueRows.of(map.toArray(), 2, 0, 80_000);
            assertEquals(unique, u.uniqueCount());
            assertEquals(UniqueRows.indexBytes(unique), u.indexBytes());
            float[] rebuilt = new float[map.size()];
            u.reconstructInto(rebuilt, 0);
            assertArrayEquals(map.toArray(), rebuilt, "U = " + unique);
        }
    }

    @Test
    void shardedUniquifiedMapRoundTrips() {
        Tensor map = periodicMap(2048, 8, 37, 2);
        for (StorePolicy policy : new StorePolicy[] {StorePolicy.edkm(8), StorePolicy.edkm(3),
                StorePolicy.plain().withLearners(5), StorePolicy.plain().withUniquify(true)}) {
            SavedTensorStore store = new SavedTensorStore(policy);
            SavedTensorStore.Handle h = store.save(map);
            assertArrayEquals(map.toArray(), h.unpack().toArray(), policy.label());
        }
    }

    @Test
    void marshalingRecognizesViews() {
        Tensor map = periodicMap(2048, 8, 37, 3);
        StorePolicy policy = StorePolicy.plain().withOffload(true).withMarshal(true);
        SavedTensorStore store = new SavedTensorStore(policy);
        store.save(map);
        long afterFirst = store.stats().hostBytes();
        SavedTensorStore.Handle transposed = store.save(map.transpose());
        SavedTensorStore.Handle reshaped = store.save(map.reshape(4096, 4));
        StoreStats stats = store.stats();
        assertEquals(2048L * 8 * 2, afterFirst);
        assertEquals(afterFirst, stats.hostBytes());
        assertEquals(2 * afterFirst, stats.savedByMarshalingBytes());
        assertEquals(3 * afterFirst, stats.referenceBytes());
        Tensor t = transposed.unpack();
        assertEquals(8, t.rows());
        assertEquals(map.get(5, 3), t.get(3, 5));
        assertEquals(4, reshaped.unpack().cols());
    }

    @Test
    void offloadWithoutMarshalingCopiesEveryReference() {
        Tensor map = periodicMap(2048, 8, 37, 4);
        SavedTensorStore store = new SavedTensorStore(StorePolicy.plain().withOffload(true));
        store.save(map);
        store.save(map.transpose());
        assertEquals(2 * 2048L * 8 * 2, store.stats().hostBytes());
        assertEquals(0, store.stats().deviceBytes());
        assertEquals(store.stats().hostBytes(), store.stats().copiedBytes());
    }

    @Test
    void plainStoreHoldsStorageOnce() {
        Tensor map = periodicMap(2048, 8, 37, 5);
        SavedTensorStore store = SavedTensorStore.plain();
        store.save(map);
        store.save(map.transpose());
        assertEquals(2048L * 8 * 2, store.stats().deviceBytes());
        assertEquals(2, store.stats().references());
    }

    @Test
    void shardingSplitsBytesPerLearner() {
        // 2,048 rows over 8 learners: 256 rows each, 256 x 8 x 2 = 4,096 bytes per learner.
        Tensor map = periodicMap(2048, 8, 37, 6);
        SavedTensorStore store = new SavedTensorStore(StorePolicy.plain().withOffload(true)
                .withLearners(8));
        store.save(map);
        long[] perLearner = store.heldBytesPerLearner();
        for (long b : perLearner) {
            assertEquals(4096, b);
        }
        assertEquals(2048L * 8 * 2 - 4096, store.stats().savedByShardingBytes());
    }

    @Test
    void uniquificationSkipsFp32AndSmallTensors() {
        Tensor fp32 = Tensor.of(periodicMap(2048, 8, 37, 7).toArray(), 2048, 8, Dtype.FP32, false);
        SavedTensorStore store = new SavedTensorStore(StorePolicy.edkm(1));
        store.save(fp32);
        assertEquals(2048L * 8 * 4, store.stats().hostBytes());
        Tensor small = periodicMap(1024, 8, 37, 8);
        store.save(small);
        assertEquals(2048L * 8 * 4 + 1024L * 8 * 2, store.stats().hostBytes());
    }

    @Test
    void clearDropsHeldBytesAndKeepsPeak() {
        SavedTensorStore store = new SavedTensorStore(StorePolicy.edkm(2));
        store.save(periodicMap(2048, 8, 37, 9));
        long held = store.stats().heldBytes();
        store.clear();
        assertEquals(0, store.stats().heldBytes());
        assertEquals(held, store.stats().peakHeldBytes());
        assertTrue(store.stats().peakJavaHeapBytes() > 0);
    }

    @Test
    void rejectsBadPolicies() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StorePolicy.edkm(0));
        assertTrue(e.getMessage().contains("learners = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StorePolicy.plain().withMinRows(-1));
        assertTrue(e.getMessage().contains("minRows = -1"), e.getMessage());
    }
}
