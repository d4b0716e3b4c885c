package io.github.archmodels.clustering;

import io.github.archmodels.clustering.autograd.Tape;
import io.github.archmodels.clustering.autograd.Tensor;

/**
 * Differentiable k-means (DKM, Cho et al., ICLR 2022) for one weight matrix, with centroids carried
 * over from one training step to the next. Each forward pass builds the DKM graph on a {@link Tape},
 * so gradients reach the weights through the soft cluster assignment.
 *
 * <p>Method, for weights reshaped to R = N / d rows of d-vectors w_i and centroids c_j (k = 2^b):
 *
 * <ol>
 * <li>Optionally divide every weight row by its maximum magnitude (per-channel scale); reshape to
 *     R x d and round to the weight data type.</li>
 * <li>Initialize C by k-means++ and Lloyd iterations on the first pass; later passes start from the
 *     centroids of the previous pass.</li>
 * <li>Repeat up to r times: distances {@code D_ij = ||w_i - c_j||^2}; attention
 *     {@code A = softmax(-D / tau)} per row (row maximum subtracted, so any tau &gt; 0 is safe);
 *     centroids {@code C = (A^T W) / (A^T 1)}, keeping the previous centroid where a column of A
 *     sums to 0. Stop early when no centroid coordinate moves by more than epsilon.</li>
 * <li>Clustered weights {@code W~ = A C} with the attention of the last iteration and the centroids
 *     of the last update, scaled back per row.</li>
 * </ol>
 *
 * <p>Departures from coremltools 8.0 ({@code diff_palettize_seq}): the attention is not clamped at
 * 1e-7 (the max-subtracted softmax and the guarded division make the clamp unnecessary); the
 * early stop tests centroid movement, as the DKM paper does, not inertia; the distance is one fused
 * operation saving only W and C, so the graph saves one R x k map (A) per iteration where a
 * {@code cdist(...).square()} graph also saves the distances.
 *
 * <p>The weight count must be a multiple of d: a remainder cannot form a full vector, so it is
 * rejected rather than left unclustered.
 */
public final class DkmLayer {

    /** One forward pass: the clustered weights and the last attention and centroids. */
    public record Pass(Tensor clustered, Tensor attention, Tensor centroids, int iterations) {
    }

    private final DkmOptions options;
    private float[] centroids;
    private int lastIterations;

    private DkmLayer(DkmOptions options) {
        this.options = options;
    }

    /** Creates a layer that initializes its centroids on the first forward pass. */
    public static DkmLayer of(DkmOptions options) {
        return new DkmLayer(options);
    }

    /**
     * Creates a layer starting from the given k x d centroids (row-major) instead of k-means++, for
     * reproducing a run elsewhere.
     */
    public static DkmLayer of(DkmOptions options, float[] initialCentroids) {
        int expected = options.clusters() * options.clusterDim();
        if (initialCentroids.length != expected) {
            throw new IllegalArgumentException("initialCentroids has " + initialCentroids.length
                    + " values; " + options.clusters() + " clusters of dimension " + options.clusterDim()
                    + " need " + expected);
        }
        DkmLayer layer = new DkmLayer(options);
        layer.centroids = initialCentroids.clone();
        return layer;
    }

    /** Returns the options. */
    public DkmOptions options() {
        return options;
    }

    /** Returns a copy of the current centroids (k x d), or null before the first pass. */
    public float[] centroids() {
        return centroids == null ? null : centroids.clone();
    }

    /** Returns the DKM iterations the last pass ran. */
    public int lastIterations() {
        return lastIterations;
    }

    /**
     * Returns the clustered weights {@code W~} (same shape as {@code weight}), recording the DKM graph
     * on {@code tape} when {@code weight} requires a gradient.
     */
    public Tensor forward(Tape tape, Tensor weight) {
        return run(tape, weight).clustered();
    }

