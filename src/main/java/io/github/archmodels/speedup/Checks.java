package io.github.archmodels.speedup;

/** Input validation shared by the speedup classes; every failure names the value and the fix. */
final class Checks {

    private Checks() {
    }

    /** Rejects a null or empty array. */
    static void nonEmpty(double[] values, String name) {
        if (values == null) {
            throw new IllegalArgumentException(name + " is null; pass an array with one value per benchmark");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " is empty; pass at least one value per benchmark");
        }
    }

    /** Rejects arrays of different lengths. */
    static void sameLength(double[] a, String aName, double[] b, String bName) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(aName + " has " + a.length + " values but " + bName
                    + " has " + b.length + "; pass one value per benchmark in each");
        }
    }

    /** Rejects NaN, infinity, zero and negative values. */
    static void positiveFinite(double[] values, String name) {
        nonEmpty(values, name);
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + v
                        + "; every value must be a finite number");
            }
            if (v <= 0) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + v
                        + "; times, rates and speedups must be greater than zero");
            }
        }
    }

    /** Rejects weights that are NaN, infinite, negative or all zero. */
    static void weights(double[] weights, int expectedLength) {
        nonEmpty(weights, "weights");
        if (weights.length != expectedLength) {
            throw new IllegalArgumentException("weights has " + weights.length + " values but there are "
                    + expectedLength + " benchmarks; pass one weight per benchmark");
        }
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            double w = weights[i];
            if (Double.isNaN(w) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights[" + i + "] is " + w
                        + "; every weight must be a finite number");
            }
            if (w < 0) {
                throw new IllegalArgumentException("weights[" + i + "] is " + w
                        + "; weights must be zero or positive");
            }
            sum += w;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("all " + weights.length
                    + " weights are zero; at least one weight must be positive");
        }
    }

    /** Rejects a confidence level outside the open interval (0, 1). */
    static void level(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level is " + level
                    + "; it must lie strictly between 0 and 1, for example 0.95");
        }
    }

    /** Rejects fewer than two benchmarks for an interval. */
    static void atLeastTwo(int n, String method) {
        if (n < 2) {
            throw new IllegalArgumentException(method + " needs at least 2 benchmarks, got " + n);
        }
    }
}
