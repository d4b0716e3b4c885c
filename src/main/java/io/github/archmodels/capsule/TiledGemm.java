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
 *
 * <p>Two kernels compute the same product with the same terms in the same order.
 * {@link #multiply} works on flat arrays one row of A at a time and serves the capsule layers,
 * whose operands are slices of larger arrays. {@link #multiplyRows} takes W and the result as one
 * array per row and tiles two rows by three kk; the convolutions and the decoder use it. Both count
 * the zero activations while they list a row's operands, outside the multiply loops, so the
 * operation counts do not depend on the tiling.
 */
final class TiledGemm {

    /** Reduction block: 128 rows of W (128 KiB at n = 256) stay in L2 while the rows of A pass. */
    private static final int K_BLOCK = 128;

    /** Per-thread lists of the non-zero activations of one row, so the kernel allocates nothing. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        final int[] offsets = new int[K_BLOCK];
        final float[] values = new float[K_BLOCK];
        final float[] pairValues = new float[2 * K_BLOCK];
    }

    /** Splits a row-major {@code rows x columns} matrix into one array per row. */
    static float[][] rows(float[] matrix, int rows, int columns) {
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(matrix, r * columns, (r + 1) * columns);
        }
        return out;
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

    /**
     * The same product as {@link #multiply} with W and acc held one array per row: {@code w[kk]} is
     * row {@code kk} of W (at least {@code roundUp(n, colPad)} long, and {@code roundUp(k, kPad)}
     * rows in padded mode) and {@code acc[r]} row {@code r} of the result (at least
     * {@code roundUp(rows, rowPad)} rows of {@code roundUp(n, colPad)}).
     *
     * <p>Why rows: C2 (JDK 17) vectorizes the inner loop only when every array in it is indexed by
     * the loop variable itself, and only while the loop body stays small. The register tile is two
     * rows of acc by three rows of W: each element of W loaded from cache feeds two rows, and
     * every acc element is loaded and stored once per three kk. A kk is listed when either of the
     * two activations is non-zero (every kk in padded mode); an activation that is zero adds an
     * exact zero to its row, so each output still equals the sum over its non-zero terms, added in
     * ascending kk as {@link #multiply} adds them. The two methods give bit-identical results.
     *
     * @return MACs whose activation operand was zero, counted over the real extent as in
     *     {@link #multiply}
     */
    static long multiplyRows(float[] a, int aOff, int lda, int rows, int k, float[][] w, int n, float[][] acc,
            int rowPad, int kPad, int colPad, boolean eliminate) {
        int accStride = roundUp(n, colPad);
        int paddedRows = roundUp(rows, rowPad);
        int rowLimit = eliminate ? rows : paddedRows;
        int kLimit = eliminate ? k : roundUp(k, kPad);
        int nLimit = eliminate ? n : accStride;
        for (int r = 0; r < paddedRows; r++) {
            Arrays.fill(acc[r], 0, accStride, 0f);
        }
        Scratch scratch = SCRATCH.get();
        int[] list = scratch.offsets;
        float[] values = scratch.values;
        float[] pair = scratch.pairValues;

        long zeros = 0;
        for (int kb = 0; kb < kLimit; kb += K_BLOCK) {
            int kEnd = Math.min(kb + K_BLOCK, kLimit);
            int r = 0;
            for (; r + 2 <= rowLimit; r += 2) {
                boolean real0 = r < rows;
                boolean real1 = r + 1 < rows;
                int row0 = aOff + r * lda;
                int row1 = row0 + lda;
                int count = 0;
                for (int kk = kb; kk < kEnd; kk++) {
                    boolean realK = kk < k;
                    float v0 = real0 && realK ? a[row0 + kk] : 0f;
                    float v1 = real1 && realK ? a[row1 + kk] : 0f;
                    if (realK) {
                        if (real0 && v0 == 0f) {
                            zeros++;
                        }
                        if (real1 && v1 == 0f) {
                            zeros++;
                        }
                    }
                    if (eliminate && v0 == 0f && v1 == 0f) {
                        continue;
                    }
                    list[count] = kk;
                    pair[2 * count] = v0;
                    pair[2 * count + 1] = v1;
                    count++;
                }
                float[] y0 = acc[r];
                float[] y1 = acc[r + 1];
                int i = 0;
                for (; i + 3 <= count; i += 3) {
                    int q = 2 * i;
                    pair2x3(y0, y1, pair[q], pair[q + 2], pair[q + 4], pair[q + 1], pair[q + 3], pair[q + 5],
                            w[list[i]], w[list[i + 1]], w[list[i + 2]], nLimit);
                }
                for (; i < count; i++) {
                    pair2x1(y0, y1, pair[2 * i], pair[2 * i + 1], w[list[i]], nLimit);
                }
            }
            for (; r < rowLimit; r++) {
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
                    list[count] = kk;
                    values[count] = av;
                    count++;
                }
                float[] y = acc[r];
                int i = 0;
                for (; i + 4 <= count; i += 4) {
                    row1x4(y, values[i], values[i + 1], values[i + 2], values[i + 3], w[list[i]], w[list[i + 1]],
                            w[list[i + 2]], w[list[i + 3]], nLimit);
                }
                for (; i < count; i++) {
                    row1x1(y, values[i], w[list[i]], nLimit);
                }
            }
        }
        return zeros * n;
    }

    // The kernels below keep one statement per acc row, adding its products left to right in
    // ascending kk (Java neither fuses nor reorders float arithmetic), and index every array by c
    // alone, the form C2 vectorizes.
    private static void pair2x3(float[] y0, float[] y1, float a00, float a01, float a02, float a10, float a11,
            float a12, float[] x0, float[] x1, float[] x2, int n) {
        for (int c = 0; c < n; c++) {
            float p0 = x0[c];
            float p1 = x1[c];
            float p2 = x2[c];
            y0[c] = y0[c] + a00 * p0 + a01 * p1 + a02 * p2;
            y1[c] = y1[c] + a10 * p0 + a11 * p1 + a12 * p2;
        }
    }

    private static void pair2x1(float[] y0, float[] y1, float a0, float a1, float[] x, int n) {
        for (int c = 0; c < n; c++) {
            float p = x[c];
            y0[c] = y0[c] + a0 * p;
            y1[c] = y1[c] + a1 * p;
        }
    }

    private static void row1x4(float[] y, float a0, float a1, float a2, float a3, float[] x0, float[] x1,
            float[] x2, float[] x3, int n) {
        for (int c = 0; c < n; c++) {
            y[c] = y[c] + a0 * x0[c] + a1 * x1[c] + a2 * x2[c] + a3 * x3[c];
        }
    }

    private static void row1x1(float[] y, float a, float[] x, int n) {
        for (int c = 0; c < n; c++) {
            y[c] = y[c] + a * x[c];
        }
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