    /** Runs one forward pass and returns the clustered weights with the last attention map. */
    public Pass run(Tape tape, Tensor weight) {
        validate(weight);
        int d = options.clusterDim();
        int k = options.clusters();
        int rowsOfVectors = weight.size() / d;
        float[] scales = options.perChannelScale() ? rowScales(weight) : null;

        Tensor w = weight;
        if (scales != null) {
            float[] inverse = new float[scales.length];
            for (int r = 0; r < scales.length; r++) {
                inverse[r] = 1f / scales[r];
            }
            w = tape.scaleRows(w, inverse);
        }
        if (w.isTransposed()) {
            w = tape.scale(w, 1f);
        }
        // The weights enter the DKM graph as one R x d tensor in the weight data type (for fp32 an
        // exact copy), so every tensor the graph saves has R or k rows.
        Tensor x = tape.roundTo(w.reshape(rowsOfVectors, d), options.dtype());

        if (centroids == null) {
            centroids = KMeansInit.fit(x.toArray(), d, k, options.initIterations(), options.seed());
        }
        Tensor c = Tensor.of(centroids, k, d, x.dtype(), false);
        float alpha = (float) (-1.0 / options.tau());
        Tensor a = null;
        int iterations = 0;
        for (int t = 0; t < options.maxIterations(); t++) {
            Tensor distances = tape.squaredDistance(x, c);
            a = tape.softmaxRows(distances, alpha);
            Tensor numerator = tape.matmul(a.transpose(), x);
            Tensor denominator = tape.sumColumns(a);
            Tensor next = tape.safeDivide(numerator, denominator, c);
            iterations++;
            boolean converged = options.epsilon() > 0 && maxChange(c, next) <= options.epsilon();
            c = next;
            if (converged) {
                break;
            }
        }
        Tensor clustered = tape.matmul(a, c).reshape(weight.rows(), weight.cols());
        if (scales != null) {
            clustered = tape.scaleRows(clustered, scales);
        }
        centroids = c.toArray();
        lastIterations = iterations;
        return new Pass(clustered, a, c, iterations);
    }

    /**
     * Exports {@code weights} (rows x cols) with the current centroids: each d-vector gets the index
     * of its nearest centroid. Initializes the centroids first if no pass ran yet.
     */
    public Palette export(float[] weights, int rows, int cols) {
        Tensor weight = Tensor.of(weights, rows, cols, Dtype.FP32, false);
        validate(weight);
        int d = options.clusterDim();
        int k = options.clusters();
        float[] scales = options.perChannelScale() ? rowScales(weight) : null;
        float[] x = new float[weights.length];
        for (int r = 0; r < rows; r++) {
            for (int col = 0; col < cols; col++) {
                float v = weights[r * cols + col];
                x[r * cols + col] = options.dtype().round(scales == null ? v : v * (1f / scales[r]));
            }
        }
        if (centroids == null) {
            centroids = KMeansInit.fit(x, d, k, options.initIterations(), options.seed());
        }
        int[] indices = new int[x.length / d];
        for (int v = 0; v < indices.length; v++) {
            indices[v] = KMeansInit.nearestCentroid(x, v, centroids, k, d);
        }
        return new Palette(rows, cols, options.bits(), d, indices, centroids.clone(), scales);
    }

    private void validate(Tensor weight) {
        int n = weight.size();
        int d = options.clusterDim();
        if (n % d != 0) {
            throw new IllegalArgumentException("cluster dimension d = " + d + " does not divide the "
                    + n + " weights of a " + weight.rows() + " x " + weight.cols() + " matrix; the"
                    + " remainder of " + (n % d) + (n % d == 1 ? " weight" : " weights") + " cannot form a vector. Use a d that divides"
                    + " the weight count or pad the matrix");
        }
        for (int r = 0; r < weight.rows(); r++) {
            for (int col = 0; col < weight.cols(); col++) {
                float v = weight.get(r, col);
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("weight at row " + r + ", column " + col + " is "
                            + v + "; DKM needs finite weights");
                }
            }
        }
    }

    private static float[] rowScales(Tensor weight) {
        float[] scales = new float[weight.rows()];
        for (int r = 0; r < weight.rows(); r++) {
            float max = 0f;
            for (int col = 0; col < weight.cols(); col++) {
                max = Math.max(max, Math.abs(weight.get(r, col)));
            }
            scales[r] = max > 0f ? max : 1f;
        }
        return scales;
    }

    private static double maxChange(Tensor before, Tensor after) {
        double max = 0;
        for (int j = 0; j < before.rows(); j++) {
            for (int l = 0; l < before.cols(); l++) {
                max = Math.max(max, Math.abs(after.get(j, l) - before.get(j, l)));
            }
        }
        return max;
    }

    @Override
    public String toString() {
        return "DKM layer: " + options.bits() + " bits, d = " + options.clusterDim() + ", tau = "
                + options.tau() + ", " + options.maxIterations() + " iterations"
                + (centroids == null ? " (not initialized)" : "");
    }
}
