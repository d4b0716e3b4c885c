package io.github.archmodels.clustering.autograd;

/**
 * Row ranges of the shards each learner keeps. The rule follows coremltools 8.0
 * ({@code get_shard_list}): shard size {@code max(1, n / L)} rows (integer division), at most L
 * shards, and the last shard runs to row n, so it takes the remainder.
 */
public final class Shards {

    private Shards() {
    }

    /**
     * Returns the shard boundaries of {@code rows} rows over {@code learners} learners: shard s covers
     * rows {@code [b[s], b[s + 1])}. There are {@code min(learners, rows)} shards.
     */
    public static int[] boundaries(int rows, int learners) {
        if (rows < 1 || learners < 1) {
            throw new IllegalArgumentException("rows = " + rows + ", learners = " + learners
                    + "; both must be at least 1");
        }
        int size = Math.max(1, rows / learners);
        int count = Math.min(learners, (rows + size - 1) / size);
        int[] bounds = new int[count + 1];
        for (int s = 0; s < count; s++) {
            bounds[s] = s * size;
        }
        bounds[count] = rows;
        return bounds;
    }
}
