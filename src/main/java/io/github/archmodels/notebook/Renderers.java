package io.github.archmodels.notebook;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Registers the archmodels render functions with a {@code jupyter-jvm-basekernel} {@link Renderer},
 * the display registry that the IJava kernel uses for cell results and {@code display(...)}.
 *
 * <ul>
 *   <li>Tablesaw {@link Table}: {@code text/html} (see {@link HtmlTables}) and {@code text/plain}
 *       (Tablesaw's own text layout).</li>
 *   <li>XChart charts: {@code image/png} by default; {@code image/svg+xml} on request, for example
 *       {@code display(chart, "image/svg+xml")}; {@code text/plain} names the chart.</li>
 *   <li>{@link HtmlSummary} results: {@code text/html} from {@link HtmlSummary#toHtml()} and
 *       {@code text/plain} from {@code toString()}.</li>
 * </ul>
 *
 * <p>This class links against the basekernel, so it loads only where the basekernel is on the class
 * path; {@link KernelDisplay} calls it only after checking that.
 */
public final class Renderers {

    private static final MIMEType SVG = MIMEType.parse("image/svg+xml");

    private Renderers() {
    }

    /** Adds the render functions for tables, charts and {@link HtmlSummary} results to {@code renderer}. */
    public static void registerAll(Renderer renderer) {
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((table, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> table.print());
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> HtmlTables.toHtml(table));
                });

        @SuppressWarnings("rawtypes")
        Renderer.RenderRegistration<Chart> charts = renderer.createRegistration(Chart.class);
        charts.preferring(MIMEType.IMAGE_PNG)
                .supporting(SVG, MIMEType.TEXT_PLAIN)
                .register((chart, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> ChartImages.describe(chart));
                    context.renderIfRequested(MIMEType.IMAGE_PNG, () -> ChartImages.pngBase64(chart));
                    context.renderIfRequested(SVG, () -> ChartImages.svg(chart));
                });

        renderer.createRegistration(HtmlSummary.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((result, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> result.toString());
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> result.toHtml());
                });
    }
}
