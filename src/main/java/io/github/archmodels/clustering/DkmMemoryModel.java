package io.github.archmodels.clustering;

import io.github.archmodels.clustering.autograd.Shards;
import io.github.archmodels.clustering.autograd.StorePolicy;
import io.github.archmodels.clustering.autograd.UniqueRows;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Analytic bytes of the tensors one {@link DkmLayer} forward pass saves for backward, per learner,
 * under a {@link StorePolicy}. It follows the graph {@link DkmLayer} builds, tensor by tensor, so it
 * matches the measured {@link io.github.archmodels.clustering.autograd.SavedTensorStore} exactly when
 * {@code uniqueRows} is the true count of distinct attention rows per shard.
 *
 * <p>With R = N / d vectors, k = 2^b clusters, r iterations and s bytes per element, the graph saves:
 * W (R x d) twice per iteration; the attention A_t (R x k) twice per iteration (softmax output, and
 * its transpose in {@code A^T W}) and A_r once more in {@code A C}; the centroids C_0..C_r (k x d)
 * once each; the numerators (k x d) and denominators (k x 1) of the centroid updates once each.
 * With {@code savesDistances} the model adds one R x k distance map per iteration saved twice, as a
 * {@code cdist(W, C).square()} graph (coremltools 8.0) keeps it.
 *
 * <ul>
 * <li>Plain: each distinct storage once, on the device: about {@code r R k s + R d s}.</li>
 * <li>Offload: every saved reference copied to the host: about {@code (2r + 1) R k s + 2r R d s}.</li>
 * <li>Marshaling: each distinct storage copied once.</li>
 * <li>Uniquification (16-bit, more than minRows rows, more than one column): a map becomes
 *     {@code U k s + R s_idx}, with U distinct rows and s_idx = 1, 2 or 4 bytes.</li>
 * <li>Sharding over L learners: a learner keeps about R / L rows of every large tensor; the busiest
 *     learner (the last shard) is reported.</li>
 * </ul>
 *
 * @param weights weight count N
 * @param bits index bits b
 * @param dtype element type of the saved tensors
 * @param clusterDim vector length d (must divide N)
 * @param iterations DKM iterations r
 * @param uniqueRows distinct rows of a whole attention map (for d &gt; 1 also of the weight
 *     vectors), used without sharding; capped at the row count
 * @param uniqueRowsPerShard distinct rows within the busiest learner's shard, used with sharding
 * @param savesDistances whether the graph also saves an R x k distance map per iteration
 */
