package io.github.archmodels.securemem;

/**
 * Baobab leaf lines: one {@code b}-bit cell index per block, and the counter values in an on-chip
 * {@link BaobabTable}.
 */
final class BaobabCounters implements CounterLayout {

    private final Scheme scheme;
    private final BaobabTable table;
    private final int indexBits;
    private final int perLine;

    BaobabCounters(Scheme scheme, int blockBytes, long blocks) {
        this.scheme = scheme;
        this.table = new BaobabTable(scheme.table(), blocks);
        this.indexBits = scheme.table().indexBits();
        this.perLine = (int) scheme.blocksPerLeafLine(blockBytes, 8);
    }

    @Override
    public Scheme scheme() {
        return scheme;
    }

    BaobabTable table() {
        return table;
    }

    @Override
    public int blocksPerLine() {
        return perLine;
    }

    int index(long block, byte[] line) {
        return (int) LineBits.get(line, (long) indexBits * (block % perLine), indexBits);
    }

    void setIndex(long block, byte[] line, int cell) {
        LineBits.set(line, (long) indexBits * (block % perLine), indexBits, cell);
    }

    @Override
    public long counter(long block, byte[] line) {
        return table.value(table.entryOf(block), index(block, line));
    }

    @Override
    public LineWrite write(long block, byte[] line, EventCounter events) {
        BaobabTable.Update update = table.write(block, index(block, line));
        switch (update.outcome()) {
            case IN_PLACE:
                events.inPlaceUpdates++;
                return LineWrite.UNCHANGED;
            case MOVED:
                events.indexMoves++;
                setIndex(block, line, update.cell());
                return LineWrite.UPDATED;
            case NEW_VALUE:
                events.newValues++;
                setIndex(block, line, update.cell());
                return LineWrite.UPDATED;
            case OVERFLOW:
                events.overflows++;
                return LineWrite.OVERFLOW;
            case FULL:
            default:
                events.fullEntries++;
                return scheme.table().policy() == FullEntryPolicy.REBASE
                        ? LineWrite.NEEDS_REBASE : LineWrite.STALLED;
        }
    }

    /** Sets every index of {@code entry}'s blocks in {@code line} (line number {@code lineNo}) to 0; returns whether any changed. */
    boolean clearEntry(long lineNo, byte[] line, int entry) {
        boolean changed = false;
        long first = lineNo * perLine;
        int entries = scheme.table().entries();
        long start = first + Math.floorMod(entry - first, (long) entries);
        for (long block = start; block < first + perLine; block += entries) {
            if (index(block, line) != 0) {
                setIndex(block, line, 0);
                changed = true;
            }
        }
        return changed;
    }
}
