package io.github.archmodels.speedup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Reader for JMH result files written with {@code -rf json}: an array with one object per
 * benchmark and parameter combination, holding {@code benchmark}, {@code mode}, {@code params} and
 * {@code primaryMetric.score}, {@code scoreError} and {@code scoreUnit}.
 *
 * <p>Throughput mode ({@code thrpt}) is a rate, higher is better; average time, sample time and
 * single-shot modes ({@code avgt}, {@code sample}, {@code ss}) are times, lower is better. The
 * benchmark name is the class and method ({@code SpeedupBenchmark.bootstrap}) followed by the
 * parameters in braces, for example {@code DkmBenchmark.step{weights=1048576}}.
 */
public final class JmhJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JmhJson() {
    }

    /**
     * Reads a JMH JSON result file.
     *
     * @throws IOException if the file cannot be read, is not valid JSON (with line and column), or
     *     a result lacks a field (with the result's index and the field's path)
     */
    public static BenchmarkResults read(Path file) throws IOException {
        JsonNode root = readTree(file);
        if (root == null || !root.isArray()) {
            throw new IOException(file + ": expected a JSON array of JMH results (as written by -rf json),"
                    + " found " + (root == null ? "an empty file" : root.getNodeType()));
        }
        List<BenchmarkResults.Result> results = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            String where = file + ": [" + i + "]";
            String benchmark = text(node, "benchmark", where);
            String mode = text(node, "mode", where);
            JsonNode metric = node.get("primaryMetric");
            if (metric == null || !metric.isObject()) {
                throw new IOException(where + ".primaryMetric is missing; expected an object with score,"
                        + " scoreError and scoreUnit");
            }
            double score = number(metric, "score", where + ".primaryMetric");
            double error = metric.has("scoreError") && metric.get("scoreError").isNumber()
                    ? metric.get("scoreError").asDouble() : Double.NaN;
            String unit = text(metric, "scoreUnit", where + ".primaryMetric");
            Speedups.Kind kind = switch (mode) {
                case "thrpt" -> Speedups.Kind.RATE;
                case "avgt", "sample", "ss" -> Speedups.Kind.TIME;
                default -> throw new IOException(where + ".mode is '" + mode
                        + "'; expected thrpt, avgt, sample or ss");
            };
            if (!(score > 0) || !Double.isFinite(score)) {
                throw new IOException(where + ".primaryMetric.score is " + score
                        + "; a score must be a positive finite number");
            }
            results.add(new BenchmarkResults.Result(name(benchmark, node.get("params")), score, error,
                    unit, kind));
        }
        return resultSet(file, results, "the JSON array contains no JMH results");
    }

    /** Parses a JSON file; syntax errors name the line and column. */
    static JsonNode readTree(Path file) throws IOException {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Wraps parsed results, rejecting an empty list or duplicate names with the file name. */
    static BenchmarkResults resultSet(Path file, List<BenchmarkResults.Result> results, String emptyMessage)
            throws IOException {
        if (results.isEmpty()) {
            throw new IOException(file + ": " + emptyMessage);
        }
        try {
            return new BenchmarkResults(file.getFileName().toString(), results);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static String name(String benchmark, JsonNode params) {
        String[] parts = benchmark.split("\\.");
        String shortName = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1]
                : benchmark;
        if (params == null || !params.isObject() || params.isEmpty()) {
            return shortName;
        }
        StringJoiner joiner = new StringJoiner(",", "{", "}");
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            joiner.add(e.getKey() + "=" + e.getValue().asText());
        }
        return shortName + joiner;
    }

    static String text(JsonNode node, String field, String where) throws IOException {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IOException(where + "." + field + " is missing or not a string");
        }
        return value.asText();
    }

    static double number(JsonNode node, String field, String where) throws IOException {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isNumber()) {
            throw new IOException(where + "." + field + " is missing or not a number");
        }
        return value.asDouble();
    }
}
