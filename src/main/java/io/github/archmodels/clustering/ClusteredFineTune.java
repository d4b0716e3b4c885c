package io.github.archmodels.clustering;

import io.github.archmodels.clustering.autograd.SavedTensorStore;
import io.github.archmodels.clustering.autograd.Shards;
import io.github.archmodels.clustering.autograd.StorePolicy;
import io.github.archmodels.clustering.autograd.StoreStats;
import io.github.archmodels.clustering.autograd.Tape;
import io.github.archmodels.clustering.autograd.Tensor;
import io.github.archmodels.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Train-time weight clustering on Fashion-MNIST: train an {@link MlpClassifier}, then fine-tune a copy
 * with DKM in the loop at each bit width (both weight matrices clustered, per-tensor LUT) and export
 * hard palettes. Reports held-out accuracy of the float model (also after as many extra float
 * epochs as the fine-tuning runs), of hard k-means palettization without fine-tuning, and of the DKM
 * fine-tuned palettized model; and the measured saved-tensor bytes of one
 * DKM step on the first layer under each cumulative eDKM technique, beside {@link DkmMemoryModel}.
 */
public final class ClusteredFineTune {

    private static final Logger LOG = LoggerFactory.getLogger(ClusteredFineTune.class);

    /**
     * Experiment options.
     *
     * @param hidden hidden units
     * @param trainImages training images used (at most the training split)
     * @param epochs training epochs of the float model
     * @param fineTuneEpochs DKM fine-tuning epochs per bit width
     * @param batchSize mini-batch size
     * @param learningRate Adam learning rate of training
     * @param fineTuneLearningRate Adam learning rate of fine-tuning
     * @param bits bit widths to fine-tune at
     * @param tau DKM temperature
     * @param dtype weight data type inside DKM
     * @param learners simulated learners for the memory measurement
     * @param seed seed of initialization and shuffling
     */
    public record Options(int hidden, int trainImages, int epochs, int fineTuneEpochs, int batchSize,
            double learningRate, double fineTuneLearningRate, List<Integer> bits, double tau, Dtype dtype,
            int learners, long seed) {

        /** Defaults: 128 hidden units, 15,000 images, 2 epochs, 1 fine-tune epoch, bits 2, 3, 4. */
        public static Options defaults() {
            return new Options(128, 15_000, 2, 1, 128, 1e-3, 2e-4, List.of(2, 3, 4), 1e-4, Dtype.BF16, 8,
                    7);
        }

        /** Returns a copy using {@code n} training images. */
        public Options withTrainImages(int n) {
            return new Options(hidden, n, epochs, fineTuneEpochs, batchSize, learningRate,
                    fineTuneLearningRate, bits, tau, dtype, learners, seed);
        }

        /** Returns a copy with {@code n} training epochs. */
        public Options withEpochs(int n) {
            return new Options(hidden, trainImages, n, fineTuneEpochs, batchSize, learningRate,
                    fineTuneLearningRate, bits, tau, dtype, learners, seed);
        }

        /** Returns a copy with other bit widths. */
        public Options withBits(List<Integer> b) {
            return new Options(hidden, trainImages, epochs, fineTuneEpochs, batchSize, learningRate,
                    fineTuneLearningRate, List.copyOf(b), tau, dtype, learners, seed);
        }

        /** Returns a copy with another temperature. */
        public Options withTau(double t) {
            return new Options(hidden, trainImages, epochs, fineTuneEpochs, batchSize, learningRate,
                    fineTuneLearningRate, bits, t, dtype, learners, seed);
        }

        /** Returns a copy with another hidden width. */
        public Options withHidden(int h) {
            return new Options(h, trainImages, epochs, fineTuneEpochs, batchSize, learningRate,
                    fineTuneLearningRate, bits, tau, dtype, learners, seed);
        }
    }

    /** Training and held-out images, with a sentence on where they come from. */
    public record Data(ImageSet train, ImageSet heldOut, String description) {
    }

    /** Accuracy at one bit width. */
    public record BitsRow(int bits, double kmeansAccuracy, double dkmAccuracy, long packedBytes) {
    }

    /** Saved-tensor bytes of one DKM step under one policy. */
    public record MemoryRow(StorePolicy policy, StoreStats measured, long modelBytes, boolean sameGradient) {
    }

