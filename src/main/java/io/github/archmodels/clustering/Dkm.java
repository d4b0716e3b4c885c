package io.github.archmodels.clustering;

import io.github.archmodels.clustering.autograd.Tape;
import io.github.archmodels.clustering.autograd.Tensor;

/**
 * One-shot DKM clustering of a weight array, without gradients. See {@link DkmLayer} for the method
 * and for use inside training.
 *
 * <pre>{@code
 * DkmResult r = Dkm.fit(weights, DkmOptions.bits(3));
 * Palette p = r.palette();     // hard export: 3-bit indices plus an 8-entry LUT
 * }</pre>
 */
public final class Dkm {

    private Dkm() {
    }

    /** Clusters {@code weights} as a 1 x N matrix. */
    public static DkmResult fit(float[] weights, DkmOptions options) {
        return fit(weights, 1, weights.length, options);
    }

    /** Clusters a {@code rows x cols} weight matrix (row-major). */
    public static DkmResult fit(float[] weights, int rows, int cols, DkmOptions options) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("weights are empty; pass at least one weight");
        }
        if ((long) rows * cols != weights.length) {
            throw new IllegalArgumentException("shape " + rows + " x " + cols + " does not fit "
                    + weights.length + " weights");
        }
        long vectors = weights.length / options.clusterDim();
        if (weights.length % options.clusterDim() == 0 && options.clusters() > vectors) {
            throw new IllegalArgumentException(options.clusters() + " clusters (" + options.bits()
                    + " bits) for only " + vectors + " weight vectors would leave clusters empty;"
                    + " use at most " + (63 - Long.numberOfLeadingZeros(Math.max(1, vectors)))
                    + " bits or more weights");
        }
        DkmLayer layer = DkmLayer.of(options);
        Tensor w = Tensor.of(weights, rows, cols, Dtype.FP32, false);
        DkmLayer.Pass pass = layer.run(new Tape(), w);
        return new DkmResult(options, pass.centroids().toArray(), pass.attention().toArray(),
                pass.clustered().toArray(), pass.iterations(), layer.export(weights, rows, cols));
    }

    /** Returns the index bits per weight of b-bit indices over d-vectors: b / d. */
    public static double bitsPerWeight(int bits, int clusterDim) {
        return new DkmOptions(bits, clusterDim, 1e-4, 1, 0, false, Dtype.FP32, 0, 0).bitsPerWeight();
    }
}
