package io.github.archmodels.securemem;

/**
 * The on-chip memoization table of a Baobab Merkle tree: {@code entries} entries of
 * {@code cellsPerEntry} 64-bit cells each.
 *
 * <p>Block {@code j} uses entry {@code j mod entries}. Its counter line stores, per block, a
 * {@code b}-bit index of a cell in that entry, where {@code b} is the smallest power of two with
 * {@code 2^b >= cellsPerEntry} (so indices never straddle a 64-bit word, as in the reference code).
 * A 64-byte line then holds {@code 512 / b} indices: 16 cells give 4-bit indices and 128 blocks per
 * line (2x the 64 split counters per line), 4 cells give 2-bit indices and 256 blocks (4x).
 *
 * @param entries         table entries, at least 1 (reference default 1024)
 * @param cellsPerEntry   cells per entry, at least 2 (reference default 16)
 * @param policy          what to do when an entry is full
 */
public record BaobabTableConfig(int entries, int cellsPerEntry, FullEntryPolicy policy) {

    /** Bytes per cell: a 64-bit word holding the holder count and the counter value. */
    public static final int CELL_BYTES = 8;

    public BaobabTableConfig {
        if (entries < 1) {
            throw new IllegalArgumentException("entries is " + entries
                    + "; the table needs at least 1 entry, for example 1024");
        }
        if (cellsPerEntry < 2 || cellsPerEntry > 1 << 16) {
            throw new IllegalArgumentException("cellsPerEntry is " + cellsPerEntry
                    + "; it must be in 2..65536 (one cell cannot hold a second value), for example 16");
        }
        if (policy == null) {
            throw new IllegalArgumentException("policy is null; use FullEntryPolicy.STALL or REBASE");
        }
    }

    /** Returns the reference code's default: 1024 entries of 16 cells (128 KiB), stalling. */
    public static BaobabTableConfig reference() {
        return new BaobabTableConfig(1024, 16, FullEntryPolicy.STALL);
    }

    /** Returns {@code entries x cellsPerEntry} with the stall policy. */
    public static BaobabTableConfig of(int entries, int cellsPerEntry) {
        return new BaobabTableConfig(entries, cellsPerEntry, FullEntryPolicy.STALL);
    }

    /** Returns the index width in bits: the smallest power of two {@code b} with {@code 2^b >= cellsPerEntry}. */
    public int indexBits() {
        int needed = 32 - Integer.numberOfLeadingZeros(cellsPerEntry - 1);
        int bits = 1;
        while (bits < needed) {
            bits <<= 1;
        }
        return bits;
    }

    /** Returns the on-chip table size in bytes, {@code entries * cellsPerEntry * 8}. */
    public long tableBytes() {
        return (long) entries * cellsPerEntry * CELL_BYTES;
    }

    public BaobabTableConfig withEntries(int n) {
        return new BaobabTableConfig(n, cellsPerEntry, policy);
    }

    public BaobabTableConfig withCellsPerEntry(int n) {
        return new BaobabTableConfig(entries, n, policy);
    }

    public BaobabTableConfig withPolicy(FullEntryPolicy p) {
        return new BaobabTableConfig(entries, cellsPerEntry, p);
    }
}
