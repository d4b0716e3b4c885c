package io.github.archmodels.clustering.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.archmodels.clustering.DkmLayer;
import io.github.archmodels.clustering.DkmOptions;
import io.github.archmodels.clustering.Dtype;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Checks every operation's backward pass against central finite differences of the forward pass,
 * computed on a scalar {@code L = sum(out * G)} with a fixed random G.
 */
class GradientCheckTest {

    private static final float H = 1e-2f;

    private static float[] random(int n, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return v;
    }

    /** Builds the output from the leaves on a tape; the check projects it on a random matrix. */
    private static void check(BiFunction<Tape, Tensor[], Tensor> f, float tolerance, Tensor... leaves) {
        Tape tape = new Tape();
        Tensor[] analyticLeaves = copies(leaves, true);
        Tensor out = f.apply(tape, analyticLeaves);
        float[] projection = random(out.size(), 99, 1);
        tape.backward(out, projection);

        for (int t = 0; t < leaves.length; t++) {
            float[] base = leaves[t].toArray();
            float[] grad = analyticLeaves[t].grad();
            assertNotNull(grad, "leaf " + t + " received no gradient");
            for (int i = 0; i < base.length; i++) {
                double plus = projected(f, leaves, t, i, base[i] + H, projection);
                double minus = projected(f, leaves, t, i, base[i] - H, projection);
                double numeric = (plus - minus) / (2 * H);
                double scale = Math.max(1, Math.abs(numeric));
                assertEquals(numeric, grad[i], tolerance * scale, "leaf " + t + " element " + i);
            }
        }
    }

    private static double projected(BiFunction<Tape, Tensor[], Tensor> f, Tensor[] leaves, int t, int i,
            float value, float[] projection) {
        Tensor[] copies = copies(leaves, false);
        float[] v = copies[t].toArray();
        v[i] = value;
        copies[t] = Tensor.of(v, copies[t].rows(), copies[t].cols(), copies[t].dtype(), false);
        Tensor out = f.apply(new Tape(), copies);
        float[] o = out.toArray();
        double s = 0;
        for (int k = 0; k < o.length; k++) {
            s += (double) o[k] * projection[k];
        }
        return s;
    }

    private static Tensor[] copies(Tensor[] leaves, boolean grad) {
        Tensor[] out = new Tensor[leaves.length];
        for (int i = 0; i < leaves.length; i++) {
            out[i] = Tensor.of(leaves[i].toArray(), leaves[i].rows(), leaves[i].cols(),
                    leaves[i].dtype(), grad);
        }
        return out;
    }

    private static Tensor leaf(int rows, int cols, long seed) {
        return Tensor.of(random(rows * cols, seed, 1), rows, cols, Dtype.FP32, false);
    }

    @Test
    void matmulAllTransposes() {
        check((t, x) -> t.matmul(x[0], x[1]), 2e-2f, leaf(3, 4, 1), leaf(4, 2, 2));
        check((t, x) -> t.matmul(x[0].transpose(), x[1]), 2e-2f, leaf(4, 3, 3), leaf(4, 2, 4));
        check((t, x) -> t.matmul(x[0], x[1].transpose()), 2e-2f, leaf(3, 4, 5), leaf(2, 4, 6));
        check((t, x) -> t.matmul(x[0].transpose(), x[1].transpose()), 2e-2f, leaf(4, 3, 7), leaf(2, 4, 8));
    }

    @Test
    void elementwiseOps() {
        check((t, x) -> t.add(x[0], x[1]), 2e-2f, leaf(2, 3, 1), leaf(2, 3, 2));
        check((t, x) -> t.sub(x[0], x[1]), 2e-2f, leaf(2, 3, 3), leaf(2, 3, 4));
        check((t, x) -> t.mul(x[0], x[1]), 2e-2f, leaf(2, 3, 5), leaf(2, 3, 6));
        check((t, x) -> t.scale(x[0], -2.5f), 2e-2f, leaf(2, 3, 7));
        check((t, x) -> t.scaleRows(x[0], new float[] {2f, -0.5f}), 2e-2f, leaf(2, 3, 8));
        check((t, x) -> t.addRowVector(x[0], x[1]), 2e-2f, leaf(4, 3, 9), leaf(1, 3, 10));
        // Values stay at least 0.1 away from the kink at 0, farther than the step H.
        float[] away = {-1.5f, -0.5f, 0.3f, 0.8f, -0.1f, 0.1f, 2f, -2f, 0.5f, -0.7f};
        check((t, x) -> t.relu(x[0]), 2e-2f, Tensor.of(away, 2, 5, Dtype.FP32, false));
    }

