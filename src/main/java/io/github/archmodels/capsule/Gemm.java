package io.github.archmodels.capsule;

/**
 * One matrix multiplication {@code C[M x N] = A[M x K] B[K x N]}, repeated {@code count} times with
 * the same shape, as a layer of the network issues it on a GPU.
 *
 * <p>Orientation follows the cuDNN/CUTLASS convention for inference: {@code M} is the output
 * features (filters, capsule components, neurons), {@code N} the batch-dependent dimension
 * (output positions times images, or 1 for a matrix-vector product), {@code K} the reduction.
 *
 * @param layer layer name, one of {@link CapsNetSpec#LAYERS}
 * @param m rows of the weight-side operand
 * @param n columns of the activation-side operand
 * @param k reduction length
 * @param count how many such products the layer issues
 */
public record Gemm(String layer, long m, long n, long k, long count) {

    public Gemm {
        if (m <= 0 || n <= 0 || k <= 0 || count <= 0) {
            throw new IllegalArgumentException("GEMM " + layer + " has M = " + m + ", N = " + n
                    + ", K = " + k + ", count = " + count + "; all must be positive");
        }
    }

    /** Useful multiply-accumulates, {@code M N K count}. */
    public long usefulMacs() {
        return m * n * k * count;
    }

    /** Elements read and written once each: {@code (M K + K N + M N) count}. */
    public long operandElements() {
        return (m * k + k * n + m * n) * count;
    }
}
