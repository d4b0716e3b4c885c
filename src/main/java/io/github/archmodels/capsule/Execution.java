package io.github.archmodels.capsule;

/**
 * Treatment of the ineffectual slots of a padded tensor-core tile.
 *
 * <ul>
 *   <li>{@link #BASELINE}: every issued slot, padding included, is executed and costs one FMA.
 *   <li>{@link #GATED}: slots that multiply padding are detected and their lanes switched off.
 *       Dynamic energy covers only useful MACs plus detection; time is unchanged.
 *   <li>{@link #PACKED}: useful work is compacted into full tiles, for example two K = 8 prediction
 *       products into one K = 16 MMA. Energy as {@link #GATED}; time falls to the packed slot count,
 *       {@code ceil(useful / (m n k)) m n k} per layer, an upper bound on what packing achieves.
 *   <li>{@link #ZERO_SKIPPING}: {@link #PACKED}, and in addition multiplies whose activation
 *       operand is zero (ReLU outputs, masked decoder inputs, black pixels) are gated off. Time as
 *       {@link #PACKED}: data-dependent zeros are not compacted.
 * </ul>
 */
public enum Execution {
    BASELINE, GATED, PACKED, ZERO_SKIPPING
}
