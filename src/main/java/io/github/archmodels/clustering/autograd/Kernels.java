package io.github.archmodels.clustering.autograd;

/**
 * Matrix products on flat row-major float arrays, split over rows (or over the reduced dimension
 * when the output is small) with {@link Parallel}. Reductions accumulate in double.
 */
final class Kernels {

    /** Outputs with at most this many elements reduce over chunks of the inner dimension. */
    private static final int SMALL_OUTPUT = 4096;

    private Kernels() {
    }

    /**
     * Returns {@code X Y} (m x n, row-major) where X is logically m x p and Y is p x n. With
     * {@code xt} the array {@code x} holds X transposed (p x m row-major); likewise {@code yt}.
     */
    static float[] mm(float[] x, boolean xt, float[] y, boolean yt, int m, int p, int n) {
        if (xt && yt) {
            return mm(transpose(x, p, m), false, y, true, m, p, n);
        }
        float[] out = new float[m * n];
        if (fastPath(x, xt, y, yt, m, p, n, out)) {
            return out;
        }
        if (!xt && !yt) {
            Parallel.rows(m, (long) p * n, (from, to) -> {
                for (int i = from; i < to; i++) {
                    int oi = i * n;
                    for (int l = 0; l < p; l++) {
                        float a = x[i * p + l];
                        if (a == 0f) {
                            continue;
                        }
                        int yl = l * n;
                        for (int j = 0; j < n; j++) {
                            out[oi + j] += a * y[yl + j];
                        }
                    }
                }
            });
        } else if (!xt) {
            // out[i][j] = sum_l x[i][l] * y[j][l]: dot products of rows.
            Parallel.rows(m, (long) p * n, (from, to) -> {
                for (int i = from; i < to; i++) {
                    int xi = i * p;
                    for (int j = 0; j < n; j++) {
                        int yj = j * p;
                        double sum = 0;
                        for (int l = 0; l < p; l++) {
                            sum += x[xi + l] * y[yj + l];
                        }
                        out[i * n + j] = (float) sum;
                    }
                }
            });
        } else if (m * n <= SMALL_OUTPUT) {
            // out[i][j] = sum_l x[l][i] * y[l][j] with a small output: partial sums per chunk of l.
            int chunks = Parallel.chunkCount(p, (long) m * n);
            double[][] partial = new double[chunks][m * n];
            Parallel.chunks(p, chunks, (c, from, to) -> {
                double[] acc = partial[c];
                for (int l = from; l < to; l++) {
                    int xl = l * m;
                    int yl = l * n;
                    for (int i = 0; i < m; i++) {
                        double a = x[xl + i];
                        if (a == 0) {
                            continue;
                        }
                        for (int j = 0; j < n; j++) {
                            acc[i * n + j] += a * y[yl + j];
                        }
                    }
                }
            });
            for (int k = 0; k < m * n; k++) {
                double sum = 0;
                for (int c = 0; c < chunks; c++) {
                    sum += partial[c][k];
                }
                out[k] = (float) sum;
            }
        } else {
            // out[i][j] = sum_l x[l][i] * y[l][j] with a large output: split over i.
            Parallel.rows(m, (long) p * n, (from, to) -> {
                for (int l = 0; l < p; l++) {
                    int xl = l * m;
                    int yl = l * n;
                    for (int i = from; i < to; i++) {
                        float a = x[xl + i];
                        if (a == 0f) {
                            continue;
                        }
                        int oi = i * n;
                        for (int j = 0; j < n; j++) {
                            out[oi + j] += a * y[yl + j];
                        }
                    }
                }
            });
        }
        return out;
    }

    /**
     * Computes the thin products of scalar DKM (d = 1) without the general loops: a matrix times a
     * column, an outer product, and a transposed matrix times a column. Returns false for other shapes.
     */
    private static boolean fastPath(float[] x, boolean xt, float[] y, boolean yt, int m, int p, int n,
            float[] out) {
        if (!xt && !yt && n == 1) {
            Parallel.rows(m, p, (from, to) -> {
                for (int i = from; i < to; i++) {
                    float sum = 0f;
                    int xi = i * p;
                    for (int l = 0; l < p; l++) {
                        sum += x[xi + l] * y[l];
                    }
                    out[i] = sum;
                }
            });
            return true;
        }
        if (!xt && yt && p == 1) {
            Parallel.rows(m, n, (from, to) -> {
                for (int i = from; i < to; i++) {
                    float a = x[i];
                    int oi = i * n;
                    for (int j = 0; j < n; j++) {
                        out[oi + j] = a * y[j];
                    }
                }
            });
            return true;
        }
        if (xt && !yt && n == 1 && m <= SMALL_OUTPUT) {
            int chunks = Parallel.chunkCount(p, m);
            double[][] partial = new double[chunks][m];
            Parallel.chunks(p, chunks, (c, from, to) -> {
                double[] acc = partial[c];
                for (int l = from; l < to; l++) {
                    double b = y[l];
                    int xl = l * m;
                    for (int i = 0; i < m; i++) {
                        acc[i] += x[xl + i] * b;
                    }
                }
            });
            for (int i = 0; i < m; i++) {
                double sum = 0;
                for (int c = 0; c < chunks; c++) {
                    sum += partial[c][i];
                }
                out[i] = (float) sum;
            }
            return true;
        }
        return false;
    }

    /** Returns the transpose of a row-major {@code rows x cols} array. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] out = new float[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] = a[i * cols + j];
            }
        }
        return out;
    }
}
