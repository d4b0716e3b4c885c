package io.github.archmodels.securemem;

import java.util.Arrays;

/**
 * A sparse Bonsai hash tree over leaf (counter or index) lines, with the hash of the top node
 * held on chip.
 *
 * <p>Level 0 are the leaf lines; a node at level {@code k >= 1} is one line holding the
 * {@code arity} hashes of its children at level {@code k - 1}, slot {@code i} at bytes
 * {@code [i h, (i + 1) h)}. The tree is computed as if it were complete: child slots past the last
 * real leaf hold the hash of an all-zero subtree, which only changes where the padding sits, not
 * which nodes exist. Untouched nodes are not stored (see {@link NodePages}). An untouched leaf
 * line is all zeros, so an untouched node at level {@code k} is {@code arity} copies of
 * {@code Z(k-1)}, where {@code Z(0) = H(zero line)} and {@code Z(k) = H(untouched node at level k)}.
 *
 * <p>{@link #verify} hashes the leaf and every node on its path and compares each hash with the
 * slot in the parent and, at the top, with the on-chip root: {@code 1 + levels} hashes.
 * {@link #updateVerified} recomputes the same path for a new leaf: another {@code 1 + levels}.
 */
final class IntegrityTree {

    private final int lineBytes;
    private final int hashBytes;
    private final int arity;
    private final int levels;
    private final BlockCrypto crypto;
    private final NodePages[] nodes;
    private final byte[][] untouchedNodes;
    private final byte[] root;
    private final byte[] current;
    private final byte[][] pathPage;
    private final int[] pathOffset;
    private final long[] pathIndex;
    private long verifiedLeaf = -1;

    IntegrityTree(long leafLines, int lineBytes, int hashBytes, int arity, BlockCrypto crypto) {
        this.lineBytes = lineBytes;
        this.hashBytes = hashBytes;
        this.arity = arity;
        long[] counts = StorageModel.levels(leafLines, arity);
        this.levels = counts.length;
        this.crypto = crypto;
        this.nodes = new NodePages[levels + 1];
        this.untouchedNodes = new byte[levels + 1][];
        this.current = new byte[hashBytes];
        this.pathPage = new byte[levels + 1][];
        this.pathOffset = new int[levels + 1];
        this.pathIndex = new long[levels + 1];

        byte[] zeroHash = new byte[hashBytes];
        crypto.hash(new byte[lineBytes], 0, lineBytes, zeroHash, 0);
        for (int k = 1; k <= levels; k++) {
            byte[] node = new byte[lineBytes];
            for (int slot = 0; slot < arity; slot++) {
                System.arraycopy(zeroHash, 0, node, slot * hashBytes, hashBytes);
            }
            untouchedNodes[k] = node;
            nodes[k] = new NodePages(counts[k - 1], node);
            zeroHash = new byte[hashBytes];
            crypto.hash(node, 0, lineBytes, zeroHash, 0);
        }
        this.root = zeroHash;
    }

    /** Returns the number of node levels above the leaves. */
    int levels() {
        return levels;
    }

    /** Returns a copy of node {@code index} at {@code level}. */
    byte[] node(int level, long index) {
        return nodes[level].copy(index);
    }

    /** Replaces a node in memory; the attacker's view. */
    void store(int level, long index, byte[] node) {
        nodes[level].store(index, node);
    }

    /**
     * Reads one byte of every stored node on the path of leaf {@code leafIndex}, changing nothing.
     * The reads do not depend on each other, so the processor overlaps their cache misses instead of
     * taking them one at a time inside {@link #verify}, where each waits for the hash before it.
     *
     * @return a value derived from the bytes read, so the reads cannot be left out
     */
    int touchPath(long leafIndex) {
        int sink = 0;
        long index = leafIndex;
        for (int k = 1; k <= levels; k++) {
            long parent = index / arity;
            byte[] page = nodes[k].page(parent);
            if (page != null) {
                sink += page[nodes[k].offset(parent)];
            }
            index = parent;
        }
        return sink;
    }

    /**
     * Checks {@code leaf} (the bytes of leaf line {@code leafIndex}) against the tree and the
     * on-chip root; throws {@link IntegrityViolationException} naming the first level that
     * disagrees.
     */
    void verify(long leafIndex, byte[] leaf) {
        crypto.hash(leaf, 0, lineBytes, current, 0);
        long index = leafIndex;
        for (int k = 1; k <= levels; k++) {
            long parent = index / arity;
            byte[] page = nodes[k].page(parent);
            int offset = 0;
            if (page == null) {
                page = untouchedNodes[k];
            } else {
                offset = nodes[k].offset(parent);
            }
            int slot = offset + (int) (index % arity) * hashBytes;
            if (!Arrays.equals(page, slot, slot + hashBytes, current, 0, hashBytes)) {
                verifiedLeaf = -1;
                throw new IntegrityViolationException(IntegrityViolationException.Location.TREE,
                        "integrity tree mismatch: the hash of " + (k == 1 ? "counter line " : "tree node ")
                                + index + (k == 1 ? "" : " at level " + (k - 1))
                                + " does not match slot " + index % arity + " of tree node " + parent
                                + " at level " + k);
            }
            pathPage[k] = page;
            pathOffset[k] = offset;
            pathIndex[k] = parent;
            crypto.hash(page, offset, lineBytes, current, 0);
            index = parent;
        }
        if (!Arrays.equals(current, root)) {
            verifiedLeaf = -1;
            throw new IntegrityViolationException(IntegrityViolationException.Location.TREE,
                    "integrity tree mismatch: the hash of the top node does not match the on-chip root");
        }
        verifiedLeaf = leafIndex;
    }

    /**
     * Writes the path of leaf {@code leafIndex} for its new contents {@code leaf}. The path must
     * have been verified by the last {@link #verify} call, with no memory change since.
     */
    void updateVerified(long leafIndex, byte[] leaf) {
        if (verifiedLeaf != leafIndex) {
            throw new IllegalStateException("leaf " + leafIndex + " was not verified just before"
                    + " its update (last verified: " + verifiedLeaf + ")");
        }
        crypto.hash(leaf, 0, lineBytes, current, 0);
        long index = leafIndex;
        for (int k = 1; k <= levels; k++) {
            long parent = pathIndex[k];
            byte[] page = nodes[k].pageForWrite(parent);
            int offset = nodes[k].offset(parent);
            int slot = offset + (int) (index % arity) * hashBytes;
            System.arraycopy(current, 0, page, slot, hashBytes);
            crypto.hash(page, offset, lineBytes, current, 0);
            index = parent;
        }
        System.arraycopy(current, 0, root, 0, hashBytes);
        verifiedLeaf = -1;
    }

    /** Returns the number of nodes ever written, over all levels. */
    long storedNodes() {
        long n = 0;
        for (int k = 1; k <= levels; k++) {
            n += nodes[k].stored();
        }
        return n;
    }
}
