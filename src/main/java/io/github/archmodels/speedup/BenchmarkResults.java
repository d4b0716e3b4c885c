package io.github.archmodels.speedup;

import io.github.archmodels.notebook.TableSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Per-benchmark results of one system, as read by an importer ({@link ResultsCsv},
 * {@link SpecCpu2017Csv}, {@link JmhJson}, {@link HyperfineJson}). Two result sets of the same kind
 * and unit become {@link Speedups} with {@link Speedups#of(BenchmarkResults, BenchmarkResults)}.
 *
 * @param source where the results came from, for messages (usually a file name)
 * @param results the results in file order
 */
public record BenchmarkResults(String source, List<Result> results) implements TableSummary {

    /**
     * One benchmark's result.
     *
     * @param benchmark the benchmark name, unique within a result set
     * @param value the measured value
     * @param error the reported error or spread, NaN when the format gives none
     * @param unit the unit of {@code value}, for example {@code s} or {@code ops/s}
     * @param kind whether lower ({@link Speedups.Kind#TIME}) or higher ({@link Speedups.Kind#RATE})
     *     is better
     */
    public record Result(String benchmark, double value, double error, String unit, Speedups.Kind kind) {
    }

    /** Creates a result set; names must be unique. */
    public BenchmarkResults {
        results = List.copyOf(results);
        Set<String> seen = new LinkedHashSet<>();
        for (Result r : results) {
            if (!seen.add(r.benchmark())) {
                throw new IllegalArgumentException(source + ": benchmark '" + r.benchmark()
                        + "' appears twice; names must be unique");
            }
        }
    }

    /** Returns the results that {@code keep} accepts, for example one JMH mode or one unit. */
    public BenchmarkResults filter(Predicate<Result> keep) {
        return new BenchmarkResults(source, results.stream().filter(keep).toList());
    }

    /** Returns the benchmark names in file order. */
    public List<String> names() {
        return results.stream().map(Result::benchmark).toList();
    }

    /** Returns the results as a table: {@code benchmark}, {@code value}, {@code error}, {@code unit}, {@code kind}. */
    public Table toTable() {
        StringColumn benchmark = StringColumn.create("benchmark");
        DoubleColumn value = DoubleColumn.create("value");
        DoubleColumn error = DoubleColumn.create("error");
        StringColumn unit = StringColumn.create("unit");
        StringColumn kind = StringColumn.create("kind");
        for (Result r : results) {
            benchmark.append(r.benchmark());
            value.append(r.value());
            error.append(r.error());
            unit.append(r.unit());
            kind.append(r.kind().name());
        }
        return Table.create(source, benchmark, value, error, unit, kind);
    }

    static Speedups pair(BenchmarkResults baseline, BenchmarkResults target) {
        if (baseline == null || target == null) {
            throw new IllegalArgumentException("baseline and target results must not be null");
        }
        if (baseline.results().isEmpty()) {
            throw new IllegalArgumentException(baseline.source() + " contains no results; pass a result set with at least one benchmark");
        }
        Map<String, Result> byName = new HashMap<>();
        target.results().forEach(r -> byName.put(r.benchmark(), r));
        List<String> missing = new ArrayList<>();
        for (Result r : baseline.results()) {
            if (!byName.containsKey(r.benchmark())) {
                missing.add(r.benchmark());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(target.source() + " has no result for " + missing
                    + " from " + baseline.source() + "; filter both result sets to the common benchmarks");
        }
        int n = baseline.results().size();
        double[] base = new double[n];
        double[] targ = new double[n];
        List<String> names = new ArrayList<>(n);
        Speedups.Kind kind = baseline.results().get(0).kind();
        String unit = baseline.results().get(0).unit();
        for (int i = 0; i < n; i++) {
            Result b = baseline.results().get(i);
            Result t = byName.get(b.benchmark());
            for (Result r : List.of(b, t)) {
                if (r.kind() != kind || !r.unit().equals(unit)) {
                    throw new IllegalArgumentException("benchmark '" + r.benchmark() + "' is measured as "
                            + r.kind() + " in " + r.unit() + " but the first benchmark is " + kind + " in "
                            + unit + "; summarize one kind and unit at a time (see filter)");
                }
            }
            names.add(b.benchmark());
            base[i] = b.value();
            targ[i] = t.value();
        }
        return Speedups.of(kind, names, base, targ);
    }

    @Override
    public String toString() {
        return source + ": " + results.size() + (results.size() == 1 ? " benchmark result" : " benchmark results");
    }
}
