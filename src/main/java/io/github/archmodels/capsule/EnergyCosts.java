package io.github.archmodels.capsule;

import java.util.Locale;

/**
 * Energy per operation, in joules, used by {@link EnergyModel}.
 *
 * <p>The defaults ({@link #horowitz45nm()}) are 45 nm figures from M. Horowitz, "Computing's
 * energy problem (and what we can do about it)", ISSCC 2014: FP32 add 0.9 pJ, FP32 multiply
 * 3.7 pJ, 32-bit integer add 0.1 pJ, 64-bit read from an 8 KB SRAM 10 pJ. Derived values:
 * <ul>
 *   <li>{@code fmaJoules} 2.0 pJ: a mixed-precision tensor-core FMA, an FP16 multiply (about 1.1 pJ,
 *       a commonly quoted 45 nm figure not checked against the paper) plus an FP32 add (0.9 pJ).
 *   <li>{@code sramJoulesPerByte} 1.25 pJ: 10 pJ per 8-byte SRAM read.
 *   <li>{@code zeroDetectJoulesPerMma} 1.6 pJ: an estimate, one 16-bit zero comparison (costed like
 *       a 32-bit integer add, 0.1 pJ) per element of a 16-element operand slice.
 *   <li>{@code specialFunctionJoules} 14.8 pJ: an estimate, four FP32 multiplies per exponential,
 *       square root or division in softmax and squash.
 * </ul>
 * Override any of them with the {@code withX} copies; the model scales linearly in each.
 *
 * @param fmaJoules energy of one issued multiply slot, padding included when it is executed
 * @param sramJoulesPerByte energy per byte of operand read or result written
 * @param bytesPerElement bytes per operand element (2 for FP16)
 * @param zeroDetectJoulesPerMma energy of checking one MMA's operands for ineffectual slots
 * @param specialFunctionJoules energy of one exponential, square root or division
 */
public record EnergyCosts(double fmaJoules, double sramJoulesPerByte, int bytesPerElement,
        double zeroDetectJoulesPerMma, double specialFunctionJoules) {

    public EnergyCosts {
        nonNegative("fmaJoules", fmaJoules);
        nonNegative("sramJoulesPerByte", sramJoulesPerByte);
        nonNegative("zeroDetectJoulesPerMma", zeroDetectJoulesPerMma);
        nonNegative("specialFunctionJoules", specialFunctionJoules);
        if (bytesPerElement <= 0) {
            throw new IllegalArgumentException("bytesPerElement = " + bytesPerElement
                    + " is invalid; it must be positive (2 for FP16, 4 for FP32)");
        }
    }

    private static void nonNegative(String parameter, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(parameter + " = " + value
                    + " is invalid; energies must be zero or positive and finite, in joules");
        }
    }

    /** Returns the 45 nm defaults described above. */
    public static EnergyCosts horowitz45nm() {
        return new EnergyCosts(2.0e-12, 1.25e-12, 2, 1.6e-12, 4 * 3.7e-12);
    }

    public EnergyCosts withFmaJoules(double value) {
        return new EnergyCosts(value, sramJoulesPerByte, bytesPerElement, zeroDetectJoulesPerMma,
                specialFunctionJoules);
    }

    public EnergyCosts withSramJoulesPerByte(double value) {
        return new EnergyCosts(fmaJoules, value, bytesPerElement, zeroDetectJoulesPerMma,
                specialFunctionJoules);
    }

    public EnergyCosts withBytesPerElement(int value) {
        return new EnergyCosts(fmaJoules, sramJoulesPerByte, value, zeroDetectJoulesPerMma,
                specialFunctionJoules);
    }

    public EnergyCosts withZeroDetectJoulesPerMma(double value) {
        return new EnergyCosts(fmaJoules, sramJoulesPerByte, bytesPerElement, value,
                specialFunctionJoules);
    }

    public EnergyCosts withSpecialFunctionJoules(double value) {
        return new EnergyCosts(fmaJoules, sramJoulesPerByte, bytesPerElement, zeroDetectJoulesPerMma,
                value);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "FMA %.2f pJ, SRAM %.2f pJ/B (%d B/element), zero detect %.2f pJ/MMA, special function %.2f pJ",
                fmaJoules * 1e12, sramJoulesPerByte * 1e12, bytesPerElement,
                zeroDetectJoulesPerMma * 1e12, specialFunctionJoules * 1e12);
    }
}
