package io.github.archmodels.clustering.autograd;

/**
 * The set of eDKM techniques the {@link SavedTensorStore} applies to tensors saved for backward (Cho et
 * al., "eDKM", IEEE CAL 2024). Each switch is independent, so they can be turned on one at a time.
 *
 * <ul>
 * <li>{@code offload}: packed copies go to host memory, not device memory.</li>
 * <li>{@code marshal}: a storage already packed is not copied again; later saves of the same storage,
 *     or of a transpose or reshape view of it, reference the first copy.</li>
 * <li>{@code uniquify}: a 16-bit tensor with more than {@code minRows} rows and more than one column
 *     is stored as a table of its distinct rows plus an index list per row, when that is smaller.</li>
 * <li>{@code learners}: with more than one learner, tensors with more than {@code minRows} rows are
 *     split into row shards and each simulated data-parallel learner keeps one shard.</li>
 * </ul>
 *
 * <p>Without {@code offload}, {@code uniquify} or sharding the store keeps plain references, as
 * PyTorch autograd does: a storage saved twice is held once, on the device.
 *
 * @param offload whether packed copies are held on the host
 * @param marshal whether saves of an already packed storage reuse the packed copy
 * @param uniquify whether 16-bit tensors are stored as unique rows plus an index list
 * @param learners number of simulated data-parallel learners sharing the row shards; 1 turns
 *     sharding off
 * @param minRows tensors with at most this many rows are neither uniquified nor sharded (coremltools
 *     8.0 skips uniquification at 1,024 rows or fewer)
 */
public record StorePolicy(boolean offload, boolean marshal, boolean uniquify, int learners, int minRows) {

    /** The default small-tensor threshold in rows, as coremltools 8.0 uses for uniquification. */
    public static final int DEFAULT_MIN_ROWS = 1024;

    public StorePolicy {
        if (learners < 1) {
            throw new IllegalArgumentException("learners = " + learners
                    + " is invalid; use 1 (no sharding) or more");
        }
        if (minRows < 0) {
            throw new IllegalArgumentException("minRows = " + minRows + " is invalid; use 0 or more");
        }
    }

    /** Returns the plain-autograd policy: references on the device, nothing packed. */
    public static StorePolicy plain() {
        return new StorePolicy(false, false, false, 1, DEFAULT_MIN_ROWS);
    }

    /** Returns a policy with every eDKM technique on and {@code learners} learners. */
    public static StorePolicy edkm(int learners) {
        return new StorePolicy(true, true, true, learners, DEFAULT_MIN_ROWS);
    }

    /** Returns a copy with offloading switched. */
    public StorePolicy withOffload(boolean on) {
        return new StorePolicy(on, marshal, uniquify, learners, minRows);
    }

    /** Returns a copy with marshaling switched. */
    public StorePolicy withMarshal(boolean on) {
        return new StorePolicy(offload, on, uniquify, learners, minRows);
    }

    /** Returns a copy with uniquification switched. */
    public StorePolicy withUniquify(boolean on) {
        return new StorePolicy(offload, marshal, on, learners, minRows);
    }

    /** Returns a copy sharding across {@code n} learners (1 turns sharding off). */
    public StorePolicy withLearners(int n) {
        return new StorePolicy(offload, marshal, uniquify, n, minRows);
    }

    /** Returns a copy with another small-tensor threshold. */
    public StorePolicy withMinRows(int rows) {
        return new StorePolicy(offload, marshal, uniquify, learners, rows);
    }

    /** Returns whether saved tensors are packed into copies rather than kept as references. */
    public boolean packs() {
        return offload || uniquify || learners > 1;
    }

    /** Returns a short label such as {@code offload+marshal+unique+shard8}, or {@code plain}. */
    public String label() {
        StringBuilder s = new StringBuilder();
        if (offload) {
            s.append("offload+");
        }
        if (marshal) {
            s.append("marshal+");
        }
        if (uniquify) {
            s.append("unique+");
        }
        if (learners > 1) {
            s.append("shard").append(learners).append('+');
        }
        return s.length() == 0 ? "plain" : s.substring(0, s.length() - 1);
    }
}
