package io.github.archmodels.clustering;

/**
 * One weight tensor of a model, for size and memory models.
 *
 * @param name tensor name, for example {@code layers.0.q_proj}
 * @param kind what the tensor is, which decides its bit allocation
 * @param rows output channels (rows of the weight matrix)
 * @param cols input channels
 * @param count how many tensors of this shape the model has (for example one per decoder layer)
 */
public record WeightTensor(String name, Kind kind, long rows, long cols, long count) {

    /** Kinds of weight tensors. */
    public enum Kind {
        /** Linear (projection) layer inside a decoder block. */
        LINEAR,
        /** Token embedding table. */
        EMBEDDING,
        /** Output projection to the vocabulary. */
        LM_HEAD,
        /** Normalization gain vector. */
        NORM
    }

    public WeightTensor {
        if (rows < 1 || cols < 1 || count < 1) {
            throw new IllegalArgumentException(name + ": rows = " + rows + ", cols = " + cols
                    + ", count = " + count + "; all must be at least 1");
        }
    }

    /** Returns the elements of one tensor. */
    public long elements() {
        return rows * cols;
    }

    /** Returns the elements of all {@code count} tensors. */
    public long totalElements() {
        return rows * cols * count;
    }
}
