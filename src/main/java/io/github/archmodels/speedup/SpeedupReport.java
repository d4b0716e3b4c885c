package io.github.archmodels.speedup;

import io.github.archmodels.notebook.TableSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every speedup metric of one target against one baseline, side by side, with bootstrap intervals
 * and the per-benchmark minimum and maximum. It shows how far the choice of mean moves the number
 * and how wide the spread underneath it is.
 *
 * @param speedups the per-benchmark speedups summarized
 * @param intervals one percentile bootstrap interval per {@link Metric}, in enum order
 * @param geometricMeanInterval the Student-t interval of the geometric mean
 */
public record SpeedupReport(Speedups speedups, List<Interval> intervals, Interval geometricMeanInterval) implements TableSummary {

    static SpeedupReport of(Speedups s, double level, int resamples, long seed) {
        Checks.level(level);
        List<Interval> intervals = new ArrayList<>();
        if (s.size() >= 2) {
            intervals.addAll(s.bootstrap(Metric.values(), level, resamples, seed));
        } else {
            for (Metric m : Metric.values()) {
                double v = s.value(m);
                intervals.add(new Interval(m, v, v, v, level, "single benchmark, no interval"));
            }
        }
        Interval t = s.size() >= 2 ? s.geometricMeanInterval(level) : intervals.get(0);
        return new SpeedupReport(s, List.copyOf(intervals), t);
    }

    /** Returns the value of a metric. */
    public double value(Metric metric) {
        return intervals.get(metric.ordinal()).estimate();
    }

    /**
     * Returns the metrics as a table: {@code metric}, {@code formula}, {@code assumption},
     * {@code speedup}, {@code ci_lower}, {@code ci_upper}, followed by two rows for the per-benchmark
     * minimum and maximum (their bounds repeat the value).
     */
    public Table toTable() {
        StringColumn metric = StringColumn.create("metric");
        StringColumn formula = StringColumn.create("formula");
        StringColumn assumption = StringColumn.create("assumption");
        DoubleColumn value = DoubleColumn.create("speedup");
        DoubleColumn lower = DoubleColumn.create("ci_lower");
        DoubleColumn upper = DoubleColumn.create("ci_upper");
        for (Interval i : intervals) {
            metric.append(i.metric().label());
            formula.append(i.metric().formula());
            assumption.append(i.metric().assumption());
            value.append(i.estimate());
            lower.append(i.lower());
            upper.append(i.upper());
        }
        metric.append("minimum (" + speedups.minBenchmark() + ")");
        formula.append("min S_i");
        assumption.append("one benchmark");
        value.append(speedups.min());
        lower.append(speedups.min());
        upper.append(speedups.min());
        metric.append("maximum (" + speedups.maxBenchmark() + ")");
        formula.append("max S_i");
        assumption.append("one benchmark");
        value.append(speedups.max());
        lower.append(speedups.max());
        upper.append(speedups.max());
        return Table.create("speedup metrics", metric, formula, assumption, value, lower, upper);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Speedup report, %d benchmarks, %.0f%% intervals%n", speedups.size(),
                intervals.get(0).level() * 100));
        for (Interval i : intervals) {
            out.append(String.format(Locale.ROOT, "  %-40s %8.4f  [%.4f, %.4f]%n", i.metric().label(),
                    i.estimate(), i.lower(), i.upper()));
        }
        out.append(String.format(Locale.ROOT, "  %-40s %8.4f  (%s)%n", "minimum", speedups.min(),
                speedups.minBenchmark()));
        out.append(String.format(Locale.ROOT, "  %-40s %8.4f  (%s)", "maximum", speedups.max(),
                speedups.maxBenchmark()));
        return out.toString();
    }
}
