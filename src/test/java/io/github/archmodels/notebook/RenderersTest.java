package io.github.archmodels.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Drives the real jupyter-jvm-basekernel Renderer with the archmodels render functions. */
class RenderersTest {

    private Renderer renderer;

    /** A model-style result: a record with a summary and its own HTML. */
    record MeanResult(String metric, double value) implements HtmlSummary {
        @Override
        public String toHtml() {
            return Html.summaryTable("Mean", List.<String[]>of(new String[] {metric, Html.number(value)}));
        }

        @Override
        public String toString() {
            return metric + " = " + value;
        }
    }

    /** A result that implements the interface but keeps the default HTML. */
    record PlainResult(String text) implements HtmlSummary {
        @Override
        public String toString() {
            return text;
        }
    }

    @BeforeEach
    void setUp() {
        renderer = new Renderer();
        Renderers.registerAll(renderer);
    }

    @Test
    void tableRendersAsHtmlAndText() {
        Table table = Table.create("runs",
                StringColumn.create("benchmark", "mcf", "x<y & z"),
                DoubleColumn.create("seconds", 3.5, 2.0));

        DisplayData data = renderer.render(table);

        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertNotNull(html, "text/html missing");
        assertTrue(html.startsWith("<table"), html);
        assertTrue(html.contains("<th title=\"string\" style=\"text-align:left\">benchmark</th>"), html);
        assertTrue(html.contains("<th title=\"double\" style=\"text-align:right\">seconds</th>"), html);
        assertTrue(html.contains(">x&lt;y &amp; z</td>"), "cell text must be escaped: " + html);
        assertTrue(html.contains("2 rows &times; 2 columns"), html);
        String text = (String) data.getData(MIMEType.TEXT_PLAIN);
        assertTrue(text.contains("mcf") && text.contains("3.5"), text);
    }

    @Test
    void chartRendersAsPngByDefault() throws IOException {
        XYChart chart = new XYChartBuilder().width(320).height(240).title("speedup").build();
        chart.addSeries("s", new double[] {1, 2, 3}, new double[] {1, 4, 9});

        DisplayData data = renderer.render(chart);

        String png = (String) data.getData(MIMEType.IMAGE_PNG);
        assertNotNull(png, "image/png missing");
        byte[] bytes = Base64.getDecoder().decode(png);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        assertArrayEquals(signature, Arrays.copyOf(bytes, 8));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertEquals(320, image.getWidth());
        assertEquals(240, image.getHeight());
        assertNull(data.getData(MIMEType.parse("image/svg+xml")), "SVG only on request");
        assertEquals("XYChart \"speedup\" (320x240 px)", data.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void chartRendersAsSvgOnRequest() {
        XYChart chart = new XYChartBuilder().width(320).height(240).title("speedup").build();
        chart.addSeries("s", new double[] {1, 2, 3}, new double[] {1, 4, 9});

        DisplayData data = renderer.renderAs(chart, "image/svg+xml");

        String svg = (String) data.getData(MIMEType.parse("image/svg+xml"));
        assertNotNull(svg, "image/svg+xml missing");
        assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
        // VectorGraphics2D draws text as outlines, so the title appears as paths, not as text.
        assertTrue(svg.contains("width=\"320") && svg.contains("height=\"240"), svg.substring(0, Math.min(400, svg.length())));
        assertTrue(svg.contains("<path"), "the chart is drawn as vector paths");
        assertNull(data.getData(MIMEType.IMAGE_PNG), "PNG not requested");
    }

    @Test
    void htmlSummaryResultRendersItsHtml() {
        DisplayData data = renderer.render(new MeanResult("harmonic", 2.25));

        assertEquals("<div class=\"archmodels-summary\"><b>Mean</b><table><tr><th style=\"text-align:left\">"
                + "harmonic</th><td style=\"text-align:right\">2.250</td></tr></table></div>",
                data.getData(MIMEType.TEXT_HTML));
        assertEquals("harmonic = 2.25", data.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void defaultHtmlEscapesToString() {
        DisplayData data = renderer.render(new PlainResult("a < b"));

        assertEquals("<pre>a &lt; b</pre>", data.getData(MIMEType.TEXT_HTML));
        assertEquals("a < b", data.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void otherObjectsFallBackToText() {
        DisplayData data = renderer.render(List.of(1, 2));

        assertEquals("[1, 2]", data.getData(MIMEType.TEXT_PLAIN));
        assertFalse(data.hasDataForType(MIMEType.TEXT_HTML));
    }
}
