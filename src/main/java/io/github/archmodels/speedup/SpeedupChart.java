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
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500).title(title)
                .xAxisTitle("benchmark").yAxisTitle("speedup").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setYAxisDecimalPattern("0.00");

        List<String> names = s.names();
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
