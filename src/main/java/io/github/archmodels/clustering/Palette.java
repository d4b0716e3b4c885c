package io.github.archmodels.clustering;

import io.github.archmodels.notebook.HtmlSummary;
import java.util.Arrays;

/**
 * Hard export of a clustered weight matrix: one index per d-vector into a lookup table (LUT) of
 * k = 2^b centroids, plus optional per-row scales. Reconstruction is
 * {@code w[r][c] = scale[r] * lut[index[v]][l]} for element l of vector v.
 *
 * @param rows weight matrix rows
 * @param cols weight matrix columns
 * @param bits index bits b
 * @param clusterDim vector length d
 * @param indices one index per d-vector, in row-major vector order
 * @param lut k x d centroids, row-major
 * @param scales per-row scales, or null without per-channel scaling
 */
public record Palette(int rows, int cols, int bits, int clusterDim, int[] indices, float[] lut,
        float[] scales) implements HtmlSummary {

    /** Returns the weights rebuilt from the indices, the LUT and the scales (row-major). */
    public float[] reconstruct() {
        int d = clusterDim;
        float[] out = new float[rows * cols];
        for (int v = 0; v < indices.length; v++) {
            System.arraycopy(lut, indices[v] * d, out, v * d, d);
        }
        if (scales != null) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    out[r * cols + c] *= scales[r];
                }
            }
        }
        return out;
    }

    /** Returns the number of weights. */
    public long weights() {
        return (long) rows * cols;
    }

    /** Returns the index bits per weight, b / d. */
    public double indexBitsPerWeight() {
        return (double) bits / clusterDim;
    }

    /** Returns the packed size: indices at b bits, the LUT at {@code lutDtype}, scales at 2 bytes. */
    public long packedBytes(Dtype lutDtype) {
        long indexBytes = ((long) indices.length * bits + 7) / 8;
        long lutBytes = (long) lut.length * lutDtype.bytes();
        long scaleBytes = scales == null ? 0 : 2L * scales.length;
        return indexBytes + lutBytes + scaleBytes;
    }

    /** Returns the bits per weight of the packed size, LUT and scales included. */
    public double effectiveBitsPerWeight(Dtype lutDtype) {
        return 8.0 * packedBytes(lutDtype) / weights();
    }

    /** Returns the number of weights nearest to each centroid. */
    public long[] clusterCounts() {
        long[] counts = new long[1 << bits];
        for (int i : indices) {
            counts[i] += clusterDim;
        }
        return counts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Palette p && rows == p.rows && cols == p.cols && bits == p.bits
                && clusterDim == p.clusterDim && Arrays.equals(indices, p.indices)
                && Arrays.equals(lut, p.lut) && Arrays.equals(scales, p.scales);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(indices) * 31 + Arrays.hashCode(lut);
    }

    @Override
    public String toString() {
        return String.format("Palette %d x %d, %d-bit indices over %d-vectors (%.3g bits/weight),"
                + " %d-entry LUT%s, %,d bytes packed (bf16 LUT)", rows, cols, bits, clusterDim,
                indexBitsPerWeight(), 1 << bits, scales == null ? "" : ", per-row scales",
                packedBytes(Dtype.BF16));
    }
}
