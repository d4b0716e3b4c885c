package io.github.archmodels.speedup;

import io.github.archmodels.notebook.TableSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.TDistribution;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Per-benchmark speedups of a target system over a baseline, and every way of summarizing them.
 *
 * <p>Benchmark i has a baseline and a target measurement of the same work: times (lower is better,
 * {@link #ofTimes}) or rates such as IPC or operations per second (higher is better,
 * {@link #ofRates}). Its speedup is S_i = T_b,i / T_t,i = R_t,i / R_b,i. Following Eeckhout
 * (R.I.P. Geomean Speedup, IEEE CAL 23(1), 2024), a summary is a speedup only under a workload
 * assumption:
 * <ul>
 *   <li>{@link #equalWork()}: each benchmark executes the same work, EWS = sum(T_b/W) / sum(T_t/W)
 *       = HM(R_t) / HM(R_b). With times and no work amounts, each measured run is one unit of work
 *       and EWS = sum(T_b) / sum(T_t). The paper recommends this one for architecture research;</li>
 *   <li>{@link #equalTime()}: each benchmark runs for the same time on the baseline, ETS = HM(S);</li>
 *   <li>{@link #targetEqualTime()}: each benchmark runs for the same time on the target, AM(S);</li>
 *   <li>{@link #totalTime()}: the measured runs (each repeated c_i times) are the workload;</li>
 *   <li>{@link #geometricMean()}: GM(S), reference-independent but with no physical meaning.</li>
 * </ul>
 * Intervals: {@link #geometricMeanInterval} (Student t on ln S), {@link #bootstrap} (seeded
 * percentile bootstrap over benchmarks) and {@link #jackknife}.
 *
 * <p>Instances are immutable; {@link #withWork} and {@link #withRunCounts} return copies.
 *
 * <pre>{@code
 * Speedups s = Speedups.ofTimes(new double[]{3, 2, 4}, new double[]{1, 1, 2});
 * s.geometricMean();   // 2.289 = (3 * 2 * 2)^(1/3)
 * s.equalTime();       // 2.25  = 3 / (1/3 + 1/2 + 1/2)
 * s.totalTime();       // 2.25  = 9 / 4
 * }</pre>
 */
public final class Speedups implements TableSummary {

    /** Default number of bootstrap resamples. */
    public static final int DEFAULT_RESAMPLES = 10_000;

    /** Whether the measurements are times (lower is better) or rates (higher is better). */
    public enum Kind {
        /** Times or other costs for the same work, such as seconds or joules: lower is better. */
        TIME,
        /** Rates such as IPC or operations per second: higher is better. */
        RATE
    }

    private final Kind kind;
    private final List<String> names;
    private final double[] baseline;
    private final double[] target;
    private final double[] work;
    private final double[] runCounts;

    final double[] speedup;
    final double[] logSpeedup;
    final double[] inverseSpeedup;
    final double[] baselineTimePerWork;
    final double[] targetTimePerWork;
    final double[] baselineTotalTime;
    final double[] targetTotalTime;

    private Speedups(Kind kind, List<String> names, double[] baseline, double[] target,
            double[] work, double[] runCounts) {
        Checks.positiveFinite(baseline, "baseline");
        Checks.positiveFinite(target, "target");
        Checks.sameLength(baseline, "baseline", target, "target");
        int n = baseline.length;
        if (names.size() != n) {
            throw new IllegalArgumentException(names.size() + " benchmark names for " + n
                    + " benchmarks; pass one name per benchmark");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("benchmark name is null or blank at position "
                        + names.indexOf(name) + "; every benchmark needs a name");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("benchmark name '" + name
                        + "' appears twice; names must be unique");
            }
        }
        if (work != null) {
            Checks.positiveFinite(work, "work");
            Checks.sameLength(baseline, "baseline", work, "work");
        }
        if (runCounts != null) {
            Checks.positiveFinite(runCounts, "runCounts");
            Checks.sameLength(baseline, "baseline", runCounts, "runCounts");
        }
        this.kind = kind;
        this.names = List.copyOf(names);
        this.baseline = baseline.clone();
        this.target = target.clone();
        this.work = work == null ? null : work.clone();
        this.runCounts = runCounts == null ? null : runCounts.clone();

        speedup = new double[n];
        logSpeedup = new double[n];
        inverseSpeedup = new double[n];
        baselineTimePerWork = new double[n];
        targetTimePerWork = new double[n];
        baselineTotalTime = new double[n];
        targetTotalTime = new double[n];
        for (int i = 0; i < n; i++) {
            double w = work == null ? 1 : work[i];
            double c = runCounts == null ? 1 : runCounts[i];
            // Time per unit of work: T / W for times, 1 / R for rates (a rate is already per unit).
            double baseTime = kind == Kind.TIME ? baseline[i] : w / baseline[i];
            double targetTime = kind == Kind.TIME ? target[i] : w / target[i];
            speedup[i] = baseTime / targetTime;
            if (!Double.isFinite(speedup[i]) || speedup[i] <= 0) {
                throw new IllegalArgumentException("speedup of benchmark '" + names.get(i) + "' is "
                        + speedup[i] + " (baseline " + baseline[i] + ", target " + target[i]
                        + "); the values are too far apart to form a finite ratio");
            }
            logSpeedup[i] = Math.log(speedup[i]);
            inverseSpeedup[i] = 1 / speedup[i];
            baselineTimePerWork[i] = kind == Kind.TIME ? baseline[i] / w : 1 / baseline[i];
            targetTimePerWork[i] = kind == Kind.TIME ? target[i] / w : 1 / target[i];
            baselineTotalTime[i] = c * baseTime;
            targetTotalTime[i] = c * targetTime;
        }
    }

    /**
     * Creates speedups from times or other lower-is-better costs (seconds, cycles, joules) of the
     * same work on the baseline and the target, one per benchmark, named b1, b2, ...
     */
    public static Speedups ofTimes(double[] baseline, double[] target) {
        Checks.nonEmpty(baseline, "baseline");
        return ofTimes(defaultNames(baseline.length), baseline, target);
    }

    /** Creates speedups from named benchmarks' times (lower is better). */
    public static Speedups ofTimes(List<String> names, double[] baseline, double[] target) {
        return new Speedups(Kind.TIME, names, baseline, target, null, null);
    }

    /** Creates speedups from rates such as IPC or operations per second (higher is better). */
    public static Speedups ofRates(double[] baseline, double[] target) {
        Checks.nonEmpty(baseline, "baseline");
        return ofRates(defaultNames(baseline.length), baseline, target);
    }

    /** Creates speedups from named benchmarks' rates (higher is better). */
    public static Speedups ofRates(List<String> names, double[] baseline, double[] target) {
        return new Speedups(Kind.RATE, names, baseline, target, null, null);
    }

    /** Creates speedups from a table's benchmark column and two numeric time columns. */
    public static Speedups ofTimes(Table table, String benchmarkColumn, String baselineColumn,
            String targetColumn) {
        return ofTable(Kind.TIME, table, benchmarkColumn, baselineColumn, targetColumn);
    }

    /** Creates speedups from a table's benchmark column and two numeric rate columns. */
    public static Speedups ofRates(Table table, String benchmarkColumn, String baselineColumn,
            String targetColumn) {
        return ofTable(Kind.RATE, table, benchmarkColumn, baselineColumn, targetColumn);
    }

    /** Creates speedups of the same kind from two imported result sets, matched by benchmark name. */
    public static Speedups of(BenchmarkResults baseline, BenchmarkResults target) {
        return BenchmarkResults.pair(baseline, target);
    }

    static Speedups of(Kind kind, List<String> names, double[] baseline, double[] target) {
        return new Speedups(kind, names, baseline, target, null, null);
    }

    private static Speedups ofTable(Kind kind, Table table, String benchmarkColumn,
            String baselineColumn, String targetColumn) {
        if (table == null) {
            throw new IllegalArgumentException("table is null");
        }
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException("table '" + table.name()
                    + "' has no rows; pass one row per benchmark");
        }
        Column<?> bench = column(table, benchmarkColumn);
        double[] base = numeric(table, baselineColumn);
        double[] targ = numeric(table, targetColumn);
        List<String> names = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++) {
            names.add(bench.getString(row));
        }
        return new Speedups(kind, names, base, targ, null, null);
    }

    private static Column<?> column(Table table, String name) {
        if (!table.columnNames().contains(name)) {
            throw new IllegalArgumentException("table '" + table.name() + "' has no column '" + name
                    + "'; its columns are " + table.columnNames());
        }
        return table.column(name);
    }

    private static double[] numeric(Table table, String name) {
        Column<?> c = column(table, name);
        if (!(c instanceof NumericColumn<?> numericColumn)) {
            throw new IllegalArgumentException("column '" + name + "' of table '" + table.name()
                    + "' is " + c.type() + ", not numeric");
        }
        for (int row = 0; row < c.size(); row++) {
            if (c.isMissing(row)) {
                throw new IllegalArgumentException("column '" + name + "' has a missing value in row "
                        + row + "; every benchmark needs a baseline and a target value");
            }
        }
        return numericColumn.asDoubleArray();
    }

    private static List<String> defaultNames(int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            names.add("b" + i);
        }
        return names;
    }

    /**
     * Returns a copy with the amount of work W_i each measurement covers (for example instructions),
     * used by {@link #equalWork()} for times: EWS = sum(T_b / W) / sum(T_t / W). Rates are already
     * per unit of work, so for rates W only scales each benchmark's time in {@link #totalTime()}.
     */
    public Speedups withWork(double[] workPerBenchmark) {
        return new Speedups(kind, names, baseline, target, workPerBenchmark, runCounts);
    }

    /** Returns a copy where benchmark i runs {@code counts[i]} times in {@link #totalTime()}. */
    public Speedups withRunCounts(double[] counts) {
        return new Speedups(kind, names, baseline, target, work, counts);
    }

    /** Returns the number of benchmarks. */
    public int size() {
        return speedup.length;
    }

    /** Returns whether the inputs were times or rates. */
    public Kind kind() {
        return kind;
    }

    /** Returns the benchmark names. */
    public List<String> names() {
        return names;
    }

    /** Returns a copy of the per-benchmark speedups S_i. */
    public double[] speedups() {
        return speedup.clone();
    }

    /** Returns a copy of the baseline values as given. */
    public double[] baseline() {
        return baseline.clone();
    }

    /** Returns a copy of the target values as given. */
    public double[] target() {
        return target.clone();
    }

    /** Returns AM(S) = sum(S_i) / n. */
    public double arithmeticMean() {
        return Means.arithmetic(speedup);
    }

    /** Returns GM(S) = exp(mean(ln S_i)). */
    public double geometricMean() {
        return Means.geometric(speedup);
    }

    /** Returns HM(S) = n / sum(1 / S_i). */
    public double harmonicMean() {
        return Means.harmonic(speedup);
    }

    /** Returns the weighted AM of the speedups, sum(w S) / sum(w). */
    public double arithmeticMean(double[] weights) {
        return Means.arithmetic(speedup, weights);
    }

    /** Returns the weighted GM of the speedups, exp(sum(w ln S) / sum(w)). */
    public double geometricMean(double[] weights) {
        return Means.geometric(speedup, weights);
    }

    /** Returns the weighted HM of the speedups, sum(w) / sum(w / S). */
    public double harmonicMean(double[] weights) {
        return Means.harmonic(speedup, weights);
    }

    /** Returns the equal-time speedup HM(S): equal time per benchmark on the baseline. */
    public double equalTime() {
        return harmonicMean();
    }

    /** Returns the equal-work speedup sum(T_b / W) / sum(T_t / W) = HM(R_t) / HM(R_b). */
    public double equalWork() {
        return Means.sum(baselineTimePerWork) / Means.sum(targetTimePerWork);
    }

    /** Returns AM(S), the speedup when every benchmark runs for equal time on the target. */
    public double targetEqualTime() {
        return arithmeticMean();
    }

    /** Returns the total-time speedup sum(c T_b) / sum(c T_t). */
    public double totalTime() {
        return Means.sum(baselineTotalTime) / Means.sum(targetTotalTime);
    }

    /** Returns the value of {@code metric} on all benchmarks. */
    public double value(Metric metric) {
        switch (metric) {
            case GEOMETRIC_MEAN:
                return geometricMean();
            case EQUAL_WORK:
                return equalWork();
            case EQUAL_TIME:
                return equalTime();
            case TARGET_EQUAL_TIME:
                return targetEqualTime();
            case TOTAL_TIME:
                return totalTime();
            default:
                throw new AssertionError(metric);
        }
    }

    /** Returns the smallest per-benchmark speedup. */
    public double min() {
        return Arrays.stream(speedup).min().orElseThrow();
    }

    /** Returns the largest per-benchmark speedup. */
    public double max() {
        return Arrays.stream(speedup).max().orElseThrow();
    }

    /** Returns the name of the benchmark with the smallest speedup. */
    public String minBenchmark() {
        return names.get(indexOfExtreme(false));
    }

    /** Returns the name of the benchmark with the largest speedup. */
    public String maxBenchmark() {
        return names.get(indexOfExtreme(true));
    }

    private int indexOfExtreme(boolean max) {
        int best = 0;
        for (int i = 1; i < speedup.length; i++) {
            if (max ? speedup[i] > speedup[best] : speedup[i] < speedup[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Returns the t-interval of the geometric mean: exp(m +- t_{n-1, (1+level)/2} sd / sqrt(n)),
     * where m and sd are the mean and sample standard deviation of ln S_i. The interval is
     * asymmetric around GM.
     */
    public Interval geometricMeanInterval(double level) {
        Checks.level(level);
        int n = size();
        Checks.atLeastTwo(n, "a t-interval");
        double mean = Means.sum(logSpeedup) / n;
        double squares = 0;
        for (double x : logSpeedup) {
            squares += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        double t = new TDistribution(n - 1).inverseCumulativeProbability((1 + level) / 2);
        double half = t * sd / Math.sqrt(n);
        return new Interval(Metric.GEOMETRIC_MEAN, Math.exp(mean), Math.exp(mean - half),
                Math.exp(mean + half), level, "Student t on ln S, " + (n - 1) + " degrees of freedom");
    }

    /** Returns a percentile bootstrap interval with {@value #DEFAULT_RESAMPLES} resamples. */
    public Interval bootstrap(Metric metric, double level, long seed) {
        return bootstrap(metric, level, DEFAULT_RESAMPLES, seed);
    }

    /**
     * Returns a percentile bootstrap interval: benchmarks are resampled with replacement
     * {@code resamples} times, the metric is evaluated on each resample, and the bounds are the
     * (1 - level)/2 and (1 + level)/2 quantiles of those values (linear interpolation between order
     * statistics, as numpy's default percentile). The same seed gives the same interval.
     */
    public Interval bootstrap(Metric metric, double level, int resamples, long seed) {
        return bootstrap(new Metric[] {metric}, level, resamples, seed).get(0);
    }

    /**
     * Returns one percentile bootstrap interval per metric, all evaluated on the same resamples.
     * Each interval equals the one {@link #bootstrap(Metric, double, int, long)} gives for that
     * metric and seed, because the resamples depend only on the seed.
     */
    List<Interval> bootstrap(Metric[] metrics, double level, int resamples, long seed) {
        Checks.level(level);
        double[][] distributions = bootstrapDistributions(metrics, resamples, seed);
        List<Interval> intervals = new ArrayList<>(metrics.length);
        for (int m = 0; m < metrics.length; m++) {
            double[] values = distributions[m];
            Arrays.sort(values);
            intervals.add(new Interval(metrics[m], value(metrics[m]), quantile(values, (1 - level) / 2),
                    quantile(values, (1 + level) / 2), level,
                    "percentile bootstrap, " + resamples + " resamples, seed " + seed));
        }
        return intervals;
    }

    /**
     * Returns the metric evaluated on {@code resamples} bootstrap resamples of the benchmarks,
     * unsorted, in resample order.
     */
    public double[] bootstrapDistribution(Metric metric, int resamples, long seed) {
        return bootstrapDistributions(new Metric[] {metric}, resamples, seed)[0];
    }

    private double[][] bootstrapDistributions(Metric[] metrics, int resamples, long seed) {
        for (Metric metric : metrics) {
            if (metric == null) {
                throw new IllegalArgumentException("metric is null; pass one of "
                        + Arrays.toString(Metric.values()));
            }
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples is " + resamples
                    + "; use at least 1000, for example " + DEFAULT_RESAMPLES);
        }
        int n = size();
        Checks.atLeastTwo(n, "a bootstrap interval");
        SplittableRandom random = new SplittableRandom(seed);
        int[] indices = new int[n];
        double[][] values = new double[metrics.length][resamples];
        for (int b = 0; b < resamples; b++) {
            for (int k = 0; k < n; k++) {
                indices[k] = random.nextInt(n);
            }
            for (int m = 0; m < metrics.length; m++) {
                values[m][b] = metrics[m].evaluate(this, indices, n);
            }
        }
        return values;
    }

    private static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, sorted.length - 1);
        double fraction = position - lower;
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
    }

    /**
     * Returns the jackknife interval: the metric is evaluated n times leaving one benchmark out
     * (theta_(i)), the standard error is sqrt((n - 1) / n * sum (theta_(i) - mean)^2), and the
     * interval is estimate +- t_{n-1, (1+level)/2} * se (Patil and Lilja, IEEE CAL 2010, apply it to
     * harmonic means of rates).
     */
    public Interval jackknife(Metric metric, double level) {
        if (metric == null) {
            throw new IllegalArgumentException("metric is null; pass one of " + Arrays.toString(Metric.values()));
        }
        Checks.level(level);
        int n = size();
        Checks.atLeastTwo(n, "a jackknife interval");
        int[] indices = new int[n - 1];
        double[] leaveOneOut = new double[n];
        for (int skip = 0; skip < n; skip++) {
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (i != skip) {
                    indices[k++] = i;
                }
            }
            leaveOneOut[skip] = metric.evaluate(this, indices, n - 1);
        }
        double mean = Means.sum(leaveOneOut) / n;
        double squares = 0;
        for (double v : leaveOneOut) {
            squares += (v - mean) * (v - mean);
        }
        double se = Math.sqrt((n - 1.0) / n * squares);
        double t = new TDistribution(n - 1).inverseCumulativeProbability((1 + level) / 2);
        double estimate = value(metric);
        return new Interval(metric, estimate, estimate - t * se, estimate + t * se, level,
                "jackknife, Student t with " + (n - 1) + " degrees of freedom");
    }

    /** Returns every metric side by side with 95% bootstrap intervals (seed 1). */
    public SpeedupReport report() {
        return SpeedupReport.of(this, 0.95, DEFAULT_RESAMPLES, 1);
    }

    /** Returns every metric side by side with bootstrap intervals at {@code level}. */
    public SpeedupReport report(double level, int resamples, long seed) {
        return SpeedupReport.of(this, level, resamples, seed);
    }

    /**
     * Returns a table with one row per benchmark: {@code benchmark}, {@code baseline},
     * {@code target} and {@code speedup}.
     */
    public Table toTable() {
        return Table.create("speedups",
                StringColumn.create("benchmark", names),
                DoubleColumn.create("baseline", baseline),
                DoubleColumn.create("target", target),
                DoubleColumn.create("speedup", speedup));
    }

    /** Returns a bar chart of per-benchmark speedups with lines at GM, ETS and EWS. */
    public CategoryChart chart(String title) {
        return SpeedupChart.of(this, title);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "Speedups of %d benchmark%s (%s): equal-work %.4f, equal-time %.4f, geomean %.4f,"
                        + " min %.4f (%s), max %.4f (%s)",
                size(), size() == 1 ? "" : "s", kind == Kind.TIME ? "times" : "rates", equalWork(), equalTime(),
                geometricMean(), min(), minBenchmark(), max(), maxBenchmark());
    }
}
