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

    /** Per-thread row lists, grown on demand so the kernel allocates nothing in steady state. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        int[] rows = new int[0];
        float[] values = new float[0];

        Scratch ensure(int size) {
            if (rows.length < size) {
                rows = new int[size];
                values = new float[size];
            }
            return this;
        }
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
        Scratch scratch = SCRATCH.get().ensure(rowLimit);
        int[] active = scratch.rows;
        float[] values = scratch.values;

        long zeros = 0;
        for (int kk = 0; kk < kLimit; kk++) {
            // Collect the rows this reduction step multiplies, then update them four at a time so
            // that each row of W is loaded once per four rows of acc.
            int count = 0;
            for (int r = 0; r < rowLimit; r++) {
                boolean real = r < rows && kk < k;
                float av = real ? a[aOff + r * lda + kk] : 0f;
                if (av == 0f) {
                    if (real) {
                        zeros++;
                    }
                    if (eliminate) {
                        continue;
                    }
                }
                active[count] = r * accStride;
                values[count] = av;
                count++;
            }
            int wRow = wOff + kk * ldw;
            int i = 0;
            for (; i + 4 <= count; i += 4) {
                axpy4(acc, active[i], active[i + 1], active[i + 2], active[i + 3], values[i],
                        values[i + 1], values[i + 2], values[i + 3], w, wRow, nLimit);
            }
            for (; i < count; i++) {
                axpy(acc, active[i], values[i], w, wRow, nLimit);
            }
        }
        return zeros * n;
    }

    private static void axpy(float[] acc, int accOff, float a, float[] w, int wOff, int n) {
        for (int c = 0; c < n; c++) {
            acc[accOff + c] += a * w[wOff + c];
        }
    }

    private static void axpy4(float[] acc, int o0, int o1, int o2, int o3, float a0, float a1, float a2,
            float a3, float[] w, int wOff, int n) {
        for (int c = 0; c < n; c++) {
            float wc = w[wOff + c];
            acc[o0 + c] += a0 * wc;
            acc[o1 + c] += a1 * wc;
            acc[o2 + c] += a2 * wc;
            acc[o3 + c] += a3 * wc;
        }
    }
}
