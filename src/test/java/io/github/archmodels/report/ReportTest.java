package io.github.archmodels.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ReportTest {

    @TempDir
    Path dir;

    @Test
    void publishWritesHtmlAndSummary() throws Exception {
        Report report = new Report(dir.resolve("data"), dir.resolve("staging"));
        Report.Section s = report.section("demo", "Demo <model>");
        s.paragraph("a < b").figure("speedup", 1.5, "x").figure("bytes", 1024, "bytes");
        s.table(Table.create("t", StringColumn.create("name", "a"), DoubleColumn.create("v", 0.00001234)), "tiny");
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("stale.txt"), "old");
        report.publish(out);

        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(List.of("model,metric,value,unit", "demo,speedup,1.50000,x", "demo,bytes,1024,bytes"), csv);
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("Demo &lt;model&gt;"));
        assertTrue(html.contains("a &lt; b"));
        assertTrue(html.contains("1.234e-05"), "small values keep their digits");
        assertFalse(Files.exists(out.resolve("stale.txt")), "the old report is replaced whole");
        assertFalse(Files.exists(dir.resolve("staging")));
    }

    @Test
    void nonFiniteFigureRejected() throws Exception {
        Report report = new Report(dir, dir.resolve("staging"));
        Report.Section s = report.section("demo", "Demo");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.figure("ratio", Double.NaN, "x"));
        assertTrue(e.getMessage().contains("demo/ratio is NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> report.section("Bad Name", "x"));
    }

    @Test
    void displayFormatKeepsSignificantDigits() {
        DisplayFormat f = new DisplayFormat();
        assertEquals("1.2346", f.format(1.23456789));
        assertEquals("12,600,000,000", f.format(1.26e10));
        assertEquals("3.200e-05", f.format(3.2e-5));
        assertEquals("0", f.format(0.0));
    }
}
