package io.github.archmodels.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

class KernelDisplayTest {

    @TempDir
    Path folder;

    /** Records display messages the way a Jupyter front end would apply them. */
    static final class RecordingSink implements NotebookKernel.DisplaySink {
        final List<DisplayData> displays = new ArrayList<>();
        final List<String> updatedIds = new ArrayList<>();
        DisplayData last;

        @Override
        public void display(DisplayData data) {
            displays.add(data);
            last = data;
        }

        @Override
        public void update(String displayId, DisplayData data) {
            updatedIds.add(displayId);
            last = data;
        }
    }

    @Test
    void noKernelInPlainJvm() {
        assertFalse(KernelDisplay.inKernel());
        assertFalse(KernelDisplay.install());
    }

    @Test
    void installsIntoActiveKernelOnce() throws Exception {
        NotebookKernel kernel = new NotebookKernel(CellEvaluator.create(folder));
        kernel.activate();
        try {
            assertTrue(KernelDisplay.inKernel());
            assertTrue(KernelDisplay.install());
            assertTrue(KernelDisplay.install());

            DisplayData data = kernel.getRenderer().render(Table.create("t"));
            assertNotNull(data.getData(MIMEType.TEXT_HTML));
        } finally {
            kernel.deactivate();
            kernel.onShutdown(false);
        }
        assertFalse(KernelDisplay.inKernel());
    }

    @Test
    void displayFunctionsNeedActiveKernel() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NotebookKernel.displayFromCell("x"));

        assertTrue(e.getMessage().contains("No notebook kernel"), e.getMessage());
    }

    @Test
    void progressUpdatesOneDisplayInPlace() throws Exception {
        NotebookKernel kernel = new NotebookKernel(CellEvaluator.create(folder));
        RecordingSink sink = new RecordingSink();
        kernel.setDisplaySink(sink);
        kernel.activate();
        try (Progress progress = Progress.start("sweep", 3)) {
            progress.step();
            progress.step();
            progress.step();
        } finally {
            kernel.deactivate();
            kernel.onShutdown(false);
        }

        assertEquals(1, sink.displays.size());
        String id = sink.displays.get(0).getDisplayId();
        assertNotNull(id);
        assertFalse(sink.updatedIds.isEmpty());
        assertTrue(sink.updatedIds.stream().allMatch(id::equals), sink.updatedIds.toString());
        String html = (String) sink.last.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<progress value=\"3\" max=\"3\""), html);
        assertTrue(((String) sink.last.getData(MIMEType.TEXT_PLAIN)).startsWith("sweep: 3/3 (100%)"));
    }

    @Test
    void harmlessWithoutBasekernel() throws Exception {
        // A class loader with this package, Tablesaw, XChart and slf4j, but not the basekernel: the
        // situation in plain JShell with the shaded jar.
        List<URL> urls = new ArrayList<>();
        for (Class<?> c : List.of(KernelDisplay.class, Table.class, XYChart.class, org.slf4j.Logger.class)) {
            urls.add(c.getProtectionDomain().getCodeSource().getLocation());
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class,
                    () -> loader.loadClass("io.github.spencerpark.jupyter.kernel.BaseKernel"));

            Class<?> display = loader.loadClass(KernelDisplay.class.getName());
            assertEquals(false, display.getMethod("install").invoke(null));
            assertEquals(false, display.getMethod("inKernel").invoke(null));

            Class<?> summary = loader.loadClass(HtmlSummary.class.getName());
            assertEquals(false, summary.getField("RENDERERS_INSTALLED").get(null));

            Class<?> progress = loader.loadClass(Progress.class.getName());
            Object running = progress.getMethod("start", String.class, long.class).invoke(null, "plain", 2L);
            progress.getMethod("close").invoke(running);
        }
    }
}
