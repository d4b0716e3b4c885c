package io.github.archmodels.speedup;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reader for plain CSV result files with a header row: one row per benchmark, a benchmark column
 * and one or more numeric value columns, for example
 * <pre>
 * benchmark,baseline_seconds,target_seconds
 * mcf,312.5,280.1
 * </pre>
 */
public final class ResultsCsv {

    private ResultsCsv() {
    }

    /**
     * Reads speedups from a CSV file with a benchmark column and a baseline and a target column.
     *
     * @param kind {@link Speedups.Kind#TIME} for times or other lower-is-better costs,
     *     {@link Speedups.Kind#RATE} for rates
     * @throws IOException if the file cannot be read, lacks a column, or contains a value that is not a
     *     number (the message names the file, the line and the column)
     */
    public static Speedups readSpeedups(Path file, String benchmarkColumn, String baselineColumn,
            String targetColumn, Speedups.Kind kind) throws IOException {
        BenchmarkResults base = read(file, benchmarkColumn, baselineColumn, "", kind);
        BenchmarkResults target = read(file, benchmarkColumn, targetColumn, "", kind);
        try {
            return Speedups.of(base, target);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads one system's results from a benchmark column and a value column. */
    public static BenchmarkResults read(Path file, String benchmarkColumn, String valueColumn,
            String unit, Speedups.Kind kind) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).setCommentMarker('#').build();
        if (!Files.isRegularFile(file)) {
            throw new java.io.FileNotFoundException("results file not found: " + file.toAbsolutePath()
                    + "; pass the path of a CSV file with a header row");
        }
        List<BenchmarkResults.Result> results = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, format)) {
            Map<String, Integer> header = parser.getHeaderMap();
            for (String column : List.of(benchmarkColumn, valueColumn)) {
                if (header == null || !header.containsKey(column)) {
                    throw new IOException(file + ": line 1: header has no column '" + column
                            + "'; columns are " + (header == null ? "[]" : header.keySet()));
                }
            }
            for (CSVRecord row : parser) {
                long line = parser.getCurrentLineNumber();
                if (!row.isConsistent()) {
                    throw new IOException(file + ": line " + line + ": " + row.size()
                            + " fields, but the header has " + header.size());
                }
                String name = row.get(benchmarkColumn);
                double value = parseNumber(row.get(valueColumn), file, line, valueColumn);
                results.add(new BenchmarkResults.Result(name, value, Double.NaN, unit, kind));
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IOException(file + ": malformed CSV: " + e.getMessage(), e);
        }
        if (results.isEmpty()) {
            throw new IOException(file + ": no data rows after the header; expected one row per benchmark");
        }
        try {
            return new BenchmarkResults(file.getFileName().toString(), results);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static double parseNumber(String text, Path file, long line, String column) throws IOException {
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IOException(file + ": line " + line + ", column '" + column + "': '" + text
                    + "' is not a number; expected a positive decimal such as 12.5", e);
        }
        if (!Double.isFinite(value) || value <= 0) {
            throw new IOException(file + ": line " + line + ", column '" + column + "': " + text
                    + " is not a positive finite number; times and rates must be greater than zero");
        }
        return value;
    }
}
