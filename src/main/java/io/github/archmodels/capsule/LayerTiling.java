package io.github.archmodels.capsule;

/**
 * How one layer's GEMMs fill tensor-core tiles.
 *
 * @param layer layer name
 * @param usefulMacs multiply-accumulates the layer needs
 * @param issuedSlots multiply slots the padded tiles issue
 * @param mmaCount MMA instructions issued
 */
public record LayerTiling(String layer, long usefulMacs, long issuedSlots, long mmaCount) {

    /** Useful MACs over issued slots. */
    public double utilization() {
        return (double) usefulMacs / issuedSlots;
    }

    /** Issued slots that multiply padding, as a fraction of issued slots. */
    public double ineffectualFraction() {
        return 1 - utilization();
    }
}
