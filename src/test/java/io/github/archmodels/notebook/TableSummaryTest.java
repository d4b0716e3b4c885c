package io.github.archmodels.notebook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.archmodels.speedup.Speedups;
import org.junit.jupiter.api.Test;

class TableSummaryTest {

    @Test
    void speedupsShowSummaryAndTable() {
        Speedups s = Speedups.ofTimes(new double[] {3, 2, 4}, new double[] {1, 1, 2});
        String html = s.toHtml();
        assertTrue(html.startsWith("<p>Speedups of 3 benchmarks"), html);
        assertTrue(html.contains("<table"), html);
        assertTrue(html.contains(">speedup<"), html);
        assertTrue(html.contains(">b3<"), html);
    }

    @Test
    void summaryTextIsEscaped() {
        Speedups s = Speedups.ofTimes(java.util.List.of("a<b", "c"), new double[] {1, 2}, new double[] {1, 1});
        String html = s.toHtml();
        assertTrue(html.contains("a&lt;b"), html);
        assertTrue(!html.contains("a<b"), html);
    }
}
