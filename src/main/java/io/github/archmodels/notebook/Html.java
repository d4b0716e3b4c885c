package io.github.archmodels.notebook;

import java.util.List;
import java.util.Locale;

/** HTML building blocks for the notebook renderers and for {@link HtmlSummary} implementations. */
public final class Html {

    private Html() {
    }

    /** Escapes {@code &}, {@code <}, {@code >}, {@code "} and {@code '} for HTML text and attributes. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Builds a two-column definition table, the usual shape of a result summary: a bold title
     * line, then one row per (name, value) pair.
     *
     * @param title heading shown above the rows, plain text
     * @param rows  pairs of plain-text name and value, for example {@code List.of(new String[]{"mean", "1.5"})}
     */
    public static String summaryTable(String title, List<String[]> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("<div class=\"archmodels-summary\">");
        sb.append("<b>").append(escape(title)).append("</b>");
        sb.append("<table>");
        for (String[] row : rows) {
            if (row.length != 2) {
                throw new IllegalArgumentException("summary row must have 2 cells (name, value), got "
                        + row.length + "; pass new String[]{name, value}");
            }
            sb.append("<tr><th style=\"text-align:left\">").append(escape(row[0]))
                    .append("</th><td style=\"text-align:right\">").append(escape(row[1]))
                    .append("</td></tr>");
        }
        sb.append("</table></div>");
        return sb.toString();
    }

    /** Formats a number with 4 significant digits for display, using the root locale. */
    public static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
