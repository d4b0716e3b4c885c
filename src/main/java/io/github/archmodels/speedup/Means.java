package io.github.archmodels.speedup;

/**
 * Arithmetic, geometric and harmonic means, plain and weighted, of positive finite values.
 *
 * <p>For values x_i with weights w_i (normalized to sum to 1):
 * <ul>
 *   <li>arithmetic mean AM = sum w_i x_i;</li>
 *   <li>geometric mean GM = exp(sum w_i ln x_i), computed in log space so that long products
 *       neither overflow nor underflow;</li>
 *   <li>harmonic mean HM = 1 / sum (w_i / x_i).</li>
 * </ul>
 * AM >= GM >= HM, with equality only when all values are equal. Sums use Neumaier's compensated
 * summation, so the result does not depend on the order of large and small terms.
 *
 * <p>Unlike Python's {@code statistics} module, which returns 0 for a geometric or harmonic mean
 * of data containing a zero, these methods reject zero and negative values.
 */
public final class Means {

    private Means() {
    }

    /** Returns the arithmetic mean of positive finite values. */
    public static double arithmetic(double[] values) {
        Checks.positiveFinite(values, "values");
        double total = sum(values);
        if (Double.isInfinite(total)) {
            // The sum overflowed although every value is finite: average the scaled values instead.
            Sum scaled = new Sum();
            for (double v : values) {
                scaled.add(v / values.length);
            }
            return scaled.value();
        }
        return total / values.length;
    }

    /** Returns the geometric mean of positive finite values. */
    public static double geometric(double[] values) {
        Checks.positiveFinite(values, "values");
        Sum s = new Sum();
        for (double v : values) {
            s.add(Math.log(v));
        }
        return Math.exp(s.value() / values.length);
    }

    /** Returns the harmonic mean of positive finite values. */
    public static double harmonic(double[] values) {
        Checks.positiveFinite(values, "values");
        Sum s = new Sum();
        for (double v : values) {
            s.add(1 / v);
        }
        return values.length / s.value();
    }

    /** Returns the weighted arithmetic mean sum(w x) / sum(w). */
    public static double arithmetic(double[] values, double[] weights) {
        Checks.positiveFinite(values, "values");
        Checks.weights(weights, values.length);
        Sum num = new Sum();
        for (int i = 0; i < values.length; i++) {
            num.add(weights[i] * values[i]);
        }
        return num.value() / sum(weights);
    }

    /** Returns the weighted geometric mean exp(sum(w ln x) / sum(w)). */
    public static double geometric(double[] values, double[] weights) {
        Checks.positiveFinite(values, "values");
        Checks.weights(weights, values.length);
        Sum num = new Sum();
        for (int i = 0; i < values.length; i++) {
            num.add(weights[i] * Math.log(values[i]));
        }
        return Math.exp(num.value() / sum(weights));
    }

    /** Returns the weighted harmonic mean sum(w) / sum(w / x). */
    public static double harmonic(double[] values, double[] weights) {
        Checks.positiveFinite(values, "values");
        Checks.weights(weights, values.length);
        Sum den = new Sum();
        for (int i = 0; i < values.length; i++) {
            den.add(weights[i] / values[i]);
        }
        return sum(weights) / den.value();
    }

    /** Returns the compensated sum of {@code values}. */
    static double sum(double[] values) {
        Sum s = new Sum();
        for (double v : values) {
            s.add(v);
        }
        return s.value();
    }

    /** Neumaier's variant of Kahan summation. */
    static final class Sum {
        private double sum;
        private double compensation;

        void add(double x) {
            double t = sum + x;
            if (Math.abs(sum) >= Math.abs(x)) {
                compensation += (sum - t) + x;
            } else {
                compensation += (x - t) + sum;
            }
            sum = t;
        }

        double value() {
            // After an overflow the compensation is NaN (infinity minus infinity), so drop it.
            return Double.isInfinite(sum) ? sum : sum + compensation;
        }
    }
}