    @Test
    void reductionsAndSoftmax() {
        check((t, x) -> t.sum(x[0]), 2e-2f, leaf(3, 4, 1));
        check((t, x) -> t.sumColumns(x[0]), 2e-2f, leaf(5, 3, 2));
        check((t, x) -> t.softmaxRows(x[0], 1f), 2e-2f, leaf(3, 4, 3));
        check((t, x) -> t.softmaxRows(x[0], -3f), 2e-2f, leaf(3, 4, 4));
        check((t, x) -> t.crossEntropy(x[0], new int[] {0, 2, 1}), 2e-2f, leaf(3, 4, 5));
    }

    @Test
    void dkmBuildingBlocks() {
        check((t, x) -> t.squaredDistance(x[0], x[1]), 2e-2f, leaf(6, 2, 1), leaf(3, 2, 2));
        Tensor den = Tensor.of(new float[] {2f, 1f, 0.5f}, 3, 1, Dtype.FP32, false);
        check((t, x) -> t.safeDivide(x[0], x[1], x[2]), 2e-2f, leaf(3, 2, 3), den, leaf(3, 2, 4));
    }

    @Test
    void safeDivideFallsBackAtZeroDenominator() {
        // Row 1 has den = 0: the output is the fallback row and its gradient goes to the fallback.
        Tape tape = new Tape();
        Tensor num = Tensor.of(new float[] {4f, 6f, 1f, 1f}, 2, 2, Dtype.FP32, true);
        Tensor den = Tensor.of(new float[] {2f, 0f}, 2, 1, Dtype.FP32, true);
        Tensor fallback = Tensor.of(new float[] {9f, 9f, 7f, 8f}, 2, 2, Dtype.FP32, true);
        Tensor out = tape.safeDivide(num, den, fallback);
        assertEquals(2f, out.get(0, 0));
        assertEquals(3f, out.get(0, 1));
        assertEquals(7f, out.get(1, 0));
        assertEquals(8f, out.get(1, 1));
        tape.backward(out, new float[] {1f, 1f, 1f, 1f});
        // d(num/den)/dnum = 1/2; d/dden = -(4 + 6)/2^2 = -2.5
        assertEquals(0.5f, num.grad()[0]);
        assertEquals(0f, num.grad()[2]);
        assertEquals(-2.5f, den.grad()[0]);
        assertEquals(0f, den.grad()[1]);
        assertEquals(0f, fallback.grad()[0]);
        assertEquals(1f, fallback.grad()[2]);
    }

    @Test
    void dkmGraphMatchesFiniteDifferences() {
        // tau = 0.5 keeps the attention soft, so finite differences see a smooth function.
        DkmOptions options = DkmOptions.bits(2).withTau(0.5).withMaxIterations(3);
        float[] init = random(12, 5, 1);
        check((t, x) -> {
            DkmLayer layer = DkmLayer.of(options);
            // Start every evaluation from the same centroids.
            layer.run(new Tape(), Tensor.of(init, 3, 4, Dtype.FP32, false));
            return layer.forward(t, x[0]);
        }, 3e-2f, Tensor.of(init, 3, 4, Dtype.FP32, false));
    }

    @Test
    void dkmVectorClusteringGradient() {
        DkmOptions options = DkmOptions.bits(1).withClusterDim(2).withTau(1.0).withMaxIterations(2);
        float[] init = random(8, 6, 1);
        check((t, x) -> {
            DkmLayer layer = DkmLayer.of(options);
            layer.run(new Tape(), Tensor.of(init, 2, 4, Dtype.FP32, false));
            return layer.forward(t, x[0]);
        }, 3e-2f, Tensor.of(init, 2, 4, Dtype.FP32, false));
    }
}
