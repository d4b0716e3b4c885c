package io.github.archmodels.capsule;

import java.util.List;
import java.util.Locale;

/**
 * The shape {@code m x n x k} of one tensor-core matrix-multiply-accumulate (MMA) instruction.
 *
 * <p>A GEMM of shape (M, N, K) runs as {@code ceil(M/m) ceil(N/n) ceil(K/k)} MMAs. Each issues
 * {@code m n k} multiply slots, so the GEMM issues
 * {@code P = ceil(M/m) m * ceil(N/n) n * ceil(K/k) k} slots, of which {@code M N K} are useful:
 * utilization {@code U = M N K / P} and ineffectual fraction {@code 1 - U}.
 *
 * <p>Shapes of the PTX instructions: {@code wmma} with f16/bf16 inputs supports m16n16k16,
 * m32n8k16 and m8n32k16, and m16n16k8 with tf32; {@code mma.sync} with f16 supports m16n8k16,
 * m16n8k8 and, on Volta, m8n8k4.
 *
 * @param name short name, for example {@code m16n16k16}
 * @param m rows of the output tile
 * @param n columns of the output tile
 * @param k reduction depth of one MMA
 * @param precision input precision, for example {@code f16}
 */
public record TileShape(String name, int m, int n, int k, String precision) {

    public TileShape {
        if (m <= 0 || n <= 0 || k <= 0) {
            throw new IllegalArgumentException("tile " + name + " is m" + m + "n" + n + "k" + k
                    + "; every dimension must be positive");
        }
    }

    /** WMMA f16 m16n16k16, the default shape of most libraries. */
    public static TileShape wmma16x16x16() {
        return new TileShape("m16n16k16", 16, 16, 16, "f16");
    }

    /** WMMA f16 m32n8k16. */
    public static TileShape wmma32x8x16() {
        return new TileShape("m32n8k16", 32, 8, 16, "f16");
    }

    /** WMMA f16 m8n32k16. */
    public static TileShape wmma8x32x16() {
        return new TileShape("m8n32k16", 8, 32, 16, "f16");
    }

    /** WMMA tf32 m16n16k8 (Ampere and later). */
    public static TileShape wmmaTf32() {
        return new TileShape("tf32-m16n16k8", 16, 16, 8, "tf32");
    }

    /** mma.sync f16 m16n8k16 (Ampere and later). */
    public static TileShape mma16x8x16() {
        return new TileShape("m16n8k16", 16, 8, 16, "f16");
    }

    /** mma.sync f16 m16n8k8 (Turing and later). */
    public static TileShape mma16x8x8() {
        return new TileShape("m16n8k8", 16, 8, 8, "f16");
    }

    /** mma.sync f16 m8n8k4 (Volta). */
    public static TileShape mma8x8x4() {
        return new TileShape("m8n8k4", 8, 8, 4, "f16");
    }

    /** Returns every preset, WMMA shapes first. */
    public static List<TileShape> presets() {
        return List.of(wmma16x16x16(), wmma32x8x16(), wmma8x32x16(), wmmaTf32(), mma16x8x16(),
                mma16x8x8(), mma8x8x4());
    }

    /** Returns the preset of that name, for example {@code m16n8k16} (case-insensitive). */
    public static TileShape byName(String name) {
        for (TileShape t : presets()) {
            if (t.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown tile shape \"" + name + "\"; known shapes: "
                + String.join(", ", presets().stream().map(TileShape::name).toList()));
    }

    /** Multiply slots of one MMA, {@code m n k}. */
    public long volume() {
        return (long) m * n * k;
    }

    /** Rounds {@code value} up to a multiple of {@code step}. */
    static long roundUp(long value, long step) {
        return (value + step - 1) / step * step;
    }

    /** MMAs the GEMM issues, counting every repetition. */
    public long mmaCount(Gemm g) {
        return roundUp(g.m(), m) / m * (roundUp(g.n(), n) / n) * (roundUp(g.k(), k) / k) * g.count();
    }

    /** Multiply slots the GEMM issues, padding included. */
    public long issuedSlots(Gemm g) {
        return mmaCount(g) * volume();
    }

    /** Useful MACs over issued slots, in (0, 1]. */
    public double utilization(Gemm g) {
        return (double) g.usefulMacs() / issuedSlots(g);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s, %d MACs per MMA)", name, precision, volume());
    }
}
