package io.github.archmodels.securemem;

import io.github.archmodels.notebook.HtmlSummary;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Event counts of one scheme on one trace.
 *
 * @param scheme            scheme name
 * @param trace             trace name
 * @param reads             reads performed
 * @param writes            writes requested
 * @param counterIncrements counter bumps in a counter line (monolithic, split, morphable)
 * @param inPlaceUpdates    Baobab writes that incremented the block's cell in place (no tree update)
 * @param indexMoves        Baobab writes that moved the block to an existing larger value
 * @param newValues         Baobab writes that took a free cell for a new value
 * @param treePathUpdates   leaf-line changes propagated up the tree (one per changed line)
 * @param treeNodeWrites    tree nodes rewritten by those updates (path updates times tree height)
 * @param fullEntries       Baobab writes that found their entry full
 * @param stalledWrites     writes rejected because the entry was full under the stall policy
 * @param rebases           Baobab entries rebased under the rebase policy
 * @param minorOverflows    split or morphable minor-counter overflows
 * @param overflows         counter overflows that rejected a write
 * @param reencryptedBlocks blocks re-encrypted besides the written one (minor overflows: the other
 *                          blocks of the line; rebase: every block of the entry)
 * @param distinctValues    distinct live (entry, value) pairs in the Baobab table at the end
 * @param tableOccupancy    live cells over all cells of the Baobab table at the end
 */
public record EventCounts(String scheme, String trace, long reads, long writes,
        long counterIncrements, long inPlaceUpdates, long indexMoves, long newValues,
        long treePathUpdates, long treeNodeWrites, long fullEntries, long stalledWrites,
        long rebases, long minorOverflows, long overflows, long reencryptedBlocks,
        long distinctValues, double tableOccupancy) implements HtmlSummary {

    /** Returns writes per tree path update, or {@code writes} when nothing reached the tree. */
    public double writesPerTreeUpdate() {
        return treePathUpdates == 0 ? writes : (double) writes / treePathUpdates;
    }

    /** Returns one row per run. */
    public static Table toTable(List<EventCounts> runs) {
        StringColumn scheme = StringColumn.create("scheme");
        StringColumn trace = StringColumn.create("trace");
        String[] names = {"reads", "writes", "counter_increments", "in_place_updates", "index_moves",
            "new_values", "tree_path_updates", "tree_node_writes", "full_entries", "stalled_writes",
            "rebases", "minor_overflows", "overflows", "reencrypted_blocks", "distinct_values"};
        LongColumn[] longs = new LongColumn[names.length];
        for (int i = 0; i < names.length; i++) {
            longs[i] = LongColumn.create(names[i]);
        }
        DoubleColumn occupancy = DoubleColumn.create("table_occupancy");
        for (EventCounts r : runs) {
            scheme.append(r.scheme);
            trace.append(r.trace);
            long[] v = {r.reads, r.writes, r.counterIncrements, r.inPlaceUpdates, r.indexMoves,
                r.newValues, r.treePathUpdates, r.treeNodeWrites, r.fullEntries, r.stalledWrites,
                r.rebases, r.minorOverflows, r.overflows, r.reencryptedBlocks, r.distinctValues};
            for (int i = 0; i < names.length; i++) {
                longs[i].append(v[i]);
            }
            occupancy.append(r.tableOccupancy);
        }
        Table t = Table.create("secure-memory events", scheme, trace);
        t.addColumns(longs);
        t.addColumns(occupancy);
        return t;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "%s on %s: %d writes, %d tree path updates (%.2f writes each), %d in place, %d moves,"
                        + " %d new values, %d full entries, %d re-encrypted blocks",
                scheme, trace, writes, treePathUpdates, writesPerTreeUpdate(), inPlaceUpdates,
                indexMoves, newValues, fullEntries, reencryptedBlocks);
    }
}
