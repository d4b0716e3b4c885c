package io.github.archmodels.bench;

import io.github.archmodels.clustering.DkmOptions;
import io.github.archmodels.clustering.Dtype;
import io.github.archmodels.clustering.autograd.SavedTensorStore;
import io.github.archmodels.clustering.autograd.StorePolicy;
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
 * One DKM forward and backward step on a 4,096 x 4,096 bf16 layer (3 bits, 3 iterations) with the
 * plain store or with every eDKM technique over 8 learners: the time cost of packing. Byte counts
 * come from {@link EdkmStoreCheck}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EdkmStoreBenchmark {

    @Param({"plain", "edkm8"})
    public String store;

    @Param({"4096"})
    public int side;

    private float[] w;
    private float[] upstream;
    private DkmOptions options;

    @Setup
    public void setUp() {
        w = DkmStepInputs.weights(side * side);
        upstream = DkmStepInputs.upstream(side * side);
        options = DkmStepInputs.options().withDtype(Dtype.BF16);
    }

    @Benchmark
    public float[] forwardBackward() {
        StorePolicy policy = store.equals("plain") ? StorePolicy.plain() : StorePolicy.edkm(8);
        return DkmStepInputs.step(w, side, side, upstream, options, new SavedTensorStore(policy), null, null);
    }
}
