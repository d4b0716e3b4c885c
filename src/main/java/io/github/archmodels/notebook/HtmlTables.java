package io.github.archmodels.notebook;

import java.math.BigDecimal;
import java.math.MathContext;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders a Tablesaw {@link Table} as an HTML table for notebooks.
 *
 * <p>Tables longer than the row limit show their first rows, a row that counts the rows left out,
 * and their last rows, so a 10,000-row sweep stays readable. Numeric columns are right-aligned and
 * each header carries the column type as a tooltip. Doubles show at most six significant digits,
 * with the full value as the cell's tooltip.
 */
public final class HtmlTables {

    /** Row limit used by {@link #toHtml(Table)}: longer tables are shortened to head and tail. */
    public static final int DEFAULT_MAX_ROWS = 30;

    /** Significant digits shown for {@code double} cells; the full value is the cell's tooltip. */
    public static final int SIGNIFICANT_DIGITS = 6;

    private HtmlTables() {
    }

    /** Renders {@code table} with at most {@link #DEFAULT_MAX_ROWS} data rows. */
    public static String toHtml(Table table) {
        return toHtml(table, DEFAULT_MAX_ROWS);
    }

    /**
     * Renders {@code table} as an HTML {@code <table>} with a caption giving its name and shape.
     *
     * @param maxRows largest number of data rows shown, at least 2; a longer table shows its first
     *                {@code maxRows - maxRows / 3} and last {@code maxRows / 3} rows
     */
    public static String toHtml(Table table, int maxRows) {
        if (maxRows < 2) {
            throw new IllegalArgumentException("maxRows must be at least 2, got " + maxRows
                    + "; pass a larger row limit");
        }
        int rows = table.rowCount();
        int columns = table.columnCount();
        StringBuilder sb = new StringBuilder(256 + rows * columns * 24);
        sb.append("<table class=\"archmodels-table\">");
        sb.append("<caption style=\"text-align:left\">");
        if (table.name() != null && !table.name().isBlank()) {
            sb.append("<b>").append(Html.escape(table.name())).append("</b> ");
        }
        sb.append(rows).append(rows == 1 ? " row" : " rows").append(" &times; ")
                .append(columns).append(columns == 1 ? " column" : " columns").append("</caption>");

        sb.append("<thead><tr>");
        for (Column<?> column : table.columns()) {
            sb.append("<th title=\"").append(Html.escape(typeName(column.type()))).append("\"")
                    .append(alignment(column)).append('>')
                    .append(Html.escape(column.name())).append("</th>");
        }
        sb.append("</tr></thead><tbody>");

        if (rows <= maxRows) {
            appendRows(sb, table, 0, rows);
        } else {
            int tail = maxRows / 3;
            int head = maxRows - tail;
            appendRows(sb, table, 0, head);
            sb.append("<tr><td colspan=\"").append(Math.max(columns, 1))
                    .append("\" style=\"text-align:center\">&hellip; ")
                    .append(rows - head - tail).append(" more rows &hellip;</td></tr>");
            appendRows(sb, table, rows - tail, rows);
        }
        sb.append("</tbody></table>");
        return sb.toString();
    }

    private static void appendRows(StringBuilder sb, Table table, int from, int to) {
        for (int row = from; row < to; row++) {
            sb.append("<tr>");
            for (Column<?> column : table.columns()) {
                sb.append("<td").append(alignment(column));
                String full = column.getString(row);
                String shown = full;
                if (column instanceof DoubleColumn doubles && !doubles.isMissing(row)) {
                    shown = significant(doubles.getDouble(row));
                    full = Double.toString(doubles.getDouble(row));
                } else if (column instanceof FloatColumn floats && !floats.isMissing(row)) {
                    shown = significant(floats.getFloat(row));
                    full = Float.toString(floats.getFloat(row));
                }
                if (!shown.equals(full)) {
                    sb.append(" title=\"").append(Html.escape(full)).append('"');
                }
                sb.append('>').append(Html.escape(shown)).append("</td>");
            }
            sb.append("</tr>");
        }
    }

    /**
     * Formats {@code value} with at most {@value #SIGNIFICANT_DIGITS} significant digits and no
     * trailing zeros ({@code 0.7500000000000001} as {@code 0.75}), in scientific notation outside
     * [1e-4, 1e15).
     */
    static String significant(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(SIGNIFICANT_DIGITS)).stripTrailingZeros();
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e15) {
            return rounded.toPlainString();
        }
        return rounded.toString().replace("E", "e");
    }

    private static String alignment(Column<?> column) {
        return column instanceof NumberColumn<?, ?> ? " style=\"text-align:right\"" : " style=\"text-align:left\"";
    }

    private static String typeName(ColumnType type) {
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }
}
