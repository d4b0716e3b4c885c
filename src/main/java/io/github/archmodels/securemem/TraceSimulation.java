package io.github.archmodels.securemem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Runs a {@link Trace} through a {@link SecureMemory} and records its events and, for Baobab, the
 * table occupancy over time.
 *
 * <p>Reads verify the leaf line (and, with cryptography, the block's MAC); writes store a block
 * whose plaintext encodes the access number. A write rejected by a stalled entry or an overflow is
 * counted and skipped. Addresses must already lie in the protected range; fold process traces
 * with {@link Trace#foldInto}.
 */
public final class TraceSimulation {

    private static final Logger LOG = LoggerFactory.getLogger(TraceSimulation.class);

    /**
     * Events and occupancy of one run.
     *
     * @param events        event counts at the end
     * @param sampleWrites  number of writes performed when each occupancy sample was taken
     * @param occupancy     Baobab table occupancy (live cells over all cells) at each sample
     * @param fullEntries   entries with every cell live at each sample
     * @param seconds       wall-clock time of the run
     */
    public record Result(EventCounts events, long[] sampleWrites, double[] occupancy, int[] fullEntries,
            double seconds) {

        public Result {
            sampleWrites = sampleWrites.clone();
            occupancy = occupancy.clone();
            fullEntries = fullEntries.clone();
        }

        @Override
        public long[] sampleWrites() {
            return sampleWrites.clone();
        }

        @Override
        public double[] occupancy() {
            return occupancy.clone();
        }

        @Override
        public int[] fullEntries() {
            return fullEntries.clone();
        }

        /** Returns one row per occupancy sample. */
        public Table occupancyTable() {
            StringColumn scheme = StringColumn.create("scheme");
            LongColumn writes = LongColumn.create("writes");
            DoubleColumn occ = DoubleColumn.create("table_occupancy");
            IntColumn full = IntColumn.create("full_entries");
            for (int i = 0; i < sampleWrites.length; i++) {
                scheme.append(events.scheme());
                writes.append(sampleWrites[i]);
                occ.append(occupancy[i]);
                full.append(fullEntries[i]);
            }
            return Table.create(events.scheme() + " occupancy on " + events.trace(), scheme, writes, occ, full);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s in %.2f s", events, seconds);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && events.equals(r.events)
                    && Arrays.equals(sampleWrites, r.sampleWrites) && Arrays.equals(occupancy, r.occupancy);
        }

        @Override
        public int hashCode() {
            return events.hashCode();
        }
    }

    private TraceSimulation() {
    }

    /** Runs {@code trace} without cryptography (counter, index and tree bookkeeping only). */
    public static Result run(SecureMemoryConfig config, Scheme scheme, Trace trace) {
        return run(SecureMemory.eventsOnly(config, scheme), trace, 200);
    }

    /** Runs {@code trace} with real cryptography, keys from {@code keySeed}. */
    public static Result runWithCrypto(SecureMemoryConfig config, Scheme scheme, Trace trace, long keySeed) {
        return run(SecureMemory.create(config, scheme, keySeed), trace, 200);
    }

    /** Runs {@code trace} on {@code memory}, taking about {@code samples} occupancy samples. */
    public static Result run(SecureMemory memory, Trace trace, int samples) {
        long start = System.nanoTime();
        int blockBytes = memory.config().blockBytes();
        boolean baobab = memory.scheme().kind() == Scheme.Kind.BAOBAB;
        long writes = trace.writeCount();
        long every = Math.max(1, writes / Math.max(1, samples));
        List<long[]> points = new ArrayList<>();
        List<double[]> occ = new ArrayList<>();
        byte[] plaintext = new byte[blockBytes];
        long done = 0;
        boolean crypto = memory.hasCrypto();

        for (int i = 0; i < trace.size(); i++) {
            long address = trace.address(i);
            if (!trace.isWrite(i)) {
                memory.read(address);
                continue;
            }
            try {
                if (crypto) {
                    plaintext[0] = (byte) i;
                    plaintext[1] = (byte) (i >>> 8);
                    plaintext[2] = (byte) (i >>> 16);
                    plaintext[3] = (byte) (i >>> 24);
                    memory.write(address, plaintext);
                } else {
                    memory.touch(address);
                }
            } catch (WriteRejectedException e) {
                // Counted by the memory as a stalled write or an overflow.
            }
            done++;
            if (baobab && (done % every == 0 || done == writes)) {
                points.add(new long[] {done, memory.table().fullEntries()});
                occ.add(new double[] {memory.table().occupancy()});
            }
        }

        double seconds = (System.nanoTime() - start) / 1e9;
        EventCounts events = memory.events(trace.name());
        LOG.debug("{}", events);
        long[] sampleWrites = points.stream().mapToLong(p -> p[0]).toArray();
        int[] full = points.stream().mapToInt(p -> (int) p[1]).toArray();
        double[] occupancy = occ.stream().mapToDouble(p -> p[0]).toArray();
        return new Result(events, sampleWrites, occupancy, full, seconds);
    }

    /** Runs every scheme on every trace without cryptography and returns the event table. */
    public static Table compare(SecureMemoryConfig config, List<Scheme> schemes, List<Trace> traces) {
        List<EventCounts> runs = new ArrayList<>();
        for (Trace t : traces) {
            for (Scheme s : schemes) {
                if (s.kind() != Scheme.Kind.MERKLE) {
                    runs.add(run(config, s, t).events());
                }
            }
        }
        return EventCounts.toTable(runs);
    }

    /** Plots table occupancy (%) against writes, one line per result. */
    public static XYChart occupancyChart(List<Result> results, String title) {
        XYChart chart = new XYChartBuilder().width(800).height(450).title(title)
                .xAxisTitle("writes").yAxisTitle("live cells (% of table)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setMarkerSize(0);
        for (Result r : results) {
            if (r.sampleWrites().length == 0) {
                continue;
            }
            double[] x = Arrays.stream(r.sampleWrites()).asDoubleStream().toArray();
            double[] y = Arrays.stream(r.occupancy()).map(v -> 100 * v).toArray();
            chart.addSeries(r.events().scheme() + " (" + r.events().trace() + ")", x, y);
        }
        return chart;
    }
}
