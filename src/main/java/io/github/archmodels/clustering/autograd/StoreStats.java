package io.github.archmodels.clustering.autograd;

/**
 * Byte counts of a {@link SavedTensorStore}, for the learner that holds the most bytes. Element bytes
 * follow each tensor's {@link io.github.archmodels.clustering.Dtype}; index lists count 1, 2 or 4
 * bytes per entry.
 *
 * @param policy the store policy
 * @param references number of save calls (tensors saved for backward)
 * @param referenceBytes bytes of all saved references, each counted in full: what a store copying
 *     every saved tensor would hold
 * @param deviceBytes bytes held in device memory
 * @param hostBytes bytes held in host memory
 * @param copiedBytes bytes copied from device to host
 * @param savedByMarshalingBytes bytes not copied because the storage was already packed
 * @param savedByUniquificationBytes bytes saved by unique-row tables over plain copies
 * @param savedByShardingBytes bytes of sharded tensors that other learners keep
 * @param peakHeldBytes largest device plus host bytes held at any time
 * @param javaHeapBytes bytes of the Java arrays the store holds now, over all learners (float32
 *     copies, tables and index lists; references to live tensors count zero)
 * @param peakJavaHeapBytes largest {@code javaHeapBytes} at any time
 */
public record StoreStats(StorePolicy policy, long references, long referenceBytes, long deviceBytes,
        long hostBytes, long copiedBytes, long savedByMarshalingBytes, long savedByUniquificationBytes,
        long savedByShardingBytes, long peakHeldBytes, long javaHeapBytes, long peakJavaHeapBytes) {

    /** Returns device plus host bytes held per learner. */
    public long heldBytes() {
        return deviceBytes + hostBytes;
    }

    @Override
    public String toString() {
        return String.format("%s: %d saved references (%,d B), held %,d B (device %,d B, host %,d B)"
                + " per learner; saved by marshaling %,d B, uniquification %,d B, sharding %,d B",
                policy.label(), references, referenceBytes, heldBytes(), deviceBytes, hostBytes,
                savedByMarshalingBytes, savedByUniquificationBytes, savedByShardingBytes);
    }
}
