package io.github.archmodels.securemem;

/** Mutable event tallies of one run; {@link #snapshot} turns them into an {@link EventCounts}. */
final class EventCounter {
    long reads;
    long writes;
    long counterIncrements;
    long inPlaceUpdates;
    long indexMoves;
    long newValues;
    long treePathUpdates;
    long treeNodeWrites;
    long fullEntries;
    long stalledWrites;
    long rebases;
    long minorOverflows;
    long overflows;
    long reencryptedBlocks;

    EventCounts snapshot(String scheme, String trace, long distinctValues, double occupancy) {
        return new EventCounts(scheme, trace, reads, writes, counterIncrements, inPlaceUpdates,
                indexMoves, newValues, treePathUpdates, treeNodeWrites, fullEntries, stalledWrites,
                rebases, minorOverflows, overflows, reencryptedBlocks, distinctValues, occupancy);
    }
}
