package io.github.archmodels.securemem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.archmodels.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureMemorySectionTest {

    @TempDir
    Path dir;

    @Test
    void sectionWritesHeadlineFigures() throws IOException {
        Report report = new Report(Path.of("data"), dir.resolve("staging"));
        SecureMemorySection section = new SecureMemorySection();
        Report.Section s = report.section(section.model(), section.title());
        section.write(s);
        Map<String, Double> figures = s.figures().stream()
                .collect(Collectors.toMap(Report.Figure::metric, Report.Figure::value));

        // 16 GiB: (2^28 + 599,187 * 64) / (2^27 + 299,593 * 64) = 2.0000; 4 cells: 3.99999.
        assertEquals(2.0, figures.get("baobab_16_cells_reduction_vs_split"), 1e-4);
        assertEquals(4.0, figures.get("baobab_4_cells_reduction_vs_split"), 1e-4);
        // Split at 16 GiB: 2 GiB MACs + 256 MiB counters + 599,187 * 64 tree = 14.2857 %.
        assertEquals(14.2857, figures.get("storage_16gib_total_percent_split"), 1e-4);
        // Every write of the wordcount trace bumps a split counter line.
        assertEquals(99_491, figures.get("wordcount_split_tree_path_updates"), 0);
        assertTrue(figures.get("wordcount_baobab_16_cells_tree_path_updates") < 1000);
        try (var files = Files.list(dir.resolve("staging"))) {
            assertEquals(3, files.filter(p -> p.toString().endsWith(".png")).count());
        }
    }
}
