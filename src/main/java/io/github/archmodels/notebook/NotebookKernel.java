package io.github.archmodels.notebook;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.DisplayStream;
import io.github.spencerpark.jupyter.kernel.JupyterIO;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.lang.reflect.Field;
import java.util.UUID;

/**
 * An in-process Jupyter kernel, built on {@code jupyter-jvm-basekernel} like IJava, that
 * {@link NotebookRunner} uses to execute notebooks without a Jupyter server.
 *
 * <p>It evaluates cells with {@link CellEvaluator} (IJava's snippet semantics), renders results
 * with the basekernel {@link io.github.spencerpark.jupyter.kernel.display.Renderer}, and hands
 * every {@code display_data} and {@code update_display_data} message to a {@link DisplaySink}
 * instead of a ZeroMQ socket. While a kernel is {@linkplain #activate() active}, library code finds
 * it through {@link #current()} the way it finds IJava's kernel through
 * {@code IJava.getKernelInstance()}, and the notebook functions {@code display}, {@code render} and
 * {@code updateDisplay} reach it through the static methods below.
 */
public final class NotebookKernel extends BaseKernel {

    /** Receiver of the display messages a cell sends. */
    public interface DisplaySink {

        /** Adds a display output; {@code data} carries a display id. */
        void display(DisplayData data);

        /** Replaces the data of every earlier output with this display id. */
        void update(String displayId, DisplayData data);
    }

    private static volatile NotebookKernel active;

    private final CellEvaluator evaluator;
    private final JupyterIO io;
    private final LanguageInfo languageInfo;
    private volatile DisplaySink sink;

    /** Creates a kernel around {@code evaluator}; the kernel closes it in {@link #onShutdown}. */
    public NotebookKernel(CellEvaluator evaluator) {
        this.evaluator = evaluator;
        this.io = new JupyterIO();
        replaceDisplayStream(this.io, new SinkDisplayStream());
        this.languageInfo = new LanguageInfo.Builder("Java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("java")
                .build();
    }

    /** Returns the active kernel, or {@code null} outside a notebook run. */
    public static NotebookKernel current() {
        return active;
    }

    /** Makes this kernel the one {@link #current()} returns. */
    public void activate() {
        active = this;
    }

    /** Clears {@link #current()} if this kernel is the active one. */
    public void deactivate() {
        if (active == this) {
            active = null;
        }
    }

    /** Sets where display messages go; {@code null} drops them. */
    public void setDisplaySink(DisplaySink sink) {
        this.sink = sink;
    }

    public CellEvaluator evaluator() {
        return evaluator;
    }

    /**
     * Evaluates a cell and renders its result as IJava does: {@code null} for a cell without a
     * value, the value itself if it already is {@link DisplayData}, and otherwise the renderer's
     * output for it.
     */
    @Override
    public DisplayData eval(String code) throws Exception {
        Object result = evaluator.evalCell(code);
        if (result == null) {
            return null;
        }
        return result instanceof DisplayData data ? data : getRenderer().render(result);
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public JupyterIO getIO() {
        return io;
    }

    @Override
    public void display(DisplayData data) {
        io.display.display(data);
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        evaluator.close();
    }

    // The notebook functions below are what a cell's display(...), render(...) and
    // updateDisplay(...) call; they mirror io.github.spencerpark.ijava.runtime.Display.

    /** Renders {@code value} (as the given MIME types, if any) and displays it; returns the display id. */
    public static String displayFromCell(Object value, String... mimeTypes) {
        NotebookKernel kernel = requireActive();
        DisplayData data = kernel.renderFromCellOn(value, mimeTypes);
        if (!data.hasDisplayId()) {
            data.setDisplayId(UUID.randomUUID().toString());
        }
        kernel.display(data);
        return data.getDisplayId();
    }

    /** Renders {@code value} (as the given MIME types, if any) without displaying it. */
    public static DisplayData renderFromCell(Object value, String... mimeTypes) {
        return requireActive().renderFromCellOn(value, mimeTypes);
    }

    /** Re-renders {@code value} into the display with id {@code displayId}. */
    public static void updateDisplayFromCell(String displayId, Object value, String... mimeTypes) {
        NotebookKernel kernel = requireActive();
        DisplayData data = kernel.renderFromCellOn(value, mimeTypes);
        kernel.getIO().display.updateDisplay(displayId, data);
    }

    private DisplayData renderFromCellOn(Object value, String... mimeTypes) {
        return mimeTypes == null || mimeTypes.length == 0
                ? getRenderer().render(value)
                : getRenderer().renderAs(value, mimeTypes);
    }

    private static NotebookKernel requireActive() {
        NotebookKernel kernel = active;
        if (kernel == null) {
            throw new IllegalStateException("No notebook kernel is running; display(...) works only in a notebook");
        }
        return kernel;
    }

    /**
     * Puts {@code stream} in place of the display stream that {@link JupyterIO} creates. The
     * basekernel's stream publishes to a Jupyter socket, and {@code JupyterIO.display} is a final
     * field with no constructor to set it, so this sets the field reflectively (allowed for
     * instance fields of classes on the class path).
     */
    private static void replaceDisplayStream(JupyterIO io, DisplayStream stream) {
        try {
            Field field = JupyterIO.class.getField("display");
            field.setAccessible(true);
            field.set(io, stream);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Could not attach the notebook display stream to "
                    + "jupyter-jvm-basekernel's JupyterIO (expected version 2.3.0)", e);
        }
    }

    /** A display stream that forwards to the kernel's {@link DisplaySink}. */
    private final class SinkDisplayStream extends DisplayStream {

        @Override
        public boolean isAttached() {
            return sink != null;
        }

        @Override
        public void display(DisplayData data) {
            DisplaySink target = sink;
            if (target != null) {
                target.display(data);
            }
        }

        @Override
        public void updateDisplay(DisplayData data) {
            if (!data.hasDisplayId()) {
                throw new IllegalArgumentException("update_display_data needs a display id; "
                        + "pass the id that display(...) returned");
            }
            DisplaySink target = sink;
            if (target != null) {
                target.update(data.getDisplayId(), data);
            }
        }

        @Override
        public void updateDisplay(String displayId, DisplayData data) {
            data.setDisplayId(displayId);
            updateDisplay(data);
        }
    }
}