    /** The result of {@link #run}. */
    public record Result(Data data, Options options, double floatAccuracy, double floatFineTunedAccuracy,
            long floatBytes, List<BitsRow> bits, List<MemoryRow> memory, long uniqueRowsBound,
            long uniqueRowsPerShardBound, double seconds) {

        /** Returns accuracy per bit width. */
        public Table accuracyTable() {
            Table t = Table.create("Fashion-MNIST held-out accuracy", IntColumn.create("bits"),
                    DoubleColumn.create("float_accuracy"), DoubleColumn.create("float_fine_tuned_accuracy"),
                    DoubleColumn.create("kmeans_accuracy"),
                    DoubleColumn.create("dkm_accuracy"), LongColumn.create("float_bytes"),
                    LongColumn.create("palettized_bytes"));
            for (BitsRow r : bits) {
                t.intColumn("bits").append(r.bits());
                t.doubleColumn("float_accuracy").append(floatAccuracy);
                t.doubleColumn("float_fine_tuned_accuracy").append(floatFineTunedAccuracy);
                t.doubleColumn("kmeans_accuracy").append(r.kmeansAccuracy());
                t.doubleColumn("dkm_accuracy").append(r.dkmAccuracy());
                t.longColumn("float_bytes").append(floatBytes);
                t.longColumn("palettized_bytes").append(r.packedBytes());
            }
            return t;
        }

        /** Returns measured and modelled saved-tensor bytes per technique. */
        public Table memoryTable() {
            Table t = Table.create("Saved-tensor bytes of one DKM step on W1",
                    StringColumn.create("technique"), LongColumn.create("references"),
                    LongColumn.create("measured_device_bytes"), LongColumn.create("measured_host_bytes"),
                    LongColumn.create("measured_held_bytes"), LongColumn.create("model_bytes"),
                    DoubleColumn.create("reduction_vs_plain"), StringColumn.create("same_gradient"));
            long plain = memory.get(0).measured().heldBytes();
            for (MemoryRow r : memory) {
                t.stringColumn("technique").append(r.policy().label());
                t.longColumn("references").append(r.measured().references());
                t.longColumn("measured_device_bytes").append(r.measured().deviceBytes());
                t.longColumn("measured_host_bytes").append(r.measured().hostBytes());
                t.longColumn("measured_held_bytes").append(r.measured().heldBytes());
                t.longColumn("model_bytes").append(r.modelBytes());
                t.doubleColumn("reduction_vs_plain").append(Math.round(100.0 * plain / r.measured().heldBytes()) / 100.0);
                t.stringColumn("same_gradient").append(r.sameGradient() ? "yes" : "NO");
            }
            return t;
        }

        /** Returns a bar chart of accuracy against bits. */
        public CategoryChart accuracyChart() {
            CategoryChart chart = new CategoryChartBuilder().width(700).height(460)
                    .title("Fashion-MNIST accuracy vs bits per weight").xAxisTitle("index bits")
                    .yAxisTitle("held-out accuracy").build();
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            List<String> labels = bits.stream().map(r -> Integer.toString(r.bits())).toList();
            chart.addSeries("float32", labels, bits.stream().map(r -> floatAccuracy).toList());
            chart.addSeries("float32, extra epochs", labels,
                    bits.stream().map(r -> floatFineTunedAccuracy).toList());
            chart.addSeries("k-means, no fine-tuning", labels,
                    bits.stream().map(BitsRow::kmeansAccuracy).toList());
            chart.addSeries("DKM fine-tuned", labels, bits.stream().map(BitsRow::dkmAccuracy).toList());
            double low = bits.stream().mapToDouble(BitsRow::kmeansAccuracy).min().orElse(0);
            chart.getStyler().setYAxisMin(Math.max(0, Math.floor(low * 10 - 1) / 10));
            chart.getStyler().setYAxisMax(1.0);
            return chart;
        }

        /** Returns a bar chart of measured bytes per technique (log axis). */
        public CategoryChart memoryChart() {
            CategoryChart chart = new CategoryChartBuilder().width(900).height(460)
                    .title("Saved-tensor bytes, one DKM step on W1")
                    .xAxisTitle("technique (cumulative)").yAxisTitle("bytes per learner").build();
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setXAxisLabelRotation(20);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            List<String> labels = memory.stream().map(r -> r.policy().label()).toList();
            chart.addSeries("measured", labels,
                    memory.stream().map(r -> (double) r.measured().heldBytes()).toList());
            chart.addSeries("model", labels, memory.stream().map(r -> (double) r.modelBytes()).toList());
            // XChart bars start at 0 by default, which a log axis cannot show.
            double min = memory.stream().mapToDouble(r -> Math.min(r.measured().heldBytes(), r.modelBytes()))
                    .min().orElse(1);
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
            return chart;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(String.format("Fashion-MNIST MLP: float accuracy %.4f", floatAccuracy));
            for (BitsRow r : bits) {
                s.append(String.format("; %d-bit k-means %.4f, DKM %.4f", r.bits(), r.kmeansAccuracy(),
                        r.dkmAccuracy()));
            }
            return s.append(String.format(" (%.1f s)", seconds)).toString();
        }
    }

