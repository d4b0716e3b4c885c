package io.github.archmodels.securemem;

/**
 * The nodes of one tree level, stored contiguously in pages of {@value #PAGE} nodes (4 KiB of
 * 64-byte nodes) that are allocated on first write and filled with the untouched node, so a lookup
 * is one directory read and one read of the node bytes. Pages are found through a flat directory
 * when the level has at most 2^26 nodes, else through a hash map. Memory grows by whole pages, so a
 * random trace over a large level materializes most of its pages.
 */
final class NodePages {

    static final int PAGE_BITS = 6;
    static final int PAGE = 1 << PAGE_BITS;

    private final int nodeBytes;
    private final byte[] untouched;
    private final byte[][] directory;
    private final LongObjectMap<byte[]> hashedDirectory;
    private final LongObjectMap<long[]> storedBits = new LongObjectMap<>();
    private long stored;

    NodePages(long nodes, byte[] untouchedNode) {
        this.nodeBytes = untouchedNode.length;
        this.untouched = untouchedNode;
        long pages = (nodes + PAGE - 1) >>> PAGE_BITS;
        if (pages <= 1 << 20) {
            directory = new byte[(int) pages][];
            hashedDirectory = null;
        } else {
            directory = null;
            hashedDirectory = new LongObjectMap<>();
        }
    }

    /** Returns the page holding node {@code index}, or null if no node of that page was written. */
    byte[] page(long index) {
        long p = index >>> PAGE_BITS;
        return directory != null ? directory[(int) p] : hashedDirectory.get(p);
    }

    /** Returns the byte offset of node {@code index} inside its page. */
    int offset(long index) {
        return (int) (index & (PAGE - 1)) * nodeBytes;
    }

    /** Returns the page of node {@code index}, allocating it filled with untouched nodes, and marks the node stored. */
    byte[] pageForWrite(long index) {
        long p = index >>> PAGE_BITS;
        byte[] page = page(index);
        long[] bits;
        if (page == null) {
            page = new byte[PAGE * nodeBytes];
            for (int i = 0; i < PAGE; i++) {
                System.arraycopy(untouched, 0, page, i * nodeBytes, nodeBytes);
            }
            if (directory != null) {
                directory[(int) p] = page;
            } else {
                hashedDirectory.put(p, page);
            }
            bits = new long[PAGE / 64];
            storedBits.put(p, bits);
        } else {
            bits = storedBits.get(p);
        }
        int slot = (int) (index & (PAGE - 1));
        if ((bits[slot >>> 6] & (1L << slot)) == 0) {
            bits[slot >>> 6] |= 1L << slot;
            stored++;
        }
        return page;
    }

    /** Returns a copy of node {@code index}. */
    byte[] copy(long index) {
        byte[] page = page(index);
        byte[] out = new byte[nodeBytes];
        System.arraycopy(page != null ? page : untouched, page != null ? offset(index) : 0, out, 0, nodeBytes);
        return out;
    }

    /** Replaces node {@code index}. */
    void store(long index, byte[] node) {
        System.arraycopy(node, 0, pageForWrite(index), offset(index), nodeBytes);
    }

    /** Returns the number of nodes ever written. */
    long stored() {
        return stored;
    }
}
