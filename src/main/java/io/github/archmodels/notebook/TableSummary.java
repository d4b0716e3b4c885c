package io.github.archmodels.notebook;

import tech.tablesaw.api.Table;

/**
 * A result that has a table view: in a notebook it shows as its one-line {@code toString()}
 * summary followed by {@link #toTable()} as an HTML table (long tables cut to head and tail).
 */
public interface TableSummary extends HtmlSummary {

    /** Returns the result as a table with typed, unit-named columns. */
    Table toTable();

    @Override
    default String toHtml() {
        return "<p>" + Html.escape(toString()) + "</p>" + HtmlTables.toHtml(toTable());
    }
}
