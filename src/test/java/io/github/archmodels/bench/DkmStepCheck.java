package io.github.archmodels.bench;

import io.github.archmodels.clustering.DkmMemoryModel;
import io.github.archmodels.clustering.DkmOptions;
import io.github.archmodels.clustering.Dtype;
import io.github.archmodels.clustering.autograd.SavedTensorStore;
import io.github.archmodels.clustering.autograd.StorePolicy;
import io.github.archmodels.clustering.autograd.StoreStats;

/**
 * Prints the checksums of one DKM step that {@code bench/clustering/dkm_step.py} prints too, the
 * saved-tensor bytes beside {@link DkmMemoryModel}, the store's peak bytes and the median step time.
 * Usage: {@code DkmStepCheck [weights [timedSteps]]}, defaults 1,048,576 and 0.
 */
public final class DkmStepCheck {

    private DkmStepCheck() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1 << 20;
        DkmOptions options = DkmStepInputs.options();
        float[] w = DkmStepInputs.weights(n);
        float[] upstream = DkmStepInputs.upstream(n);
        StoreStats[] stats = new StoreStats[1];
        float[][] clustered = new float[1][];
        SavedTensorStore store = SavedTensorStore.plain();
        float[] grad = DkmStepInputs.step(w, n / 1024, 1024, upstream, options, store, stats, clustered);
        double sumClustered = 0;
        double sumGrad = 0;
        double sumAbsGrad = 0;
        for (int i = 0; i < n; i++) {
            sumClustered += clustered[0][i];
            sumGrad += grad[i];
            sumAbsGrad += Math.abs(grad[i]);
        }
        System.out.printf("weights %d%n", n);
        System.out.printf("sum(W~) %.6e%n", sumClustered);
        System.out.printf("sum(grad) %.6e%n", sumGrad);
        System.out.printf("sum|grad| %.6e%n", sumAbsGrad);
        System.out.printf("W~[0..3] %.7e %.7e %.7e %.7e%n", clustered[0][0], clustered[0][1],
                clustered[0][2], clustered[0][3]);
        System.out.printf("grad[0..3] %.7e %.7e %.7e %.7e%n", grad[0], grad[1], grad[2], grad[3]);
        long model = DkmMemoryModel.of(n, 3, Dtype.FP32, 1, 3, 1).estimate(StorePolicy.plain()).heldBytes();
        System.out.printf("saved references %d, saved reference bytes %d%n", stats[0].references(),
                stats[0].referenceBytes());
        System.out.printf("store held bytes %d, analytic model %d, equal %b%n", stats[0].heldBytes(), model,
                stats[0].heldBytes() == model);
        System.out.printf("store peak held bytes %d, peak Java heap of packed copies %d%n",
                store.stats().peakHeldBytes(), store.stats().peakJavaHeapBytes());

        int timed = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        if (timed > 0) {
            for (int i = 0; i < 3; i++) {
                DkmStepInputs.step(w, n / 1024, 1024, upstream, options, SavedTensorStore.plain(), null, null);
            }
            double[] ms = new double[timed];
            for (int i = 0; i < timed; i++) {
                long start = System.nanoTime();
                DkmStepInputs.step(w, n / 1024, 1024, upstream, options, SavedTensorStore.plain(), null, null);
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            java.util.Arrays.sort(ms);
            System.out.printf("median step %.2f ms over %d runs (min %.2f ms)%n", ms[timed / 2], timed, ms[0]);
        }
    }
}
