package io.github.archmodels.securemem;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * An open-addressing hash map from non-negative {@code long} keys to objects, with linear probing
 * and no boxing; the sparse store of blocks, lines and tree nodes. Removal is not supported,
 * because simulated memory is never freed.
 */
final class LongObjectMap<V> {

    private static final long EMPTY = -1L;

    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    LongObjectMap() {
        this(16);
    }

    LongObjectMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new Object[capacity];
        mask = capacity - 1;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int i = mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                return (V) values[i];
            }
            if (k == EMPTY) {
                return null;
            }
            i = (i + 1) & mask;
        }
    }

    boolean containsKey(long key) {
        return get(key) != null;
    }

    void put(long key, V value) {
        if (key < 0) {
            throw new IllegalArgumentException("key " + key + " is negative");
        }
        int i = mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                values[i] = value;
                return;
            }
            if (k == EMPTY) {
                keys[i] = key;
                values[i] = value;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    /** Calls {@code action} with every key, in table order. */
    void forEachKey(LongConsumer action) {
        long[] snapshot = keys;
        for (long k : snapshot) {
            if (k != EMPTY) {
                action.accept(k);
            }
        }
    }

    /** Returns the keys in table order, copied. */
    long[] keys() {
        long[] out = new long[size];
        int n = 0;
        for (long k : keys) {
            if (k != EMPTY) {
                out[n++] = k;
            }
        }
        return out;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        values = new Object[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != EMPTY) {
                @SuppressWarnings("unchecked")
                V v = (V) oldValues[j];
                put(oldKeys[j], v);
            }
        }
    }
}
