package io.github.archmodels.capsule;

import java.util.SplittableRandom;

/**
 * The weights of a {@link CapsNetSpec}, in the layouts {@link FunctionalCapsNet} multiplies.
 *
 * <p>Layouts, all row-major float32:
 * <ul>
 *   <li>{@code conv1} {@code [k*k*C][F]}, row index {@code (ky*k + kx)*C + c}; bias {@code [F]}.
 *   <li>{@code primary} {@code [k*k*F][T*dIn]}, row index {@code (ky*k + kx)*F + f}; output channel
 *       {@code t*dIn + e} is component e of capsule type t; bias {@code [T*dIn]}.
 *   <li>{@code digit} {@code [nIn][J][dOut][dIn]}: {@code u_hat(j|i)[d] = sum_e W[i][j][d][e] u_i[e]}.
 *       Input capsule {@code i = (y*g2w + x)*T + t}.
 *   <li>{@code fc1 [J*dOut][512]}, {@code fc2 [512][1024]}, {@code fc3 [1024][H*W*C]} (input by
 *       output) with biases.
 * </ul>
 *
 * <p>{@link #seeded} draws every weight from Glorot's uniform distribution
 * {@code U(-sqrt(6 / (fanIn + fanOut)), +sqrt(...))} and sets biases to zero. Such a network is
 * untrained: its outputs are deterministic and exercise every operation, but its predictions are
 * no better than chance. The tensor-core questions (padding, zero operands) do not depend on
 * training except through the fraction of zero ReLU outputs.
 */
public final class CapsNetWeights {

    private final CapsNetSpec spec;
    final float[] conv1;
    final float[] conv1Bias;
    final float[] primary;
    final float[] primaryBias;
    final float[] digit;
    final float[] fc1;
    final float[] fc1Bias;
    final float[] fc2;
    final float[] fc2Bias;
    final float[] fc3;
    final float[] fc3Bias;
    private final long seed;

    private CapsNetWeights(CapsNetSpec spec, long seed) {
        this.spec = spec;
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        int k2 = spec.kernel() * spec.kernel();
        int f = spec.conv1Filters();
        int primaryOut = spec.primaryChannels();
        int classWidth = spec.classes() * spec.digitDim();
        conv1 = glorot(random, k2 * spec.channels(), f, k2 * spec.channels(), k2 * f);
        conv1Bias = new float[f];
        primary = glorot(random, k2 * f, primaryOut, k2 * f, k2 * primaryOut);
        primaryBias = new float[primaryOut];
        digit = glorot(random, spec.inputCapsules() * spec.classes(), spec.digitDim() * spec.primaryDim(),
                spec.primaryDim(), spec.digitDim());
        fc1 = glorot(random, classWidth, CapsNetSpec.DECODER_HIDDEN1, classWidth, CapsNetSpec.DECODER_HIDDEN1);
        fc1Bias = new float[CapsNetSpec.DECODER_HIDDEN1];
        fc2 = glorot(random, CapsNetSpec.DECODER_HIDDEN1, CapsNetSpec.DECODER_HIDDEN2,
                CapsNetSpec.DECODER_HIDDEN1, CapsNetSpec.DECODER_HIDDEN2);
        fc2Bias = new float[CapsNetSpec.DECODER_HIDDEN2];
        fc3 = glorot(random, CapsNetSpec.DECODER_HIDDEN2, spec.inputSize(), CapsNetSpec.DECODER_HIDDEN2,
                spec.inputSize());
        fc3Bias = new float[spec.inputSize()];
    }

    /** Draws Glorot-uniform weights from {@code seed}; the same seed gives the same weights. */
    public static CapsNetWeights seeded(CapsNetSpec spec, long seed) {
        return new CapsNetWeights(spec, seed);
    }

    private static float[] glorot(SplittableRandom random, int rows, int columns, int fanIn, int fanOut) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        float[] w = new float[Math.multiplyExact(rows, columns)];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((2 * random.nextDouble() - 1) * limit);
        }
        return w;
    }

    public CapsNetSpec spec() {
        return spec;
    }

    /** Returns the seed the weights were drawn from. */
    public long seed() {
        return seed;
    }

    /**
     * Returns every array in a fixed order for export: conv1, conv1 bias, primary, primary bias,
     * digit, fc1, fc1 bias, fc2, fc2 bias, fc3, fc3 bias. The arrays are copies.
     */
    public float[][] arrays() {
        float[][] all = {conv1, conv1Bias, primary, primaryBias, digit, fc1, fc1Bias, fc2, fc2Bias, fc3, fc3Bias};
        float[][] copy = new float[all.length][];
        for (int i = 0; i < all.length; i++) {
            copy[i] = all[i].clone();
        }
        return copy;
    }

    @Override
    public String toString() {
        return "seeded (untrained) Glorot-uniform weights of " + spec.name() + ", seed " + seed;
    }
}
