package io.github.archmodels.capsule;

/**
 * Operations one layer of a {@link FunctionalCapsNet} forward pass executed and skipped.
 *
 * @param layer layer name
 * @param usefulMacs MACs of the unpadded problem
 * @param paddedSlots slots of the problem padded to whole tiles
 * @param executedMacs multiplies the kernel performed
 * @param zeroActivationMacs useful MACs whose activation operand was zero, measured
 * @param paddingSkipped padded slots not executed (0 when executing padded tiles)
 * @param zeroSkipped zero-activation MACs not executed (0 when executing padded tiles)
 */
public record LayerOps(String layer, long usefulMacs, long paddedSlots, long executedMacs,
        long zeroActivationMacs, long paddingSkipped, long zeroSkipped) {

    /** Fraction of useful MACs with a zero activation operand. */
    public double zeroFraction() {
        return usefulMacs == 0 ? 0 : (double) zeroActivationMacs / usefulMacs;
    }
}
