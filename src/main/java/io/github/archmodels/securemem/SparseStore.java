package io.github.archmodels.securemem;

/**
 * Untouched-is-absent storage of memory lines by index: a {@link PagedArray} when the index range
 * allows a flat page directory, else a {@link LongObjectMap}.
 */
final class SparseStore {

    private final PagedArray<byte[]> paged;
    private final LongObjectMap<byte[]> hashed;

    SparseStore(long slots) {
        if (PagedArray.fits(slots)) {
            paged = new PagedArray<>(slots);
            hashed = null;
        } else {
            paged = null;
            hashed = new LongObjectMap<>();
        }
    }

    byte[] get(long index) {
        return paged != null ? paged.get(index) : hashed.get(index);
    }

    void put(long index, byte[] value) {
        if (paged != null) {
            paged.put(index, value);
        } else {
            hashed.put(index, value);
        }
    }

    int size() {
        return paged != null ? paged.size() : hashed.size();
    }

    long[] keys() {
        return paged != null ? paged.keys() : hashed.keys();
    }
}
