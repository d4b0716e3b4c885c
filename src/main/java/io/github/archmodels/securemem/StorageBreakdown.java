package io.github.archmodels.securemem;

import io.github.archmodels.notebook.TableSummary;
import java.util.Arrays;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Metadata storage of one {@link Scheme} on one {@link SecureMemoryConfig}, from
 * {@link StorageModel#of}.
 *
 * @param scheme            the scheme
 * @param config            the memory geometry
 * @param blocksPerLeafLine blocks covered by one leaf line (counters, indices or hashes per line)
 * @param leafLines         leaf lines, {@code ceil(blocks / blocksPerLeafLine)}
 * @param macBytes          per-block MAC bytes, {@code blocks * macBytes} (0 for a plain Merkle tree)
 * @param leafBytes         bytes of the leaf lines (counters, indices or data hashes)
 * @param levelNodes        tree nodes per level above the leaves, level 1 first, top node last
 * @param treeBytes         bytes of tree nodes kept in memory (the top node is left out when it is
 *                          on chip)
 * @param tableBytes        bytes of the on-chip Baobab table (0 for the other schemes)
 * @param onChipBytes       trusted on-chip bytes: the table plus the top node (root on chip) or
 *                          one hash of it (root in memory)
 */
public record StorageBreakdown(Scheme scheme, SecureMemoryConfig config, long blocksPerLeafLine,
        long leafLines, long macBytes, long leafBytes, long[] levelNodes, long treeBytes,
        long tableBytes, long onChipBytes) implements TableSummary {

    public StorageBreakdown {
        levelNodes = levelNodes.clone();
    }

    @Override
    public long[] levelNodes() {
        return levelNodes.clone();
    }

    /** Returns the tree height above the leaves (number of node levels). */
    public int treeLevels() {
        return levelNodes.length;
    }

    /** Returns the bytes of tree level {@code level} (1 = just above the leaves) in memory. */
    public long levelBytes(int level) {
        long bytes = levelNodes[level - 1] * config.blockBytes();
        if (level == levelNodes.length && config.rootOnChip()) {
            bytes -= config.blockBytes();
        }
        return bytes;
    }

    /** Returns the leaf plus tree bytes: the part that Baobab shrinks. */
    public long counterAndTreeBytes() {
        return leafBytes + treeBytes;
    }

    /** Returns every metadata byte in memory: MACs, leaf lines and tree nodes. */
    public long totalBytes() {
        return macBytes + leafBytes + treeBytes;
    }

    /** Returns {@code bytes} as a percentage of the protected memory. */
    public double percentOfProtected(long bytes) {
        return 100.0 * bytes / config.protectedBytes();
    }

    /**
     * Returns how many times smaller this scheme's counter-plus-tree storage is than
     * {@code baseline}'s: {@code baseline.counterAndTreeBytes() / counterAndTreeBytes()}.
     */
    public double reductionVersus(StorageBreakdown baseline) {
        return (double) baseline.counterAndTreeBytes() / counterAndTreeBytes();
    }

    /** Returns one row per component (MACs, leaves, each tree level, total) with bytes and percent. */
    public Table toTable() {
        StringColumn component = StringColumn.create("component");
        LongColumn nodes = LongColumn.create("lines");
        LongColumn bytes = LongColumn.create("bytes");
        DoubleColumn percent = DoubleColumn.create("percent_of_protected");
        component.append("mac");
        nodes.append(0);
        bytes.append(macBytes);
        percent.append(percentOfProtected(macBytes));
        component.append(scheme.kind() == Scheme.Kind.MERKLE ? "leaf hashes"
                : scheme.kind() == Scheme.Kind.BAOBAB ? "indices" : "counters");
        nodes.append(leafLines);
        bytes.append(leafBytes);
        percent.append(percentOfProtected(leafBytes));
        for (int level = 1; level <= levelNodes.length; level++) {
            component.append("tree level " + level);
            nodes.append(levelNodes[level - 1]);
            bytes.append(levelBytes(level));
            percent.append(percentOfProtected(levelBytes(level)));
        }
        component.append("total");
        nodes.append(leafLines + Arrays.stream(levelNodes).sum());
        bytes.append(totalBytes());
        percent.append(percentOfProtected(totalBytes()));
        return Table.create(scheme.name() + " storage", component, nodes, bytes, percent);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "%s on %s: MAC %s (%.2f%%), %s %s (%.3f%%), tree %s in %d levels (%.3f%%), "
                        + "total %s (%.2f%%), on chip %s",
                scheme.name(), StorageModel.humanBytes(config.protectedBytes()),
                StorageModel.humanBytes(macBytes), percentOfProtected(macBytes),
                scheme.kind() == Scheme.Kind.BAOBAB ? "indices" : "leaves",
                StorageModel.humanBytes(leafBytes), percentOfProtected(leafBytes),
                StorageModel.humanBytes(treeBytes), levelNodes.length, percentOfProtected(treeBytes),
                StorageModel.humanBytes(totalBytes()), percentOfProtected(totalBytes()),
                StorageModel.humanBytes(onChipBytes));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StorageBreakdown other && scheme.equals(other.scheme)
                && config.equals(other.config) && Arrays.equals(levelNodes, other.levelNodes)
                && leafLines == other.leafLines && macBytes == other.macBytes
                && tableBytes == other.tableBytes;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * scheme.hashCode() + config.hashCode()) + Arrays.hashCode(levelNodes);
    }
}
