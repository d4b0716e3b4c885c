package io.github.archmodels.clustering;

/**
 * Options of differentiable k-means (DKM) weight clustering.
 *
 * @param bits index bits per cluster vector b; k = 2^b clusters, 1..8
 * @param clusterDim cluster dimension d: weights are clustered as d-vectors of consecutive elements,
 *     so an index covers d weights and costs b / d bits per weight
 * @param tau softmax temperature of the attention {@code A = softmax(-D / tau)}, in squared weight
 *     units; coremltools 8.0 uses 1e-4
 * @param maxIterations DKM iterations per forward pass r (coremltools 8.0: 3)
 * @param epsilon stop early when no centroid coordinate moves by more than this; 0 runs all
 *     {@code maxIterations} iterations
 * @param perChannelScale whether each row of the weight matrix is divided by its maximum magnitude
 *     before clustering and multiplied back afterwards (the scales are constants, no gradient)
 * @param dtype storage type of the clustered weights: 16-bit types round the weights before
 *     clustering and enable uniquification in the saved-tensor store
 * @param initIterations Lloyd iterations refining the k-means++ centroids at initialization
 * @param seed seed of the k-means++ initialization
 */
public record DkmOptions(int bits, int clusterDim, double tau, int maxIterations, double epsilon,
        boolean perChannelScale, Dtype dtype, int initIterations, long seed) {

    public DkmOptions {
        if (bits < 1 || bits > 8) {
            throw new IllegalArgumentException("bits = " + bits + " is outside 1..8; use 1 to 8 index"
                    + " bits (2 to 256 clusters)");
        }
        if (clusterDim < 1) {
            throw new IllegalArgumentException("clusterDim = " + clusterDim
                    + " is invalid; use 1 (scalar clustering) or more");
        }
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("tau = " + tau + " is invalid; use a finite temperature"
                    + " above 0, for example 1e-4");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations = " + maxIterations
                    + " is invalid; use 1 or more");
        }
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon = " + epsilon
                    + " is invalid; use 0 (fixed iterations) or a finite positive tolerance");
        }
        if (dtype == null) {
            throw new IllegalArgumentException("dtype is null; use Dtype.FP32, FP16 or BF16");
        }
        if (initIterations < 0) {
            throw new IllegalArgumentException("initIterations = " + initIterations
                    + " is invalid; use 0 or more");
        }
    }

    /** Defaults: {@code bits} bits, d = 1, tau 1e-4, 3 iterations, fp32, no scales, seed 42. */
    public static DkmOptions bits(int bits) {
        return new DkmOptions(bits, 1, 1e-4, 3, 0, false, Dtype.FP32, 10, 42);
    }

    /** Returns the number of clusters k = 2^bits. */
    public int clusters() {
        return 1 << bits;
    }

    /** Returns the index bits per weight b / d. */
    public double bitsPerWeight() {
        return (double) bits / clusterDim;
    }

    /** Returns a copy with another bit width. */
    public DkmOptions withBits(int b) {
        return new DkmOptions(b, clusterDim, tau, maxIterations, epsilon, perChannelScale, dtype,
                initIterations, seed);
    }

    /** Returns a copy with another cluster dimension. */
    public DkmOptions withClusterDim(int d) {
        return new DkmOptions(bits, d, tau, maxIterations, epsilon, perChannelScale, dtype,
                initIterations, seed);
    }

    /** Returns a copy with another temperature. */
    public DkmOptions withTau(double t) {
        return new DkmOptions(bits, clusterDim, t, maxIterations, epsilon, perChannelScale, dtype,
                initIterations, seed);
    }

    /** Returns a copy with another iteration count. */
    public DkmOptions withMaxIterations(int r) {
        return new DkmOptions(bits, clusterDim, tau, r, epsilon, perChannelScale, dtype,
                initIterations, seed);
    }

    /** Returns a copy with another early-stop tolerance. */
    public DkmOptions withEpsilon(double e) {
        return new DkmOptions(bits, clusterDim, tau, maxIterations, e, perChannelScale, dtype,
                initIterations, seed);
    }

    /** Returns a copy with per-channel scales switched. */
    public DkmOptions withPerChannelScale(boolean on) {
        return new DkmOptions(bits, clusterDim, tau, maxIterations, epsilon, on, dtype,
                initIterations, seed);
    }

    /** Returns a copy with another weight data type. */
    public DkmOptions withDtype(Dtype t) {
        return new DkmOptions(bits, clusterDim, tau, maxIterations, epsilon, perChannelScale, t,
                initIterations, seed);
    }

    /** Returns a copy with another number of initial Lloyd iterations. */
    public DkmOptions withInitIterations(int n) {
        return new DkmOptions(bits, clusterDim, tau, maxIterations, epsilon, perChannelScale, dtype,
                n, seed);
    }

    /** Returns a copy with another seed. */
    public DkmOptions withSeed(long s) {
        return new DkmOptions(bits, clusterDim, tau, maxIterations, epsilon, perChannelScale, dtype,
                initIterations, s);
    }
}
