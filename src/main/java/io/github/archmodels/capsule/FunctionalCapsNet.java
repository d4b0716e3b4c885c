package io.github.archmodels.capsule;

import io.github.archmodels.data.FashionMnist;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A float32 CapsNet forward pass (Conv1, PrimaryCaps, squash, DigitCaps prediction, dynamic
 * routing, masked decoder) whose every matrix product runs through a tensor-core tile model.
 *
 * <p>Each product is executed in one of two ways ({@link Mode}): on tiles padded to the
 * {@link TileShape}'s multiples, multiplying the padding as a tensor core does, or with the
 * ineffectual operations eliminated: padding never issued and multiplies by a zero activation
 * skipped. The operation counts of both are recorded per layer ({@link LayerOps}), and the outputs
 * are equal (see {@link TiledGemm}). Products are oriented as {@link GemmMapping} describes them,
 * so the padded slot counts equal {@link TileMapping}'s.
 *
 * <p>Squash: {@code v = (|s|^2 / (1 + |s|^2)) s / sqrt(|s|^2 + 1e-7)}. Routing: {@code b_ij = 0};
 * r times {@code c_ij = softmax_j(b_ij)}, {@code s_j = sum_i c_ij u_hat(j|i)},
 * {@code v_j = squash(s_j)}, and except in the last iteration {@code b_ij += u_hat(j|i) . v_j}.
 * The decoder keeps only the capsule of the predicted class (longest {@code v_j}).
 *
 * <p>Work is split over {@code threads} worker tasks (default: available processors). Blocks of
 * rows are multiples of the tile's padding so only the final block of a product is padded.
 *
 * <pre>{@code
 * var net = FunctionalCapsNet.of(CapsNetWeights.seeded(CapsNetSpec.fashionMnist(), 42),
 *         TileShape.wmma16x16x16());
 * ForwardResult padded = net.forward(images, 64, Mode.PADDED);
 * ForwardResult lean = net.forward(images, 64, Mode.ELIMINATED);
 * padded.maxAbsDifference(lean);   // 0.0
 * }</pre>
 */
