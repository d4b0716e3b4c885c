package io.github.archmodels.capsule;

import io.github.archmodels.notebook.TableSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The capsule network of Sabour, Frosst and Hinton ("Dynamic Routing Between Capsules", NIPS 2017)
 * as a shape: input size, layer widths, capsule dimensions and routing iterations.
 *
 * <p>Layers, with VALID padding as in the authors' MNIST model (Sarasra/models,
 * {@code research/capsules/models/capsule_model.py}):
 * <ol>
 *   <li>Conv1: {@code F} filters of {@code k x k}, stride 1, ReLU. Output grid
 *       {@code g1 = H - k + 1} (and likewise for the width).
 *   <li>PrimaryCaps: a {@code k x k}, stride-2 convolution with {@code T * dIn} channels, grouped
 *       into {@code T} capsule types of dimension {@code dIn} and squashed. Output grid
 *       {@code g2 = floor((g1 - k) / 2) + 1}, so {@code nIn = T * g2h * g2w} input capsules.
 *   <li>DigitCaps: {@code J} class capsules of dimension {@code dOut}; the prediction
 *       {@code u_hat(j|i) = W_ij u_i} uses one {@code dOut x dIn} matrix per pair (i, j).
 *   <li>Dynamic routing, {@code r} iterations: {@code c_ij = softmax_j(b_ij)},
 *       {@code s_j = sum_i c_ij u_hat(j|i)}, {@code v_j = squash(s_j)}, and in all but the last
 *       iteration {@code b_ij += u_hat(j|i) . v_j}.
 *   <li>Decoder: the class capsules with all but one masked to zero, then fully connected layers
 *       {@code J dOut -> 512 -> 1024 -> H W C} (ReLU, ReLU, sigmoid).
 * </ol>
 *
 * <p>Multiply-accumulates per image: Conv1 {@code g1h g1w F k^2 C}; PrimaryCaps
 * {@code g2h g2w (T dIn) k^2 F}; prediction {@code nIn J dOut dIn}; routing
 * {@code (2r - 1) nIn J dOut} (r weighted sums and r - 1 agreement updates); decoder
 * {@code J dOut 512 + 512 * 1024 + 1024 H W C}. Parameters count weights and biases; the
 * DigitCaps matrices have no bias. The MNIST preset has 8,215,568 parameters, of which the
 * decoder weights of the masked inputs are 144 x 512 = 73,728: implementations that count only
 * the unmasked decoder inputs report 8,141,840.
 *
 * <p>Create with a preset ({@link #mnist()}, {@link #fashionMnist()}, {@link #svhn()},
 * {@link #cifar10()}, {@link #smallNorb()}), by name with {@link #byName(String)}, or with
 * {@link #custom} and the {@code withX} copies.
 *
 * @param name a label for tables, for example {@code mnist}
 * @param height input height in pixels
 * @param width input width in pixels
 * @param channels input channels (1 grey, 2 stereo, 3 colour)
 * @param conv1Filters Conv1 filters {@code F}, 256 in the paper
 * @param kernel kernel side {@code k} of Conv1 and PrimaryCaps, 9 in the paper
 * @param primaryTypes capsule types {@code T}, 32 in the paper
 * @param primaryDim primary capsule dimension {@code dIn}, 8 in the paper
 * @param classes class capsules {@code J}
 * @param digitDim class capsule dimension {@code dOut}, 16 in the paper
 * @param routingIterations routing iterations {@code r}, 3 in the paper
 */
public record CapsNetSpec(String name, int height, int width, int channels, int conv1Filters,
        int kernel, int primaryTypes, int primaryDim, int classes, int digitDim,
        int routingIterations) implements TableSummary {

    /** Stride of the PrimaryCaps convolution. */
    public static final int PRIMARY_STRIDE = 2;

    /** Width of the first decoder layer. */
    public static final int DECODER_HIDDEN1 = 512;

    /** Width of the second decoder layer. */
    public static final int DECODER_HIDDEN2 = 1024;

    /** Layer names, in forward order, used by every table of this package. */
    public static final List<String> LAYERS = List.of("conv1", "primary-caps", "prediction",
            "routing-sum", "agreement", "decoder-fc1", "decoder-fc2", "decoder-fc3");

    /** The capsule layers proper: DigitCaps prediction and the two routing steps. */
    public static final List<String> CAPSULE_LAYERS = List.of("prediction", "routing-sum", "agreement");

    public CapsNetSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is empty; give the network a label such as \"mnist\"");
        }
        positive("height", height);
        positive("width", width);
        positive("channels", channels);
        positive("conv1Filters", conv1Filters);
        positive("kernel", kernel);
        positive("primaryTypes", primaryTypes);
        positive("primaryDim", primaryDim);
        positive("classes", classes);
        positive("digitDim", digitDim);
        positive("routingIterations", routingIterations);
        int needed = 2 * kernel - 1;
        if (height < needed || width < needed) {
            throw new IllegalArgumentException("input " + height + " x " + width
                    + " is too small for two " + kernel + " x " + kernel
                    + " VALID convolutions: no primary capsule fits. Height and width must be at least 2k - 1 = "
                    + needed + "; use a larger input or a smaller kernel");
        }
    }

    private static void positive(String parameter, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(parameter + " = " + value
                    + " is invalid; it must be a positive integer");
        }
    }

    /** MNIST: 28 x 28 grey images, 10 classes, 1152 primary capsules. */
    public static CapsNetSpec mnist() {
        return new CapsNetSpec("mnist", 28, 28, 1, 256, 9, 32, 8, 10, 16, 3);
    }

    /** Fashion-MNIST: the same shape as MNIST. */
    public static CapsNetSpec fashionMnist() {
        return mnist().withName("fashion-mnist");
    }

    /** SVHN: 32 x 32 colour images, 10 classes, 2048 primary capsules. */
    public static CapsNetSpec svhn() {
        return new CapsNetSpec("svhn", 32, 32, 3, 256, 9, 32, 8, 10, 16, 3);
    }

    /**
     * CIFAR-10 with the MNIST architecture on the full 32 x 32 image (2048 primary capsules).
     * NOTE: the authors' CIFAR-10 model uses 64 capsule types and SAME padding instead; build it
     * with {@link #withPrimaryTypes(int)} where that variant matters.
     */
    public static CapsNetSpec cifar10() {
        return svhn().withName("cifar10");
    }

    /** smallNORB: 32 x 32 crops of the stereo pair (2 channels), 5 classes. */
    public static CapsNetSpec smallNorb() {
        return new CapsNetSpec("smallnorb", 32, 32, 2, 256, 9, 32, 8, 5, 16, 3);
    }

    /** Creates a network with the paper's layer widths for any input size and class count. */
    public static CapsNetSpec custom(String name, int height, int width, int channels, int classes) {
        return new CapsNetSpec(name, height, width, channels, 256, 9, 32, 8, classes, 16, 3);
    }

    /** Returns the dataset presets, one per distinct dataset, in a stable order. */
    public static List<CapsNetSpec> presets() {
        return List.of(mnist(), fashionMnist(), svhn(), cifar10(), smallNorb());
    }

    /** Returns the preset of that name (case-insensitive; {@code -} and {@code _} are ignored). */
    public static CapsNetSpec byName(String name) {
        String key = normalize(name);
        for (CapsNetSpec spec : presets()) {
            if (normalize(spec.name()).equals(key)) {
                return spec;
            }
        }
        List<String> names = presets().stream().map(CapsNetSpec::name).toList();
        throw new IllegalArgumentException("unknown CapsNet preset \"" + name + "\"; known presets: "
                + String.join(", ", names) + ". Use CapsNetSpec.custom(...) for other inputs");
    }

    private static String normalize(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    public CapsNetSpec withName(String value) {
        return new CapsNetSpec(value, height, width, channels, conv1Filters, kernel, primaryTypes,
                primaryDim, classes, digitDim, routingIterations);
    }

    public CapsNetSpec withInput(int newHeight, int newWidth, int newChannels) {
        return new CapsNetSpec(name, newHeight, newWidth, newChannels, conv1Filters, kernel,
                primaryTypes, primaryDim, classes, digitDim, routingIterations);
    }

    public CapsNetSpec withConv1Filters(int value) {
        return new CapsNetSpec(name, height, width, channels, value, kernel, primaryTypes,
                primaryDim, classes, digitDim, routingIterations);
    }

    public CapsNetSpec withPrimaryTypes(int value) {
        return new CapsNetSpec(name, height, width, channels, conv1Filters, kernel, value,
                primaryDim, classes, digitDim, routingIterations);
    }

    public CapsNetSpec withPrimaryDim(int value) {
        return new CapsNetSpec(name, height, width, channels, conv1Filters, kernel, primaryTypes,
                value, classes, digitDim, routingIterations);
    }

    public CapsNetSpec withClasses(int value) {
        return new CapsNetSpec(name, height, width, channels, conv1Filters, kernel, primaryTypes,
                primaryDim, value, digitDim, routingIterations);
    }

    public CapsNetSpec withDigitDim(int value) {
        return new CapsNetSpec(name, height, width, channels, conv1Filters, kernel, primaryTypes,
                primaryDim, classes, value, routingIterations);
    }

    public CapsNetSpec withRoutingIterations(int value) {
        return new CapsNetSpec(name, height, width, channels, conv1Filters, kernel, primaryTypes,
                primaryDim, classes, digitDim, value);
    }

    /** Conv1 output height, {@code H - k + 1}. */
    public int conv1Height() {
        return height - kernel + 1;
    }

    /** Conv1 output width, {@code W - k + 1}. */
    public int conv1Width() {
        return width - kernel + 1;
    }

    /** PrimaryCaps grid height, {@code floor((g1 - k) / 2) + 1}. */
    public int primaryHeight() {
        return (conv1Height() - kernel) / PRIMARY_STRIDE + 1;
    }

    /** PrimaryCaps grid width. */
    public int primaryWidth() {
        return (conv1Width() - kernel) / PRIMARY_STRIDE + 1;
    }

    /** Primary (input) capsules {@code nIn = T g2h g2w}. */
    public int inputCapsules() {
        return primaryTypes * primaryHeight() * primaryWidth();
    }

    /** PrimaryCaps convolution channels, {@code T dIn}. */
    public int primaryChannels() {
        return primaryTypes * primaryDim;
    }

    /** Pixels times channels of one input image. */
    public int inputSize() {
        return height * width * channels;
    }

    /** Returns MACs and parameters per layer for one image. */
    public List<LayerCost> layerCosts() {
        long k2 = (long) kernel * kernel;
        long nIn = inputCapsules();
        long classWidth = (long) classes * digitDim;
        List<LayerCost> out = new ArrayList<>();
        out.add(new LayerCost("conv1",
                (long) conv1Height() * conv1Width() * conv1Filters * k2 * channels,
                k2 * channels * conv1Filters + conv1Filters));
        out.add(new LayerCost("primary-caps",
                (long) primaryHeight() * primaryWidth() * primaryChannels() * k2 * conv1Filters,
                k2 * conv1Filters * primaryChannels() + primaryChannels()));
        out.add(new LayerCost("prediction", nIn * classWidth * primaryDim,
                nIn * classWidth * primaryDim));
        out.add(new LayerCost("routing-sum", (long) routingIterations * nIn * classWidth, 0));
        out.add(new LayerCost("agreement", (long) (routingIterations - 1) * nIn * classWidth, 0));
        out.add(new LayerCost("decoder-fc1", classWidth * DECODER_HIDDEN1,
                classWidth * DECODER_HIDDEN1 + DECODER_HIDDEN1));
        out.add(new LayerCost("decoder-fc2", (long) DECODER_HIDDEN1 * DECODER_HIDDEN2,
                (long) DECODER_HIDDEN1 * DECODER_HIDDEN2 + DECODER_HIDDEN2));
        out.add(new LayerCost("decoder-fc3", (long) DECODER_HIDDEN2 * inputSize(),
                (long) DECODER_HIDDEN2 * inputSize() + inputSize()));
        return List.copyOf(out);
    }

    /** Total multiply-accumulates per image. */
    public long totalMacs() {
        return layerCosts().stream().mapToLong(LayerCost::macs).sum();
    }

    /** Total parameters (weights and biases). */
    public long totalParameters() {
        return layerCosts().stream().mapToLong(LayerCost::parameters).sum();
    }

    /** Exponentials of the routing softmax per image, {@code r nIn J}. */
    public long softmaxExponentials() {
        return (long) routingIterations * inputCapsules() * classes;
    }

    /**
     * Element operations of the squash non-linearity per image: {@code nIn dIn} for the primary
     * capsules and {@code r J dOut} for the class capsules.
     */
    public long squashOperations() {
        return (long) inputCapsules() * primaryDim + (long) routingIterations * classes * digitDim;
    }

    /** Returns one row per layer: {@code layer, macs, parameters}. */
    public Table toTable() {
        Table t = Table.create(name + " layer costs per image", StringColumn.create("layer"),
                LongColumn.create("macs"), LongColumn.create("parameters"));
        for (LayerCost c : layerCosts()) {
            t.stringColumn("layer").append(c.layer());
            t.longColumn("macs").append(c.macs());
            t.longColumn("parameters").append(c.parameters());
        }
        return t;
    }

    /** Returns one row per spec with its shape, capsule count, MACs and parameters. */
    public static Table toTable(List<CapsNetSpec> specs) {
        Table t = Table.create("CapsNet presets", StringColumn.create("dataset"),
                StringColumn.create("input"), LongColumn.create("input_capsules"),
                LongColumn.create("classes"), LongColumn.create("macs_per_image"),
                LongColumn.create("parameters"));
        for (CapsNetSpec s : specs) {
            t.stringColumn("dataset").append(s.name());
            t.stringColumn("input").append(s.height() + "x" + s.width() + "x" + s.channels());
            t.longColumn("input_capsules").append(s.inputCapsules());
            t.longColumn("classes").append(s.classes());
            t.longColumn("macs_per_image").append(s.totalMacs());
            t.longColumn("parameters").append(s.totalParameters());
        }
        return t;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "CapsNet %s: %dx%dx%d input, %d primary capsules (%d types x %d-D), %d classes x %d-D,"
                        + " r = %d, %,d MACs/image, %,d parameters",
                name, height, width, channels, inputCapsules(), primaryTypes, primaryDim, classes,
                digitDim, routingIterations, totalMacs(), totalParameters());
    }
}
