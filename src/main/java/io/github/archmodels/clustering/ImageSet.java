package io.github.archmodels.clustering;

import io.github.archmodels.data.FashionMnist;

/**
 * Images as one flat float array (row-major, {@link FashionMnist#PIXELS} values each, in [0, 1]) with
 * their labels.
 *
 * @param pixels {@code size * 784} pixel values
 * @param labels class labels 0..9
 */
public record ImageSet(float[] pixels, int[] labels) {

    /** Copies images {@code [from, to)} of {@code data}. */
    public static ImageSet of(FashionMnist data, int from, int to) {
        if (from < 0 || to > data.size() || from >= to) {
            throw new IllegalArgumentException("image range [" + from + ", " + to + ") is invalid for "
                    + data.size() + " images");
        }
        int n = to - from;
        float[] pixels = new float[n * FashionMnist.PIXELS];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            data.copyImage(from + i, pixels, i * FashionMnist.PIXELS);
            labels[i] = data.label(from + i);
        }
        return new ImageSet(pixels, labels);
    }

    /** Returns the number of images. */
    public int size() {
        return labels.length;
    }

    @Override
    public String toString() {
        return "ImageSet of " + size() + " images";
    }
}
