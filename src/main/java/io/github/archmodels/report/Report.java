package io.github.archmodels.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * The report of the main job: an {@code index.html} with every section's tables, notes and PNG
 * charts, and a {@code summary.csv} with one row per headline figure ({@code model,metric,value,unit}).
 *
 * <p>Everything is written to a staging directory first and moved into place at the end, so a
 * failed run never leaves a half-written report behind.
 */
public final class Report {

    /** One headline figure of {@code summary.csv}. */
    public record Figure(String model, String metric, double value, String unit) {
    }

    private final Path dataDir;
    private final Path stagingDir;
    private final List<Section> sections = new ArrayList<>();

    /**
     * Creates a report that reads inputs from {@code dataDir} and stages its files in
     * {@code stagingDir} (created if missing).
     */
    public Report(Path dataDir, Path stagingDir) throws IOException {
        this.dataDir = dataDir;
        this.stagingDir = stagingDir;
        Files.createDirectories(stagingDir);
    }

    /** Returns the directory of the embedded input data. */
    public Path dataDir() {
        return dataDir;
    }

    /** Starts a new section. */
    public Section section(String model, String title) {
        Section section = new Section(model, title);
        sections.add(section);
        return section;
    }

    /** Returns every headline figure so far, in the order added. */
    public List<Figure> figures() {
        List<Figure> all = new ArrayList<>();
        sections.forEach(s -> all.addAll(s.figures));
        return all;
    }

    /** Returns the sections so far. */
    public List<Section> sections() {
        return List.copyOf(sections);
    }

    /**
     * Writes {@code index.html} and {@code summary.csv} into the staging directory, then replaces
     * {@code outputDir} with it.
     */
    public void publish(Path outputDir) throws IOException {
        writeCsv(stagingDir.resolve("summary.csv"));
        Files.writeString(stagingDir.resolve("index.html"), html(), StandardCharsets.UTF_8);
        deleteRecursively(outputDir);
        Files.createDirectories(outputDir.toAbsolutePath().getParent());
        Files.move(stagingDir, outputDir, StandardCopyOption.ATOMIC_MOVE);
    }

    private void writeCsv(Path file) throws IOException {
        try (CSVPrinter csv = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader("model", "metric", "value", "unit").build())) {
            for (Figure f : figures()) {
                csv.printRecord(f.model(), f.metric(), formatValue(f.value()), f.unit());
            }
        }
    }

    static String formatValue(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.6g", value);
    }

    private String html() {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>archmodels report</title><style>")
                .append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}")
                .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}")
                .append("td,th{border:1px solid #bbb;padding:2px 8px;text-align:right}")
                .append("th{background:#eee}caption{font-weight:bold;text-align:left}")
                .append("img{max-width:100%}.note{color:#444}.scroll{overflow-x:auto}</style></head><body>\n")
                .append("<h1>archmodels report</h1>\n<p>Headline figures are also in ")
                .append("<a href=\"summary.csv\">summary.csv</a>.</p>\n<ul>");
        for (Section s : sections) {
            out.append("<li><a href=\"#").append(s.model).append("\">").append(escape(s.title))
                    .append("</a></li>");
        }
        out.append("</ul>\n");
        for (Section s : sections) {
            out.append("<h2 id=\"").append(s.model).append("\">").append(escape(s.title))
                    .append("</h2>\n").append(s.body);
        }
        return out.append("</body></html>\n").toString();
    }

    /** Escapes text for HTML. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** Renders a Tablesaw table as an HTML table with a caption. */
    public static String htmlTable(Table table, String caption) {
        table = DisplayFormat.apply(table);
        StringBuilder out = new StringBuilder("<div class=\"scroll\"><table>");
        if (caption != null && !caption.isEmpty()) {
            out.append("<caption>").append(escape(caption)).append("</caption>");
        }
        out.append("<tr>");
        for (String name : table.columnNames()) {
            out.append("<th>").append(escape(name)).append("</th>");
        }
        out.append("</tr>\n");
        for (int row = 0; row < table.rowCount(); row++) {
            out.append("<tr>");
            for (int col = 0; col < table.columnCount(); col++) {
                out.append("<td>").append(escape(table.getString(row, col))).append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</table></div>\n").toString();
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** One model's part of the report. */
    public final class Section {
        private final String model;
        private final String title;
        private final StringBuilder body = new StringBuilder();
        private final List<Figure> figures = new ArrayList<>();
        private final List<Table> consoleTables = new ArrayList<>();
        private int chartCount;

        private Section(String model, String title) {
            if (!model.matches("[a-z][a-z0-9_-]*")) {
                throw new IllegalArgumentException("model name '" + model
                        + "' must be lower-case letters, digits, '-' or '_'");
            }
            this.model = model;
            this.title = title;
        }

        /** Returns the model name. */
        public String model() {
            return model;
        }

        /** Returns the heading. */
        public String title() {
            return title;
        }

        /** Returns the directory of the embedded input data. */
        public Path dataDir() {
            return dataDir;
        }

        /** Adds a paragraph of plain text. */
        public Section paragraph(String text) {
            body.append("<p>").append(escape(text)).append("</p>\n");
            return this;
        }

        /** Adds a note, shown set apart: departures from a paper, assumptions, data origin. */
        public Section note(String text) {
            body.append("<p class=\"note\"><b>Note.</b> ").append(escape(text)).append("</p>\n");
            return this;
        }

        /** Adds a sub-heading. */
        public Section heading(String text) {
            body.append("<h3>").append(escape(text)).append("</h3>\n");
            return this;
        }

        /** Adds a table to the HTML report. */
        public Section table(Table table, String caption) {
            body.append(htmlTable(table, caption));
            return this;
        }

        /** Adds a table to the HTML report and to the summary printed on the console. */
        public Section consoleTable(Table table, String caption) {
            table(table, caption);
            consoleTables.add(DisplayFormat.apply(table).setName(caption));
            return this;
        }

        /** Adds a table to the console summary only, for a compact view of a table already shown. */
        public Section console(Table table, String caption) {
            consoleTables.add(DisplayFormat.apply(table).setName(caption));
            return this;
        }

        /** Writes a chart as PNG next to {@code index.html} and shows it with a caption. */
        public Section chart(Chart<?, ?> chart, String caption) {
            chartCount++;
            String file = model + "-" + chartCount + ".png";
            try {
                BitmapEncoder.saveBitmap(chart, stagingDir.resolve(file).toString(),
                        BitmapEncoder.BitmapFormat.PNG);
            } catch (IOException e) {
                throw new UncheckedIOException("failed to write chart " + file, e);
            }
            body.append("<figure><img src=\"").append(file).append("\" alt=\"")
                    .append(escape(caption)).append("\"><figcaption>").append(escape(caption))
                    .append("</figcaption></figure>\n");
            return this;
        }

        /** Adds a headline figure to {@code summary.csv} and to the console summary. */
        public Section figure(String metric, double value, String unit) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("headline figure " + model + "/" + metric
                        + " is " + value + "; every figure in summary.csv must be finite");
            }
            figures.add(new Figure(model, metric, value, unit));
            return this;
        }

        /** Returns the headline figures of this section. */
        public List<Figure> figures() {
            return List.copyOf(figures);
        }

        /** Returns the tables meant for the console summary. */
        public List<Table> consoleTables() {
            return List.copyOf(consoleTables);
        }
    }
}
