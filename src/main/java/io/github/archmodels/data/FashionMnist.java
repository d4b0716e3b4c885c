package io.github.archmodels.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Fashion-MNIST data set (Xiao, Rasul and Vollgraf, 2017, arXiv:1708.07747): 28 x 28 grey-scale
 * images of clothing in ten classes, 60,000 for training and 10,000 for testing, MIT licence.
 *
 * <p>The project ships the 10,000-image test split under {@code data/fashion-mnist/}. The full set,
 * training split included, is read from where Debian's {@code dataset-fashion-mnist} package installs
 * it ({@value #DEBIAN_DIRECTORY}) when that package is present.
 *
 * <pre>{@code
 * FashionMnist test = FashionMnist.load(Path.of("data/fashion-mnist"), Split.TEST);
 * float[] pixels = test.image(0);   // 784 values in [0, 1]
 * int label = test.label(0);        // 0..9, see CLASS_NAMES
 * }</pre>
 */
public final class FashionMnist {

    /** Directory where Debian's {@code dataset-fashion-mnist} package installs the full data set. */
    public static final String DEBIAN_DIRECTORY = "/usr/share/datasets/fashion-mnist";

    /** Image height and width in pixels. */
    public static final int SIDE = 28;

    /** Pixels per image. */
    public static final int PIXELS = SIDE * SIDE;

    /** Class names in label order. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The two splits and their file-name prefixes. */
    public enum Split {
        TRAIN("train"), TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }

        String imagesFile() {
            return prefix + "-images-idx3-ubyte.gz";
        }

        String labelsFile() {
            return prefix + "-labels-idx1-ubyte.gz";
        }
    }

    private final byte[] pixels;
    private final byte[] labels;
    private final int count;

    private FashionMnist(byte[] pixels, byte[] labels, int count) {
        this.pixels = pixels;
        this.labels = labels;
        this.count = count;
    }

    /**
     * Loads one split from a directory holding the gzip-compressed IDX files under their original
     * names ({@code t10k-images-idx3-ubyte.gz} and so on).
     *
     * @throws IOException if a file is missing or malformed, or images and labels disagree in count
     */
    public static FashionMnist load(Path directory, Split split) throws IOException {
        Path imagesFile = directory.resolve(split.imagesFile());
        Path labelsFile = directory.resolve(split.labelsFile());
        for (Path file : List.of(imagesFile, labelsFile)) {
            if (!Files.isRegularFile(file)) {
                throw new IOException("Fashion-MNIST file not found: " + file + ". Pass the directory"
                        + " holding " + split.imagesFile() + " and " + split.labelsFile()
                        + " (the project ships the test split in data/fashion-mnist; Debian's"
                        + " dataset-fashion-mnist package installs both splits in "
                        + DEBIAN_DIRECTORY + ")");
            }
        }
        IdxReader.IdxArray images = IdxReader.read(imagesFile, 3);
        IdxReader.IdxArray labelArray = IdxReader.read(labelsFile, 1);
        int[] shape = images.shape();
        if (shape[1] != SIDE || shape[2] != SIDE) {
            throw new IOException(imagesFile + ": images are " + shape[1] + " x " + shape[2]
                    + " pixels, expected " + SIDE + " x " + SIDE);
        }
        if (shape[0] != labelArray.shape()[0]) {
            throw new IOException(imagesFile + " contains " + shape[0] + " images but " + labelsFile
                    + " contains " + labelArray.shape()[0] + " labels; use image and label files of the same split");
        }
        for (int i = 0; i < labelArray.data().length; i++) {
            int label = labelArray.unsignedAt(i);
            if (label >= CLASS_NAMES.size()) {
                throw new IOException(labelsFile + ": label " + label + " at index " + i
                        + " is outside 0..9");
            }
        }
        return new FashionMnist(images.data(), labelArray.data(), shape[0]);
    }

    /** Loads the test split shipped with the project from {@code dataDir/fashion-mnist}. */
    public static FashionMnist shippedTestSplit(Path dataDir) throws IOException {
        return load(dataDir.resolve("fashion-mnist"), Split.TEST);
    }

    /** Returns the directory of Debian's full data set, if that package is installed. */
    public static Optional<Path> debianDirectory() {
        Path dir = Path.of(DEBIAN_DIRECTORY);
        return Files.isRegularFile(dir.resolve(Split.TRAIN.imagesFile())) ? Optional.of(dir)
                : Optional.empty();
    }

    /** Returns the number of images. */
    public int size() {
        return count;
    }

    /** Returns the class label, 0..9, of image {@code index}. */
    public int label(int index) {
        checkIndex(index);
        return labels[index];
    }

    /** Returns image {@code index} as 784 floats in [0, 1] (pixel / 255), row-major. */
    public float[] image(int index) {
        float[] out = new float[PIXELS];
        copyImage(index, out, 0);
        return out;
    }

    /** Copies image {@code index}, scaled to [0, 1], into {@code target} at {@code offset}. */
    public void copyImage(int index, float[] target, int offset) {
        checkIndex(index);
        int base = index * PIXELS;
        for (int p = 0; p < PIXELS; p++) {
            target[offset + p] = (pixels[base + p] & 0xFF) / 255f;
        }
    }

    /** Returns a view of the first {@code n} images. */
    public FashionMnist head(int n) {
        if (n < 1 || n > count) {
            throw new IllegalArgumentException("n = " + n + " is outside 1.." + count);
        }
        return new FashionMnist(pixels, labels, n);
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("image index " + index + " is outside 0.." + (count - 1));
        }
    }

    @Override
    public String toString() {
        return "Fashion-MNIST: " + count + " images of " + SIDE + " x " + SIDE + " pixels, 10 classes";
    }
}
