package io.github.archmodels.speedup;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader for hyperfine result files written with {@code --export-json}: an object whose
 * {@code results} array contains one object per command with {@code command}, {@code mean},
 * {@code stddev}, {@code median} and the individual {@code times}, all in seconds.
 */
public final class HyperfineJson {

    /** Statistic of the timed runs that becomes the benchmark's value. */
    public enum Statistic {
        /** The arithmetic mean of the runs' wall times. */
        MEAN,
        /** The median of the runs' wall times. */
        MEDIAN
    }

    private HyperfineJson() {
    }

    /** Reads the mean wall time of each command, in seconds. */
    public static BenchmarkResults read(Path file) throws IOException {
        return read(file, Statistic.MEAN);
    }

    /**
     * Reads each command's wall time in seconds.
     *
     * @throws IOException if the file cannot be read, is not valid JSON (with line and column), or
     *     a result lacks a field (with the result's index and the field's path)
     */
    public static BenchmarkResults read(Path file, Statistic statistic) throws IOException {
        JsonNode root = JmhJson.readTree(file);
        JsonNode array = root == null ? null : root.get("results");
        if (array == null || !array.isArray()) {
            throw new IOException(file + ": expected an object with a \"results\" array, as written by"
                    + " hyperfine --export-json");
        }
        List<BenchmarkResults.Result> results = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            String where = file + ": results[" + i + "]";
            String command = JmhJson.text(node, "command", where);
            String field = statistic == Statistic.MEAN ? "mean" : "median";
            double seconds = JmhJson.number(node, field, where);
            if (!(seconds > 0) || !Double.isFinite(seconds)) {
                throw new IOException(where + "." + field + " is " + seconds
                        + "; a wall time must be a positive finite number of seconds");
            }
            double stddev = node.has("stddev") && node.get("stddev").isNumber()
                    ? node.get("stddev").asDouble() : Double.NaN;
            results.add(new BenchmarkResults.Result(command, seconds, stddev, "s", Speedups.Kind.TIME));
        }
        return JmhJson.resultSet(file, results, "the results array is empty");
    }
}
