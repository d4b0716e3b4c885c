package io.github.archmodels.speedup;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Bar chart of per-benchmark speedups with horizontal reference lines for GM, ETS and EWS. */
final class SpeedupChart {

    private SpeedupChart() {
    }

    static CategoryChart of(Speedups s, String title) {
        // Wider charts for long suites, so that XChart does not drop overlapping axis labels.
        int width = Math.max(900, 100 * s.size());
        CategoryChart chart = new CategoryChartBuilder().width(width).height(560).title(title)
                .xAxisTitle("benchmark").yAxisTitle("speedup").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisLabelRotation(s.size() > 8 ? 90 : 45);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setYAxisDecimalPattern("0.00");

        List<String> names = labels(s.names());
        List<Double> bars = new ArrayList<>();
        for (double v : s.speedups()) {
            bars.add(v);
        }
        chart.addSeries("per-benchmark speedup", names, bars).setFillColor(new Color(120, 150, 200));
        line(chart, names, "geometric mean", s.geometricMean(), new Color(200, 60, 60), true);
        line(chart, names, "equal-time (HM)", s.equalTime(), new Color(40, 140, 60), false);
        line(chart, names, "equal-work", s.equalWork(), Color.BLACK, false);
        return chart;
    }

    /**
     * Shortens JMH-style names ({@code Class.method{param=value}}) to the method and its
     * parameters, and drops parameters that every benchmark shares, so the axis labels stay
     * readable. Falls back to the full names when shortening would make two labels equal.
     */
    static List<String> labels(List<String> names) {
        List<String> shortNames = new ArrayList<>();
        String sharedParams = null;
        for (String name : names) {
            int brace = name.indexOf('{');
            String params = brace < 0 ? "" : name.substring(brace);
            sharedParams = sharedParams == null || sharedParams.equals(params) ? params : "";
        }
        for (String name : names) {
            int brace = name.indexOf('{');
            String base = brace < 0 ? name : name.substring(0, brace);
            String params = brace < 0 ? "" : name.substring(brace);
            int dot = base.lastIndexOf('.');
            // Keep dotted names such as SPEC's 505.mcf_r, whose prefix is a number.
            boolean jmhStyle = dot > 0 && Character.isLetter(base.charAt(0)) && dot < base.length() - 1;
            String shortName = (jmhStyle ? base.substring(dot + 1) : base)
                    + (params.equals(sharedParams) ? "" : params);
            shortNames.add(shortName);
        }
        return new java.util.HashSet<>(shortNames).size() == names.size() ? shortNames : names;
    }

    private static void line(CategoryChart chart, List<String> names, String label, double value,
            Color color, boolean dashed) {
        String name = String.format(Locale.ROOT, "%s %.3f", label, value);
        CategorySeries series = chart.addSeries(name, names,
                new ArrayList<>(Collections.nCopies(names.size(), value)));
        series.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineStyle(dashed
                ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                : new BasicStroke(2f));
    }
}
