package io.github.archmodels.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class SpeedupsTest {

    private static final double EPS = 1e-12;

    @Test
    void timesExampleFromContract() {
        // Times 3,2,4 -> 1,1,2 give S = 3,2,2.
        Speedups s = Speedups.ofTimes(new double[] {3, 2, 4}, new double[] {1, 1, 2});
        assertEquals(7.0 / 3, s.arithmeticMean(), EPS);
        assertEquals(Math.cbrt(12), s.geometricMean(), EPS);      // (3*2*2)^(1/3) = 2.2894
        assertEquals(9.0 / 4, s.harmonicMean(), EPS);             // 3 / (1/3 + 1/2 + 1/2)
        assertEquals(9.0 / 4, s.equalTime(), EPS);
        assertEquals(9.0 / 4, s.totalTime(), EPS);                // (3+2+4) / (1+1+2)
        assertEquals(9.0 / 4, s.equalWork(), EPS);                // one unit of work per run
        assertEquals(7.0 / 3, s.targetEqualTime(), EPS);
    }

    @Test
    void ratesExampleFromContract() {
        Speedups r = Speedups.ofRates(new double[] {1, 2, 0.5}, new double[] {1.2, 2.2, 0.5});
        // EWS = (1/1 + 1/2 + 1/0.5) / (1/1.2 + 1/2.2 + 1/0.5) = 3.5 / (5/6 + 5/11 + 2)
        double expected = 3.5 / (5.0 / 6 + 5.0 / 11 + 2);
        assertEquals(expected, r.equalWork(), EPS);
        assertEquals(1.0645161290322582, r.equalWork(), 1e-12);  // 3.5 / (217/66) = 231/217
        assertEquals(3 / (1 / 1.2 + 1 / 1.1 + 1.0), r.equalTime(), EPS);
        // HM(R_t) / HM(R_b) is the same number.
        assertEquals(Means.harmonic(new double[] {1.2, 2.2, 0.5}) / Means.harmonic(new double[] {1, 2, 0.5}),
                r.equalWork(), EPS);
    }

    @Test
    void twoBenchmarkGeomeanIdentity() {
        // S = {2, 0.5}: GM = 1, HM = 2 / (0.5 + 2) = 0.8, AM = 1.25, and GM^2 = AM * HM.
        Speedups s = Speedups.ofTimes(new double[] {2, 1}, new double[] {1, 2});
        assertEquals(1.0, s.geometricMean(), EPS);
        assertEquals(0.8, s.equalTime(), EPS);
        assertEquals(1.25, s.arithmeticMean(), EPS);
        assertEquals(s.geometricMean() * s.geometricMean(), s.arithmeticMean() * s.harmonicMean(), EPS);
    }

    @Test
    void equalTimeDependsOnReference() {
        Speedups ab = Speedups.ofTimes(new double[] {2, 1}, new double[] {1, 2});
        Speedups ba = Speedups.ofTimes(new double[] {1, 2}, new double[] {2, 1});
        // Both directions give 0.8: equal-time speedup is not reciprocal.
        assertEquals(0.8, ab.equalTime(), EPS);
        assertEquals(0.8, ba.equalTime(), EPS);
        // Equal-work speedup is a ratio of totals, so it is reciprocal.
        assertEquals(1 / ab.equalWork(), ba.equalWork(), EPS);
    }

    @Test
    void equalWorkWithWorkAmounts() {
        // T_b = {2, 6}, T_t = {1, 2}, W = {1, 3}: sum(T_b/W) = 4, sum(T_t/W) = 5/3, EWS = 2.4.
        Speedups s = Speedups.ofTimes(new double[] {2, 6}, new double[] {1, 2}).withWork(new double[] {1, 3});
        assertEquals(2.4, s.equalWork(), EPS);
        // Same as the HM of S = {2, 3} weighted by baseline time per work {2, 2}.
        assertEquals(2.4, s.harmonicMean(new double[] {2, 2}), EPS);
        // Total time ignores work: (2 + 6) / (1 + 2).
        assertEquals(8.0 / 3, s.totalTime(), EPS);
    }

    @Test
    void totalTimeWithRunCounts() {
        // (1*3 + 4*2) / (1*1 + 4*1) = 11 / 5.
        Speedups s = Speedups.ofTimes(new double[] {3, 2}, new double[] {1, 1}).withRunCounts(new double[] {1, 4});
        assertEquals(2.2, s.totalTime(), EPS);
    }

    @Test
    void totalTimeIdentities() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + random.nextInt(20);
            double[] base = new double[n];
            double[] target = new double[n];
            for (int i = 0; i < n; i++) {
                base[i] = 0.1 + 100 * random.nextDouble();
                target[i] = 0.1 + 100 * random.nextDouble();
            }
            Speedups s = Speedups.ofTimes(base, target);
            // Total time = HM of S weighted by T_b = AM of S weighted by T_t.
            assertEquals(s.totalTime(), s.harmonicMean(base), 1e-9 * s.totalTime());
            assertEquals(s.totalTime(), s.arithmeticMean(target), 1e-9 * s.totalTime());
            // Equal time = AM of S weighted by 1/S.
            double[] inverse = new double[n];
            double[] speedups = s.speedups();
            for (int i = 0; i < n; i++) {
                inverse[i] = 1 / speedups[i];
            }
            assertEquals(s.equalTime(), s.arithmeticMean(inverse), 1e-9 * s.equalTime());
        }
    }

    @Test
    void meanOrderingProperty() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(30);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = Math.exp(4 * random.nextDouble() - 2);
            }
            double am = Means.arithmetic(v);
            double gm = Means.geometric(v);
            double hm = Means.harmonic(v);
            assertTrue(am >= gm * (1 - 1e-12), "AM " + am + " < GM " + gm);
            assertTrue(gm >= hm * (1 - 1e-12), "GM " + gm + " < HM " + hm);
        }
    }

    @Test
    void equalValuesGiveEqualMeans() {
        double[] v = {1.7, 1.7, 1.7, 1.7};
        assertEquals(1.7, Means.arithmetic(v), EPS);
        assertEquals(1.7, Means.geometric(v), EPS);
        assertEquals(1.7, Means.harmonic(v), EPS);
    }

    @Test
    void weightedMeansByHand() {
        double[] v = {1, 4};
        double[] w = {1, 3};
        assertEquals(13.0 / 4, Means.arithmetic(v, w), EPS);         // (1 + 12) / 4
        assertEquals(Math.pow(4, 0.75), Means.geometric(v, w), EPS); // exp((0 + 3 ln 4) / 4)
        assertEquals(4 / 1.75, Means.harmonic(v, w), EPS);           // 4 / (1 + 3/4)
        // A zero weight drops a value but it is still validated.
        assertEquals(4.0, Means.arithmetic(v, new double[] {0, 1}), EPS);
    }

    @Test
    void geometricMeanDoesNotOverflow() {
        double[] v = new double[1000];
        java.util.Arrays.fill(v, 1e300);
        assertEquals(1e300, Means.geometric(v), 1e288);
    }

    @Test
    void arithmeticMeanNearOverflow() {
        // The plain sums overflow; (1 + 1.2 + 1.7) / 3 = 1.3 in units of 1e308.
        assertEquals(1e308, Means.arithmetic(new double[] {1e308, 1e308}), 1e296);
        assertEquals(1.3e308, Means.arithmetic(new double[] {1e308, 1.2e308, 1.7e308}), 1e296);
    }

    @Test
    void chartLabelsDropSharedJmhParts() {
        assertEquals(List.of("run", "ops"), SpeedupChart.labels(List.of("a.B.run{n=8}", "a.B.ops{n=8}")));
        assertEquals(List.of("run{n=8}", "run{n=9}"), SpeedupChart.labels(List.of("B.run{n=8}", "B.run{n=9}")));
        assertEquals(List.of("505.mcf_r", "557.xz_r"), SpeedupChart.labels(List.of("505.mcf_r", "557.xz_r")));
        assertEquals(List.of("A.run", "B.run"), SpeedupChart.labels(List.of("A.run", "B.run")));
    }

    @Test
    void singleBenchmarkReturnsItsSpeedup() {
        Speedups s = Speedups.ofTimes(new double[] {5}, new double[] {2});
        assertEquals(2.5, s.geometricMean(), EPS);
        assertEquals(2.5, s.equalWork(), EPS);
        assertEquals(2.5, s.equalTime(), EPS);
        assertEquals(2.5, s.arithmeticMean(), EPS);
    }

    @Test
    void minAndMaxNameTheBenchmarks() {
        Speedups s = Speedups.ofTimes(List.of("a", "b", "c"), new double[] {3, 1, 4}, new double[] {1, 2, 2});
        assertEquals(0.5, s.min(), EPS);
        assertEquals("b", s.minBenchmark());
        assertEquals(3.0, s.max(), EPS);
        assertEquals("a", s.maxBenchmark());
    }

    @Test
    void fromTableColumns() {
        Table t = Table.create("runs", StringColumn.create("bench", "x", "y"),
                DoubleColumn.create("base_s", 4.0, 9.0), DoubleColumn.create("new_s", 2.0, 3.0));
        Speedups s = Speedups.ofTimes(t, "bench", "base_s", "new_s");
        assertEquals(List.of("x", "y"), s.names());
        assertEquals(13.0 / 5, s.equalWork(), EPS);
        Table out = s.toTable();
        assertEquals(2, out.rowCount());
        assertEquals(3.0, out.doubleColumn("speedup").get(1), EPS);
    }

    @Test
    void geometricMeanTInterval() {
        // ln S = {0, 1, 2}: mean 1, sd 1, n = 3, t(0.975, 2 df) = 4.302653 (t table).
        Speedups s = Speedups.ofTimes(new double[] {1, Math.E, Math.E * Math.E}, new double[] {1, 1, 1});
        Interval ci = s.geometricMeanInterval(0.95);
        double half = 4.302653 / Math.sqrt(3);
        assertEquals(Math.E, ci.estimate(), 1e-12);
        assertEquals(Math.exp(1 - half), ci.lower(), 1e-6);
        assertEquals(Math.exp(1 + half), ci.upper(), 1e-4);
    }

    @Test
    void jackknifeOfArithmeticMeanByHand() {
        // S = {1, 2, 3, 4}: leave-one-out means 3, 8/3, 7/3, 2; se = sqrt(3/4 * 5/9) = 0.645497;
        // t(0.975, 3 df) = 3.182446, so the interval is 2.5 +- 2.054269.
        Speedups s = Speedups.ofTimes(new double[] {1, 2, 3, 4}, new double[] {1, 1, 1, 1});
        Interval ci = s.jackknife(Metric.TARGET_EQUAL_TIME, 0.95);
        assertEquals(2.5, ci.estimate(), EPS);
        assertEquals(2.5 - 3.182446 * 0.6454972, ci.lower(), 1e-5);
        assertEquals(2.5 + 3.182446 * 0.6454972, ci.upper(), 1e-5);
    }

    @Test
    void bootstrapIsDeterministicPerSeed() {
        Speedups s = Speedups.ofTimes(new double[] {3, 2, 4, 8, 1}, new double[] {1, 1, 2, 3, 2});
        Interval a = s.bootstrap(Metric.EQUAL_WORK, 0.95, 2000, 17);
        Interval b = s.bootstrap(Metric.EQUAL_WORK, 0.95, 2000, 17);
        assertEquals(a, b);
        assertTrue(a.lower() <= a.estimate(), a.toString());
        assertTrue(a.estimate() <= a.upper(), a.toString());
    }

    @Test
    void reportIntervalsEqualSingleBootstraps() {
        Speedups s = Speedups.ofTimes(new double[] {3, 2, 4, 8, 1}, new double[] {1, 1, 2, 3, 2});
        SpeedupReport report = s.report(0.9, 1500, 23);
        for (Metric m : Metric.values()) {
            assertEquals(s.bootstrap(m, 0.9, 1500, 23), report.intervals().get(m.ordinal()), m.name());
        }
    }

    @Test
    void bootstrapOfEqualSpeedupsCollapses() {
        Speedups s = Speedups.ofTimes(new double[] {2, 4, 6}, new double[] {1, 2, 3});
        for (Metric m : Metric.values()) {
            Interval ci = s.bootstrap(m, 0.9, 500, 3);
            assertEquals(2.0, ci.lower(), 1e-12, m.name());
            assertEquals(2.0, ci.upper(), 1e-12, m.name());
        }
    }

    @Test
    void bootstrapResamplesTwoBenchmarksUniformly() {
        // With two benchmarks a resample is {0,0}, {1,1} (1/4 each) or one of each (1/2), giving
        // EWS = 2/1, 9/3 or 11/4 for T_b = {2, 9}, T_t = {1, 3}.
        Speedups s = Speedups.ofTimes(new double[] {2, 9}, new double[] {1, 3});
        double[] values = s.bootstrapDistribution(Metric.EQUAL_WORK, 20_000, 99);
        int first = 0;
        int second = 0;
        int mixed = 0;
        for (double v : values) {
            if (Math.abs(v - 2.0) < 1e-12) {
                first++;
            } else if (Math.abs(v - 3.0) < 1e-12) {
                second++;
            } else if (Math.abs(v - 11.0 / 4) < 1e-12) {
                mixed++;
            }
        }
        assertEquals(values.length, first + second + mixed);
        assertEquals(0.25, first / 20_000.0, 0.02);
        assertEquals(0.25, second / 20_000.0, 0.02);
        assertEquals(0.5, mixed / 20_000.0, 0.02);
    }

    @Test
    void reportListsEveryMetricAndExtremes() {
        Speedups s = Speedups.ofTimes(List.of("a", "b", "c"), new double[] {3, 2, 4}, new double[] {1, 1, 2});
        SpeedupReport report = s.report(0.95, 1000, 1);
        Table t = report.toTable();
        assertEquals(Metric.values().length + 2, t.rowCount());
        assertEquals(Math.cbrt(12), report.value(Metric.GEOMETRIC_MEAN), EPS);
        assertEquals(2.25, report.value(Metric.EQUAL_WORK), EPS);
        assertTrue(t.stringColumn("metric").get(t.rowCount() - 1).contains("(a)"));
        assertTrue(report.toString().contains("equal-work speedup"));
    }
}
