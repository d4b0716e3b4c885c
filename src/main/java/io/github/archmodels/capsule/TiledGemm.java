package io.github.archmodels.capsule;

import java.util.Arrays;

/**
 * The matrix-multiply kernel of {@link FunctionalCapsNet}: {@code acc = A W}, executed either on
 * padded tiles or with the ineffectual operations eliminated.
 *
 * <p>{@code A} is the activation operand ({@code rows x k}, row stride {@code lda}), {@code W} the
 * other operand ({@code k x n}, row stride {@code ldw}). Padded mode rounds rows, k and n up to the
 * tile's multiples and multiplies every slot, reading zero for A outside its real extent; W must
 * then hold zeros in its padded rows and columns. Eliminated mode touches only the real extent and
 * skips each {@code a(r, kk) == 0}, which removes that activation's {@code n} multiplies.
 *
 * <p>Both modes add the terms of every output in ascending {@code kk} and differ only by terms that
 * are exactly zero, so their real outputs are equal (an added {@code -0.0f} can at most flip the
 * sign of a zero result).
 */
final class TiledGemm {

    /** Reduction block: 128 rows of W (128 KiB at n = 256) stay in L2 while the rows of A pass. */
    private static final int K_BLOCK = 128;

    /** Per-thread lists of the non-zero activations of one row, so the kernel allocates nothing. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final int[] offsets = new int[K_BLOCK];
        final float[] values = new float[K_BLOCK];
    }

    private TiledGemm() {
    }

    static int roundUp(int value, int step) {
        return (value + step - 1) / step * step;
    }

    /**
     * Computes {@code acc[r * roundUp(n, colPad) + c] = sum over kk of a(r, kk) w(kk, c)}. In padded
     * mode every row and column of the padded extent is computed; in eliminated mode only the real
     * extent is, and the padded part of {@code acc} is left as zeros.
     *
     * @return MACs whose activation operand was zero, {@code zeroActivations * n}, counted over the
     *     real extent in both modes
     */
    static long multiply(float[] a, int aOff, int lda, int rows, int k, float[] w, int wOff, int ldw,
            int n, float[] acc, int rowPad, int kPad, int colPad, boolean eliminate) {
        int accStride = roundUp(n, colPad);
        int paddedRows = roundUp(rows, rowPad);
        int rowLimit = eliminate ? rows : paddedRows;
        int kLimit = eliminate ? k : roundUp(k, kPad);
        int nLimit = eliminate ? n : accStride;
        Arrays.fill(acc, 0, paddedRows * accStride, 0f);
        Scratch scratch = SCRATCH.get();
        int[] offsets = scratch.offsets;
        float[] values = scratch.values;

        long zeros = 0;
        for (int kb = 0; kb < kLimit; kb += K_BLOCK) {
            int kEnd = Math.min(kb + K_BLOCK, kLimit);
            for (int r = 0; r < rowLimit; r++) {
                // List the multiplies of this row and block (all of them in padded mode). Apply them
                // eight or four at a time in ascending kk, so each acc element is loaded and stored
                // once per group instead of once per multiply.
                boolean realRow = r < rows;
                int aRow = aOff + r * lda;
                int count = 0;
                for (int kk = kb; kk < kEnd; kk++) {
                    boolean real = realRow && kk < k;
                    float av = real ? a[aRow + kk] : 0f;
                    if (av == 0f) {
                        if (real) {
                            zeros++;
                        }
                        if (eliminate) {
                            continue;
                        }
                    }
                    offsets[count] = wOff + kk * ldw;
                    values[count] = av;
                    count++;
                }
                int accRow = r * accStride;
                int i = 0;
                for (; i + 8 <= count; i += 8) {
                    accumulate8(acc, accRow, values, offsets, i, w, nLimit);
                }
                for (; i + 4 <= count; i += 4) {
                    accumulate4(acc, accRow, values, offsets, i, w, nLimit);
                }
                for (; i < count; i++) {
                    axpy(acc, accRow, values[i], w, offsets[i], nLimit);
                }
            }
        }
        return zeros * n;
    }

    private static void axpy(float[] acc, int accOff, float a, float[] w, int wOff, int n) {
        for (int c = 0; c < n; c++) {
            acc[accOff + c] += a * w[wOff + c];
        }
    }

    // Java evaluates a + b + c left to right without fusing, so one statement adding four or eight
    // products gives the same float result as the same number of separate updates.
    private static void accumulate4(float[] acc, int accOff, float[] values, int[] offsets, int i, float[] w,
            int n) {
        float a0 = values[i];
        float a1 = values[i + 1];
        float a2 = values[i + 2];
        float a3 = values[i + 3];
        int w0 = offsets[i];
        int w1 = offsets[i + 1];
        int w2 = offsets[i + 2];
        int w3 = offsets[i + 3];
        for (int c = 0; c < n; c++) {
            acc[accOff + c] = acc[accOff + c] + a0 * w[w0 + c] + a1 * w[w1 + c] + a2 * w[w2 + c]
                    + a3 * w[w3 + c];
        }
    }

    private static void accumulate8(float[] acc, int accOff, float[] values, int[] offsets, int i, float[] w,
            int n) {
        float a0 = values[i];
        float a1 = values[i + 1];
        float a2 = values[i + 2];
        float a3 = values[i + 3];
        float a4 = values[i + 4];
        float a5 = values[i + 5];
        float a6 = values[i + 6];
        float a7 = values[i + 7];
        int w0 = offsets[i];
        int w1 = offsets[i + 1];
        int w2 = offsets[i + 2];
        int w3 = offsets[i + 3];
        int w4 = offsets[i + 4];
        int w5 = offsets[i + 5];
        int w6 = offsets[i + 6];
        int w7 = offsets[i + 7];
        for (int c = 0; c < n; c++) {
            acc[accOff + c] = acc[accOff + c] + a0 * w[w0 + c] + a1 * w[w1 + c] + a2 * w[w2 + c]
                    + a3 * w[w3 + c] + a4 * w[w4 + c] + a5 * w[w5 + c] + a6 * w[w6 + c] + a7 * w[w7 + c];
        }
    }
}
