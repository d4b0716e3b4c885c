package io.github.archmodels.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportersTest {

    private static final Path DATA = Path.of("data", "speedup");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void plainCsvSpeedups() throws IOException {
        Path file = write("runs.csv", "benchmark,base,new\n# comment line\nmcf,4,2\nlbm,9,3\n");
        Speedups s = ResultsCsv.readSpeedups(file, "benchmark", "base", "new", Speedups.Kind.TIME);
        assertEquals(List.of("mcf", "lbm"), s.names());
        assertEquals(13.0 / 5, s.equalWork(), 1e-12);
    }

    @Test
    void plainCsvBadNumberNamesLineAndColumn() throws IOException {
        Path file = write("bad.csv", "benchmark,base,new\nmcf,4,2\nlbm,nine,3\n");
        IOException e = assertThrows(IOException.class,
                () -> ResultsCsv.readSpeedups(file, "benchmark", "base", "new", Speedups.Kind.TIME));
        assertTrue(e.getMessage().contains("bad.csv: line 3, column 'base': 'nine' is not a number"), e.getMessage());
    }

    @Test
    void plainCsvMissingColumnAndZero() throws IOException {
        Path file = write("cols.csv", "benchmark,base\nmcf,4\n");
        IOException missing = assertThrows(IOException.class,
                () -> ResultsCsv.readSpeedups(file, "benchmark", "base", "new", Speedups.Kind.TIME));
        assertTrue(missing.getMessage().contains("no column 'new'"), missing.getMessage());
        Path zero = write("zero.csv", "benchmark,base,new\nmcf,0,1\n");
        IOException e = assertThrows(IOException.class,
                () -> ResultsCsv.readSpeedups(zero, "benchmark", "base", "new", Speedups.Kind.TIME));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        Path ragged = write("ragged.csv", "benchmark,base,new\nmcf,1\n");
        IOException r = assertThrows(IOException.class,
                () -> ResultsCsv.readSpeedups(ragged, "benchmark", "base", "new", Speedups.Kind.TIME));
        assertTrue(r.getMessage().contains("line 2: 2 fields, but the header has 3"), r.getMessage());
    }

    @Test
    void specCsvSelectedResults() throws IOException {
        SpecCpu2017Csv.Result a = SpecCpu2017Csv.read(DATA.resolve("spec-cpu2017-system-a.csv"));
        assertEquals(10, a.rows().size());
        SpecCpu2017Csv.Row first = a.rows().get(0);
        assertEquals("500.perlbench_r", first.benchmark());
        // The selected iteration, not the first or third of the full table (1.004x and 0.998x).
        assertEquals(310.4, first.baseSeconds(), 1e-9);
        assertEquals(1592 / 310.4, first.baseRatio(), 1e-6);
        assertTrue(first.peakSeconds().isEmpty());
        assertEquals(0, a.peakTimes().results().size());
        assertEquals(Speedups.Kind.RATE, a.baseRatios().results().get(0).kind());
    }

    @Test
    void specCsvComparisonFlipsRanking() throws IOException {
        SpecCpu2017Csv.Result a = SpecCpu2017Csv.read(DATA.resolve("spec-cpu2017-system-a.csv"));
        SpecCpu2017Csv.Result b = SpecCpu2017Csv.read(DATA.resolve("spec-cpu2017-system-b.csv"));
        SpecCpu2017Csv.Result c = SpecCpu2017Csv.read(DATA.resolve("spec-cpu2017-system-c.csv"));
        Speedups sb = Speedups.of(a.baseTimes(), b.baseTimes());
        Speedups sc = Speedups.of(a.baseTimes(), c.baseTimes());
        // B: S = 2 on five benchmarks and 0.75 on five, GM = sqrt(2 * 0.75) = 1.2247.
        assertEquals(Math.sqrt(1.5), sb.geometricMean(), 1e-5);
        // Baseline total 3487.2 s; B total 1478.9/2 + 2008.3/0.75 = 3417.183 s.
        assertEquals(3487.2 / (1478.9 / 2 + 2008.3 / 0.75), sb.equalWork(), 1e-5);
        // ETS = 10 / (5 * 0.5 + 5 / 0.75) = 1.0909.
        assertEquals(10 / (2.5 + 5 / 0.75), sb.equalTime(), 1e-5);
        assertEquals(1.15, sc.geometricMean(), 1e-5);
        java.util.Map<String, Speedups> m = new java.util.LinkedHashMap<>();
        m.put("B", sb);
        m.put("C", sc);
        List<SpeedupComparison.RankingFlip> flips = SpeedupComparison.of(m).flips();
        assertEquals(2, flips.size());
        assertEquals("B", flips.get(0).first());
        assertEquals(Metric.EQUAL_WORK, flips.get(0).metric());
        assertEquals(Metric.EQUAL_TIME, flips.get(1).metric());
        // SPEC's score ratio is the GM of ratio speedups, the same as the GM of time speedups.
        assertEquals(sb.geometricMean(), b.baseScore() / a.baseScore(), 1e-5);
    }

    @Test
    void specCsvErrors() throws IOException {
        Path none = write("none.csv", "\"SPEC CPU(R)2017 Integer Rate Result\"\n");
        IOException e1 = assertThrows(IOException.class, () -> SpecCpu2017Csv.read(none));
        assertTrue(e1.getMessage().contains("no \"Selected Results Table\""), e1.getMessage());
        Path bad = write("bad.csv", "\"Selected Results Table\"\n\n"
                + "Benchmark,\"Base # Copies\",\"Base Run Time\",\"Base Rate\"\n"
                + "505.mcf_r,1,abc,10\n\n");
        IOException e2 = assertThrows(IOException.class, () -> SpecCpu2017Csv.read(bad));
        assertTrue(e2.getMessage().contains("line 4, column 'Base Run Time': 'abc' is not a number"), e2.getMessage());
        Path noColumns = write("cols.csv", "\"Selected Results Table\"\nBenchmark,Copies\n505.mcf_r,1\n");
        IOException e3 = assertThrows(IOException.class, () -> SpecCpu2017Csv.read(noColumns));
        assertTrue(e3.getMessage().contains("line 2"), e3.getMessage());
    }

    @Test
    void specCsvTruncatedSection() throws IOException {
        Path cut = write("cut.csv", "\"Selected Results Table\"\n\n"
                + "Benchmark,\"Base # Copies\",\"Base Run Time\",\"Base Rate\"\n"
                + "505.mcf_r,1,200,8.08\n");
        IOException e = assertThrows(IOException.class, () -> SpecCpu2017Csv.read(cut));
        assertTrue(e.getMessage().contains("cut.csv: line 4: the file ends inside"), e.getMessage());
    }

    @Test
    void plainCsvMissingFile() {
        IOException e = assertThrows(IOException.class, () -> ResultsCsv.readSpeedups(dir.resolve("none.csv"),
                "benchmark", "base", "new", Speedups.Kind.TIME));
        assertTrue(e.getMessage().contains("results file not found"), e.getMessage());
    }

    @Test
    void specSpeedRunColumns() throws IOException {
        Path speed = write("speed.csv", "\"Selected Results Table\"\n"
                + "Benchmark,\"Base # Threads\",\"Base Run Time\",\"Base Ratio\",\"Base Selected\",\"Base Status\","
                + "\"Peak # Threads\",\"Peak Run Time\",\"Peak Ratio\"\n"
                + "605.mcf_s,4,400,11.8,1,S,4,380,12.4\n\n\"SPECspeed(R)2017_int_base\",11.8\n");
        SpecCpu2017Csv.Result r = SpecCpu2017Csv.read(speed);
        assertEquals(400, r.rows().get(0).baseSeconds(), 0);
        assertEquals(380, r.rows().get(0).peakSeconds().getAsDouble(), 0);
        assertEquals(12.4, r.peakRatios().results().get(0).value(), 0);
    }

    @Test
    void jmhJsonModesAndParams() throws IOException {
        Path file = write("jmh.json", "[{\"benchmark\":\"a.b.Bench.run\",\"mode\":\"avgt\",\"params\":{\"n\":\"8\"},"
                + "\"primaryMetric\":{\"score\":12.5,\"scoreError\":0.5,\"scoreUnit\":\"us/op\"}},"
                + "{\"benchmark\":\"a.b.Bench.ops\",\"mode\":\"thrpt\","
                + "\"primaryMetric\":{\"score\":300.0,\"scoreError\":\"NaN\",\"scoreUnit\":\"ops/s\"}}]");
        BenchmarkResults r = JmhJson.read(file);
        assertEquals(List.of("Bench.run{n=8}", "Bench.ops"), r.names());
        assertEquals(Speedups.Kind.TIME, r.results().get(0).kind());
        assertEquals(0.5, r.results().get(0).error(), 0);
        assertEquals(Speedups.Kind.RATE, r.results().get(1).kind());
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, () -> Speedups.of(r, r));
        assertTrue(mixed.getMessage().contains("one kind and unit"), mixed.getMessage());
        BenchmarkResults times = r.filter(x -> x.kind() == Speedups.Kind.TIME);
        assertEquals(1.0, Speedups.of(times, times).equalWork(), 0);
    }

    @Test
    void jmhJsonShippedFilesPair() throws IOException {
        BenchmarkResults jdk17 = JmhJson.read(DATA.resolve("jmh-jdk17.json"));
        BenchmarkResults jdk25 = JmhJson.read(DATA.resolve("jmh-jdk25.json"));
        Speedups s = Speedups.of(jdk17, jdk25);
        assertTrue(s.size() >= 5);
        assertEquals(jdk17.names(), s.names());
    }

    @Test
    void jmhJsonErrors() throws IOException {
        Path broken = write("broken.json", "[\n{\"benchmark\": \"x\",\n\"mode\": avgt}]");
        IOException e1 = assertThrows(IOException.class, () -> JmhJson.read(broken));
        assertTrue(e1.getMessage().contains("broken.json: line 3"), e1.getMessage());
        Path noMetric = write("nometric.json", "[{\"benchmark\":\"x.Y.z\",\"mode\":\"avgt\"}]");
        IOException e2 = assertThrows(IOException.class, () -> JmhJson.read(noMetric));
        assertTrue(e2.getMessage().contains("[0].primaryMetric is missing"), e2.getMessage());
        Path badMode = write("mode.json", "[{\"benchmark\":\"x.Y.z\",\"mode\":\"fast\","
                + "\"primaryMetric\":{\"score\":1,\"scoreUnit\":\"s/op\"}}]");
        IOException e3 = assertThrows(IOException.class, () -> JmhJson.read(badMode));
        assertTrue(e3.getMessage().contains("[0].mode is 'fast'"), e3.getMessage());
        Path object = write("object.json", "{}");
        assertThrows(IOException.class, () -> JmhJson.read(object));
    }

    @Test
    void hyperfineJson() throws IOException {
        Path base = write("base.json", "{\"results\":[{\"command\":\"gzip -1 f\",\"mean\":0.5,\"stddev\":0.01,"
                + "\"median\":0.49,\"times\":[0.5,0.5]},{\"command\":\"gzip -9 f\",\"mean\":2.0,\"median\":1.9}]}");
        Path target = write("target.json", "{\"results\":[{\"command\":\"gzip -9 f\",\"mean\":1.0,\"median\":1.0},"
                + "{\"command\":\"gzip -1 f\",\"mean\":0.25,\"median\":0.245}]}");
        Speedups s = Speedups.of(HyperfineJson.read(base), HyperfineJson.read(target));
        assertEquals(List.of("gzip -1 f", "gzip -9 f"), s.names());
        assertEquals(2.5 / 1.25, s.equalWork(), 1e-12);
        Speedups median = Speedups.of(HyperfineJson.read(base, HyperfineJson.Statistic.MEDIAN),
                HyperfineJson.read(target, HyperfineJson.Statistic.MEDIAN));
        assertEquals(2.39 / 1.245, median.equalWork(), 1e-12);
    }

    @Test
    void hyperfineJsonErrors() throws IOException {
        Path noMean = write("nomean.json", "{\"results\":[{\"command\":\"ls\"}]}");
        IOException e1 = assertThrows(IOException.class, () -> HyperfineJson.read(noMean));
        assertTrue(e1.getMessage().contains("results[0].mean is missing"), e1.getMessage());
        Path zero = write("zero.json", "{\"results\":[{\"command\":\"ls\",\"mean\":0}]}");
        IOException e2 = assertThrows(IOException.class, () -> HyperfineJson.read(zero));
        assertTrue(e2.getMessage().contains("results[0].mean is 0.0"), e2.getMessage());
        Path notHyperfine = write("other.json", "[1, 2]");
        IOException e3 = assertThrows(IOException.class, () -> HyperfineJson.read(notHyperfine));
        assertTrue(e3.getMessage().contains("\"results\" array"), e3.getMessage());
    }

    @Test
    void pairingReportsMissingBenchmarks() throws IOException {
        Path a = write("a.json", "{\"results\":[{\"command\":\"x\",\"mean\":1},{\"command\":\"y\",\"mean\":1}]}");
        Path b = write("b.json", "{\"results\":[{\"command\":\"x\",\"mean\":1}]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Speedups.of(HyperfineJson.read(a), HyperfineJson.read(b)));
        assertTrue(e.getMessage().contains("b.json has no result for [y]"), e.getMessage());
    }
}
