package io.github.archmodels.securemem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sparse stores agree with a HashMap on random puts and gets. */
class SparseStoreTest {

    @Test
    void longObjectMapMatchesHashMap() {
        LongObjectMap<byte[]> map = new LongObjectMap<>();
        Map<Long, byte[]> reference = new HashMap<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 50_000; i++) {
            long key = random.nextLong(1L << 40);
            if (random.nextBoolean() && !reference.isEmpty()) {
                key = reference.keySet().iterator().next();
            }
            byte[] value = {(byte) i};
            map.put(key, value);
            reference.put(key, value);
        }
        assertEquals(reference.size(), map.size());
        for (Map.Entry<Long, byte[]> e : reference.entrySet()) {
            assertArrayEquals(e.getValue(), map.get(e.getKey()));
        }
        assertNull(map.get((1L << 40) + 5));
        long[] keys = map.keys();
        Arrays.sort(keys);
        assertArrayEquals(reference.keySet().stream().mapToLong(Long::longValue).sorted().toArray(), keys);
    }

    @Test
    void pagedAndHashedStoresAgree() {
        SparseStore paged = new SparseStore(1L << 20);
        SparseStore hashed = new SparseStore(1L << 40);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 5000; i++) {
            long key = random.nextLong(1L << 20);
            byte[] value = {(byte) i, (byte) (i >> 8)};
            paged.put(key, value);
            hashed.put(key, value);
        }
        assertEquals(hashed.size(), paged.size());
        long[] a = paged.keys();
        long[] b = hashed.keys();
        Arrays.sort(b);
        assertArrayEquals(b, a);
        for (long k : a) {
            assertArrayEquals(hashed.get(k), paged.get(k));
        }
    }

    @Test
    void nodePagesStartUntouched() {
        byte[] untouched = new byte[64];
        Arrays.fill(untouched, (byte) 7);
        NodePages pages = new NodePages(5000, untouched);
        assertNull(pages.page(4999));
        assertArrayEquals(untouched, pages.copy(4999));
        byte[] node = new byte[64];
        node[3] = 1;
        pages.store(1025, node);
        assertArrayEquals(node, pages.copy(1025));
        // Same page, other node: still the untouched contents, and only one node counts as stored.
        assertArrayEquals(untouched, pages.copy(1024));
        assertEquals(1, pages.stored());
        pages.store(1025, node);
        assertEquals(1, pages.stored());
    }
}
