package io.github.archmodels.bench;

import io.github.archmodels.clustering.DkmMemoryModel;
import io.github.archmodels.clustering.DkmOptions;
import io.github.archmodels.clustering.Dtype;
import io.github.archmodels.clustering.autograd.SavedTensorStore;
import io.github.archmodels.clustering.autograd.StorePolicy;
import io.github.archmodels.clustering.autograd.StoreStats;
import java.util.Arrays;

/**
 * One DKM step on a {@code rows x cols} bf16 layer (3 bits, 3 iterations, tau 1e-4) with the plain
 * store and with every eDKM technique over 8 learners: prints held bytes per learner, their ratio,
 * whether the weight gradients are bit-identical, the store's peak Java heap and the step times.
 * Usage: {@code EdkmStoreCheck [rows [cols [learners]]]}, default 4096 4096 8.
 */
public final class EdkmStoreCheck {

    private EdkmStoreCheck() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int cols = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
        int learners = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int n = rows * cols;
        DkmOptions options = DkmStepInputs.options().withDtype(Dtype.BF16);
        float[] w = DkmStepInputs.weights(n);
        float[] upstream = DkmStepInputs.upstream(n);

        StorePolicy[] policies = {StorePolicy.plain(), StorePolicy.edkm(learners)};
        float[] reference = null;
        long plainBytes = 0;
        for (StorePolicy policy : policies) {
            SavedTensorStore store = new SavedTensorStore(policy);
            StoreStats[] stats = new StoreStats[1];
            long start = System.nanoTime();
            float[] grad = DkmStepInputs.step(w, rows, cols, upstream, options, store, stats, null);
            double seconds = (System.nanoTime() - start) / 1e9;
            StoreStats s = stats[0];
            if (reference == null) {
                reference = grad;
                plainBytes = s.heldBytes();
            }
            System.out.printf("%s: held %,d B per learner (device %,d, host %,d), peak Java heap of the"
                    + " store %,d B, step %.2f s, gradient identical to plain: %b%n", policy.label(),
                    s.heldBytes(), s.deviceBytes(), s.hostBytes(), store.stats().peakJavaHeapBytes(), seconds,
                    Arrays.equals(reference, grad));
            System.out.printf("  saved by marshaling %,d B, uniquification %,d B, sharding %,d B%n",
                    s.savedByMarshalingBytes(), s.savedByUniquificationBytes(), s.savedByShardingBytes());
        }
    }
}
