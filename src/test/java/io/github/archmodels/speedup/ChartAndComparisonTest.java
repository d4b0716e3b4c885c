package io.github.archmodels.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.Table;

class ChartAndComparisonTest {

    @Test
    void chartHasBarsAndThreeReferenceLines(@TempDir Path dir) throws Exception {
        Speedups s = Speedups.ofTimes(new double[] {3, 2, 4}, new double[] {1, 1, 2});
        CategoryChart chart = s.chart("demo");
        assertEquals(4, chart.getSeriesMap().size());
        assertTrue(chart.getSeriesMap().keySet().stream().anyMatch(k -> k.startsWith("geometric mean 2.289")));
        assertTrue(chart.getSeriesMap().keySet().stream().anyMatch(k -> k.startsWith("equal-work 2.250")));
        Path png = dir.resolve("chart.png");
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void comparisonWithoutFlip() {
        // Target x is 2x faster everywhere, y 1.5x: every metric agrees.
        Map<String, Speedups> m = new LinkedHashMap<>();
        m.put("x", Speedups.ofTimes(new double[] {2, 4}, new double[] {1, 2}));
        m.put("y", Speedups.ofTimes(new double[] {2, 4}, new double[] {2 / 1.5, 4 / 1.5}));
        SpeedupComparison c = SpeedupComparison.of(m);
        assertTrue(c.flips().isEmpty());
        Table t = c.toTable();
        assertEquals(1, t.intColumn("rank_geometric_mean").get(0));
        assertEquals(2, t.intColumn("rank_equal_work").get(1));
        assertTrue(c.toString().contains("rank them the same way"));
    }

    @Test
    void comparisonFromTable() {
        Table t = Table.read().csv("bench,base,p,q\nA,10,5,8\nB,1,1.25,0.5\n", "runs");
        // p: S = {2, 0.8}, GM 1.265, EWS 11/6.25 = 1.76; q: S = {1.25, 2}, GM 1.581, EWS 11/8.5 = 1.294.
        SpeedupComparison c = SpeedupComparison.ofTimes(t, "bench", "base", "p", "q");
        assertEquals(1, c.flips().size());
        assertEquals("q", c.flips().get(0).first());
        assertEquals(Metric.EQUAL_WORK, c.flips().get(0).metric());
    }
}
