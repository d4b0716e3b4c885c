package io.github.archmodels.bench;

import io.github.archmodels.speedup.Interval;
import io.github.archmodels.speedup.Means;
import io.github.archmodels.speedup.Metric;
import io.github.archmodels.speedup.Speedups;
import java.util.SplittableRandom;
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
 * Hot paths of the speedup module: the bootstrap interval of equal-work speedup (30 benchmarks,
 * 10,000 resamples, the size compared against {@code scipy.stats.bootstrap} in
 * {@code bench/speedup/bootstrap_scipy.py}), the jackknife, and the means over many values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SpeedupBenchmark {

    /** Number of benchmarks in the suite being summarized. */
    @Param({"30"})
    public int benchmarks;

    private Speedups speedups;
    private double[] manyValues;

    @Setup
    public void setUp() {
        speedups = BenchInputs.speedups(benchmarks);
        SplittableRandom random = new SplittableRandom(7);
        manyValues = new double[1 << 20];
        for (int i = 0; i < manyValues.length; i++) {
            manyValues[i] = 0.5 + random.nextDouble() * 2;
        }
    }

    /** Percentile bootstrap of equal-work speedup, 10,000 resamples. */
    @Benchmark
    public Interval bootstrapEqualWork() {
        return speedups.bootstrap(Metric.EQUAL_WORK, 0.95, 10_000, 42);
    }

    /** Percentile bootstrap of the geometric mean, 10,000 resamples. */
    @Benchmark
    public Interval bootstrapGeometricMean() {
        return speedups.bootstrap(Metric.GEOMETRIC_MEAN, 0.95, 10_000, 42);
    }

    /** Jackknife interval of equal-time speedup. */
    @Benchmark
    public Interval jackknifeEqualTime() {
        return speedups.jackknife(Metric.EQUAL_TIME, 0.95);
    }

    /** Geometric mean of 2^20 values (log-sum with compensated summation). */
    @Benchmark
    public double geometricMeanMillion() {
        return Means.geometric(manyValues);
    }

    /** Harmonic mean of 2^20 values. */
    @Benchmark
    public double harmonicMeanMillion() {
        return Means.harmonic(manyValues);
    }
}
