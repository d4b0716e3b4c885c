package io.github.archmodels.clustering;

/**
 * Palettization settings of one weight tensor in a size model.
 *
 * @param bits index bits b
 * @param clusterDim vector length d
 * @param lutDtype element type of the lookup table
 * @param groupSize output channels sharing one LUT; 0 means one LUT per tensor
 * @param perChannelScale whether each output channel stores a scale
 * @param scaleDtype element type of the scales
 */
public record PaletteSpec(int bits, int clusterDim, Dtype lutDtype, long groupSize,
        boolean perChannelScale, Dtype scaleDtype) {

    public PaletteSpec {
        if (bits < 1 || bits > 8) {
            throw new IllegalArgumentException("bits = " + bits + " is outside 1..8");
        }
        if (clusterDim < 1) {
            throw new IllegalArgumentException("clusterDim = " + clusterDim + " is invalid; use 1 or more");
        }
        if (groupSize < 0) {
            throw new IllegalArgumentException("groupSize = " + groupSize
                    + " is invalid; use 0 (per tensor) or a positive channel count");
        }
    }

    /** b-bit scalar palettization with one bf16 LUT per tensor and no scales. */
    public static PaletteSpec perTensor(int bits) {
        return new PaletteSpec(bits, 1, Dtype.BF16, 0, false, Dtype.BF16);
    }

    /** Returns a copy with per-channel scales switched. */
    public PaletteSpec withPerChannelScale(boolean on) {
        return new PaletteSpec(bits, clusterDim, lutDtype, groupSize, on, scaleDtype);
    }

    /** Returns a copy with another cluster dimension. */
    public PaletteSpec withClusterDim(int d) {
        return new PaletteSpec(bits, d, lutDtype, groupSize, perChannelScale, scaleDtype);
    }

    /** Returns a copy with one LUT per {@code size} output channels. */
    public PaletteSpec withGroupSize(long size) {
        return new PaletteSpec(bits, clusterDim, lutDtype, size, perChannelScale, scaleDtype);
    }
}
