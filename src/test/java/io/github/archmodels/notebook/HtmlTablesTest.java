package io.github.archmodels.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class HtmlTablesTest {

    private static Table numbers(int rows) {
        return Table.create("n", IntColumn.create("i", IntStream.range(0, rows).toArray()));
    }

    private static int countRows(String html) {
        Matcher m = Pattern.compile("<tr>").matcher(html);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    @Test
    void shortTableShowsEveryRow() {
        String html = HtmlTables.toHtml(numbers(30));

        // 1 header row + 30 data rows.
        assertEquals(31, countRows(html));
        assertFalse(html.contains("more rows"));
    }

    @Test
    void longTableShowsHeadAndTail() {
        String html = HtmlTables.toHtml(numbers(100), 30);

        // maxRows 30: tail = 30 / 3 = 10, head = 20, so rows 0..19 and 90..99 and one
        // ellipsis row for the 100 - 30 = 70 rows left out; 1 + 20 + 1 + 10 = 32 <tr>.
        assertEquals(32, countRows(html));
        assertTrue(html.contains("70 more rows"), html);
        assertTrue(html.contains(">19</td>"));
        assertFalse(html.contains(">20</td>"));
        assertFalse(html.contains(">89</td>"));
        assertTrue(html.contains(">90</td>"));
        assertTrue(html.contains("100 rows &times; 1 column"));
    }

    @Test
    void emptyTableHasHeaderOnly() {
        String html = HtmlTables.toHtml(numbers(0));

        assertEquals(1, countRows(html));
        assertTrue(html.contains("0 rows &times; 1 column"));
    }

    @Test
    void rejectsRowLimitBelowTwo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HtmlTables.toHtml(numbers(3), 1));

        assertTrue(e.getMessage().contains("got 1"), e.getMessage());
    }

    @Test
    void doublesShowSixSignificantDigits() {
        assertEquals("0.75", HtmlTables.significant(0.7500000000000001));
        assertEquals("1041.49", HtmlTables.significant(1041.4915511234908));
        assertEquals("310.4", HtmlTables.significant(310.4));
        assertEquals("-2", HtmlTables.significant(-2.0));
        assertEquals("0", HtmlTables.significant(0.0));
        assertEquals("1.23457e-7", HtmlTables.significant(1.2345678e-7));
        assertEquals("1e+20", HtmlTables.significant(1e20));
        assertEquals("NaN", HtmlTables.significant(Double.NaN));
    }

    @Test
    void shortenedDoubleKeepsFullValueAsTooltip() {
        Table table = Table.create("t", tech.tablesaw.api.DoubleColumn.create("x", 0.7500000000000001, 2.5));

        String html = HtmlTables.toHtml(table);

        assertTrue(html.contains("<td style=\"text-align:right\" title=\"0.7500000000000001\">0.75</td>"), html);
        assertTrue(html.contains("<td style=\"text-align:right\">2.5</td>"), html);
    }

    @Test
    void escapeCoversHtmlSpecials() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; co&lt;/a&gt;", Html.escape("<a href=\"x\">Tom's & co</a>"));
        assertEquals("", Html.escape(null));
    }

    @Test
    void summaryTableRejectsRowOfThree() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Html.summaryTable("t", List.<String[]>of(new String[] {"a", "b", "c"})));

        assertTrue(e.getMessage().contains("got 3"), e.getMessage());
    }

    @Test
    void numberUsesFourSignificantDigits() {
        assertEquals("2.289", Html.number(2.2894284851066637));
        assertEquals("1.000e+06", Html.number(1e6));
        assertEquals("NaN", Html.number(Double.NaN));
    }

    @Test
    void floatColumnsShowSignificantDigits() {
        Table t = Table.create("f", tech.tablesaw.api.FloatColumn.create("v", new float[] {6.144174e-6f}));
        String html = HtmlTables.toHtml(t);
        assertTrue(html.contains(">0.00000614417<"), html);
        assertTrue(html.contains("title=\"6.144174E-6\""), html);
    }
}
