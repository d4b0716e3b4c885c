package io.github.archmodels.speedup;

import io.github.archmodels.notebook.TableSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Two or more target systems measured against one baseline on the same benchmarks, ranked by each
 * metric. {@link #flips()} lists every pair of systems that the geometric mean orders one way and
 * equal-work or equal-time speedup the other way. These are the cases where the choice of mean
 * changes a conclusion.
 */
public final class SpeedupComparison implements TableSummary {

    /**
     * A pair of systems whose order depends on the metric.
     *
     * @param first the system ranked higher by the geometric mean
     * @param second the system ranked lower by the geometric mean
     * @param metric the metric that ranks {@code second} above {@code first}
     * @param firstGeometricMean GM of {@code first}
     * @param secondGeometricMean GM of {@code second}
     * @param firstValue {@code metric} of {@code first}
     * @param secondValue {@code metric} of {@code second}
     */
    public record RankingFlip(String first, String second, Metric metric, double firstGeometricMean,
            double secondGeometricMean, double firstValue, double secondValue) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "%s beats %s by geometric mean (%.4f vs %.4f) but loses by %s (%.4f vs %.4f)",
                    first, second, firstGeometricMean, secondGeometricMean, metric.label(), firstValue,
                    secondValue);
        }
    }

    private final Map<String, Speedups> systems;

    private SpeedupComparison(Map<String, Speedups> systems) {
        this.systems = systems;
    }

    /**
     * Creates a comparison of named targets against one baseline. Each {@link Speedups} must cover
     * the same benchmarks, in the same order, with the same baseline values.
     */
    public static SpeedupComparison of(Map<String, Speedups> systems) {
        if (systems == null || systems.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least 2 target systems, got "
                    + (systems == null ? 0 : systems.size()));
        }
        Speedups first = null;
        String firstName = null;
        for (Map.Entry<String, Speedups> e : systems.entrySet()) {
            Speedups s = e.getValue();
            if (first == null) {
                first = s;
                firstName = e.getKey();
            } else if (!s.names().equals(first.names())
                    || !java.util.Arrays.equals(s.baseline(), first.baseline())
                    || s.kind() != first.kind()) {
                throw new IllegalArgumentException("system '" + e.getKey()
                        + "' is not measured against the same baseline benchmarks as '" + firstName
                        + "'; compare targets on the same benchmarks and baseline values");
            }
        }
        return new SpeedupComparison(new LinkedHashMap<>(systems));
    }

    /** Creates a comparison from a table with a baseline time column and one time column per target. */
    public static SpeedupComparison ofTimes(Table table, String benchmarkColumn, String baselineColumn,
            String... targetColumns) {
        Map<String, Speedups> systems = new LinkedHashMap<>();
        for (String target : targetColumns) {
            systems.put(target, Speedups.ofTimes(table, benchmarkColumn, baselineColumn, target));
        }
        return of(systems);
    }

    /** Creates a comparison from a table with a baseline rate column and one rate column per target. */
    public static SpeedupComparison ofRates(Table table, String benchmarkColumn, String baselineColumn,
            String... targetColumns) {
        Map<String, Speedups> systems = new LinkedHashMap<>();
        for (String target : targetColumns) {
            systems.put(target, Speedups.ofRates(table, benchmarkColumn, baselineColumn, target));
        }
        return of(systems);
    }

    /** Returns the systems by name. */
    public Map<String, Speedups> systems() {
        return java.util.Collections.unmodifiableMap(systems);
    }

    /**
     * Returns every pair of systems that the geometric mean orders one way and equal-work or
     * equal-time speedup orders the other way (ties count as no order).
     */
    public List<RankingFlip> flips() {
        List<RankingFlip> flips = new ArrayList<>();
        List<String> names = new ArrayList<>(systems.keySet());
        for (int a = 0; a < names.size(); a++) {
            for (int b = a + 1; b < names.size(); b++) {
                Speedups sa = systems.get(names.get(a));
                Speedups sb = systems.get(names.get(b));
                double gmA = sa.geometricMean();
                double gmB = sb.geometricMean();
                if (gmA == gmB) {
                    continue;
                }
                String hi = gmA > gmB ? names.get(a) : names.get(b);
                String lo = gmA > gmB ? names.get(b) : names.get(a);
                Speedups sHi = systems.get(hi);
                Speedups sLo = systems.get(lo);
                for (Metric m : new Metric[] {Metric.EQUAL_WORK, Metric.EQUAL_TIME}) {
                    double vHi = sHi.value(m);
                    double vLo = sLo.value(m);
                    if (vLo > vHi) {
                        flips.add(new RankingFlip(hi, lo, m, sHi.geometricMean(), sLo.geometricMean(),
                                vHi, vLo));
                    }
                }
            }
        }
        return flips;
    }

    /**
     * Returns one row per system: {@code system}, the value of each metric, and the rank of the
     * system under the geometric mean, equal-work and equal-time speedup (1 = fastest).
     */
    public Table toTable() {
        StringColumn system = StringColumn.create("system");
        List<DoubleColumn> values = new ArrayList<>();
        for (Metric m : Metric.values()) {
            values.add(DoubleColumn.create(m.name().toLowerCase(Locale.ROOT)));
        }
        for (Map.Entry<String, Speedups> e : systems.entrySet()) {
            system.append(e.getKey());
            for (Metric m : Metric.values()) {
                values.get(m.ordinal()).append(e.getValue().value(m));
            }
        }
        Table table = Table.create("speedup comparison", system);
        values.forEach(table::addColumns);
        for (Metric m : new Metric[] {Metric.GEOMETRIC_MEAN, Metric.EQUAL_WORK, Metric.EQUAL_TIME}) {
            table.addColumns(rank(m));
        }
        return table;
    }

    private IntColumn rank(Metric m) {
        IntColumn rank = IntColumn.create("rank_" + m.name().toLowerCase(Locale.ROOT));
        for (Speedups s : systems.values()) {
            double v = s.value(m);
            int r = 1;
            for (Speedups other : systems.values()) {
                if (other.value(m) > v) {
                    r++;
                }
            }
            rank.append(r);
        }
        return rank;
    }

    @Override
    public String toString() {
        List<RankingFlip> flips = flips();
        StringBuilder out = new StringBuilder(systems.size() + " systems against one baseline; ");
        if (flips.isEmpty()) {
            out.append("the geometric mean, equal-work and equal-time speedup rank them the same way");
        } else {
            out.append(flips.size()).append(" ranking flip(s):");
            flips.forEach(f -> out.append(System.lineSeparator()).append("  ").append(f));
        }
        return out.toString();
    }
}
