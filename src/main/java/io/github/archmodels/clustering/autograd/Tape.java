package io.github.archmodels.clustering.autograd;

import io.github.archmodels.clustering.Dtype;
import java.util.ArrayList;
import java.util.List;

/**
 * A reverse-mode autograd tape. Every operation records, when one of its inputs requires a gradient,
 * a backward step; {@link #backward(Tensor)} replays the steps in reverse order. Every tensor an
 * operation needs in its backward step is passed through the tape's {@link SavedTensorStore}, and
 * the recorded steps keep no other tensor values alive.
 *
 * <p>Operations: {@link #matmul}, {@link #add}, {@link #addRowVector}, {@link #sub}, {@link #mul},
 * {@link #scale}, {@link #scaleRows}, {@link #softmaxRows}, {@link #sum}, {@link #sumColumns},
 * {@link #relu}, {@link #crossEntropy}, {@link #squaredDistance}, {@link #safeDivide} and
 * {@link #roundTo}. Tensors are 2-D; a 1 x 1 tensor is a scalar.
 *
 * <pre>{@code
 * Tape tape = new Tape(new SavedTensorStore(StorePolicy.edkm(8)));
 * Tensor loss = tape.sum(tape.mul(x, x));
 * tape.backward(loss);     // x.grad() now holds 2x
 * }</pre>
 */
public final class Tape {

    /** One recorded backward step: receives the gradient of the output (row-major). */
    private interface Step {
        void run(float[] gradOutput);
    }

    private record Node(Tensor.GradTarget output, Step step) {
    }

    private final SavedTensorStore store;
    private final List<Node> nodes = new ArrayList<>();

    /** Creates a tape whose saved tensors go through {@code store}. */
    public Tape(SavedTensorStore store) {
        this.store = store;
    }

    /** Creates a tape with a plain store. */
    public Tape() {
        this(SavedTensorStore.plain());
    }

    /** Returns the saved-tensor store. */
    public SavedTensorStore store() {
        return store;
    }

    /** Returns the number of recorded backward steps. */
    public int size() {
        return nodes.size();
    }

    private static boolean anyGrad(Tensor... inputs) {
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    private Tensor output(float[] values, int rows, int cols, Dtype dtype, boolean grad) {
        return new Tensor(values, rows, cols, false, null, dtype, grad);
    }

    private void record(Tensor output, Step step) {
        if (output.requiresGrad()) {
            nodes.add(new Node(output.gradTarget(), step));
        }
    }

    private static void checkSameShape(String op, Tensor a, Tensor b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException(op + ": shapes " + a.rows() + " x " + a.cols() + " and "
                    + b.rows() + " x " + b.cols() + " differ; both operands must have the same shape");
        }
    }

    /** Returns the values of {@code t} in row-major order without copying when possible. */
    private static float[] values(Tensor t) {
        return t.isTransposed() ? t.toArray() : t.storage();
    }

    // ---------------------------------------------------------------- matrix product

    /** Returns the matrix product {@code x y} (x: m x p, y: p x n). Saves x and y. */
    public Tensor matmul(Tensor x, Tensor y) {
        if (x.cols() != y.rows()) {
            throw new IllegalArgumentException("matmul: inner dimensions differ, " + x.rows() + " x "
                    + x.cols() + " times " + y.rows() + " x " + y.cols());
        }
        int m = x.rows();
        int p = x.cols();
        int n = y.cols();
        float[] out = Kernels.mm(x.storage(), x.isTransposed(), y.storage(), y.isTransposed(), m, p, n);

        boolean grad = anyGrad(x, y);
        Tensor result = output(out, m, n, x.dtype(), grad);
        if (!grad) {
            return result;
        }
        SavedTensorStore.Handle hx = store.save(x);
        SavedTensorStore.Handle hy = store.save(y);
        boolean gx = x.requiresGrad();
        boolean gy = y.requiresGrad();
        Tensor.GradTarget xTarget = x.gradTarget();
        Tensor.GradTarget yTarget = y.gradTarget();
        record(result, g -> {
            Tensor sx = hx.unpack();
            Tensor sy = hy.unpack();
            if (gx) {
                if (sx.isTransposed()) {
                    // dX^T = Y g^T, already in the layout of X's storage (p x m).
                    xTarget.accumulateStorage(Kernels.mm(sy.storage(), sy.isTransposed(), g, true, p, n, m));
                } else {
                    xTarget.accumulateStorage(Kernels.mm(g, false, sy.storage(), !sy.isTransposed(), m, n, p));
                }
            }
            if (gy) {
                if (sy.isTransposed()) {
                    // dY^T = g^T X, in the layout of Y's storage (n x p).
                    yTarget.accumulateStorage(Kernels.mm(g, true, sx.storage(), sx.isTransposed(), n, m, p));
                } else {
                    yTarget.accumulateStorage(Kernels.mm(sx.storage(), !sx.isTransposed(), g, false, p, m, n));
                }
            }
        });
        return result;
    }

