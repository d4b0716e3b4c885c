package io.github.archmodels.report;

import io.github.archmodels.capsule.CapsuleSection;
import io.github.archmodels.clustering.ClusteringSection;
import io.github.archmodels.securemem.SecureMemorySection;
import io.github.archmodels.speedup.SpeedupSection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The main job: runs every model on the embedded data in {@code data/}, prints a short summary
 * per model and writes {@code target/report/} ({@code index.html}, PNG charts, {@code summary.csv}).
 *
 * <p>Usage: {@code Main [dataDir [outputDir]]}, defaults {@code data} and {@code target/report}.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    /** Returns the sections of the main job, in report order. */
    public static List<ReportSection> sections() {
        return List.of(new SpeedupSection(), new CapsuleSection(), new ClusteringSection(),
                new SecureMemorySection());
    }

    public static void main(String[] args) throws IOException {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "data");
        Path outputDir = Path.of(args.length > 1 ? args[1] : "target/report");
        if (!Files.isDirectory(dataDir)) {
            System.err.println("Data directory not found: " + dataDir.toAbsolutePath()
                    + ". Run from the project root or pass the data directory as the first argument.");
            System.exit(2);
        }
        Path staging = Files.createTempDirectory(outputDir.toAbsolutePath().getParent() == null
                ? Path.of(".") : createParent(outputDir), ".report-");
        Report report = new Report(dataDir, staging);

        try {
            for (ReportSection s : sections()) {
                long start = System.nanoTime();
                LOG.info("Running section '{}'", s.title());
                s.write(report.section(s.model(), s.title()));
                LOG.info("Section '{}' done in {} s", s.title(),
                        String.format("%.1f", (System.nanoTime() - start) / 1e9));
            }
            report.publish(outputDir);
        } catch (IOException | RuntimeException e) {
            // Leave the previous report in place and remove the partial one.
            Report.deleteRecursively(staging);
            throw e;
        }

        printSummary(report, System.out);
        System.out.println("Report written to " + outputDir.resolve("index.html").toAbsolutePath());
    }

    private static Path createParent(Path outputDir) throws IOException {
        Path parent = outputDir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return parent;
    }

    /** Prints each section's console tables and its headline figures. */
    static void printSummary(Report report, PrintStream out) {
        for (Report.Section s : report.sections()) {
            out.println();
            out.println("== " + s.title() + " ==");
            for (Table t : s.consoleTables()) {
                out.println(t.printAll());
            }
            Table figures = Table.create(s.model() + " headline figures",
                    StringColumn.create("metric"), DoubleColumn.create("value"),
                    StringColumn.create("unit"));
            for (Report.Figure f : s.figures()) {
                figures.stringColumn("metric").append(f.metric());
                figures.doubleColumn("value").append(f.value());
                figures.stringColumn("unit").append(f.unit());
            }
            out.println(DisplayFormat.apply(figures).printAll());
        }
    }
}
