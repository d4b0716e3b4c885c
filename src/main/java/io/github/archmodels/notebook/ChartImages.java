package io.github.archmodels.notebook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Encodes XChart charts as PNG and SVG for notebook display. */
public final class ChartImages {

    private ChartImages() {
    }

    /** Returns the chart as PNG bytes at the chart's own size in pixels. */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding of chart '" + chart.getTitle() + "' failed", e);
        }
    }

    /** Returns the chart as PNG, base64-encoded, the form Jupyter stores under {@code image/png}. */
    public static String pngBase64(Chart<?, ?> chart) {
        return Base64.getEncoder().encodeToString(png(chart));
    }

    /** Returns the chart as an SVG document (VectorGraphics2D, shipped with XChart). */
    public static String svg(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("SVG encoding of chart '" + chart.getTitle() + "' failed", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Returns a one-line description such as {@code XYChart "Speedup" (600x400 px)}. */
    public static String describe(Chart<?, ?> chart) {
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "untitled" : chart.getTitle();
        return chart.getClass().getSimpleName() + " \"" + title + "\" (" + chart.getWidth() + "x"
                + chart.getHeight() + " px)";
    }
}
