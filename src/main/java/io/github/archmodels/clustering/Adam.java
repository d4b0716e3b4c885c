package io.github.archmodels.clustering;

import io.github.archmodels.clustering.autograd.Tensor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Adam optimizer (Kingma and Ba, 2015) with bias correction, updating leaf tensors in place:
 * {@code m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; w -= lr m^ / (sqrt(v^) + eps)}.
 */
public final class Adam {

    private final double learningRate;
    private final double beta1 = 0.9;
    private final double beta2 = 0.999;
    private final double epsilon = 1e-8;
    private final Map<Tensor, float[][]> moments = new IdentityHashMap<>();
    private int step;

    /** Creates an optimizer with learning rate {@code learningRate} and the usual betas. */
    public Adam(double learningRate) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate = " + learningRate + " is invalid; use > 0");
        }
        this.learningRate = learningRate;
    }

    /** Applies one update to every tensor with a gradient, then clears the gradients. */
    public void step(List<Tensor> parameters) {
        step++;
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        for (Tensor p : parameters) {
            float[] g = p.grad();
            if (g == null) {
                continue;
            }
            float[] w = p.data();
            float[][] mv = moments.computeIfAbsent(p, k -> new float[][] {new float[w.length],
                new float[w.length]});
            float[] m = mv[0];
            float[] v = mv[1];
            for (int i = 0; i < w.length; i++) {
                m[i] = (float) (beta1 * m[i] + (1 - beta1) * g[i]);
                v[i] = (float) (beta2 * v[i] + (1 - beta2) * g[i] * g[i]);
                double mHat = m[i] / correction1;
                double vHat = v[i] / correction2;
                w[i] -= (float) (learningRate * mHat / (Math.sqrt(vHat) + epsilon));
            }
            p.zeroGrad();
        }
    }
}
