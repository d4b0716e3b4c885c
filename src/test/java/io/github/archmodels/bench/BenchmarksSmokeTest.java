package io.github.archmodels.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Starts every JMH benchmark once, in this JVM, on its smallest input, so that a benchmark that no
 * longer sets up or runs fails the build. It measures nothing: the timings in BENCHMARKS.md come
 * from full JMH runs with forks.
 */
class BenchmarksSmokeTest {

    @Test
    void everyBenchmarkStarts() throws RunnerException {
        Options options = new OptionsBuilder()
                .include("io\\.github\\.archmodels\\.bench\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(20))
                .param("batch", "8")
                .param("mode", "ELIMINATED")
                .param("weights", "4096")
                .param("side", "256")
                .param("gib", "1")
                .param("scheme", "baobab16")
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();

        Set<String> started = new TreeSet<>();
        for (RunResult r : results) {
            started.add(r.getParams().getBenchmark().replaceAll(".*\\.bench\\.", ""));
            assertTrue(r.getPrimaryResult().getScore() > 0, r.getParams().getBenchmark());
        }
        Set<String> expected = Set.of(
                "SpeedupBenchmark.bootstrapEqualWork", "SpeedupBenchmark.bootstrapGeometricMean",
                "SpeedupBenchmark.jackknifeEqualTime", "SpeedupBenchmark.geometricMeanMillion",
                "SpeedupBenchmark.harmonicMeanMillion", "CapsuleForwardBenchmark.forward",
                "DkmStepBenchmark.forwardBackward", "EdkmStoreBenchmark.forwardBackward",
                "SecureMemBench.writePass", "SecureMemBench.sha256Node", "SecureMemBench.hmacBlock",
                "SecureMemBench.aesBlock");
        assertEquals(new TreeSet<>(expected), started);
    }
}
