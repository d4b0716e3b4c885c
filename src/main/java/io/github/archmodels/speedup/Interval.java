package io.github.archmodels.speedup;

import io.github.archmodels.notebook.HtmlSummary;
import java.util.Locale;

/**
 * A confidence interval for a speedup metric.
 *
 * @param metric the metric the interval is for
 * @param estimate the metric on all benchmarks
 * @param lower lower bound
 * @param upper upper bound
 * @param level confidence level in (0, 1), for example 0.95
 * @param method how the interval was computed, for example "percentile bootstrap, 10000 resamples"
 */
public record Interval(Metric metric, double estimate, double lower, double upper, double level,
        String method) implements HtmlSummary {

    /** Returns the width {@code upper - lower}. */
    public double width() {
        return upper - lower;
    }

    /** Returns whether {@code value} lies in [lower, upper]. */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %.4f, %.0f%% CI [%.4f, %.4f] (%s)", metric.label(),
                estimate, level * 100, lower, upper, method);
    }
}
