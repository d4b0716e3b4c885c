package io.github.archmodels.securemem;

/**
 * The freshness state of one scheme: how a block's counter is read from its leaf line (and, for
 * Baobab, the on-chip table) and how a write updates it. Implementations work on the line bytes
 * that the engine read from memory and verified against the tree.
 */
interface CounterLayout {

    /** The effect of a write on the leaf line, which sets the engine's next step. */
    enum LineWrite {
        /** The counter changed on chip only; the line and the tree are unchanged. */
        UNCHANGED,
        /** The line changed; the engine writes it and updates the tree path. */
        UPDATED,
        /**
         * The line changed and every block it covers has a new counter. The engine re-encrypts
         * the other blocks of the line, taking their old counters from the old line bytes.
         */
        UPDATED_REENCRYPT_LINE,
        /** The entry is full and the policy stalls; nothing changed. */
        STALLED,
        /** The entry is full and the policy rebases; the engine rebases the entry and retries. */
        NEEDS_REBASE,
        /** The counter would overflow; nothing changed. */
        OVERFLOW
    }

    Scheme scheme();

    /** Returns blocks covered by one leaf line. */
    int blocksPerLine();

    /** Returns the leaf line of {@code block}. */
    default long lineOf(long block) {
        return block / blocksPerLine();
    }

    /** Returns the counter value of {@code block} used in its encryption seed and MAC. */
    long counter(long block, byte[] line);

    /** Bumps the counter of {@code block}, editing {@code line} in place, and counts events. */
    LineWrite write(long block, byte[] line, EventCounter events);

    /** Creates the layout of {@code scheme} for a memory of {@code blocks} blocks of {@code blockBytes}. */
    static CounterLayout of(Scheme scheme, int blockBytes, long blocks) {
        return switch (scheme.kind()) {
            case MONOLITHIC -> new MonolithicCounters(blockBytes);
            case SPLIT -> new MinorCounters(scheme, blockBytes, Scheme.SPLIT_MINOR_BITS);
            case MORPHABLE -> new MinorCounters(scheme, blockBytes, Scheme.MORPHABLE_MINOR_BITS);
            case BAOBAB -> new BaobabCounters(scheme, blockBytes, blocks);
            case MERKLE -> throw new IllegalArgumentException("the plain Merkle tree has no counters;"
                    + " simulate monolithic, split, morphable or baobab instead");
        };
    }
}
