package io.github.archmodels.notebook;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The calls into {@code jupyter-jvm-basekernel}; loaded only after {@link KernelDisplay} found a
 * kernel, so that the rest of the package runs without the basekernel on the class path.
 */
final class BaseKernelBridge {

    private static final Map<Renderer, Boolean> INSTALLED = Collections.synchronizedMap(new WeakHashMap<>());

    private BaseKernelBridge() {
    }

    static boolean install(Object kernel) {
        Renderer renderer = ((BaseKernel) kernel).getRenderer();
        synchronized (INSTALLED) {
            if (INSTALLED.putIfAbsent(renderer, Boolean.TRUE) == null) {
                Renderers.registerAll(renderer);
            }
        }
        return true;
    }

    /** Displays an HTML fragment with a text fallback under {@code displayId}. */
    static void display(Object kernel, String displayId, String text, String html) {
        ((BaseKernel) kernel).display(data(displayId, text, html));
    }

    /** Replaces the display with id {@code displayId} in place. */
    static void update(Object kernel, String displayId, String text, String html) {
        ((BaseKernel) kernel).getIO().display.updateDisplay(displayId, data(displayId, text, html));
    }

    private static DisplayData data(String displayId, String text, String html) {
        DisplayData data = new DisplayData(text);
        data.putHTML(html);
        data.setDisplayId(displayId);
        return data;
    }
}