    private ClusteredFineTune() {
    }

    /**
     * Loads the data: with Debian's full data set, up to {@code trainImages} images of its training
     * split for training and all 10,000 test images held out; otherwise the shipped 10,000-image test
     * split, its first 8,000 images (capped at {@code trainImages}) for training and the last 2,000
     * held out.
     */
    public static Data load(Path dataDir, int trainImages, Optional<Path> debianDirectory) throws IOException {
        FashionMnist test = FashionMnist.shippedTestSplit(dataDir);
        if (debianDirectory.isPresent()) {
            FashionMnist train = FashionMnist.load(debianDirectory.get(), FashionMnist.Split.TRAIN);
            int n = Math.min(trainImages, train.size());
            return new Data(ImageSet.of(train, 0, n), ImageSet.of(test, 0, test.size()),
                    "training: first " + n + " images of the 60,000-image training split from "
                    + debianDirectory.get() + "; held out: the 10,000-image test split");
        }
        int trainEnd = test.size() - 2000;
        int n = Math.min(trainImages, trainEnd);
        return new Data(ImageSet.of(test, 0, n), ImageSet.of(test, trainEnd, test.size()),
                "training: first " + n + " images of the shipped 10,000-image test split; held out: its"
                + " last 2,000 images (the training split was not found)");
    }

    /** Runs the experiment. */
    public static Result run(Data data, Options options) {
        long start = System.nanoTime();
        MlpClassifier model = MlpClassifier.create(options.hidden(), options.seed());
        Adam adam = new Adam(options.learningRate());
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            double loss = trainEpoch(model, data.train(), options, adam, null, null, epoch);
            LOG.info("Epoch {}: mean training loss {}", epoch + 1, String.format("%.4f", loss));
        }
        double floatAccuracy = model.accuracy(data.heldOut());
        long floatBytes = 4L * model.weightCount();
        // Baseline for the fine-tuned rows: the float model trained for the same extra epochs.
        MlpClassifier longer = model.copy();
        Adam longerAdam = new Adam(options.fineTuneLearningRate());
        for (int epoch = 0; epoch < options.fineTuneEpochs(); epoch++) {
            trainEpoch(longer, data.train(), options, longerAdam, null, null, epoch);
        }
        double floatFineTunedAccuracy = longer.accuracy(data.heldOut());

        List<BitsRow> rows = new ArrayList<>();
        for (int bits : options.bits()) {
            DkmOptions dkm = dkmOptions(options, bits);
            MlpClassifier tuned = model.copy();
            DkmLayer first = DkmLayer.of(dkm);
            DkmLayer second = DkmLayer.of(dkm.withSeed(dkm.seed() + 1));
            Palette p1 = first.export(tuned.w1().toArray(), tuned.hidden(), FashionMnist.PIXELS);
            Palette p2 = second.export(tuned.w2().toArray(), MlpClassifier.CLASSES, tuned.hidden());
            double kmeans = tuned.accuracy(data.heldOut(), p1.reconstruct(), p2.reconstruct());
            Adam fineTune = new Adam(options.fineTuneLearningRate());
            for (int epoch = 0; epoch < options.fineTuneEpochs(); epoch++) {
                double loss = trainEpoch(tuned, data.train(), options, fineTune, first, second, epoch);
                LOG.info("{}-bit DKM fine-tune epoch {}: mean loss {}", bits, epoch + 1,
                        String.format("%.4f", loss));
            }
            p1 = first.export(tuned.w1().toArray(), tuned.hidden(), FashionMnist.PIXELS);
            p2 = second.export(tuned.w2().toArray(), MlpClassifier.CLASSES, tuned.hidden());
            double dkmAccuracy = tuned.accuracy(data.heldOut(), p1.reconstruct(), p2.reconstruct());
            rows.add(new BitsRow(bits, kmeans, dkmAccuracy, p1.packedBytes(Dtype.BF16)
                    + p2.packedBytes(Dtype.BF16)));
        }

