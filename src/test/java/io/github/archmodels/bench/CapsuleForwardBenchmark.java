package io.github.archmodels.bench;

import io.github.archmodels.capsule.CapsNetSpec;
import io.github.archmodels.capsule.CapsNetWeights;
import io.github.archmodels.capsule.ForwardResult;
import io.github.archmodels.capsule.FunctionalCapsNet;
import io.github.archmodels.capsule.TileShape;
import io.github.archmodels.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward pass of the functional Fashion-MNIST CapsNet on real test images, seconds per batch
 * (images per second = batch / score). Run from the project root, because the images are read from
 * {@code data/fashion-mnist}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class CapsuleForwardBenchmark {

    @Param({"8", "16", "32", "64"})
    public int batch;

    @Param({"ELIMINATED", "PADDED"})
    public FunctionalCapsNet.Mode mode;

    private FunctionalCapsNet net;
    private float[] images;

    @Setup
    public void setUp() throws IOException {
        FashionMnist data = FashionMnist.shippedTestSplit(Path.of("data"));
        net = FunctionalCapsNet.of(CapsNetWeights.seeded(CapsNetSpec.fashionMnist(), 2024),
                TileShape.wmma16x16x16());
        images = FunctionalCapsNet.images(data, 0, batch);
    }

    @Benchmark
    public ForwardResult forward() {
        return net.forward(images, batch, mode);
    }
}