    // ---------------------------------------------------------------- elementwise

    /** Returns {@code a + b} (same shape). Saves nothing. */
    public Tensor add(Tensor a, Tensor b) {
        checkSameShape("add", a, b);
        float[] av = values(a);
        float[] bv = values(b);

        float[] out = new float[av.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = av[i] + bv[i];
        }

        Tensor result = output(out, a.rows(), a.cols(), a.dtype(), anyGrad(a, b));
        Tensor.GradTarget aTarget = a.gradTarget();
        Tensor.GradTarget bTarget = b.gradTarget();
        record(result, g -> {
            aTarget.accumulate(g);
            bTarget.accumulate(g);
        });
        return result;
    }

    /** Returns {@code a - b} (same shape). Saves nothing. */
    public Tensor sub(Tensor a, Tensor b) {
        checkSameShape("sub", a, b);
        float[] av = values(a);
        float[] bv = values(b);

        float[] out = new float[av.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = av[i] - bv[i];
        }

        Tensor result = output(out, a.rows(), a.cols(), a.dtype(), anyGrad(a, b));
        Tensor.GradTarget aTarget = a.gradTarget();
        Tensor.GradTarget bTarget = b.gradTarget();
        record(result, g -> {
            aTarget.accumulate(g);
            float[] neg = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                neg[i] = -g[i];
            }
            bTarget.accumulate(neg);
        });
        return result;
    }

    /** Returns the elementwise product {@code a * b}. Saves a and b. */
    public Tensor mul(Tensor a, Tensor b) {
        checkSameShape("mul", a, b);
        float[] av = values(a);
        float[] bv = values(b);

        float[] out = new float[av.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = av[i] * bv[i];
        }

        boolean grad = anyGrad(a, b);
        Tensor result = output(out, a.rows(), a.cols(), a.dtype(), grad);
        if (!grad) {
            return result;
        }
        SavedTensorStore.Handle ha = store.save(a);
        SavedTensorStore.Handle hb = store.save(b);
        Tensor.GradTarget aTarget = a.gradTarget();
        Tensor.GradTarget bTarget = b.gradTarget();
        record(result, g -> {
            float[] sa = values(ha.unpack());
            float[] sb = values(hb.unpack());
            float[] ga = new float[g.length];
            float[] gb = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                ga[i] = g[i] * sb[i];
                gb[i] = g[i] * sa[i];
            }
            aTarget.accumulate(ga);
            bTarget.accumulate(gb);
        });
        return result;
    }

    /** Returns {@code alpha * a}. Saves nothing. */
    public Tensor scale(Tensor a, float alpha) {
        float[] av = values(a);

        float[] out = new float[av.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = alpha * av[i];
        }

        Tensor result = output(out, a.rows(), a.cols(), a.dtype(), a.requiresGrad());
        Tensor.GradTarget aTarget = a.gradTarget();
        record(result, g -> {
            float[] ga = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                ga[i] = alpha * g[i];
            }
            aTarget.accumulate(ga);
        });
        return result;
    }

    /** Returns {@code a} with row i multiplied by the constant {@code factors[i]}. Saves nothing. */
    public Tensor scaleRows(Tensor a, float[] factors) {
        if (factors.length != a.rows()) {
            throw new IllegalArgumentException("scaleRows: " + factors.length + " factors for "
                    + a.rows() + " rows; pass one factor per row");
        }
        float[] av = values(a);
        int cols = a.cols();

        float[] out = new float[av.length];
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = av[i * cols + j] * factors[i];
            }
        }
        float[] f = factors.clone();

        Tensor result = output(out, a.rows(), cols, a.dtype(), a.requiresGrad());
        Tensor.GradTarget aTarget = a.gradTarget();
        record(result, g -> {
            float[] ga = new float[g.length];
            for (int i = 0; i < f.length; i++) {
                for (int j = 0; j < cols; j++) {
                    ga[i * cols + j] = g[i * cols + j] * f[i];
                }
            }
            aTarget.accumulate(ga);
        });
        return result;
    }

    /** Returns {@code a + bias} with the 1 x n {@code bias} added to every row. Saves nothing. */
    public Tensor addRowVector(Tensor a, Tensor bias) {
        if (bias.rows() != 1 || bias.cols() != a.cols()) {
            throw new IllegalArgumentException("addRowVector: bias is " + bias.rows() + " x "
                    + bias.cols() + ", expected 1 x " + a.cols());
        }
        float[] av = values(a);
        float[] bv = values(bias);
        int cols = a.cols();

        float[] out = new float[av.length];
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = av[i * cols + j] + bv[j];
            }
        }

        Tensor result = output(out, a.rows(), cols, a.dtype(), anyGrad(a, bias));
        int rows = a.rows();
        Tensor.GradTarget aTarget = a.gradTarget();
        Tensor.GradTarget biasTarget = bias.gradTarget();
        record(result, g -> {
            aTarget.accumulate(g);
            float[] gb = new float[cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    gb[j] += g[i * cols + j];
                }
            }
            biasTarget.accumulate(gb);
        });
        return result;
    }

    /** Returns {@code max(a, 0)}. Saves the output. */
    public Tensor relu(Tensor a) {
        float[] av = values(a);

        float[] out = new float[av.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = av[i] > 0f ? av[i] : 0f;
        }

        Tensor result = output(out, a.rows(), a.cols(), a.dtype(), a.requiresGrad());
        if (!result.requiresGrad()) {
            return result;
        }
        SavedTensorStore.Handle h = store.save(result);
        Tensor.GradTarget aTarget = a.gradTarget();
        record(result, g -> {
            float[] so = values(h.unpack());
            float[] ga = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                ga[i] = so[i] > 0f ? g[i] : 0f;
            }
            aTarget.accumulate(ga);
        });
        return result;
    }

    /**
     * Returns {@code a} rounded to {@code dtype}, with the gradient passed straight through (the
     * rounding is treated as the identity in backward). Saves nothing.
     */
    public Tensor roundTo(Tensor a, Dtype dtype) {
        float[] av = values(a);

        float[] out = new float[av.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = dtype.round(av[i]);
        }

        Tensor result = output(out, a.rows(), a.cols(), dtype, a.requiresGrad());
        Tensor.GradTarget aTarget = a.gradTarget();
        record(result, aTarget::accumulate);
        return result;
    }

    // ---------------------------------------------------------------- reductions

    /** Returns the sum of all elements as a 1 x 1 tensor. Saves nothing. */
    public Tensor sum(Tensor a) {
        float[] av = values(a);
        double s = 0;
        for (float v : av) {
            s += v;
        }

        Tensor result = output(new float[] {(float) s}, 1, 1, a.dtype(), a.requiresGrad());
        int n = av.length;
        Tensor.GradTarget aTarget = a.gradTarget();
        record(result, g -> {
            float[] ga = new float[n];
            java.util.Arrays.fill(ga, g[0]);
            aTarget.accumulate(ga);
        });
        return result;
    }

    /** Returns the column sums of an m x n tensor as an n x 1 column ({@code a^T 1}). Saves nothing. */
    public Tensor sumColumns(Tensor a) {
        Tensor c = a.contiguous();
        float[] av = c.storage();
        int rows = a.rows();
        int cols = a.cols();
        int chunks = Parallel.chunkCount(rows, cols);
        double[][] partial = new double[chunks][cols];
        Parallel.chunks(rows, chunks, (chunk, from, to) -> {
            double[] acc = partial[chunk];
            for (int i = from; i < to; i++) {
                for (int j = 0; j < cols; j++) {
                    acc[j] += av[i * cols + j];
                }
            }
        });

        float[] out = new float[cols];
        for (int j = 0; j < cols; j++) {
            double s = 0;
            for (double[] p : partial) {
                s += p[j];
            }
            out[j] = (float) s;
        }

        Tensor result = output(out, cols, 1, a.dtype(), a.requiresGrad());
        Tensor.GradTarget aTarget = a.gradTarget();
        record(result, g -> {
            float[] ga = new float[rows * cols];
            Parallel.rows(rows, cols, (from, to) -> {
                for (int i = from; i < to; i++) {
                    System.arraycopy(g, 0, ga, i * cols, cols);
                }
            });
            aTarget.accumulate(ga);
        });
        return result;
    }

    // ---------------------------------------------------------------- softmax and losses

    /**
     * Returns the row-wise softmax of {@code alpha * a}: {@code exp(alpha a_ij - max_j alpha a_ij)}
     * normalized per row. Subtracting the row maximum keeps one term at exactly 1, so no row
     * overflows or divides by zero even for {@code |alpha|} near 1e6 or more. Saves the output.
     */
    public Tensor softmaxRows(Tensor a, float alpha) {
        Tensor c = a.contiguous();
        float[] av = c.storage();
        int rows = a.rows();
        int cols = a.cols();

        float[] out = new float[av.length];
        Parallel.rows(rows, 16L * cols, (from, to) -> {
            for (int i = from; i < to; i++) {
                int o = i * cols;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < cols; j++) {
                    max = Math.max(max, alpha * av[o + j]);
                }
                float sum = 0f;
                for (int j = 0; j < cols; j++) {
                    float e = (float) Math.exp(alpha * av[o + j] - max);
                    out[o + j] = e;
                    sum += e;
                }
                float inv = 1f / sum;
                for (int j = 0; j < cols; j++) {
                    out[o + j] *= inv;
                }
            }
        });

        Tensor result = output(out, rows, cols, a.dtype(), a.requiresGrad());
        if (!result.requiresGrad()) {
            return result;
        }
        SavedTensorStore.Handle h = store.save(result);
        Tensor.GradTarget aTarget = a.gradTarget();
        record(result, g -> {
            float[] s = h.unpack().storage();
            float[] ga = new float[g.length];
            Parallel.rows(rows, 4L * cols, (from, to) -> {
                for (int i = from; i < to; i++) {
                    int o = i * cols;
                    float dot = 0f;
                    for (int j = 0; j < cols; j++) {
                        dot += g[o + j] * s[o + j];
                    }
                    for (int j = 0; j < cols; j++) {
                        ga[o + j] = alpha * s[o + j] * (g[o + j] - dot);
                    }
                }
            });
            aTarget.accumulate(ga);
        });
        return result;
    }

    /**
     * Returns the mean cross-entropy of {@code logits} (batch x classes) against integer
     * {@code labels}: {@code -(1/B) sum_b log softmax(logits_b)[label_b]}, as a 1 x 1 tensor. Saves
     * the softmax probabilities.
     */
    public Tensor crossEntropy(Tensor logits, int[] labels) {
        int rows = logits.rows();
        int cols = logits.cols();
        if (labels.length != rows) {
            throw new IllegalArgumentException("crossEntropy: " + labels.length + " labels for "
                    + rows + " rows of logits; pass one label per row");
        }
        float[] lv = values(logits);
        float[] probs = new float[lv.length];
        double loss = 0;
        for (int i = 0; i < rows; i++) {
            int label = labels[i];
            if (label < 0 || label >= cols) {
                throw new IllegalArgumentException("crossEntropy: label " + label + " at row " + i
                        + " is outside 0.." + (cols - 1));
            }
            int o = i * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, lv[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(lv[o + j] - max);
            }
            double logSum = Math.log(sum) + max;
            loss += logSum - lv[o + label];
            for (int j = 0; j < cols; j++) {
                probs[o + j] = (float) Math.exp(lv[o + j] - logSum);
            }
        }

        Tensor result = output(new float[] {(float) (loss / rows)}, 1, 1, Dtype.FP32,
                logits.requiresGrad());
        if (!result.requiresGrad()) {
            return result;
        }
        int[] labelCopy = labels.clone();
        SavedTensorStore.Handle h = store.save(output(probs, rows, cols, logits.dtype(), false));
        Tensor.GradTarget logitsTarget = logits.gradTarget();
        record(result, g -> {
            float[] p = h.unpack().storage();
            float[] ga = new float[p.length];
            float scaleBy = g[0] / rows;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    ga[i * cols + j] = p[i * cols + j] * scaleBy;
                }
                ga[i * cols + labelCopy[i]] -= scaleBy;
            }
            logitsTarget.accumulate(ga);
        });
        return result;
    }

    // ---------------------------------------------------------------- DKM building blocks

    /**
     * Returns the squared Euclidean distances {@code D_ij = ||w_i - c_j||^2} between the rows of
     * {@code w} (R x d) and of {@code c} (k x d), computed from the differences (no cancellation).
     * Saves w and c.
     */
    public Tensor squaredDistance(Tensor w, Tensor c) {
        if (w.cols() != c.cols()) {
            throw new IllegalArgumentException("squaredDistance: row lengths differ, " + w.cols()
                    + " and " + c.cols());
        }
        float[] wv = values(w);
        float[] cv = values(c);
        int rows = w.rows();
        int k = c.rows();
        int d = w.cols();

        float[] out = new float[rows * k];
        Parallel.rows(rows, (long) k * d, (from, to) -> {
            if (d == 1) {
                for (int i = from; i < to; i++) {
                    float wi = wv[i];
                    for (int j = 0; j < k; j++) {
                        float diff = wi - cv[j];
                        out[i * k + j] = diff * diff;
                    }
                }
                return;
            }
            for (int i = from; i < to; i++) {
                for (int j = 0; j < k; j++) {
                    float s = 0f;
                    for (int l = 0; l < d; l++) {
                        float diff = wv[i * d + l] - cv[j * d + l];
                        s += diff * diff;
                    }
                    out[i * k + j] = s;
                }
            }
        });

        boolean grad = anyGrad(w, c);
        Tensor result = output(out, rows, k, w.dtype(), grad);
        if (!grad) {
            return result;
        }
        SavedTensorStore.Handle hw = store.save(w);
        SavedTensorStore.Handle hc = store.save(c);
        boolean gw = w.requiresGrad();
        boolean gc = c.requiresGrad();
        Tensor.GradTarget cTarget = c.gradTarget();
        Tensor.GradTarget wTarget = w.gradTarget();
        record(result, g -> {
            float[] sw = values(hw.unpack());
            float[] sc = values(hc.unpack());
            if (gw) {
                // dL/dw_i = 2 sum_j g_ij (w_i - c_j)
                float[] dw = new float[rows * d];
                Parallel.rows(rows, (long) k * d, (from, to) -> {
                    if (d == 1) {
                        for (int i = from; i < to; i++) {
                            float wi = sw[i];
                            float sum = 0f;
                            for (int j = 0; j < k; j++) {
                                sum += 2f * g[i * k + j] * (wi - sc[j]);
                            }
                            dw[i] = sum;
                        }
                        return;
                    }
                    for (int i = from; i < to; i++) {
                        for (int j = 0; j < k; j++) {
                            float gij = 2f * g[i * k + j];
                            for (int l = 0; l < d; l++) {
                                dw[i * d + l] += gij * (sw[i * d + l] - sc[j * d + l]);
                            }
                        }
                    }
                });
                wTarget.accumulate(dw);
            }
            if (gc) {
                // dL/dc_j = -2 sum_i g_ij (w_i - c_j)
                int chunks = Parallel.chunkCount(rows, (long) k * d);
                double[][] partial = new double[chunks][k * d];
                Parallel.chunks(rows, chunks, (chunk, from, to) -> {
                    double[] acc = partial[chunk];
                    for (int i = from; i < to; i++) {
                        for (int j = 0; j < k; j++) {
                            double gij = -2.0 * g[i * k + j];
                            for (int l = 0; l < d; l++) {
                                acc[j * d + l] += gij * (sw[i * d + l] - sc[j * d + l]);
                            }
                        }
                    }
                });
                float[] dc = new float[k * d];
                for (int e = 0; e < dc.length; e++) {
                    double s = 0;
                    for (double[] p : partial) {
                        s += p[e];
                    }
                    dc[e] = (float) s;
                }
                cTarget.accumulate(dc);
            }
        });
        return result;
    }

    /**
     * Returns the DKM centroid update {@code num_jl / den_j} (num: k x d, den: k x 1), taking
     * {@code fallback_jl} where {@code den_j} is 0, which happens when every attention weight of a
     * cluster underflows to 0. Saves num and den.
     */
    public Tensor safeDivide(Tensor num, Tensor den, Tensor fallback) {
        int k = num.rows();
        int d = num.cols();
        if (den.rows() != k || den.cols() != 1) {
            throw new IllegalArgumentException("safeDivide: den is " + den.rows() + " x " + den.cols()
                    + ", expected " + k + " x 1");
        }
        checkSameShape("safeDivide", num, fallback);
        float[] nv = values(num);
        float[] dv = values(den);
        float[] fv = values(fallback);

        float[] out = new float[k * d];
        for (int j = 0; j < k; j++) {
            for (int l = 0; l < d; l++) {
                out[j * d + l] = dv[j] > 0f ? nv[j * d + l] / dv[j] : fv[j * d + l];
            }
        }

        boolean grad = anyGrad(num, den, fallback);
        Tensor result = output(out, k, d, num.dtype(), grad);
        if (!grad) {
            return result;
        }
        SavedTensorStore.Handle hn = store.save(num);
        SavedTensorStore.Handle hd = store.save(den);
        Tensor.GradTarget denTarget = den.gradTarget();
        Tensor.GradTarget fallbackTarget = fallback.gradTarget();
        Tensor.GradTarget numTarget = num.gradTarget();
        record(result, g -> {
            float[] sn = values(hn.unpack());
            float[] sd = values(hd.unpack());
            float[] gn = new float[k * d];
            float[] gd = new float[k];
            float[] gf = new float[k * d];
            for (int j = 0; j < k; j++) {
                if (sd[j] > 0f) {
                    float dot = 0f;
                    for (int l = 0; l < d; l++) {
                        gn[j * d + l] = g[j * d + l] / sd[j];
                        dot += g[j * d + l] * sn[j * d + l];
                    }
                    gd[j] = -dot / (sd[j] * sd[j]);
                } else {
                    for (int l = 0; l < d; l++) {
                        gf[j * d + l] = g[j * d + l];
                    }
                }
            }
            numTarget.accumulate(gn);
            denTarget.accumulate(gd);
            fallbackTarget.accumulate(gf);
        });
        return result;
    }

    // ---------------------------------------------------------------- backward

    /** Runs backward from a 1 x 1 {@code loss} with seed gradient 1. */
    public void backward(Tensor loss) {
        if (loss.size() != 1) {
            throw new IllegalArgumentException("backward(loss) needs a 1 x 1 tensor, got " + loss.rows()
                    + " x " + loss.cols() + "; use backward(output, gradOutput)");
        }
        backward(loss, new float[] {1f});
    }

    /** Runs backward from {@code output} with seed gradient {@code gradOutput} (row-major). */
    public void backward(Tensor output, float[] gradOutput) {
        if (gradOutput.length != output.size()) {
            throw new IllegalArgumentException("gradOutput has " + gradOutput.length
                    + " values, output has " + output.size());
        }
        output.gradTarget().accumulate(gradOutput);
        for (int n = nodes.size() - 1; n >= 0; n--) {
            Node node = nodes.get(n);
            float[] g = node.output().grad();
            if (g != null) {
                node.step().run(g);
            }
        }
    }

    /** Drops the recorded steps and clears the store, as autograd frees the graph after backward. */
    public void clear() {
        nodes.clear();
        store.clear();
    }
}