public record DkmMemoryModel(long weights, int bits, Dtype dtype, int clusterDim, int iterations,
        long uniqueRows, long uniqueRowsPerShard, boolean savesDistances) {

    public DkmMemoryModel {
        if (weights < 1) {
            throw new IllegalArgumentException("weights = " + weights + " is invalid; use 1 or more");
        }
        if (bits < 1 || bits > 8) {
            throw new IllegalArgumentException("bits = " + bits + " is outside 1..8");
        }
        if (clusterDim < 1 || weights % clusterDim != 0) {
            throw new IllegalArgumentException("clusterDim = " + clusterDim + " must be at least 1 and"
                    + " divide weights = " + weights);
        }
        if (weights / clusterDim > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("weights / clusterDim = " + weights / clusterDim
                    + " rows exceed " + Integer.MAX_VALUE + "; model a layer at a time");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations = " + iterations + " is invalid; use 1 or more");
        }
        if (uniqueRows < 1 || uniqueRowsPerShard < 1) {
            throw new IllegalArgumentException("uniqueRows = " + uniqueRows + ", uniqueRowsPerShard = "
                    + uniqueRowsPerShard + "; both must be at least 1");
        }
    }

    /**
     * A model of the DKM graph as built by {@link DkmLayer} (no saved distance map), with the same
     * distinct-row count with and without sharding.
     */
    public static DkmMemoryModel of(long weights, int bits, Dtype dtype, int clusterDim, int iterations,
            long uniqueRows) {
        return new DkmMemoryModel(weights, bits, dtype, clusterDim, iterations, uniqueRows, uniqueRows,
                false);
    }

    /** Returns a copy with the saved distance map switched. */
    public DkmMemoryModel withSavesDistances(boolean on) {
        return new DkmMemoryModel(weights, bits, dtype, clusterDim, iterations, uniqueRows,
                uniqueRowsPerShard, on);
    }

    /** Returns a copy with other distinct-row counts for the whole map and for one shard. */
    public DkmMemoryModel withUniqueRows(long whole, long perShard) {
        return new DkmMemoryModel(weights, bits, dtype, clusterDim, iterations, whole, perShard,
                savesDistances);
    }

    /** Bytes of one layer under one policy, for the busiest learner. */
    public record Estimate(StorePolicy policy, long references, long referenceBytes, long deviceBytes,
            long hostBytes) {

        /** Returns device plus host bytes. */
        public long heldBytes() {
            return deviceBytes + hostBytes;
        }
    }

    /** One distinct storage of the graph: its shape and how often it is saved. */
    private record Saved(int rows, int cols, int references) {
    }

    private List<Saved> savedTensors() {
        int rows = (int) (weights / clusterDim);
        int k = 1 << bits;
        int d = clusterDim;
        int r = iterations;
        List<Saved> out = new ArrayList<>();
        out.add(new Saved(rows, d, 2 * r));
        for (int t = 0; t <= r; t++) {
            out.add(new Saved(k, d, 1));
        }
        for (int t = 1; t <= r; t++) {
            out.add(new Saved(rows, k, t == r ? 3 : 2));
            out.add(new Saved(k, d, 1));
            out.add(new Saved(k, 1, 1));
            if (savesDistances) {
                out.add(new Saved(rows, k, 2));
            }
        }
        return out;
    }

    /** Returns the estimate under {@code policy}. */
    public Estimate estimate(StorePolicy policy) {
        int s = dtype.bytes();
        long references = 0;
        long referenceBytes = 0;
        long held = 0;
        for (Saved t : savedTensors()) {
            long full = (long) t.rows() * t.cols() * s;
            references += t.references();
            referenceBytes += full * t.references();
            if (!policy.packs()) {
                held += full;
                continue;
            }
            int copies = policy.marshal() ? 1 : t.references();
            held += copies * packedBytes(t, policy);
        }
        return policy.packs() && policy.offload()
                ? new Estimate(policy, references, referenceBytes, 0, held)
                : new Estimate(policy, references, referenceBytes, held, 0);
    }

    /** Bytes the busiest learner keeps for one packed copy of {@code t}. */
    private long packedBytes(Saved t, StorePolicy policy) {
        int s = dtype.bytes();
        boolean large = t.rows() > policy.minRows();
        int rows = t.rows();
        long distinct = uniqueRows;
        if (policy.learners() > 1 && large) {
            distinct = uniqueRowsPerShard;
            int[] bounds = Shards.boundaries(t.rows(), policy.learners());
            int last = bounds.length - 2;
            rows = bounds[last + 1] - bounds[last];
        }
        long plain = (long) rows * t.cols() * s;
        if (policy.uniquify() && large && t.cols() > 1 && dtype.isSixteenBit()) {
            long u = Math.min(distinct, rows);
            long unique = u * t.cols() * s + (long) rows * UniqueRows.indexBytes(u);
            return Math.min(unique, plain);
        }
        return plain;
    }

    /** Returns the cumulative technique ladder: plain, +offload, +marshaling, +uniquification, +sharding. */
    public static List<StorePolicy> ladder(int learners, int minRows) {
        StorePolicy plain = StorePolicy.plain().withMinRows(minRows);
        StorePolicy offload = plain.withOffload(true);
        StorePolicy marshal = offload.withMarshal(true);
        StorePolicy unique = marshal.withUniquify(true);
        StorePolicy shard = unique.withLearners(learners);
        return List.of(plain, offload, marshal, unique, shard);
    }

    /** Returns the estimates along {@link #ladder} as a table with byte columns. */
    public Table toTable(int learners, int minRows) {
        Table t = Table.create("DKM saved-tensor bytes per learner",
                StringColumn.create("technique"), LongColumn.create("references"),
                LongColumn.create("reference_bytes"), LongColumn.create("device_bytes"),
                LongColumn.create("host_bytes"), LongColumn.create("held_bytes"));
        for (StorePolicy p : ladder(learners, minRows)) {
            Estimate e = estimate(p);
            t.stringColumn("technique").append(p.label());
            t.longColumn("references").append(e.references());
            t.longColumn("reference_bytes").append(e.referenceBytes());
            t.longColumn("device_bytes").append(e.deviceBytes());
            t.longColumn("host_bytes").append(e.hostBytes());
            t.longColumn("held_bytes").append(e.heldBytes());
        }
        return t;
    }

    /**
     * Returns how many values of a 16-bit {@code dtype} have a magnitude in
     * {@code [minMagnitude, maxMagnitude)}, both signs, plus zero when {@code minMagnitude} is 0. For
     * bf16 between 2^-24 and 2^-2 that is 22 binades x 128 values x 2 signs = 5,632.
     */
    public static long distinctValues(Dtype dtype, double minMagnitude, double maxMagnitude) {
        if (!dtype.isSixteenBit()) {
            throw new IllegalArgumentException("dtype = " + dtype + " is not a 16-bit type");
        }
        long count = 0;
        for (int bits = 0; bits < 0x10000; bits++) {
            float v = dtype == Dtype.BF16 ? Float.intBitsToFloat(bits << 16) : halfToFloat(bits);
            if (Float.isFinite(v) && Math.abs(v) >= minMagnitude && Math.abs(v) < maxMagnitude
                    && !(v == 0f && bits != 0)) {
                count++;
            }
        }
        return count;
    }

    private static float halfToFloat(int h) {
        int sign = (h >>> 15) & 1;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        float magnitude;
        if (exponent == 0) {
            magnitude = mantissa * 0x1p-24f;
        } else if (exponent == 31) {
            magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            magnitude = Math.scalb(1f + mantissa / 1024f, exponent - 15);
        }
        return sign == 1 ? -magnitude : magnitude;
    }
}
