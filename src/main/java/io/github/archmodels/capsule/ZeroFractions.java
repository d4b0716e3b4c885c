package io.github.archmodels.capsule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per layer, the fraction of useful MACs whose activation operand is zero, which
 * {@link Execution#ZERO_SKIPPING} gates off.
 *
 * <p>{@link #structural(CapsNetSpec)} contains only the zeros that the architecture guarantees: the
 * decoder's first layer sees one unmasked class capsule out of {@code J}, a fraction
 * {@code 1 - 1/J} of zeros. {@code FunctionalCapsNet} measures the rest (black input pixels,
 * ReLU outputs) on real images; see {@code ForwardResult#zeroFractions()}.
 */
public final class ZeroFractions {

    private final Map<String, Double> byLayer;

    private ZeroFractions(Map<String, Double> byLayer) {
        this.byLayer = Map.copyOf(byLayer);
    }

    /** No zero activations anywhere. */
    public static ZeroFractions none() {
        return new ZeroFractions(Map.of());
    }

    /** Only the decoder mask: {@code 1 - 1/J} of decoder-fc1's inputs are zero. */
    public static ZeroFractions structural(CapsNetSpec spec) {
        return none().with("decoder-fc1", 1 - 1.0 / spec.classes());
    }

    /** Returns a copy with the layer's fraction set. */
    public ZeroFractions with(String layer, double fraction) {
        if (!CapsNetSpec.LAYERS.contains(layer)) {
            throw new IllegalArgumentException("unknown layer \"" + layer + "\"; layers: " + CapsNetSpec.LAYERS);
        }
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("zero fraction of " + layer + " = " + fraction
                    + " is invalid; it must be in [0, 1]");
        }
        Map<String, Double> copy = new LinkedHashMap<>(byLayer);
        copy.put(layer, fraction);
        return new ZeroFractions(copy);
    }

    /** Returns the layer's fraction, 0 where none was set. */
    public double of(String layer) {
        return byLayer.getOrDefault(layer, 0.0);
    }

    @Override
    public String toString() {
        return "zero fractions " + byLayer;
    }
}
