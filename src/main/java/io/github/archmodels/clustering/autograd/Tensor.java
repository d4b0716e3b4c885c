package io.github.archmodels.clustering.autograd;

import io.github.archmodels.clustering.Dtype;
import java.util.Arrays;

/**
 * A 2-D float32 matrix on a shared storage array, with an optional gradient. A tensor is either a
 * base tensor (row-major over its own storage) or a view of one: a transpose or a reshape sharing the
 * storage, as {@code torch.Tensor.mT} and {@code view} do. The saved-tensor store recognizes views by
 * their storage.
 *
 * <p>The {@link Dtype} does not change the arithmetic (always float32); it sets how many bytes the
 * saved-tensor store accounts per element.
 */
public final class Tensor {

    private final float[] storage;
    private final int rows;
    private final int cols;
    private final boolean transposed;
    private final Tensor base;
    private final Dtype dtype;
    private final boolean requiresGrad;
    private final GradSlot slot;

    Tensor(float[] storage, int rows, int cols, boolean transposed, Tensor base, Dtype dtype,
            boolean requiresGrad) {
        this.storage = storage;
        this.rows = rows;
        this.cols = cols;
        this.transposed = transposed;
        this.base = base;
        this.dtype = dtype;
        this.requiresGrad = requiresGrad;
        this.slot = base == null ? new GradSlot() : base.slot;
    }

    /** The gradient of a base tensor, shared by its views. */
    static final class GradSlot {
        float[] grad;
    }

    /**
     * The destination of the gradient of one tensor in a backward step. It contains the gradient slot and the view
     * shape but not the values, so recorded backward steps keep no tensor alive that the saved-tensor
     * store does not hold.
     */
    static final class GradTarget {
        private final GradSlot slot;
        private final int rows;
        private final int cols;
        private final int rootSize;
        private final boolean transposed;
        private final boolean requiresGrad;

        private GradTarget(Tensor t) {
            slot = t.slot;
            rows = t.rows;
            cols = t.cols;
            rootSize = t.size();
            transposed = t.transposed;
            requiresGrad = t.requiresGrad;
        }

        /** Returns the gradient accumulated so far, laid out like the storage, or null. */
        float[] grad() {
            return slot.grad;
        }

        /** Adds {@code g}, laid out like the tensor (row-major in its own shape). */
        void accumulate(float[] g) {
            if (!requiresGrad) {
                return;
            }
            if (!transposed) {
                accumulateStorage(g);
                return;
            }
            if (slot.grad == null) {
                slot.grad = new float[rootSize];
            }
            float[] target = slot.grad;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    target[j * rows + i] += g[i * cols + j];
                }
            }
        }

        /** Adds {@code g}, laid out like the storage; takes ownership of {@code g} when it can. */
        void accumulateStorage(float[] g) {
            if (!requiresGrad) {
                return;
            }
            if (slot.grad == null) {
                slot.grad = g.clone();
                return;
            }
            float[] target = slot.grad;
            Parallel.rows(g.length, 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    target[i] += g[i];
                }
            });
        }
    }

    /** Returns the gradient target of this tensor. */
    GradTarget gradTarget() {
        return new GradTarget(this);
    }

    /** Creates a tensor over a copy of {@code values} (row-major, {@code rows x cols}). */
    public static Tensor of(float[] values, int rows, int cols, Dtype dtype, boolean requiresGrad) {
        checkShape(values.length, rows, cols);
        return new Tensor(values.clone(), rows, cols, false, null, dtype, requiresGrad);
    }

    /** Creates a float32 tensor that wraps {@code values} without copying. */
    public static Tensor wrap(float[] values, int rows, int cols, boolean requiresGrad) {
        checkShape(values.length, rows, cols);
        return new Tensor(values, rows, cols, false, null, Dtype.FP32, requiresGrad);
    }

    static void checkShape(int length, int rows, int cols) {
        if (rows < 1 || cols < 1 || (long) rows * cols != length) {
            throw new IllegalArgumentException("shape " + rows + " x " + cols + " does not fit "
                    + length + " values; rows and cols must be at least 1 and multiply to the length");
        }
    }

    /** Returns the number of rows. */
    public int rows() {
        return rows;
    }

    /** Returns the number of columns. */
    public int cols() {
        return cols;
    }

    /** Returns rows x cols. */
    public int size() {
        return rows * cols;
    }

    /** Returns the element data type used for byte accounting. */
    public Dtype dtype() {
        return dtype;
    }

    /** Returns whether gradients flow to this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Returns whether this tensor is a transposed view of its storage. */
    public boolean isTransposed() {
        return transposed;
    }

    /** Returns the storage array, shared by all views of it. */
    float[] storage() {
        return storage;
    }

    /** Returns the base tensor of a view, or this tensor. */
    Tensor root() {
        return base == null ? this : base;
    }

    /** Returns the element at row {@code i}, column {@code j}. */
    public float get(int i, int j) {
        return transposed ? storage[j * rows + i] : storage[i * cols + j];
    }

    /** Returns the values in row-major order (a copy). */
    public float[] toArray() {
        if (!transposed) {
            return storage.clone();
        }
        float[] out = new float[size()];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = storage[j * rows + i];
            }
        }
        return out;
    }

    /** Returns a row-major tensor with the same values: this one if it is not transposed, else a copy. */
    Tensor contiguous() {
        return transposed ? new Tensor(toArray(), rows, cols, false, null, dtype, false) : this;
    }

    /** Returns the scalar value of a 1 x 1 tensor. */
    public float item() {
        if (size() != 1) {
            throw new IllegalStateException("item() needs a 1 x 1 tensor, this one is " + rows + " x " + cols);
        }
        return storage[0];
    }

    /** Returns a transposed view sharing this tensor's storage; gradients flow to the base. */
    public Tensor transpose() {
        return new Tensor(storage, cols, rows, !transposed, root(), dtype, requiresGrad);
    }

    /** Returns a reshaped view of a row-major tensor sharing its storage; gradients flow to the base. */
    public Tensor reshape(int newRows, int newCols) {
        if (transposed) {
            throw new IllegalStateException("reshape of a transposed view is not supported; call"
                    + " reshape on the base tensor");
        }
        checkShape(size(), newRows, newCols);
        return new Tensor(storage, newRows, newCols, false, root(), dtype, requiresGrad);
    }

    /** Returns the accumulated gradient in this tensor's own layout, or null if none flowed. */
    public float[] grad() {
        float[] g = slot.grad;
        if (g == null) {
            return null;
        }
        if (!transposed) {
            return g.clone();
        }
        float[] out = new float[size()];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = g[j * rows + i];
            }
        }
        return out;
    }

    /** Clears the gradient. */
    public void zeroGrad() {
        slot.grad = null;
    }

    /** Returns the values of the underlying storage, for in-place optimizer updates of leaves. */
    public float[] data() {
        if (base != null) {
            throw new IllegalStateException("data() is for base tensors; this is a view");
        }
        return storage;
    }

    @Override
    public String toString() {
        int shown = Math.min(size(), 6);
        float[] head = Arrays.copyOf(toArray(), shown);
        return "Tensor " + rows + " x " + cols + " " + dtype + (transposed ? " (transposed view)" : "")
                + " " + Arrays.toString(head) + (shown < size() ? " ..." : "");
    }
}
