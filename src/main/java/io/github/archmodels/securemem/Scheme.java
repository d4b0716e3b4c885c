package io.github.archmodels.securemem;

import java.util.List;

/**
 * An integrity scheme: how per-block freshness state is stored in memory and which tree covers it.
 *
 * <ul>
 * <li>{@link Kind#MERKLE}: a plain Merkle tree whose leaves are hashes of the data blocks; no
 *     counters and no per-block MACs.</li>
 * <li>{@link Kind#MONOLITHIC}: Bonsai Merkle tree (Rogers et al., MICRO 2007) over 64-bit
 *     counters, 8 per 64-byte line, plus a MAC per block.</li>
 * <li>{@link Kind#SPLIT}: Bonsai tree over split counters (Yan et al., ISCA 2006): a 64-bit major
 *     and 64 seven-bit minors per 64-byte line. A minor overflow bumps the major and re-encrypts
 *     the line's 64 blocks.</li>
 * <li>{@link Kind#MORPHABLE}: a simplified morphable-counter line (Saileshwar et al., MICRO 2018):
 *     a 64-bit major and 128 three-bit minors per line, with 64 bits left for the line's MAC.
 *     NOTE: only the uniform format is modelled; the zero-counter-compression format and the
 *     paper's 128-ary counter tree are not, the tree here is the same hash tree as the others.</li>
 * <li>{@link Kind#BAOBAB}: Baobab (Thomas et al., IEEE CAL 2024): per-block cell indices in memory
 *     and the counter values in an on-chip {@link BaobabTableConfig table}.</li>
 * </ul>
 *
 * @param kind  the scheme
 * @param table the Baobab table, non-null only for {@link Kind#BAOBAB}
 */
public record Scheme(Kind kind, BaobabTableConfig table) {

    /** The storage layouts. */
    public enum Kind { MERKLE, MONOLITHIC, SPLIT, MORPHABLE, BAOBAB }

    /** Bits of the major counter in split and morphable lines. */
    public static final int MAJOR_BITS = 64;
    /** Bits per minor counter in a split-counter line. */
    public static final int SPLIT_MINOR_BITS = 7;
    /** Bits per minor counter in the uniform morphable format. */
    public static final int MORPHABLE_MINOR_BITS = 3;
    /** Bits reserved for the embedded MAC of a morphable line. */
    public static final int MORPHABLE_MAC_BITS = 64;

    public Scheme {
        if (kind == null) {
            throw new IllegalArgumentException("kind is null; use one of " + List.of(Kind.values()));
        }
        if (kind == Kind.BAOBAB && table == null) {
            throw new IllegalArgumentException("a Baobab scheme needs a table; use Scheme.baobab(table)");
        }
        if (kind != Kind.BAOBAB && table != null) {
            throw new IllegalArgumentException("only the Baobab scheme takes a table, not " + kind);
        }
    }

    public static Scheme merkle() {
        return new Scheme(Kind.MERKLE, null);
    }

    public static Scheme monolithic() {
        return new Scheme(Kind.MONOLITHIC, null);
    }

    public static Scheme split() {
        return new Scheme(Kind.SPLIT, null);
    }

    public static Scheme morphable() {
        return new Scheme(Kind.MORPHABLE, null);
    }

    public static Scheme baobab(BaobabTableConfig table) {
        return new Scheme(Kind.BAOBAB, table);
    }

    /** Returns Baobab with {@code entries x cellsPerEntry} cells and the stall policy. */
    public static Scheme baobab(int entries, int cellsPerEntry) {
        return baobab(BaobabTableConfig.of(entries, cellsPerEntry));
    }

    /**
     * Returns the five schemes compared in the report: plain Merkle, monolithic, split, morphable,
     * and Baobab with 1024 entries of 16 cells (2x) and of 4 cells (4x).
     */
    public static List<Scheme> standard() {
        return List.of(merkle(), monolithic(), split(), morphable(), baobab(1024, 16), baobab(1024, 4));
    }

    /** Returns a short name, for example {@code split} or {@code baobab-1024x16}. */
    public String name() {
        return switch (kind) {
            case MERKLE -> "merkle";
            case MONOLITHIC -> "monolithic";
            case SPLIT -> "split";
            case MORPHABLE -> "morphable";
            case BAOBAB -> "baobab-" + table.entries() + "x" + table.cellsPerEntry();
        };
    }

    /**
     * Returns how many blocks one leaf line of {@code blockBytes} bytes covers: hashes per line
     * for Merkle, counters per line for the counter schemes, indices per line for Baobab.
     */
    public long blocksPerLeafLine(int blockBytes, int hashBytes) {
        long lineBits = 8L * blockBytes;
        long perLine = switch (kind) {
            case MERKLE -> blockBytes / hashBytes;
            case MONOLITHIC -> blockBytes / 8;
            case SPLIT -> (lineBits - MAJOR_BITS) / SPLIT_MINOR_BITS;
            case MORPHABLE -> (lineBits - MAJOR_BITS - MORPHABLE_MAC_BITS) / MORPHABLE_MINOR_BITS;
            case BAOBAB -> lineBits / table.indexBits();
        };
        if (perLine < 1) {
            throw new IllegalArgumentException("a " + blockBytes + "-byte line cannot hold one "
                    + name() + " leaf entry; use larger blocks");
        }
        return perLine;
    }

    @Override
    public String toString() {
        return name();
    }
}
