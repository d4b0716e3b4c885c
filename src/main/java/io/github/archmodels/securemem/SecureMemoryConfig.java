package io.github.archmodels.securemem;

/**
 * Geometry of a protected memory: its size, the block (cache-line) size, the per-block MAC size,
 * the hash size in the integrity tree and the tree arity.
 *
 * <p>One tree node occupies one block, so {@code treeArity * hashBytes} must fit in
 * {@code blockBytes}; the usual choice is 64-byte blocks with 8-byte hashes, giving an 8-ary tree.
 * {@code rootOnChip} moves the top tree node from memory into a trusted on-chip register, which
 * saves one block of memory; the functional simulator always keeps the hash of the top node on
 * chip, which corresponds to {@code rootOnChip = false} in the storage figures.
 *
 * @param protectedBytes bytes of protected data memory, a multiple of {@code blockBytes}
 * @param blockBytes     bytes per data block, counter line and tree node (64 on current CPUs)
 * @param macBytes       bytes of MAC stored per data block (8 = 64-bit tags)
 * @param hashBytes      bytes per hash stored in a tree node
 * @param treeArity      children per tree node, at least 2
 * @param rootOnChip     whether the top tree node is kept on chip instead of in memory
 */
public record SecureMemoryConfig(long protectedBytes, int blockBytes, int macBytes, int hashBytes,
        int treeArity, boolean rootOnChip) {

    /** Bytes in one GiB. */
    public static final long GIB = 1L << 30;

    public SecureMemoryConfig {
        if (blockBytes < 16 || Integer.bitCount(blockBytes) != 1) {
            throw new IllegalArgumentException("blockBytes is " + blockBytes
                    + "; it must be a power of two of at least 16, for example 64");
        }
        if (protectedBytes <= 0 || protectedBytes % blockBytes != 0) {
            throw new IllegalArgumentException("protectedBytes is " + protectedBytes
                    + "; it must be a positive multiple of blockBytes (" + blockBytes
                    + "), for example " + Math.max(blockBytes, protectedBytes / blockBytes * blockBytes));
        }
        if (macBytes < 1 || macBytes > 32) {
            throw new IllegalArgumentException("macBytes is " + macBytes
                    + "; it must be in 1..32 (a truncated HMAC-SHA256), for example 8");
        }
        if (hashBytes < 1 || hashBytes > 32) {
            throw new IllegalArgumentException("hashBytes is " + hashBytes
                    + "; it must be in 1..32 (a truncated SHA-256), for example 8");
        }
        if (treeArity < 2) {
            throw new IllegalArgumentException("treeArity is " + treeArity
                    + "; a tree needs at least 2 children per node, for example 8");
        }
        if ((long) treeArity * hashBytes > blockBytes) {
            throw new IllegalArgumentException("treeArity * hashBytes is " + treeArity + " * "
                    + hashBytes + " = " + (long) treeArity * hashBytes
                    + " bytes, more than one " + blockBytes + "-byte node; lower the arity to at most "
                    + blockBytes / hashBytes);
        }
    }

    /**
     * Returns the configuration of the Baobab reference code for {@code protectedBytes}: 64-byte
     * blocks, 8-byte MACs, 8-byte hashes, 8-ary tree, top node in memory.
     */
    public static SecureMemoryConfig of(long protectedBytes) {
        return new SecureMemoryConfig(protectedBytes, 64, 8, 8, 8, false);
    }

    /** Returns {@link #of(long)} for a size in GiB. */
    public static SecureMemoryConfig gib(long gibibytes) {
        return of(gibibytes * GIB);
    }

    /** Returns the number of protected data blocks, {@code protectedBytes / blockBytes}. */
    public long blocks() {
        return protectedBytes / blockBytes;
    }

    public SecureMemoryConfig withProtectedBytes(long bytes) {
        return new SecureMemoryConfig(bytes, blockBytes, macBytes, hashBytes, treeArity, rootOnChip);
    }

    public SecureMemoryConfig withBlockBytes(int bytes) {
        return new SecureMemoryConfig(protectedBytes, bytes, macBytes, hashBytes, treeArity, rootOnChip);
    }

    public SecureMemoryConfig withMacBytes(int bytes) {
        return new SecureMemoryConfig(protectedBytes, blockBytes, bytes, hashBytes, treeArity, rootOnChip);
    }

    public SecureMemoryConfig withHashBytes(int bytes) {
        return new SecureMemoryConfig(protectedBytes, blockBytes, macBytes, bytes, treeArity, rootOnChip);
    }

    public SecureMemoryConfig withTreeArity(int arity) {
        return new SecureMemoryConfig(protectedBytes, blockBytes, macBytes, hashBytes, arity, rootOnChip);
    }

    public SecureMemoryConfig withRootOnChip(boolean onChip) {
        return new SecureMemoryConfig(protectedBytes, blockBytes, macBytes, hashBytes, treeArity, onChip);
    }
}
