package io.github.archmodels.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;

/**
 * Number formatting for tables shown to people (console, HTML, notebooks): at most four decimals
 * for ordinary magnitudes, scientific notation with four significant digits for very small or
 * very large ones, so that 3.2e-5 joules does not print as 0. The data in the table is unchanged.
 */
public final class DisplayFormat extends NumberFormat {

    private static final long serialVersionUID = 1L;

    private final DecimalFormat plain = new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT));

    /** Returns a copy of {@code table} whose floating-point columns print with this format. */
    public static Table apply(Table table) {
        Table copy = table.copy();
        NumberColumnFormatter formatter = new NumberColumnFormatter(new DisplayFormat());
        for (Column<?> c : copy.columns()) {
            if (c instanceof DoubleColumn d) {
                d.setPrintFormatter(formatter);
            } else if (c instanceof FloatColumn f) {
                f.setPrintFormatter(formatter);
            }
        }
        return copy;
    }

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        double magnitude = Math.abs(number);
        if (Double.isNaN(number)) {
            return toAppendTo.append("NaN");
        }
        if (number == 0 || (magnitude >= 1e-3 && magnitude < 1e15)) {
            return plain.format(number, toAppendTo, pos);
        }
        return toAppendTo.append(String.format(Locale.ROOT, "%.4g", number));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return plain.format(number, toAppendTo, pos);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        return plain.parse(source, parsePosition);
    }
}
