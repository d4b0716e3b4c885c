package io.github.archmodels.clustering;

/**
 * Storage data type of a tensor: how many bytes one element takes and how a 32-bit float is rounded
 * to it. Arithmetic in this package is float32; the data type sets the rounding of weights and the
 * bytes the saved-tensor store accounts per element.
 */
public enum Dtype {
    /** IEEE 754 binary32, 4 bytes. */
    FP32(4),
    /** IEEE 754 binary16, 2 bytes, 10 mantissa bits, max 65,504. */
    FP16(2),
    /** bfloat16, 2 bytes: the upper half of a binary32 (8 exponent and 7 mantissa bits). */
    BF16(2);

    private final int bytes;

    Dtype(int bytes) {
        this.bytes = bytes;
    }

    /** Returns the bytes of one element. */
    public int bytes() {
        return bytes;
    }

    /** Returns whether the type has 16 bits, so at most 65,536 distinct values. */
    public boolean isSixteenBit() {
        return bytes == 2;
    }

    /** Rounds {@code value} to the nearest value of this type (ties to even) and returns it as a float. */
    public float round(float value) {
        switch (this) {
            case FP16:
                return roundToFp16(value);
            case BF16:
                return roundToBf16(value);
            default:
                return value;
        }
    }

    private static float roundToFp16(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            return value;
        }
        float magnitude = Math.abs(value);
        if (magnitude >= 65520f) {
            // 65,520 and above round past the largest finite binary16 value, 65,504.
            return Math.copySign(Float.POSITIVE_INFINITY, value);
        }
        // Spacing of binary16 values: 2^(e - 10) for normal numbers, 2^-24 below 2^-14.
        int exponent = Math.max(Math.getExponent(magnitude), -14);
        float ulp = Math.scalb(1f, exponent - 10);
        // Math.rint rounds ties to even, as IEEE 754 conversion does.
        return Math.copySign((float) (Math.rint(magnitude / ulp) * ulp), value);
    }

    private static float roundToBf16(float value) {
        if (Float.isNaN(value)) {
            return value;
        }
        int bits = Float.floatToRawIntBits(value);
        // Round to nearest even on the 16 dropped bits.
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return Float.intBitsToFloat((bits + rounding) & 0xFFFF0000);
    }
}
