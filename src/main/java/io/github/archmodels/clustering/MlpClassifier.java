package io.github.archmodels.clustering;

import io.github.archmodels.clustering.autograd.Tape;
import io.github.archmodels.clustering.autograd.Tensor;
import io.github.archmodels.data.FashionMnist;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A two-layer perceptron for 28 x 28 images: {@code logits = relu(x W1^T + b1) W2^T + b2}, with W1
 * (hidden x 784) and W2 (10 x hidden) stored output-channel first, as PyTorch {@code nn.Linear} does.
 * Weights are He-initialized from a seed. Training uses the autograd {@link Tape}; the weights used in
 * a forward pass can be replaced, which is how DKM enters the loop.
 */
public final class MlpClassifier {

    /** Number of classes. */
    public static final int CLASSES = 10;

    private final int hidden;
    private final Tensor w1;
    private final Tensor b1;
    private final Tensor w2;
    private final Tensor b2;

    private MlpClassifier(int hidden, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        this.hidden = hidden;
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
    }

    /** Creates a classifier with {@code hidden} hidden units, He-initialized from {@code seed}. */
    public static MlpClassifier create(int hidden, long seed) {
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden = " + hidden + " is invalid; use 1 or more units");
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] w1 = gaussian(hidden * FashionMnist.PIXELS, Math.sqrt(2.0 / FashionMnist.PIXELS), random);
        float[] w2 = gaussian(CLASSES * hidden, Math.sqrt(2.0 / hidden), random);
        return new MlpClassifier(hidden, Tensor.wrap(w1, hidden, FashionMnist.PIXELS, true),
                Tensor.wrap(new float[hidden], 1, hidden, true),
                Tensor.wrap(w2, CLASSES, hidden, true), Tensor.wrap(new float[CLASSES], 1, CLASSES, true));
    }

    private static float[] gaussian(int n, double std, SplittableRandom random) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * std);
        }
        return v;
    }

    /** Returns an independent copy with the same weights. */
    public MlpClassifier copy() {
        return new MlpClassifier(hidden, Tensor.wrap(w1.toArray(), hidden, FashionMnist.PIXELS, true),
                Tensor.wrap(b1.toArray(), 1, hidden, true), Tensor.wrap(w2.toArray(), CLASSES, hidden, true),
                Tensor.wrap(b2.toArray(), 1, CLASSES, true));
    }

    /** Returns the hidden width. */
    public int hidden() {
        return hidden;
    }

    /** Returns the first-layer weights (hidden x 784), a leaf tensor updated in place by training. */
    public Tensor w1() {
        return w1;
    }

    /** Returns the second-layer weights (10 x hidden). */
    public Tensor w2() {
        return w2;
    }

    /** Returns all trainable tensors: W1, b1, W2, b2. */
    public List<Tensor> parameters() {
        return List.of(w1, b1, w2, b2);
    }

    /** Returns the weight count of W1 and W2 together. */
    public long weightCount() {
        return (long) w1.size() + w2.size();
    }

    /** Returns the logits of a batch {@code x} (batch x 784) with the given layer weights. */
    public Tensor logits(Tape tape, Tensor x, Tensor firstWeights, Tensor secondWeights) {
        Tensor h = tape.relu(tape.addRowVector(tape.matmul(x, firstWeights.transpose()), b1));
        return tape.addRowVector(tape.matmul(h, secondWeights.transpose()), b2);
    }

    /** Returns the top-1 accuracy on {@code data} with the current weights. */
    public double accuracy(ImageSet data) {
        return accuracy(data, w1.toArray(), w2.toArray());
    }

    /** Returns the top-1 accuracy on {@code data} with replacement weight values for W1 and W2. */
    public double accuracy(ImageSet data, float[] firstWeights, float[] secondWeights) {
        Tensor first = Tensor.wrap(firstWeights, hidden, FashionMnist.PIXELS, false);
        Tensor second = Tensor.wrap(secondWeights, CLASSES, hidden, false);
        int correct = 0;
        int batch = 1000;
        for (int from = 0; from < data.size(); from += batch) {
            int to = Math.min(data.size(), from + batch);
            Tensor x = batch(data, from, to, null);
            Tensor logits = logits(new Tape(), x, first, second);
            for (int i = 0; i < to - from; i++) {
                int best = 0;
                for (int j = 1; j < CLASSES; j++) {
                    if (logits.get(i, j) > logits.get(i, best)) {
                        best = j;
                    }
                }
                if (best == data.labels()[from + i]) {
                    correct++;
                }
            }
        }
        return (double) correct / data.size();
    }

    /** Returns images {@code order[from..to)} (or {@code from..to} without an order) as a batch. */
    static Tensor batch(ImageSet data, int from, int to, int[] order) {
        int n = to - from;
        float[] x = new float[n * FashionMnist.PIXELS];
        for (int i = 0; i < n; i++) {
            int image = order == null ? from + i : order[from + i];
            System.arraycopy(data.pixels(), image * FashionMnist.PIXELS, x, i * FashionMnist.PIXELS,
                    FashionMnist.PIXELS);
        }
        return Tensor.wrap(x, n, FashionMnist.PIXELS, false);
    }

    @Override
    public String toString() {
        return "MLP 784-" + hidden + "-10, " + weightCount() + " weights";
    }
}
