package io.github.archmodels.clustering.autograd;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The place every tensor saved for backward goes through, like a pair of PyTorch
 * {@code saved_tensors_hooks}: {@link #save} packs a tensor in the forward pass and
 * {@link Handle#unpack} rebuilds it in the backward pass. The {@link StorePolicy} selects the eDKM
 * techniques; the store counts bytes per technique in {@link #stats()}.
 *
 * <p>Packing works on the storage of a tensor (the base of a view), so a transpose or reshape of a
 * tensor saved before is recognized by marshaling. Unpacking rebuilds the storage bit for bit under
 * every policy, so gradients do not depend on the policy.
 *
 * <p>Learners are simulated in one process: each sharded tensor is split by {@link Shards}, shard s is
 * accounted to learner s, and unpacking concatenates all shards (the all-gather of real data-parallel
 * training). Tensors at or below {@link StorePolicy#minRows()} rows are held whole by every learner.
 *
 * <p>NOTE: the store counts saved tensors only. Activations that stay alive for other reasons, and
 * the device copy that exists until an offloaded tensor is freed, are not counted.
 */
public final class SavedTensorStore {

    private final StorePolicy policy;
    private final int learners;
    private final Map<float[], Entry> packedByStorage = new IdentityHashMap<>();
    private final Map<float[], Boolean> referencedStorages = new IdentityHashMap<>();

    private long references;
    private long referenceBytes;
    private final long[] device;
    private final long[] host;
    private final long[] copied;
    private final long[] savedByMarshaling;
    private final long[] savedByUniquification;
    private final long[] savedBySharding;
    private long peakHeld;
    private long javaHeap;
    private long peakJavaHeap;

    /** Creates an empty store applying {@code policy}. */
    public SavedTensorStore(StorePolicy policy) {
        this.policy = policy;
        this.learners = policy.learners();
        device = new long[learners];
        host = new long[learners];
        copied = new long[learners];
        savedByMarshaling = new long[learners];
        savedByUniquification = new long[learners];
        savedBySharding = new long[learners];
    }

    /** Creates a store with {@link StorePolicy#plain()}. */
    public static SavedTensorStore plain() {
        return new SavedTensorStore(StorePolicy.plain());
    }

    /** Returns the policy. */
    public StorePolicy policy() {
        return policy;
    }

    /** Saves {@code tensor} for backward and returns the handle that rebuilds it. */
    public Handle save(Tensor tensor) {
        Tensor root = tensor.root();
        float[] storage = root.storage();
        long bytes = (long) root.size() * root.dtype().bytes();
        references++;
        referenceBytes += bytes;

        if (!policy.packs()) {
            if (referencedStorages.put(storage, Boolean.TRUE) == null) {
                for (int l = 0; l < learners; l++) {
                    device[l] += bytes;
                }
            }
            updatePeaks();
            return new Handle(null, storage, tensor);
        }

        if (policy.marshal()) {
            Entry existing = packedByStorage.get(storage);
            if (existing != null) {
                for (int l = 0; l < learners; l++) {
                    savedByMarshaling[l] += existing.learnerBytes[l];
                }
                return new Handle(existing, null, tensor);
            }
        }
        Entry entry = pack(root);
        if (policy.marshal()) {
            packedByStorage.put(storage, entry);
        }
        updatePeaks();
        return new Handle(entry, null, tensor);
    }

    private Entry pack(Tensor root) {
        int rows = root.rows();
        int cols = root.cols();
        int elementBytes = root.dtype().bytes();
        float[] storage = root.storage();
        boolean large = rows > policy.minRows();
        boolean shard = learners > 1 && large;
        boolean uniquify = policy.uniquify() && large && cols > 1 && root.dtype().isSixteenBit();
        int[] bounds = shard ? Shards.boundaries(rows, learners) : new int[] {0, rows};
        int shardCount = bounds.length - 1;

        Object[] parts = new Object[shardCount];
        long[] partBytes = new long[shardCount];
        long[] plainPartBytes = new long[shardCount];
        long[] partHeapBytes = new long[shardCount];
        // Shards are packed independently, so they run in parallel.
        java.util.stream.IntStream.range(0, shardCount).parallel().forEach(s -> {
            int from = bounds[s];
            int to = bounds[s + 1];
            long plainBytes = (long) (to - from) * cols * elementBytes;
            plainPartBytes[s] = plainBytes;
            UniqueRows unique = uniquify ? UniqueRows.of(storage, cols, from, to) : null;
            if (unique != null && unique.bytes(elementBytes) < plainBytes) {
                parts[s] = unique;
                partBytes[s] = unique.bytes(elementBytes);
                partHeapBytes[s] = unique.javaHeapBytes();
            } else {
                float[] copy = new float[(to - from) * cols];
                System.arraycopy(storage, from * cols, copy, 0, copy.length);
                parts[s] = copy;
                partBytes[s] = plainBytes;
                partHeapBytes[s] = 4L * copy.length;
            }
        });
        for (long b : partHeapBytes) {
            javaHeap += b;
        }

        long fullBytes = (long) rows * cols * elementBytes;
        long[] learnerBytes = new long[learners];
        for (int l = 0; l < learners; l++) {
            int s = shard ? l : 0;
            if (s >= shardCount) {
                savedBySharding[l] += fullBytes;
                continue;
            }
            learnerBytes[l] = partBytes[s];
            savedByUniquification[l] += plainPartBytes[s] - partBytes[s];
            if (shard) {
                savedBySharding[l] += fullBytes - plainPartBytes[s];
            }
            if (policy.offload()) {
                host[l] += partBytes[s];
                copied[l] += partBytes[s];
            } else {
                device[l] += partBytes[s];
            }
        }
        return new Entry(parts, bounds, rows, cols, learnerBytes);
    }

    private void updatePeaks() {
        int busiest = busiestLearner();
        peakHeld = Math.max(peakHeld, device[busiest] + host[busiest]);
        peakJavaHeap = Math.max(peakJavaHeap, javaHeap);
    }

    private int busiestLearner() {
        int best = 0;
        for (int l = 1; l < learners; l++) {
            if (device[l] + host[l] > device[best] + host[best]) {
                best = l;
            }
        }
        return best;
    }

    /** Returns the byte counts so far, for the learner holding the most bytes. */
    public StoreStats stats() {
        int l = busiestLearner();
        return new StoreStats(policy, references, referenceBytes, device[l], host[l], copied[l],
                savedByMarshaling[l], savedByUniquification[l], savedBySharding[l], peakHeld, javaHeap,
                peakJavaHeap);
    }

    /** Returns the device plus host bytes each learner holds now. */
    public long[] heldBytesPerLearner() {
        long[] out = new long[learners];
        for (int l = 0; l < learners; l++) {
            out[l] = device[l] + host[l];
        }
        return out;
    }

    /**
     * Drops every saved tensor, as autograd frees them after backward. Held bytes return to zero;
     * cumulative counts and peaks stay.
     */
    public void clear() {
        packedByStorage.clear();
        referencedStorages.clear();
        java.util.Arrays.fill(device, 0);
        java.util.Arrays.fill(host, 0);
        javaHeap = 0;
    }

    /** A packed storage: one part per shard, each a float copy or a {@link UniqueRows}. */
    private static final class Entry {
        final Object[] parts;
        final int[] bounds;
        final int rows;
        final int cols;
        final long[] learnerBytes;
        private float[] rebuilt;

        Entry(Object[] parts, int[] bounds, int rows, int cols, long[] learnerBytes) {
            this.parts = parts;
            this.bounds = bounds;
            this.rows = rows;
            this.cols = cols;
            this.learnerBytes = learnerBytes;
        }

        /** Rebuilds the storage once and shares it between the handles of this entry. */
        synchronized float[] rebuild() {
            if (rebuilt != null) {
                return rebuilt;
            }
            float[] out = new float[rows * cols];
            for (int s = 0; s < parts.length; s++) {
                if (parts[s] instanceof UniqueRows unique) {
                    unique.reconstructInto(out, bounds[s]);
                } else {
                    float[] copy = (float[]) parts[s];
                    System.arraycopy(copy, 0, out, bounds[s] * cols, copy.length);
                }
            }
            rebuilt = out;
            return out;
        }
    }

    /** The handle of one saved tensor; {@link #unpack()} returns it with its view shape. */
    public static final class Handle {
        private final Entry entry;
        private final float[] reference;
        private final int rows;
        private final int cols;
        private final boolean transposed;
        private final io.github.archmodels.clustering.Dtype dtype;

        private Handle(Entry entry, float[] reference, Tensor view) {
            this.entry = entry;
            this.reference = reference;
            this.rows = view.rows();
            this.cols = view.cols();
            this.transposed = view.isTransposed();
            this.dtype = view.dtype();
        }

        /** Rebuilds the saved tensor: same values, shape and transpose as when it was saved. */
        public Tensor unpack() {
            float[] storage = entry == null ? reference : entry.rebuild();
            return new Tensor(storage, rows, cols, transposed, null, dtype, false);
        }
    }
}
