package io.github.archmodels.securemem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Analytical storage model of secure-memory metadata.
 *
 * <p>For {@code N = protectedBytes / B} blocks of {@code B} bytes:
 *
 * <ol>
 * <li>MACs take {@code N * m} bytes for a MAC of {@code m} bytes (none for a plain Merkle tree,
 *     whose leaves are data hashes).</li>
 *
 * <li>Leaf lines: {@code L = ceil(N / P)} lines of {@code B} bytes, where {@code P} is the number
 *     of blocks one line covers ({@link Scheme#blocksPerLeafLine}): {@code B/h} data hashes,
 *     8 monolithic counters, 64 split counters, 128 morphable counters or {@code 8B/b} Baobab
 *     indices of {@code b} bits.</li>
 *
 * <li>Tree levels ({@link #levels}): starting from {@code n = L}, repeat {@code n = ceil(n / a)}
 *     and record {@code n} until {@code n == 1}. Each node is one {@code B}-byte line. The top node
 *     is counted in memory unless {@code rootOnChip}.</li>
 * </ol>
 *
 * <p>Baobab against split counters: {@code (L + tree)_split / (L + tree)_baobab ~ (N/64) / (N b / 512)
 * = 8 / b}, so 4-bit indices (16 cells) halve and 2-bit indices (4 cells) quarter the counter and
 * tree storage. With MACs included the saving is much smaller, because the 12.5 % of MACs stays.
 *
 * <p>The Baobab reference code rounds the block count up to a power of the arity (16 GiB is sized
 * as 64 GiB); this model uses the exact {@code ceil} at each level instead.
 */
public final class StorageModel {

    private StorageModel() {
    }

    /**
     * Returns the node count of each tree level above {@code leaves} leaf lines, bottom first:
     * {@code n_1 = ceil(leaves / arity)}, {@code n_{k+1} = ceil(n_k / arity)}, down to one node.
     * Returns an empty array for a single leaf line (its hash is the root).
     */
    public static long[] levels(long leaves, int arity) {
        if (leaves < 1) {
            throw new IllegalArgumentException("leaves is " + leaves + "; it must be at least 1");
        }
        if (arity < 2) {
            throw new IllegalArgumentException("arity is " + arity + "; it must be at least 2");
        }
        List<Long> counts = new ArrayList<>();
        long n = leaves;
        while (n > 1) {
            n = (n + arity - 1) / arity;
            counts.add(n);
        }
        return counts.stream().mapToLong(Long::longValue).toArray();
    }

    /** Computes the storage breakdown of {@code scheme} on {@code config}. */
    public static StorageBreakdown of(SecureMemoryConfig config, Scheme scheme) {
        long blocks = config.blocks();
        int lineBytes = config.blockBytes();

        long perLine = scheme.blocksPerLeafLine(lineBytes, config.hashBytes());
        long leafLines = (blocks + perLine - 1) / perLine;
        long leafBytes = leafLines * lineBytes;
        long macBytes = scheme.kind() == Scheme.Kind.MERKLE ? 0 : blocks * config.macBytes();

        long[] levels = levels(leafLines, config.treeArity());
        long treeBytes = 0;
        for (long nodes : levels) {
            treeBytes += nodes * lineBytes;
        }
        long tableBytes = scheme.kind() == Scheme.Kind.BAOBAB ? scheme.table().tableBytes() : 0;
        long rootBytes = config.hashBytes();
        if (config.rootOnChip() && levels.length > 0) {
            treeBytes -= lineBytes;
            rootBytes = lineBytes;
        }
        return new StorageBreakdown(scheme, config, perLine, leafLines, macBytes, leafBytes, levels,
                treeBytes, tableBytes, tableBytes + rootBytes);
    }

    /** Returns one row per scheme: bytes and percentages of MACs, leaves, tree and total. */
    public static Table compare(SecureMemoryConfig config, List<Scheme> schemes) {
        return sweep(config, new long[] {config.protectedBytes()}, schemes);
    }

    /**
     * Returns one row per memory size and scheme, with the reduction of counter-plus-tree bytes
     * against split counters at the same size.
     */
    public static Table sweep(SecureMemoryConfig config, long[] protectedBytes, List<Scheme> schemes) {
        StringColumn scheme = StringColumn.create("scheme");
        LongColumn size = LongColumn.create("protected_bytes");
        LongColumn mac = LongColumn.create("mac_bytes");
        LongColumn leaf = LongColumn.create("counter_bytes");
        LongColumn tree = LongColumn.create("tree_bytes");
        IntColumn levels = IntColumn.create("tree_levels");
        LongColumn total = LongColumn.create("total_bytes");
        LongColumn onChip = LongColumn.create("on_chip_bytes");
        DoubleColumn counterTreePercent = DoubleColumn.create("counter_tree_percent");
        DoubleColumn totalPercent = DoubleColumn.create("total_percent");
        DoubleColumn reduction = DoubleColumn.create("counter_tree_reduction_vs_split");

        for (long bytes : protectedBytes) {
            SecureMemoryConfig sized = config.withProtectedBytes(bytes);
            StorageBreakdown split = of(sized, Scheme.split());
            for (Scheme s : schemes) {
                StorageBreakdown b = of(sized, s);
                scheme.append(s.name());
                size.append(bytes);
                mac.append(b.macBytes());
                leaf.append(b.leafBytes());
                tree.append(b.treeBytes());
                levels.append(b.treeLevels());
                total.append(b.totalBytes());
                onChip.append(b.onChipBytes());
                counterTreePercent.append(b.percentOfProtected(b.counterAndTreeBytes()));
                totalPercent.append(b.percentOfProtected(b.totalBytes()));
                reduction.append(b.reductionVersus(split));
            }
        }

        return Table.create("secure-memory storage", scheme, size, mac, leaf, tree, levels, total,
                onChip, counterTreePercent, totalPercent, reduction);
    }

    /** Plots counter-plus-tree bytes (MiB, log scale) against memory size, one line per scheme. */
    public static XYChart sweepChart(Table sweep) {
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title("Counter + tree storage vs protected memory")
                .xAxisTitle("protected memory (GiB)").yAxisTitle("counters + tree (MiB)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (String name : sweep.stringColumn("scheme").unique()) {
            Table rows = sweep.where(sweep.stringColumn("scheme").isEqualTo(name));
            double[] x = rows.longColumn("protected_bytes").asDoubleColumn()
                    .divide(SecureMemoryConfig.GIB).asDoubleArray();
            double[] y = rows.longColumn("counter_bytes").add(rows.longColumn("tree_bytes"))
                    .asDoubleColumn().divide(1 << 20).asDoubleArray();
            chart.addSeries(name, x, y);
        }
        return chart;
    }

    /** Formats a byte count with a binary unit, for example {@code 16 GiB} or {@code 2.29 MiB}. */
    public static String humanBytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        if (value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%d %s", (long) value, units[unit]);
        }
        return String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }
}
