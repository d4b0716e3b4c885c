package io.github.archmodels.clustering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.archmodels.clustering.autograd.SavedTensorStore;
import io.github.archmodels.clustering.autograd.StorePolicy;
import io.github.archmodels.clustering.autograd.StoreStats;
import io.github.archmodels.clustering.autograd.Tape;
import io.github.archmodels.clustering.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The eDKM store policies on real DKM graphs: identical gradients and bytes matching the model. */
class EdkmPolicyTest {

    private static final int ROWS = 64;
    private static final int COLS = 64;

    /** Weights with {@code unique} distinct bf16 values repeating along the flat index. */
    private static float[] periodicWeights(int n, int unique) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = Dtype.BF16.round((i % unique) / (float) unique - 0.5f);
        }
        return w;
    }

    private static List<StorePolicy> allCombinations() {
        List<StorePolicy> out = new ArrayList<>();
        for (int mask = 0; mask < 16; mask++) {
            out.add(new StorePolicy((mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0,
                    (mask & 8) != 0 ? 4 : 1, StorePolicy.DEFAULT_MIN_ROWS));
        }
        return out;
    }

    /** Runs one DKM forward and backward step and returns the weight gradient and store stats. */
    private static StoreStats step(float[] w, DkmOptions options, StorePolicy policy, float[][] gradOut) {
        SavedTensorStore store = new SavedTensorStore(policy);
        Tape tape = new Tape(store);
        Tensor weight = Tensor.of(w, ROWS, COLS, Dtype.FP32, true);
        DkmLayer layer = DkmLayer.of(options);
        Tensor clustered = layer.forward(tape, weight);
        StoreStats stats = store.stats();
        float[] upstream = new float[clustered.size()];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < upstream.length; i++) {
            upstream[i] = (float) r.nextGaussian();
        }
        tape.backward(clustered, upstream);
        gradOut[0] = weight.grad();
        tape.clear();
        return stats;
    }

    @Test
    void gradientsIdenticalUnderEveryPolicy() {
        float[] w = periodicWeights(ROWS * COLS, 64);
        for (DkmOptions options : List.of(DkmOptions.bits(3).withDtype(Dtype.BF16).withTau(1e-2),
                DkmOptions.bits(2).withDtype(Dtype.FP16).withClusterDim(2).withTau(1e-2),
                DkmOptions.bits(4).withTau(1e-3).withPerChannelScale(true))) {
            float[][] reference = new float[1][];
            step(w, options, StorePolicy.plain(), reference);
            for (StorePolicy policy : allCombinations()) {
                float[][] grad = new float[1][];
                step(w, options, policy, grad);
                assertArrayEquals(reference[0], grad[0], policy.label() + " " + options);
            }
        }
    }

    @Test
    void measuredBytesMatchModelForEveryPolicy() {
        // 4,096 bf16 weights with 64 distinct values; each 1,024-row shard holds all 64 of them.
        // tau = 1 keeps attention rows of different weights different, so U = 64 rows per shard.
        int unique = 64;
        float[] w = periodicWeights(ROWS * COLS, unique);
        DkmOptions options = DkmOptions.bits(3).withDtype(Dtype.BF16).withTau(1.0);
        DkmMemoryModel model = DkmMemoryModel.of(ROWS * COLS, 3, Dtype.BF16, 1, 3, unique);
        List<StorePolicy> policies = new ArrayList<>(allCombinations());
        policies.add(StorePolicy.edkm(8).withMinRows(100));
        policies.add(StorePolicy.edkm(3).withMinRows(4));
        for (StorePolicy policy : policies) {
            float[][] grad = new float[1][];
            StoreStats measured = step(w, options, policy, grad);
            DkmMemoryModel.Estimate e = model.estimate(policy);
            String label = policy.label() + " minRows " + policy.minRows();
            assertEquals(e.references(), measured.references(), label);
            assertEquals(e.referenceBytes(), measured.referenceBytes(), label);
            assertEquals(e.deviceBytes(), measured.deviceBytes(), label);
            assertEquals(e.hostBytes(), measured.hostBytes(), label);
        }
    }

    @Test
    void plainBytesByHand() {
        // N = 4,096 bf16 weights, d = 1, k = 8, r = 3: distinct storages W 4,096 x 1, C_0..C_3 4 x (8 x 1),
        // A_1..A_3 3 x (4,096 x 8), numerators 3 x 8, denominators 3 x 8; 2 bytes each:
        // (4,096 + 32 + 98,304 + 24 + 24) x 2 = 204,960 bytes.
        DkmMemoryModel model = DkmMemoryModel.of(4096, 3, Dtype.BF16, 1, 3, 64);
        assertEquals(204_960, model.estimate(StorePolicy.plain()).heldBytes());
        // Full eDKM, 4 learners: per learner W 1,024 x 2 = 2,048; each map 64 x 8 x 2 + 1,024 x 1 =
        // 2,048; small tensors 80 elements x 2 = 160. Total 2,048 + 3 x 2,048 + 160 = 8,352.
        assertEquals(8_352, model.estimate(StorePolicy.edkm(4)).heldBytes());
    }

    @Test
    void measuredUniqueRowsNeverExceedModelBound() {
        // With tiny tau many distinct weights share one-hot rows, so the store holds fewer unique rows
        // than the bound U = distinct weights per shard.
        float[] w = DkmTest.randomWeights(ROWS * COLS, 8);
        for (int i = 0; i < w.length; i++) {
            w[i] = Dtype.BF16.round(w[i]);
        }
        long distinct = java.util.Arrays.stream(toDouble(w)).distinct().count();
        DkmOptions options = DkmOptions.bits(3).withDtype(Dtype.BF16).withTau(1e-4);
        float[][] grad = new float[1][];
        StoreStats measured = step(w, options, StorePolicy.edkm(1), grad);
        long bound = DkmMemoryModel.of(ROWS * COLS, 3, Dtype.BF16, 1, 3, distinct)
                .estimate(StorePolicy.edkm(1)).heldBytes();
        assertTrue(measured.heldBytes() <= bound, measured.heldBytes() + " > " + bound);
    }

    @Test
    void distinctBf16ValuesInWeightRange() {
        // 22 binades from 2^-24 to 2^-2, 128 values each, two signs: 5,632.
        assertEquals(5632, DkmMemoryModel.distinctValues(Dtype.BF16, 0x1p-24, 0x1p-2));
        // All finite fp16 values: 65,536 patterns minus 2 x 1,024 inf/NaN, minus -0: 63,487.
        assertEquals(63_487, DkmMemoryModel.distinctValues(Dtype.FP16, 0, Double.POSITIVE_INFINITY));
    }

    private static double[] toDouble(float[] w) {
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i];
        }
        return out;
    }
}
