package io.github.archmodels.securemem;

import java.util.Arrays;

/**
 * A sparse array of objects indexed by {@code long}, stored in pages of {@value #PAGE} slots
 * allocated on first write: the store of leaf lines and tree nodes when their count is small
 * enough for a flat page directory ({@link #fits}). A lookup costs one directory read and one
 * page read, against a key, a value and a probe sequence in a hash map.
 */
final class PagedArray<V> {

    static final int PAGE_BITS = 6;
    static final int PAGE = 1 << PAGE_BITS;
    /** Largest directory: 2^20 page references (8 MiB), so up to 2^26 slots. */
    static final long MAX_SLOTS = 1L << (20 + PAGE_BITS);

    private final Object[][] directory;
    private int size;

    PagedArray(long slots) {
        if (!fits(slots)) {
            throw new IllegalArgumentException("slots is " + slots + "; a paged array has at most "
                    + MAX_SLOTS + " slots, use a LongObjectMap beyond that");
        }
        directory = new Object[(int) ((slots + PAGE - 1) >>> PAGE_BITS)][];
    }

    static boolean fits(long slots) {
        return slots <= MAX_SLOTS;
    }

    @SuppressWarnings("unchecked")
    V get(long index) {
        Object[] page = directory[(int) (index >>> PAGE_BITS)];
        return page == null ? null : (V) page[(int) (index & (PAGE - 1))];
    }

    void put(long index, V value) {
        int p = (int) (index >>> PAGE_BITS);
        Object[] page = directory[p];
        if (page == null) {
            page = new Object[PAGE];
            directory[p] = page;
        }
        int slot = (int) (index & (PAGE - 1));
        if (page[slot] == null && value != null) {
            size++;
        }
        page[slot] = value;
    }

    int size() {
        return size;
    }

    /** Returns the indices of non-null slots in increasing order. */
    long[] keys() {
        long[] out = new long[size];
        int n = 0;
        for (int p = 0; p < directory.length; p++) {
            Object[] page = directory[p];
            if (page != null) {
                for (int s = 0; s < PAGE; s++) {
                    if (page[s] != null) {
                        out[n++] = ((long) p << PAGE_BITS) | s;
                    }
                }
            }
        }
        return Arrays.copyOf(out, n);
    }
}
