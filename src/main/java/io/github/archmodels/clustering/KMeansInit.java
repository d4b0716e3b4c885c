package io.github.archmodels.clustering;

import java.util.SplittableRandom;

/**
 * Initial centroids for DKM: k-means++ seeding (Arthur and Vassilvitskii, 2007) followed by a few
 * Lloyd iterations of hard k-means.
 *
 * <p>k-means++ picks the first centroid uniformly, then each next one with probability proportional
 * to the squared distance from a point to its nearest chosen centroid. When every point coincides
 * with a chosen centroid (fewer distinct points than clusters) the remaining centroids repeat the
 * first; repeated centroids share their attention evenly in DKM.
 */
public final class KMeansInit {

    private KMeansInit() {
    }

    /**
     * Returns k x d centroids (row-major) for {@code rows} points of dimension {@code d}.
     *
     * @param points row-major points, {@code rows * d} values
     * @param k number of clusters
     * @param lloydIterations hard k-means iterations after seeding
     * @param seed random seed
     */
    public static float[] fit(float[] points, int d, int k, int lloydIterations, long seed) {
        int rows = points.length / d;
        if (rows < 1) {
            throw new IllegalArgumentException("k-means needs at least one point, got 0");
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] centroids = new float[k * d];
        double[] nearest = new double[rows];
        int first = random.nextInt(rows);
        System.arraycopy(points, first * d, centroids, 0, d);
        for (int i = 0; i < rows; i++) {
            nearest[i] = distance(points, i, centroids, 0, d);
        }

        for (int j = 1; j < k; j++) {
            double total = 0;
            for (double v : nearest) {
                total += v;
            }
            int pick = first;
            if (total > 0) {
                double target = random.nextDouble() * total;
                double running = 0;
                pick = rows - 1;
                for (int i = 0; i < rows; i++) {
                    running += nearest[i];
                    if (running > target) {
                        pick = i;
                        break;
                    }
                }
            }
            System.arraycopy(points, pick * d, centroids, j * d, d);
            for (int i = 0; i < rows; i++) {
                nearest[i] = Math.min(nearest[i], distance(points, i, centroids, j, d));
            }
        }

        for (int it = 0; it < lloydIterations; it++) {
            double[] sums = new double[k * d];
            long[] counts = new long[k];
            for (int i = 0; i < rows; i++) {
                int j = nearestCentroid(points, i, centroids, k, d);
                counts[j]++;
                for (int l = 0; l < d; l++) {
                    sums[j * d + l] += points[i * d + l];
                }
            }
            for (int j = 0; j < k; j++) {
                if (counts[j] > 0) {
                    for (int l = 0; l < d; l++) {
                        centroids[j * d + l] = (float) (sums[j * d + l] / counts[j]);
                    }
                }
            }
        }
        return centroids;
    }

    /** Returns the index of the centroid nearest to point {@code i}; ties go to the lower index. */
    public static int nearestCentroid(float[] points, int i, float[] centroids, int k, int d) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double dist = distance(points, i, centroids, j, d);
            if (dist < bestDistance) {
                bestDistance = dist;
                best = j;
            }
        }
        return best;
    }

    private static double distance(float[] points, int i, float[] centroids, int j, int d) {
        double s = 0;
        for (int l = 0; l < d; l++) {
            double diff = (double) points[i * d + l] - centroids[j * d + l];
            s += diff * diff;
        }
        return s;
    }
}