public final class FunctionalCapsNet {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionalCapsNet.class);

    /** Treatment of ineffectual operations. */
    public enum Mode {
        /** Multiply every slot of the padded tiles. */
        PADDED,
        /** Skip padding and zero activations. */
        ELIMINATED
    }

    private static final int CONV1 = 0;
    private static final int PRIMARY = 1;
    private static final int PREDICTION = 2;
    private static final int ROUTING_SUM = 3;
    private static final int AGREEMENT = 4;
    private static final int FC1 = 5;
    private static final int FC2 = 6;
    private static final int FC3 = 7;
    private static final int COUNTERS = 4;
    private static final int PRIMARY_MAX_BLOCK = 192;

    private final CapsNetSpec spec;
    private final CapsNetWeights weights;
    private final TileShape tile;
    private final int threads;

    // Weights padded with zeros to the tile multiples: rows to tile.k(), columns to tile.m(). The
    // convolution and decoder weights are held one array per row for TiledGemm.multiplyRows.
    private final float[][] conv1;
    private final float[][] primary;
    private final float[] digit;
    private final float[][] fc1;
    private final float[][] fc2;
    private final float[][] fc3;
    private final int predictionRows;
    private final int predictionColumns;

    private FunctionalCapsNet(CapsNetWeights weights, TileShape tile, int threads) {
        this.spec = weights.spec();
        this.weights = weights;
        this.tile = tile;
        this.threads = threads;
        int k2 = spec.kernel() * spec.kernel();
        conv1 = pad(weights.conv1, k2 * spec.channels(), spec.conv1Filters());
        primary = pad(weights.primary, k2 * spec.conv1Filters(), spec.primaryChannels());
        int classWidth = spec.classes() * spec.digitDim();
        fc1 = pad(weights.fc1, classWidth, CapsNetSpec.DECODER_HIDDEN1);
        fc2 = pad(weights.fc2, CapsNetSpec.DECODER_HIDDEN1, CapsNetSpec.DECODER_HIDDEN2);
        fc3 = pad(weights.fc3, CapsNetSpec.DECODER_HIDDEN2, spec.inputSize());

        // Prediction, per input capsule i: a [dIn][J*dOut] matrix with column j*dOut + d.
        predictionRows = TiledGemm.roundUp(spec.primaryDim(), tile.k());
        predictionColumns = TiledGemm.roundUp(classWidth, tile.m());
        int nIn = spec.inputCapsules();
        int dIn = spec.primaryDim();
        int dOut = spec.digitDim();
        digit = new float[Math.multiplyExact(nIn, predictionRows * predictionColumns)];
        for (int i = 0; i < nIn; i++) {
            for (int j = 0; j < spec.classes(); j++) {
                for (int d = 0; d < dOut; d++) {
                    for (int e = 0; e < dIn; e++) {
                        digit[i * predictionRows * predictionColumns + e * predictionColumns + j * dOut + d] =
                                weights.digit[((i * spec.classes() + j) * dOut + d) * dIn + e];
                    }
                }
            }
        }
    }

    private float[][] pad(float[] w, int rows, int columns) {
        int paddedRows = TiledGemm.roundUp(rows, tile.k());
        int paddedColumns = TiledGemm.roundUp(columns, tile.m());
        float[][] out = new float[paddedRows][paddedColumns];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(w, r * columns, out[r], 0, columns);
        }
        return out;
    }

    /** Creates the network on {@code tile}, using every available processor. */
    public static FunctionalCapsNet of(CapsNetWeights weights, TileShape tile) {
        return of(weights, tile, Runtime.getRuntime().availableProcessors());
    }

    /** Creates the network on {@code tile} with {@code threads} worker tasks. */
    public static FunctionalCapsNet of(CapsNetWeights weights, TileShape tile, int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads = " + threads + " is invalid; it must be positive");
        }
        return new FunctionalCapsNet(weights, tile, threads);
    }

    public CapsNetSpec spec() {
        return spec;
    }

    public TileShape tile() {
        return tile;
    }

    public CapsNetWeights weights() {
        return weights;
    }

    /** Loads images {@code start .. start+count-1} of a Fashion-MNIST split, as pixels in [0, 1]. */
    public static float[] images(FashionMnist data, int start, int count) {
        if (start < 0 || count <= 0 || start + count > data.size()) {
            throw new IllegalArgumentException("images " + start + " .. " + (start + count - 1)
                    + " are outside the " + data.size() + " images of the split; use 0 <= start and"
                    + " start + count <= " + data.size());
        }
        float[] out = new float[count * FashionMnist.PIXELS];
        for (int i = 0; i < count; i++) {
            data.copyImage(start + i, out, i * FashionMnist.PIXELS);
        }
        return out;
    }

    /**
     * Runs the forward pass over {@code batch} images stored one after another, each
     * {@code H x W x C} with the channel fastest.
     */
    public ForwardResult forward(float[] images, int batch, Mode mode) {
        if (batch <= 0) {
            throw new IllegalArgumentException("batch = " + batch + " is invalid; it must be positive");
        }
        long expected = (long) batch * spec.inputSize();
        if (images.length != expected) {
            throw new IllegalArgumentException("images has " + images.length + " values; a batch of "
                    + batch + " images of " + spec.height() + " x " + spec.width() + " x "
                    + spec.channels() + " needs " + expected);
        }
        boolean eliminate = mode == Mode.ELIMINATED;
        AtomicLongArray counters = new AtomicLongArray(CapsNetSpec.LAYERS.size() * COUNTERS);

        long t0 = System.nanoTime();
        float[] conv1Out = conv1(images, batch, eliminate, counters);
        long t1 = System.nanoTime();
        float[] capsules = primaryCaps(conv1Out, batch, eliminate, counters);
        long t2 = System.nanoTime();
        float[] predictions = predict(capsules, batch, eliminate, counters);
        long t3 = System.nanoTime();
        float[] classCapsules = route(predictions, batch, eliminate, counters);
        long t4 = System.nanoTime();

        int classes = spec.classes();
        int dOut = spec.digitDim();
        float[] lengths = new float[batch * classes];
        int[] predicted = new int[batch];
        float[] masked = new float[batch * classes * dOut];
        for (int b = 0; b < batch; b++) {
            int best = 0;
            for (int j = 0; j < classes; j++) {
                double sq = 0;
                for (int d = 0; d < dOut; d++) {
                    float x = classCapsules[(b * classes + j) * dOut + d];
                    sq += x * x;
                }
                lengths[b * classes + j] = (float) Math.sqrt(sq);
                if (lengths[b * classes + j] > lengths[b * classes + best]) {
                    best = j;
                }
            }
            predicted[b] = best;
            System.arraycopy(classCapsules, (b * classes + best) * dOut, masked, (b * classes + best) * dOut, dOut);
        }
        float[] hidden1 = dense(FC1, masked, batch, classes * dOut, fc1, weights.fc1Bias,
                CapsNetSpec.DECODER_HIDDEN1, Activation.RELU, eliminate, counters);
        float[] hidden2 = dense(FC2, hidden1, batch, CapsNetSpec.DECODER_HIDDEN1, fc2, weights.fc2Bias,
                CapsNetSpec.DECODER_HIDDEN2, Activation.RELU, eliminate, counters);
        float[] reconstructions = dense(FC3, hidden2, batch, CapsNetSpec.DECODER_HIDDEN2, fc3,
                weights.fc3Bias, spec.inputSize(), Activation.SIGMOID, eliminate, counters);

        long t5 = System.nanoTime();
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} forward of {} images: conv1 {} ms, primary-caps {} ms, prediction {} ms, routing {} ms,"
                    + " decoder {} ms", mode, batch, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000, (t5 - t4) / 1_000_000);
        }

        List<LayerOps> ops = new ArrayList<>();
        for (int l = 0; l < CapsNetSpec.LAYERS.size(); l++) {
            if (l == AGREEMENT && spec.routingIterations() == 1) {
                continue;
            }
            int base = l * COUNTERS;
            long useful = counters.get(base);
            long padded = counters.get(base + 1);
            long zeroMacs = counters.get(base + 3);
            ops.add(new LayerOps(CapsNetSpec.LAYERS.get(l), useful, padded, counters.get(base + 2), zeroMacs,
                    eliminate ? padded - useful : 0, eliminate ? zeroMacs : 0));
        }
        return new ForwardResult(spec, tile, mode, batch, classCapsules, lengths, predicted,
                reconstructions, ops);
    }

    /** Runs one tiled product and records its counts under {@code layer}. */
    private static void record(AtomicLongArray counters, int layer, int rows, int k, int n, int rowPad,
            int kPad, int colPad, long zeroMacs, boolean eliminate) {
        long useful = (long) rows * k * n;
        long padded = (long) TiledGemm.roundUp(rows, rowPad) * TiledGemm.roundUp(k, kPad)
                * TiledGemm.roundUp(n, colPad);
        long executed = eliminate ? useful - zeroMacs : padded;
        int base = layer * COUNTERS;
        counters.addAndGet(base, useful);
        counters.addAndGet(base + 1, padded);
        counters.addAndGet(base + 2, executed);
        counters.addAndGet(base + 3, zeroMacs);
    }

    /**
     * Rows per PrimaryCaps block. Every block streams all of W (20,736 x 256 floats, 21 MB, for
     * Fashion-MNIST) through the caches, so blocks are as large as {@code maxRows} allows. Each
     * worker task gets about the same number of rows, because block sizes are rounded up to whole
     * tile rows only.
     */
    private int balancedBlockRows(int rows, int maxRows, int rowPad) {
        int perTask = (rows + threads - 1) / threads;
        int chunks = (perTask + maxRows - 1) / maxRows;
        return TiledGemm.roundUp((perTask + chunks - 1) / chunks, rowPad);
    }

    /** Rows per block: a multiple of {@code rowPad} near {@code target}, so only the last block pads. */
    private static int blockRows(int target, int rowPad) {
        return Math.max(rowPad, target / rowPad * rowPad);
    }

    private void parallel(int blocks, BlockTask task) {
        int tasks = Math.min(threads, blocks);
        IntStream.range(0, tasks).parallel().forEach(t -> task.run(t, tasks));
    }

    @FunctionalInterface
    private interface BlockTask {
        void run(int task, int tasks);
    }

    private float[] conv1(float[] images, int batch, boolean eliminate, AtomicLongArray counters) {
        int k = spec.kernel();
        int channels = spec.channels();
        int width = spec.width();
        int g1w = spec.conv1Width();
        int positions = spec.conv1Height() * g1w;
        int filters = spec.conv1Filters();
        int depth = k * k * channels;
        int rows = batch * positions;
        int block = blockRows(64, tile.n());
        int blocks = (rows + block - 1) / block;
        int accStride = TiledGemm.roundUp(filters, tile.m());
        float[] out = new float[rows * filters];

        parallel(blocks, (task, tasks) -> {
            float[] patches = new float[block * depth];
            float[][] acc = new float[TiledGemm.roundUp(block, tile.n())][accStride];
            for (int blk = task; blk < blocks; blk += tasks) {
                int start = blk * block;
                int count = Math.min(block, rows - start);
                for (int r = 0; r < count; r++) {
                    int b = (start + r) / positions;
                    int pos = (start + r) % positions;
                    int oy = pos / g1w;
                    int ox = pos % g1w;
                    for (int ky = 0; ky < k; ky++) {
                        int src = (b * spec.height() + oy + ky) * width * channels + ox * channels;
                        System.arraycopy(images, src, patches, r * depth + ky * k * channels, k * channels);
                    }
                }
                long zeros = TiledGemm.multiplyRows(patches, 0, depth, count, depth, conv1, filters, acc,
                        tile.n(), tile.k(), tile.m(), eliminate);
                record(counters, CONV1, count, depth, filters, tile.n(), tile.k(), tile.m(), zeros, eliminate);
                for (int r = 0; r < count; r++) {
                    for (int f = 0; f < filters; f++) {
                        out[(start + r) * filters + f] = Math.max(0f, acc[r][f] + weights.conv1Bias[f]);
                    }
                }
            }
        });
        return out;
    }

    private float[] primaryCaps(float[] conv1Out, int batch, boolean eliminate, AtomicLongArray counters) {
        int k = spec.kernel();
        int filters = spec.conv1Filters();
        int g1w = spec.conv1Width();
        int g1Positions = spec.conv1Height() * g1w;
        int g2w = spec.primaryWidth();
        int positions = spec.primaryHeight() * g2w;
        int channels = spec.primaryChannels();
        int depth = k * k * filters;
        int rows = batch * positions;
        int block = balancedBlockRows(rows, PRIMARY_MAX_BLOCK, tile.n());
        int blocks = (rows + block - 1) / block;
        int accStride = TiledGemm.roundUp(channels, tile.m());
        float[] out = new float[rows * channels];

        parallel(blocks, (task, tasks) -> {
            float[] patches = new float[block * depth];
            float[][] acc = new float[TiledGemm.roundUp(block, tile.n())][accStride];
            for (int blk = task; blk < blocks; blk += tasks) {
                int start = blk * block;
                int count = Math.min(block, rows - start);
                for (int r = 0; r < count; r++) {
                    int b = (start + r) / positions;
                    int pos = (start + r) % positions;
                    int oy = pos / g2w * CapsNetSpec.PRIMARY_STRIDE;
                    int ox = pos % g2w * CapsNetSpec.PRIMARY_STRIDE;
                    for (int ky = 0; ky < k; ky++) {
                        int src = (b * g1Positions + (oy + ky) * g1w + ox) * filters;
                        System.arraycopy(conv1Out, src, patches, r * depth + ky * k * filters, k * filters);
                    }
                }
                long zeros = TiledGemm.multiplyRows(patches, 0, depth, count, depth, primary, channels, acc,
                        tile.n(), tile.k(), tile.m(), eliminate);
                record(counters, PRIMARY, count, depth, channels, tile.n(), tile.k(), tile.m(), zeros, eliminate);
                for (int r = 0; r < count; r++) {
                    for (int c = 0; c < channels; c++) {
                        out[(start + r) * channels + c] = acc[r][c] + weights.primaryBias[c];
                    }
                }
            }
        });
        // Consecutive groups of dIn channels at one position form one capsule: squash each.
        int dIn = spec.primaryDim();
        for (int offset = 0; offset < out.length; offset += dIn) {
            squash(out, offset, dIn);
        }
        return out;
    }

    /** Squashes {@code v[offset .. offset+dim)} in place. */
    static void squash(float[] v, int offset, int dim) {
        float sq = 0f;
        for (int d = 0; d < dim; d++) {
            sq += v[offset + d] * v[offset + d];
        }
        float scale = sq / (1f + sq) / (float) Math.sqrt(sq + 1e-7f);
        for (int d = 0; d < dim; d++) {
            v[offset + d] *= scale;
        }
    }

    /** Class-major prediction vectors per image: {@code [b][j][i (padded)][d (padded)]}. */
    private int paddedInputCapsules() {
        return TiledGemm.roundUp(spec.inputCapsules(), tile.k());
    }

    private int paddedDigitDim() {
        return TiledGemm.roundUp(spec.digitDim(), tile.m());
    }

    private float[] predict(float[] capsules, int batch, boolean eliminate, AtomicLongArray counters) {
        int nIn = spec.inputCapsules();
        int dIn = spec.primaryDim();
        int dOut = spec.digitDim();
        int classes = spec.classes();
        int classWidth = classes * dOut;
        int nInPadded = paddedInputCapsules();
        int dOutPadded = paddedDigitDim();
        int perImage = classes * nInPadded * dOutPadded;
        float[] uHat = new float[Math.multiplyExact(batch, perImage)];
        int capsulesPerTask = 64;
        int blocks = (nIn + capsulesPerTask - 1) / capsulesPerTask;

        parallel(blocks, (task, tasks) -> {
            float[] acc = new float[TiledGemm.roundUp(batch, tile.n()) * predictionColumns];
            for (int blk = task; blk < blocks; blk += tasks) {
                int end = Math.min(nIn, (blk + 1) * capsulesPerTask);
                for (int i = blk * capsulesPerTask; i < end; i++) {
                    long zeros = TiledGemm.multiply(capsules, i * dIn, nIn * dIn, batch, dIn, digit,
                            i * predictionRows * predictionColumns, predictionColumns, classWidth, acc,
                            tile.n(), tile.k(), tile.m(), eliminate);
                    record(counters, PREDICTION, batch, dIn, classWidth, tile.n(), tile.k(), tile.m(),
                            zeros, eliminate);
                    for (int b = 0; b < batch; b++) {
                        for (int j = 0; j < classes; j++) {
                            System.arraycopy(acc, b * predictionColumns + j * dOut, uHat,
                                    b * perImage + (j * nInPadded + i) * dOutPadded, dOut);
                        }
                    }
                }
            }
        });
        return uHat;
    }

    private float[] route(float[] uHat, int batch, boolean eliminate, AtomicLongArray counters) {
        int nIn = spec.inputCapsules();
        int dOut = spec.digitDim();
        int classes = spec.classes();
        int iterations = spec.routingIterations();
        int nInPadded = paddedInputCapsules();
        int dOutPadded = paddedDigitDim();
        int perImage = classes * nInPadded * dOutPadded;
        // Agreement operand v_j as a dOut x 1 matrix, padded to tile.k() rows and tile.n() columns.
        int vRows = TiledGemm.roundUp(dOut, tile.k());
        int vColumns = TiledGemm.roundUp(1, tile.n());
        float[] out = new float[batch * classes * dOut];

        parallel(batch, (task, tasks) -> {
            float[] logits = new float[nIn * classes];
            float[] coupling = new float[classes * nIn];
            float[] sumAcc = new float[TiledGemm.roundUp(1, tile.n()) * dOutPadded];
            float[] vMatrix = new float[vRows * vColumns];
            float[] agreeAcc = new float[TiledGemm.roundUp(nIn, tile.m()) * vColumns];
            float[] v = new float[dOut];
            for (int b = task; b < batch; b += tasks) {
                Arrays.fill(logits, 0f);
                int imageBase = b * perImage;
                for (int it = 0; it < iterations; it++) {
                    softmaxOverClasses(logits, coupling, nIn, classes);
                    for (int j = 0; j < classes; j++) {
                        int classBase = imageBase + j * nInPadded * dOutPadded;
                        long zeros = TiledGemm.multiply(coupling, j * nIn, nIn, 1, nIn, uHat, classBase,
                                dOutPadded, dOut, sumAcc, tile.n(), tile.k(), tile.m(), eliminate);
                        record(counters, ROUTING_SUM, 1, nIn, dOut, tile.n(), tile.k(), tile.m(), zeros, eliminate);
                        System.arraycopy(sumAcc, 0, v, 0, dOut);
                        squash(v, 0, dOut);
                        if (it == iterations - 1) {
                            System.arraycopy(v, 0, out, (b * classes + j) * dOut, dOut);
                            continue;
                        }
                        for (int d = 0; d < dOut; d++) {
                            vMatrix[d * vColumns] = v[d];
                        }
                        long agreeZeros = TiledGemm.multiply(uHat, classBase, dOutPadded, nIn, dOut, vMatrix,
                                0, vColumns, 1, agreeAcc, tile.m(), tile.k(), tile.n(), eliminate);
                        record(counters, AGREEMENT, nIn, dOut, 1, tile.m(), tile.k(), tile.n(), agreeZeros,
                                eliminate);
                        for (int i = 0; i < nIn; i++) {
                            logits[i * classes + j] += agreeAcc[i * vColumns];
                        }
                    }
                }
            }
        });
        return out;
    }

    /** {@code coupling[j * nIn + i] = softmax over j of logits[i * classes + j]}. */
    private static void softmaxOverClasses(float[] logits, float[] coupling, int nIn, int classes) {
        for (int i = 0; i < nIn; i++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, logits[i * classes + j]);
            }
            float sum = 0f;
            for (int j = 0; j < classes; j++) {
                float e = (float) Math.exp(logits[i * classes + j] - max);
                coupling[j * nIn + i] = e;
                sum += e;
            }
            for (int j = 0; j < classes; j++) {
                coupling[j * nIn + i] /= sum;
            }
        }
    }

    private enum Activation { RELU, SIGMOID }

    private float[] dense(int layer, float[] input, int batch, int inputs, float[][] w, float[] bias, int outputs,
            Activation activation, boolean eliminate, AtomicLongArray counters) {
        int accStride = TiledGemm.roundUp(outputs, tile.m());
        int block = Math.max(tile.n(), TiledGemm.roundUp((batch + threads - 1) / threads, tile.n()));
        int blocks = (batch + block - 1) / block;
        float[] out = new float[batch * outputs];
        parallel(blocks, (task, tasks) -> {
            float[][] acc = new float[block][accStride];
            for (int blk = task; blk < blocks; blk += tasks) {
                int start = blk * block;
                int count = Math.min(block, batch - start);
                long zeros = TiledGemm.multiplyRows(input, start * inputs, inputs, count, inputs, w, outputs, acc,
                        tile.n(), tile.k(), tile.m(), eliminate);
                record(counters, layer, count, inputs, outputs, tile.n(), tile.k(), tile.m(), zeros, eliminate);
                for (int r = 0; r < count; r++) {
                    for (int o = 0; o < outputs; o++) {
                        float x = acc[r][o] + bias[o];
                        out[(start + r) * outputs + o] = activation == Activation.RELU ? Math.max(0f, x)
                                : (float) (1 / (1 + Math.exp(-x)));
                    }
                }
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return "functional " + spec.name() + " CapsNet on " + tile.name() + " tiles, " + threads
                + " threads, " + weights;
    }
}
