package io.github.archmodels.bench;

import io.github.archmodels.clustering.DkmOptions;
import io.github.archmodels.clustering.autograd.SavedTensorStore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One DKM forward and backward step (8 clusters, 3 iterations, tau 1e-4, fp32, plain store) on
 * {@code weights} weights laid out as a 1,024-column matrix. The PyTorch peer is
 * {@code bench/clustering/dkm_step.py}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DkmStepBenchmark {

    @Param({"1048576"})
    public int weights;

    private float[] w;
    private float[] upstream;
    private DkmOptions options;

    @Setup
    public void setUp() {
        w = DkmStepInputs.weights(weights);
        upstream = DkmStepInputs.upstream(weights);
        options = DkmStepInputs.options();
    }

    @Benchmark
    public float[] forwardBackward() {
        return DkmStepInputs.step(w, weights / 1024, 1024, upstream, options, SavedTensorStore.plain(),
                null, null);
    }
}
