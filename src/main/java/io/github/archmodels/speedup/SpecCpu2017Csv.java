package io.github.archmodels.speedup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reader for the CSV result files that SPEC CPU 2017's {@code runcpu} writes (for example
 * {@code CPU2017.001.intrate.refrate.csv}). It reads the "Selected Results Table" section: one row
 * per benchmark with base and peak copies or threads, run time in seconds and rate or ratio. Both
 * reportable ({@code Base Run Time}) and estimated ({@code Est. Base Run Time}) column names, rate
 * ({@code Base # Copies}, {@code Base Rate}) and speed ({@code Base # Threads}, {@code Base Ratio})
 * runs are accepted. A benchmark whose peak run was not made has empty peak fields.
 *
 * <p>SPEC's own overall score is the geometric mean of the ratios; {@link Speedups} built from two
 * such files shows how it compares with equal-work and equal-time speedup.
 */
public final class SpecCpu2017Csv {

    /** The section heading the reader looks for. */
    public static final String SECTION = "Selected Results Table";

    private static final Pattern RUN_TIME = Pattern.compile("(Est\\. )?(Base|Peak) Run Time");
    private static final Pattern RATIO = Pattern.compile("(Est\\. )?(Base|Peak) (Rate|Ratio)");

    /**
     * One benchmark of the selected results.
     *
     * @param benchmark the benchmark, for example {@code 505.mcf_r}
     * @param baseSeconds the base run time
     * @param baseRatio the base rate (rate runs) or ratio (speed runs)
     * @param peakSeconds the peak run time, empty when no peak run was made
     * @param peakRatio the peak rate or ratio, empty when no peak run was made
     */
    public record Row(String benchmark, double baseSeconds, double baseRatio, OptionalDouble peakSeconds,
            OptionalDouble peakRatio) {
    }

    /**
     * The selected results of one SPEC CPU 2017 result file.
     *
     * @param source the file name
     * @param rows one row per benchmark, in file order
     */
    public record Result(String source, List<Row> rows) {

        @Override
        public String toString() {
            return source + ": SPEC CPU 2017 selected results of " + rows.size() + " benchmark"
                    + (rows.size() == 1 ? "" : "s") + ", base score (geometric mean of ratios) "
                    + String.format(java.util.Locale.ROOT, "%.3f", baseScore());
        }

        /** Returns the base run times in seconds (lower is better). */
        public BenchmarkResults baseTimes() {
            return results("base", true);
        }

        /** Returns the base rates or ratios (higher is better). */
        public BenchmarkResults baseRatios() {
            return results("base", false);
        }

        /** Returns the peak run times, for the benchmarks that have a peak run. */
        public BenchmarkResults peakTimes() {
            return results("peak", true);
        }

        /** Returns the peak rates or ratios, for the benchmarks that have a peak run. */
        public BenchmarkResults peakRatios() {
            return results("peak", false);
        }

        private BenchmarkResults results(String tuning, boolean times) {
            List<BenchmarkResults.Result> out = new ArrayList<>();
            for (Row r : rows) {
                OptionalDouble value = tuning.equals("base")
                        ? OptionalDouble.of(times ? r.baseSeconds() : r.baseRatio())
                        : times ? r.peakSeconds() : r.peakRatio();
                if (value.isPresent()) {
                    out.add(new BenchmarkResults.Result(r.benchmark(), value.getAsDouble(), Double.NaN,
                            times ? "s" : "ratio", times ? Speedups.Kind.TIME : Speedups.Kind.RATE));
                }
            }
            return new BenchmarkResults(source + " (" + tuning + (times ? " run time)" : " ratio)"), out);
        }

        /** Returns SPEC's overall base score: the geometric mean of the base ratios. */
        public double baseScore() {
            return Means.geometric(rows.stream().mapToDouble(Row::baseRatio).toArray());
        }
    }

    private SpecCpu2017Csv() {
    }

    /**
     * Reads the selected results of a SPEC CPU 2017 result CSV file.
     *
     * @throws IOException if the file cannot be read, has no "Selected Results Table" section,
     *     lacks a column, or contains a value that is not a number (the message names the file and line)
     */
    public static Result read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        int section = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (unquote(lines.get(i)).equals(SECTION)) {
                section = i;
                break;
            }
        }
        if (section < 0) {
            throw new IOException(file + ": no \"" + SECTION + "\" line; is this a SPEC CPU 2017 result"
                    + " CSV written by runcpu?");
        }
        int headerLine = section + 1;
        while (headerLine < lines.size() && lines.get(headerLine).isBlank()) {
            headerLine++;
        }
        if (headerLine >= lines.size()) {
            throw new IOException(file + ": line " + (section + 1) + ": \"" + SECTION
                    + "\" is not followed by a header row");
        }
        List<String> header = parseLine(lines.get(headerLine), file, headerLine + 1);
        int benchmarkColumn = header.indexOf("Benchmark");
        int baseTime = find(header, RUN_TIME, "Base");
        int baseRatio = find(header, RATIO, "Base");
        int peakTime = find(header, RUN_TIME, "Peak");
        int peakRatio = find(header, RATIO, "Peak");
        if (benchmarkColumn < 0 || baseTime < 0 || baseRatio < 0) {
            throw new IOException(file + ": line " + (headerLine + 1) + ": header " + header
                    + " lacks Benchmark, (Est.) Base Run Time or (Est.) Base Rate/Ratio");
        }

        List<Row> rows = new ArrayList<>();
        int end = headerLine + 1;
        while (end < lines.size() && !lines.get(end).isBlank()) {
            end++;
        }
        if (end == lines.size()) {
            // runcpu ends the section with a blank line and the overall scores follow.
            throw new IOException(file + ": line " + lines.size() + ": the file ends inside the \""
                    + SECTION + "\" section; it looks truncated (runcpu ends the section with a blank"
                    + " line followed by the overall scores)");
        }
        for (int i = headerLine + 1; i < end; i++) {
            int lineNumber = i + 1;
            List<String> fields = parseLine(lines.get(i), file, lineNumber);
            if (fields.size() <= Math.max(baseTime, baseRatio)) {
                throw new IOException(file + ": line " + lineNumber + ": " + fields.size()
                        + " fields, expected at least " + (Math.max(baseTime, baseRatio) + 1));
            }
            String name = fields.get(benchmarkColumn).trim();
            double seconds = ResultsCsv.parseNumber(fields.get(baseTime), file, lineNumber, header.get(baseTime));
            double ratio = ResultsCsv.parseNumber(fields.get(baseRatio), file, lineNumber, header.get(baseRatio));
            OptionalDouble pSeconds = optional(fields, peakTime, header, file, lineNumber);
            OptionalDouble pRatio = optional(fields, peakRatio, header, file, lineNumber);
            rows.add(new Row(name, seconds, ratio, pSeconds, pRatio));
        }
        if (rows.isEmpty()) {
            throw new IOException(file + ": line " + (headerLine + 2) + ": the \"" + SECTION
                    + "\" section has no benchmark rows");
        }
        return new Result(file.getFileName().toString(), List.copyOf(rows));
    }

    private static OptionalDouble optional(List<String> fields, int column, List<String> header, Path file,
            int line) throws IOException {
        if (column < 0 || column >= fields.size() || fields.get(column).isBlank()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(ResultsCsv.parseNumber(fields.get(column), file, line, header.get(column)));
    }

    private static int find(List<String> header, Pattern pattern, String tuning) {
        for (int i = 0; i < header.size(); i++) {
            var m = pattern.matcher(header.get(i).trim());
            if (m.matches() && m.group(2).equals(tuning)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> parseLine(String line, Path file, int lineNumber) throws IOException {
        try (CSVParser parser = CSVParser.parse(line, CSVFormat.DEFAULT)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new IOException(file + ": line " + lineNumber + ": expected one CSV record");
            }
            List<String> out = new ArrayList<>();
            records.get(0).forEach(out::add);
            return out;
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            throw new IOException(file + ": line " + lineNumber + ": malformed CSV: " + e.getMessage(), e);
        }
    }

    private static String unquote(String line) {
        String s = line.trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.trim();
    }
}
