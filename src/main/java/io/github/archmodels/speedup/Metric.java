package io.github.archmodels.speedup;

/**
 * A single-number summary of per-benchmark speedups, named by its formula and the assumption that
 * gives it a physical meaning.
 *
 * <p>Notation: benchmark i has baseline and target times T_b,i and T_t,i for the same work, or rates
 * R_b,i and R_t,i; its speedup is S_i = T_b,i / T_t,i = R_t,i / R_b,i.
 */
public enum Metric {

    /** GM = (prod S_i)^(1/n). Independent of the reference machine, but no workload runs that fast. */
    GEOMETRIC_MEAN("geometric mean", "(prod S_i)^(1/n)",
            "none: no workload's execution time corresponds to it"),

    /**
     * Equal-work speedup EWS = sum(T_b,i / W_i) / sum(T_t,i / W_i) = HM(R_t) / HM(R_b): the
     * total-time speedup when every benchmark executes the same amount of work.
     */
    EQUAL_WORK("equal-work speedup", "sum(T_b/W) / sum(T_t/W) = HM(R_t) / HM(R_b)",
            "every benchmark executes the same amount of work (for example the same instruction count)"),

    /**
     * Equal-time speedup ETS = HM(S) = n / sum(1 / S_i): the total-time speedup when every benchmark
     * runs for the same time on the baseline.
     */
    EQUAL_TIME("equal-time speedup", "n / sum(1 / S_i) = HM(S)",
            "every benchmark runs for the same time on the baseline"),

    /**
     * Arithmetic mean AM = sum(S_i) / n: the total-time speedup when every benchmark runs for the
     * same time on the target.
     */
    TARGET_EQUAL_TIME("arithmetic mean (equal time on target)", "sum(S_i) / n = AM(S)",
            "every benchmark runs for the same time on the target"),

    /** Total-time speedup sum(c_i T_b,i) / sum(c_i T_t,i) over the measured runs (c = run counts). */
    TOTAL_TIME("total-time speedup", "sum(c T_b) / sum(c T_t)",
            "the measured runs, each repeated c_i times, form the workload");

    private final String label;
    private final String formula;
    private final String assumption;

    Metric(String label, String formula, String assumption) {
        this.label = label;
        this.formula = formula;
        this.assumption = assumption;
    }

    /** Returns the metric's name in words. */
    public String label() {
        return label;
    }

    /** Returns the formula in plain text. */
    public String formula() {
        return formula;
    }

    /** Returns the workload assumption under which the value is a real speedup. */
    public String assumption() {
        return assumption;
    }

    /**
     * Evaluates the metric on the benchmarks {@code indices[0..count)} of {@code s}, repeats
     * allowed (as in a bootstrap resample).
     */
    double evaluate(Speedups s, int[] indices, int count) {
        switch (this) {
            case GEOMETRIC_MEAN: {
                double sum = 0;
                for (int k = 0; k < count; k++) {
                    sum += s.logSpeedup[indices[k]];
                }
                return Math.exp(sum / count);
            }
            case EQUAL_TIME: {
                double sum = 0;
                for (int k = 0; k < count; k++) {
                    sum += s.inverseSpeedup[indices[k]];
                }
                return count / sum;
            }
            case TARGET_EQUAL_TIME: {
                double sum = 0;
                for (int k = 0; k < count; k++) {
                    sum += s.speedup[indices[k]];
                }
                return sum / count;
            }
            case EQUAL_WORK:
                return ratio(s.baselineTimePerWork, s.targetTimePerWork, indices, count);
            case TOTAL_TIME:
                return ratio(s.baselineTotalTime, s.targetTotalTime, indices, count);
            default:
                throw new AssertionError(this);
        }
    }

    private static double ratio(double[] numerator, double[] denominator, int[] indices, int count) {
        double num = 0;
        double den = 0;
        for (int k = 0; k < count; k++) {
            num += numerator[indices[k]];
            den += denominator[indices[k]];
        }
        return num / den;
    }

    @Override
    public String toString() {
        return label;
    }
}
