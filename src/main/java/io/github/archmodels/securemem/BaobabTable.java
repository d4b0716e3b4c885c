package io.github.archmodels.securemem;

import java.util.Arrays;
import java.util.Locale;

/**
 * The on-chip Baobab memoization table: per entry, {@code cellsPerEntry} cells holding a counter
 * value and the number of blocks that currently use it (holders).
 *
 * <p>Block {@code j} belongs to entry {@code e = j mod entries}. At reset, cell 0 of every entry
 * has value 0 and all the entry's blocks as holders, and the other cells are free. A write by a
 * block holding cell {@code k} with value {@code v} follows the rules of the authors' gem5 code
 * ({@code getNextCounter}):
 *
 * <ol>
 * <li>Sole holder of {@code k}: increment the value in place. The index is unchanged, so the
 *     counter line and the tree are not written.</li>
 * <li>Otherwise, if some cell has a value greater than {@code v}: move to the cell with the
 *     smallest such value (one more holder there, one fewer at {@code k}).</li>
 * <li>Otherwise take a free cell (no holders), give it value {@code v + 1} and one holder.</li>
 * <li>Otherwise the entry is full; {@link FullEntryPolicy} decides.</li>
 * </ol>
 *
 * <p>Counter-mode seeds include the block address, so several blocks may share a value; each
 * block's own counter still strictly increases, which is all freshness needs. In hardware each
 * cell packs the holder count in its top {@code bitsInHolder + 1} bits, with
 * {@code bitsInHolder = ceil(log2(blocks per entry))}; the value field then has
 * {@code 63 - bitsInHolder} bits and a value reaching {@code 2^(63 - bitsInHolder) - 1} is an
 * overflow. This class keeps holders and values in separate arrays with the same limit.
 */
public final class BaobabTable {

    /** The result kinds of {@link #write}. */
    public enum Outcome {
        /** The value of the block's cell was incremented in place; the index is unchanged. */
        IN_PLACE,
        /** The block moved to the existing cell with the next larger value. */
        MOVED,
        /** The block took a free cell with value {@code v + 1}. */
        NEW_VALUE,
        /** No cell is free and the block is at the entry's maximum; nothing changed. */
        FULL,
        /** The next value would overflow the value field; nothing changed. */
        OVERFLOW
    }

    /**
     * The result of one {@link #write}: what happened, the block's cell afterwards and its value.
     *
     * @param outcome what the rules did
     * @param cell    the block's cell after the write (unchanged for FULL and OVERFLOW)
     * @param value   the counter value of that cell
     */
    public record Update(Outcome outcome, int cell, long value) {
    }

    private final BaobabTableConfig config;
    private final long blocks;
    private final long maxValue;
    private final long[] values;
    private final long[] holders;
    private final int[] liveCells;
    private long liveCellsTotal;
    private int fullEntriesNow;

    /** Creates a reset table for a memory of {@code blocks} blocks with the hardware value width. */
    public BaobabTable(BaobabTableConfig config, long blocks) {
        this(config, blocks, 63 - bitsInHolder(config, blocks));
    }

