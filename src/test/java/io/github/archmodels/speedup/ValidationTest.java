package io.github.archmodels.speedup;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ValidationTest {

    private static void rejects(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }

    private static final double[] ONE_TWO = {1, 2};

    @Test
    void emptyAndNullInput() {
        rejects(() -> Speedups.ofTimes(new double[0], new double[0]), "baseline is empty");
        rejects(() -> Speedups.ofTimes(null, ONE_TWO), "baseline is null");
        rejects(() -> Speedups.ofRates(ONE_TWO, null), "target is null");
        rejects(() -> Means.geometric(new double[0]), "values is empty");
    }

    @Test
    void lengthMismatch() {
        rejects(() -> Speedups.ofTimes(new double[] {1, 2, 3}, ONE_TWO), "baseline has 3", "target has 2");
        rejects(() -> Speedups.ofTimes(List.of("a"), ONE_TWO, ONE_TWO), "1 benchmark names for 2");
        rejects(() -> Speedups.ofTimes(ONE_TWO, ONE_TWO).withWork(new double[] {1}), "work has 1");
    }

    @Test
    void nanAndInfinity() {
        rejects(() -> Speedups.ofTimes(new double[] {1, Double.NaN}, ONE_TWO), "baseline[1] is NaN");
        rejects(() -> Speedups.ofRates(ONE_TWO, new double[] {Double.POSITIVE_INFINITY, 1}),
                "target[0] is Infinity");
        rejects(() -> Means.harmonic(new double[] {1, Double.NEGATIVE_INFINITY}), "values[1] is -Infinity");
    }

    @Test
    void zeroAndNegativeValues() {
        rejects(() -> Speedups.ofTimes(new double[] {0, 1}, ONE_TWO), "baseline[0] is 0.0", "greater than zero");
        rejects(() -> Speedups.ofTimes(ONE_TWO, new double[] {1, -2}), "target[1] is -2.0");
        rejects(() -> Means.geometric(new double[] {1, 0}), "values[1] is 0.0");
        rejects(() -> Speedups.ofTimes(ONE_TWO, ONE_TWO).withRunCounts(new double[] {1, 0}), "runCounts[1] is 0.0");
    }

    @Test
    void badWeights() {
        Speedups s = Speedups.ofTimes(ONE_TWO, ONE_TWO);
        rejects(() -> s.arithmeticMean(new double[] {1, Double.NaN}), "weights[1] is NaN");
        rejects(() -> s.geometricMean(new double[] {-1, 2}), "weights[0] is -1.0");
        rejects(() -> s.harmonicMean(new double[] {0, 0}), "all 2 weights are zero");
        rejects(() -> s.harmonicMean(new double[] {1}), "weights has 1 values");
    }

    @Test
    void badConfidenceLevels() {
        Speedups s = Speedups.ofTimes(new double[] {1, 2, 3}, new double[] {1, 1, 1});
        for (double level : new double[] {0, 1, 1.5, -0.1, Double.NaN}) {
            rejects(() -> s.geometricMeanInterval(level), "confidence level is " + level);
            rejects(() -> s.jackknife(Metric.EQUAL_WORK, level), "confidence level is " + level);
        }
        rejects(() -> s.bootstrap(Metric.EQUAL_WORK, 0.95, 0, 1), "resamples is 0");
        for (double level : new double[] {0, 1.5, Double.NaN}) {
            rejects(() -> s.bootstrap(Metric.EQUAL_WORK, level, 1), "confidence level is " + level);
        }
    }

    @Test
    void intervalsNeedTwoBenchmarks() {
        Speedups s = Speedups.ofTimes(new double[] {2}, new double[] {1});
        rejects(() -> s.geometricMeanInterval(0.95), "at least 2 benchmarks, got 1");
        rejects(() -> s.bootstrap(Metric.EQUAL_TIME, 0.95, 100, 1), "at least 2 benchmarks, got 1");
        rejects(() -> s.jackknife(Metric.EQUAL_TIME, 0.95), "at least 2 benchmarks, got 1");
    }

    @Test
    void duplicateAndBlankNames() {
        rejects(() -> Speedups.ofTimes(List.of("a", "a"), ONE_TWO, ONE_TWO), "'a' appears twice");
        rejects(() -> Speedups.ofTimes(List.of("a", " "), ONE_TWO, ONE_TWO), "null or blank");
    }

    @Test
    void badTables() {
        Table t = Table.create("runs", StringColumn.create("bench", "x", "y"),
                DoubleColumn.create("base", 1.0, 2.0), StringColumn.create("label", "p", "q"));
        rejects(() -> Speedups.ofTimes(t, "bench", "base", "missing"), "no column 'missing'");
        rejects(() -> Speedups.ofTimes(t, "bench", "base", "label"), "'label'", "not numeric");
        Table withGap = Table.create("gap", StringColumn.create("bench", "x", "y"),
                DoubleColumn.create("base", 1.0, 2.0), DoubleColumn.create("new", new double[] {1.0, Double.NaN}));
        rejects(() -> Speedups.ofTimes(withGap, "bench", "base", "new"), "missing value in row 1");
        rejects(() -> Speedups.ofTimes(t.emptyCopy(), "bench", "base", "base"), "has no rows");
    }

    @Test
    void badMultiprogramInput() {
        rejects(() -> Multiprogram.stp(new double[] {1, 2}, new double[] {1}), "singleProgram has 2");
        rejects(() -> Multiprogram.antt(new double[] {1, 0}, new double[] {1, 1}), "singleProgram[1] is 0.0");
    }

    @Test
    void comparisonNeedsSameBaseline() {
        Speedups a = Speedups.ofTimes(ONE_TWO, ONE_TWO);
        Speedups b = Speedups.ofTimes(new double[] {1, 3}, ONE_TWO);
        rejects(() -> SpeedupComparison.of(java.util.Map.of("a", a)), "at least 2 target systems");
        java.util.Map<String, Speedups> m = new java.util.LinkedHashMap<>();
        m.put("a", a);
        m.put("b", b);
        rejects(() -> SpeedupComparison.of(m), "'b'", "same baseline");
    }
}