        int memoryBits = options.bits().contains(3) ? 3 : options.bits().get(0);
        float[] w1 = model.w1().toArray();
        long bound = uniqueValuesPerShardBound(w1, options.dtype(), 1);
        long shardBound = uniqueValuesPerShardBound(w1, options.dtype(), options.learners());
        List<MemoryRow> memory = measureLadder(w1, model.hidden(), FashionMnist.PIXELS,
                dkmOptions(options, memoryBits), options.learners(), bound, shardBound);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(data, options, floatAccuracy, floatFineTunedAccuracy, floatBytes, rows, memory,
                bound, shardBound, seconds);
    }

    private static DkmOptions dkmOptions(Options options, int bits) {
        return DkmOptions.bits(bits).withTau(options.tau()).withDtype(options.dtype())
                .withSeed(options.seed());
    }

    /** Trains one epoch; with DKM layers, the forward pass uses the clustered weights. */
    private static double trainEpoch(MlpClassifier model, ImageSet train, Options options, Adam adam,
            DkmLayer first, DkmLayer second, int epoch) {
        int n = train.size();
        int[] order = shuffled(n, options.seed() * 31 + epoch);
        double lossSum = 0;
        int batches = 0;
        for (int from = 0; from < n; from += options.batchSize()) {
            int to = Math.min(n, from + options.batchSize());
            Tape tape = new Tape();
            Tensor x = MlpClassifier.batch(train, from, to, order);
            int[] labels = new int[to - from];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = train.labels()[order[from + i]];
            }
            Tensor firstWeights = first == null ? model.w1() : first.forward(tape, model.w1());
            Tensor secondWeights = second == null ? model.w2() : second.forward(tape, model.w2());
            Tensor loss = tape.crossEntropy(model.logits(tape, x, firstWeights, secondWeights), labels);
            tape.backward(loss);
            adam.step(model.parameters());
            tape.clear();
            lossSum += loss.item();
            batches++;
        }
        return lossSum / batches;
    }

    private static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    /**
     * Measures one DKM forward and backward step on a rows x cols weight matrix under each policy of
     * {@link DkmMemoryModel#ladder}, checking that the weight gradient matches the plain store bit for
     * bit. The model column uses {@code uniqueRows} and {@code uniqueRowsPerShard} as the distinct-row
     * counts of the whole map and of one shard.
     */
    public static List<MemoryRow> measureLadder(float[] weights, int rows, int cols, DkmOptions options,
            int learners, long uniqueRows, long uniqueRowsPerShard) {
        List<MemoryRow> out = new ArrayList<>();
        DkmMemoryModel model = DkmMemoryModel.of(weights.length, options.bits(), options.dtype(),
                options.clusterDim(), options.maxIterations(), uniqueRows)
                .withUniqueRows(uniqueRows, uniqueRowsPerShard);
        float[] reference = null;
        for (StorePolicy policy : DkmMemoryModel.ladder(learners, StorePolicy.DEFAULT_MIN_ROWS)) {
            SavedTensorStore store = new SavedTensorStore(policy);
            Tape tape = new Tape(store);
            Tensor w = Tensor.of(weights, rows, cols, Dtype.FP32, true);
            Tensor clustered = DkmLayer.of(options).forward(tape, w);
            StoreStats stats = store.stats();
            float[] upstream = new float[clustered.size()];
            Arrays.fill(upstream, 1f);
            tape.backward(clustered, upstream);
            float[] grad = w.grad();
            tape.clear();
            if (reference == null) {
                reference = grad;
            }
            out.add(new MemoryRow(policy, stats, model.estimate(policy).heldBytes(),
                    Arrays.equals(reference, grad)));
        }
        return out;
    }

    /** Returns the largest number of distinct {@code dtype} values in any learner's shard. */
    public static long uniqueValuesPerShardBound(float[] weights, Dtype dtype, int learners) {
        int[] bounds = Shards.boundaries(weights.length, learners);
        long max = 0;
        for (int s = 0; s + 1 < bounds.length; s++) {
            Set<Integer> distinct = new HashSet<>();
            for (int i = bounds[s]; i < bounds[s + 1]; i++) {
                distinct.add(Float.floatToRawIntBits(dtype.round(weights[i])));
            }
            max = Math.max(max, distinct.size());
        }
        return max;
    }
}