    /**
     * Creates a reset table whose values have {@code valueBits} bits, for studying overflow with
     * short counters; a value reaching {@code 2^valueBits - 1} overflows.
     */
    public BaobabTable(BaobabTableConfig config, long blocks, int valueBits) {
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks is " + blocks + "; it must be at least 1");
        }
        if (valueBits < 1 || valueBits > 63) {
            throw new IllegalArgumentException("valueBits is " + valueBits + "; it must be in 1..63");
        }
        this.config = config;
        this.blocks = blocks;
        this.maxValue = (1L << valueBits) - 2;
        int cells = Math.multiplyExact(config.entries(), config.cellsPerEntry());
        this.values = new long[cells];
        this.holders = new long[cells];
        this.liveCells = new int[config.entries()];
        reset();
    }

    /** Returns {@code ceil(log2(max blocks per entry))}, the holder-count width of the reference code. */
    public static int bitsInHolder(BaobabTableConfig config, long blocks) {
        long perEntry = (blocks + config.entries() - 1) / config.entries();
        return perEntry <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(perEntry - 1);
    }

    /** Resets every entry to one cell of value 0 held by all its blocks. */
    public void reset() {
        Arrays.fill(values, 0);
        Arrays.fill(holders, 0);
        liveCellsTotal = 0;
        fullEntriesNow = 0;
        for (int e = 0; e < config.entries(); e++) {
            long n = blocksInEntry(e);
            holders[e * config.cellsPerEntry()] = n;
            liveCells[e] = n > 0 ? 1 : 0;
            liveCellsTotal += liveCells[e];
            if (liveCells[e] == config.cellsPerEntry()) {
                fullEntriesNow++;
            }
        }
    }

    public BaobabTableConfig config() {
        return config;
    }

    /** Returns the largest counter value this table can store. */
    public long maxValue() {
        return maxValue;
    }

    /** Returns the entry of {@code block}, {@code block mod entries}. */
    public int entryOf(long block) {
        return (int) (block % config.entries());
    }

    /** Returns how many blocks map to entry {@code entry}. */
    public long blocksInEntry(int entry) {
        long base = blocks / config.entries();
        return base + (entry < blocks % config.entries() ? 1 : 0);
    }

    /** Returns the counter value in {@code cell} of {@code entry}. */
    public long value(int entry, int cell) {
        return values[slot(entry, cell)];
    }

    /** Returns the number of blocks holding {@code cell} of {@code entry}. */
    public long holders(int entry, int cell) {
        return holders[slot(entry, cell)];
    }

    /** Returns the number of cells with at least one holder in {@code entry}. */
    public int liveCells(int entry) {
        return liveCells[entry];
    }

    /** Returns the live cells of the whole table over all cells, in [0, 1]. */
    public double occupancy() {
        return (double) liveCellsTotal / values.length;
    }

    /** Returns how many entries have every cell live. */
    public int fullEntries() {
        return fullEntriesNow;
    }

    /** Returns the number of distinct (entry, value) pairs among live cells. */
    public long distinctValues() {
        int c = config.cellsPerEntry();
        long distinct = 0;
        long[] live = new long[c];
        for (int e = 0; e < config.entries(); e++) {
            int n = 0;
            for (int k = 0; k < c; k++) {
                if (holders[e * c + k] > 0) {
                    live[n++] = values[e * c + k];
                }
            }
            Arrays.sort(live, 0, n);
            for (int i = 0; i < n; i++) {
                if (i == 0 || live[i] != live[i - 1]) {
                    distinct++;
                }
            }
        }
        return distinct;
    }

    /**
     * Applies the write rules to {@code block}, which currently holds {@code cell} of its entry.
     * Returns the outcome; FULL and OVERFLOW leave the table unchanged.
     */
    public Update write(long block, int cell) {
        int entry = entryOf(block);
        int c = config.cellsPerEntry();
        if (cell < 0 || cell >= c) {
            throw new IllegalArgumentException("cell is " + cell + "; it must be in 0.." + (c - 1));
        }
        int base = entry * c;
        int current = base + cell;
        if (holders[current] <= 0) {
            throw new IllegalStateException("block " + block + " claims cell " + cell + " of entry "
                    + entry + ", which has no holders; the index line and the table disagree");
        }
        long v = values[current];

        if (holders[current] == 1) {
            if (v >= maxValue) {
                return new Update(Outcome.OVERFLOW, cell, v);
            }
            values[current] = v + 1;
            return new Update(Outcome.IN_PLACE, cell, v + 1);
        }

        int next = -1;
        for (int k = 0; k < c; k++) {
            long candidate = values[base + k];
            if (candidate > v && (next < 0 || candidate < values[base + next])) {
                next = k;
            }
        }
        if (next >= 0) {
            leave(entry, current);
            join(entry, base + next);
            return new Update(Outcome.MOVED, next, values[base + next]);
        }

        for (int k = 0; k < c; k++) {
            if (holders[base + k] == 0) {
                if (v >= maxValue) {
                    return new Update(Outcome.OVERFLOW, cell, v);
                }
                leave(entry, current);
                values[base + k] = v + 1;
                join(entry, base + k);
                return new Update(Outcome.NEW_VALUE, k, v + 1);
            }
        }
        return new Update(Outcome.FULL, cell, v);
    }

    /**
     * Resets {@code entry} to one cell (cell 0) with value {@code max + 1} held by all its blocks.
     * The caller re-encrypts the blocks and sets their indices to 0. Returns the new value, or -1
     * if it would overflow (the entry is then unchanged).
     */
    public long rebase(int entry) {
        int c = config.cellsPerEntry();
        int base = entry * c;
        long max = 0;
        for (int k = 0; k < c; k++) {
            max = Math.max(max, values[base + k]);
        }
        if (max >= maxValue) {
            return -1;
        }
        if (liveCells[entry] == c) {
            fullEntriesNow--;
        }
        liveCellsTotal -= liveCells[entry];
        for (int k = 0; k < c; k++) {
            values[base + k] = 0;
            holders[base + k] = 0;
        }
        values[base] = max + 1;
        holders[base] = blocksInEntry(entry);
        liveCells[entry] = 1;
        liveCellsTotal += 1;
        return max + 1;
    }

    private void leave(int entry, int slot) {
        holders[slot]--;
        if (holders[slot] == 0) {
            if (liveCells[entry] == config.cellsPerEntry()) {
                fullEntriesNow--;
            }
            liveCells[entry]--;
            liveCellsTotal--;
        }
    }

    private void join(int entry, int slot) {
        holders[slot]++;
        if (holders[slot] == 1) {
            liveCells[entry]++;
            liveCellsTotal++;
            if (liveCells[entry] == config.cellsPerEntry()) {
                fullEntriesNow++;
            }
        }
    }

    private int slot(int entry, int cell) {
        if (entry < 0 || entry >= config.entries()) {
            throw new IllegalArgumentException("entry is " + entry + "; it must be in 0.."
                    + (config.entries() - 1));
        }
        if (cell < 0 || cell >= config.cellsPerEntry()) {
            throw new IllegalArgumentException("cell is " + cell + "; it must be in 0.."
                    + (config.cellsPerEntry() - 1));
        }
        return entry * config.cellsPerEntry() + cell;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Baobab table %dx%d: occupancy %.1f%%, %d full entries",
                config.entries(), config.cellsPerEntry(), 100 * occupancy(), fullEntriesNow);
    }
}
