package io.github.archmodels.speedup;

import io.github.archmodels.report.Report;
import io.github.archmodels.report.ReportSection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * The speedup-metrics section of the main job. It summarizes the project's own JMH benchmarks run
 * on JDK 25 against JDK 17 ({@code data/speedup/jmh-jdk17.json}, {@code jmh-jdk25.json}) with every
 * metric, and reads three SPEC CPU 2017 style result files to show where the geometric mean and
 * equal-work speedup rank two systems differently.
 */
public final class SpeedupSection implements ReportSection {

    @Override
    public String model() {
        return "speedup";
    }

    @Override
    public String title() {
        return "Speedup metrics (Eeckhout, IEEE CAL 2024)";
    }

    @Override
    public void write(Report.Section section) throws IOException {
        Path dir = section.dataDir().resolve("speedup");
        section.paragraph("Eeckhout argues that the geometric mean of per-benchmark speedups has no"
                + " physical meaning, and that the harmonic-mean speedups do: equal-work speedup"
                + " sum(T_b/W)/sum(T_t/W) when every benchmark does the same work, and equal-time"
                + " speedup HM(S) when every benchmark runs for the same time on the baseline.");
        section.note("The paper's own case study and numbers were not available to us, so this section"
                + " applies its metrics to measurements made here rather than reproducing a figure.");

        writeJdkComparison(section, dir);
        writeSpecComparison(section, dir);
    }

    private static void writeJdkComparison(Report.Section section, Path dir) throws IOException {
        BenchmarkResults jdk17 = JmhJson.read(dir.resolve("jmh-jdk17.json"));
        BenchmarkResults jdk25 = JmhJson.read(dir.resolve("jmh-jdk25.json"));
        Speedups speedups = Speedups.of(jdk17, jdk25);
        SpeedupReport report = speedups.report();

        section.heading("JDK 25 against JDK 17 on the project's JMH benchmarks");
        section.paragraph("Each benchmark's average time per operation (JMH mode avgt) on OpenJDK 17 is"
                + " the baseline and on Temurin 25 the target, measured on this project's build machine"
                + " (2 cores); see data/speedup/README.md for the commands. Each JMH operation is a fixed"
                + " unit of work, so equal-work speedup here is the ratio of summed times per operation.");
        section.table(report.toTable(), "JDK 25 over JDK 17: every metric, 95% bootstrap intervals");
        double[] base = speedups.baseline();
        int largest = 0;
        for (int i = 1; i < base.length; i++) {
            largest = base[i] > base[largest] ? i : largest;
        }
        double share = base[largest] / java.util.Arrays.stream(base).sum();
        section.paragraph(String.format(java.util.Locale.ROOT, "Reading the table: equal-work speedup"
                + " weights each benchmark by its time per operation, so %s, which takes %.0f%% of the"
                + " JDK 17 time, decides it (its speedup is %.3f); the geometric mean and equal-time"
                + " speedup count every benchmark alike. Which summary answers the question depends on"
                + " the workload: one operation of each benchmark (equal work) or equal time in each.",
                speedups.names().get(largest), 100 * share, speedups.speedups()[largest]));
        section.console(report.toTable().selectColumns("metric", "speedup", "ci_lower", "ci_upper"),
                "JDK 25 over JDK 17, 95% bootstrap intervals");
        String unit = jdk17.results().get(0).unit();
        Table perBenchmark = speedups.toTable();
        perBenchmark.column("baseline").setName("jdk17_" + unit.replace("/", "_per_"));
        perBenchmark.column("target").setName("jdk25_" + unit.replace("/", "_per_"));
        section.table(perBenchmark, "Per-benchmark time per operation (" + unit + "), JDK 17 baseline, JDK 25 target");
        section.chart(speedups.chart("JDK 25 over JDK 17, per-benchmark speedup"),
                "Per-benchmark speedup of JDK 25 over JDK 17 with the geometric mean, equal-time and"
                        + " equal-work speedup as lines.");
        Interval ews = report.intervals().get(Metric.EQUAL_WORK.ordinal());
        section.figure("jdk25_vs_jdk17_equal_work_speedup", speedups.equalWork(), "x");
        section.figure("jdk25_vs_jdk17_equal_work_ci95_lower", ews.lower(), "x");
        section.figure("jdk25_vs_jdk17_equal_work_ci95_upper", ews.upper(), "x");
        section.figure("jdk25_vs_jdk17_equal_time_speedup", speedups.equalTime(), "x");
        section.figure("jdk25_vs_jdk17_geometric_mean_speedup", speedups.geometricMean(), "x");
        section.figure("jdk25_vs_jdk17_min_speedup", speedups.min(), "x");
        section.figure("jdk25_vs_jdk17_max_speedup", speedups.max(), "x");
        section.figure("jdk_benchmarks", speedups.size(), "benchmarks");
    }

    private static void writeSpecComparison(Report.Section section, Path dir) throws IOException {
        SpecCpu2017Csv.Result a = SpecCpu2017Csv.read(dir.resolve("spec-cpu2017-system-a.csv"));
        SpecCpu2017Csv.Result b = SpecCpu2017Csv.read(dir.resolve("spec-cpu2017-system-b.csv"));
        SpecCpu2017Csv.Result c = SpecCpu2017Csv.read(dir.resolve("spec-cpu2017-system-c.csv"));
        Map<String, Speedups> systems = new LinkedHashMap<>();
        systems.put("System B", Speedups.of(a.baseTimes(), b.baseTimes()));
        systems.put("System C", Speedups.of(a.baseTimes(), c.baseTimes()));
        SpeedupComparison comparison = SpeedupComparison.of(systems);

        section.heading("When the choice of mean changes the conclusion (SPEC CPU 2017 importer)");
        section.paragraph("Three SPEC CPU 2017 style result files (synthetic numbers, made for this demo"
                + " and labelled so inside the files) give base run times of ten SPECrate 2017 integer"
                + " benchmarks on a baseline system A and two targets: B is 2x faster on the five shortest"
                + " benchmarks and 0.75x on the five longest, C is 1.15x faster on all ten.");
        section.consoleTable(comparison.toTable(), "Systems B and C against A: every metric and the ranks");
        StringBuilder flips = new StringBuilder();
        comparison.flips().forEach(f -> flips.append(f).append(". "));
        section.paragraph(comparison.flips().isEmpty() ? "No ranking flips."
                : "Ranking flips: " + flips.toString().trim());
        section.chart(systems.get("System B").chart("System B over system A"),
                "System B over system A: the geometric mean says B is faster than C; the workload-based"
                        + " speedups say it is slower.");
        section.figure("spec_demo_ranking_flips", comparison.flips().size(), "pairs");
        section.figure("spec_demo_system_b_geometric_mean", systems.get("System B").geometricMean(), "x");
        section.figure("spec_demo_system_b_equal_work", systems.get("System B").equalWork(), "x");
        section.figure("spec_demo_system_c_equal_work", systems.get("System C").equalWork(), "x");
        section.figure("spec_demo_system_b_spec_score_ratio", b.baseScore() / a.baseScore(), "x");
    }
}
