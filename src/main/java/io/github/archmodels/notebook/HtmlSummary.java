package io.github.archmodels.notebook;

/**
 * A result that shows itself as a compact HTML fragment in a notebook.
 *
 * <p>Inside the IJava kernel the renderers of this package display an object that implements this
 * interface as {@code text/html} (from {@link #toHtml()}) next to {@code text/plain} (from
 * {@code toString()}); in JShell and plain Java only {@code toString()} is used. The default
 * {@link #toHtml()} wraps {@code toString()} in a {@code <pre>} block, so a result class can
 * implement the interface first and write a richer fragment later.
 *
 * <p>Initializing a class that implements this interface also registers the renderers when the
 * code runs inside a Jupyter kernel built on {@code jupyter-jvm-basekernel} (see
 * {@link KernelDisplay#install()}); outside a kernel that step does nothing.
 */
public interface HtmlSummary {

    /**
     * Registration flag, set when the first class implementing this interface is initialized.
     * The JVM initializes an interface that declares default methods together with the first
     * class that implements it, which is how model results register the renderers without any
     * call in user code.
     */
    boolean RENDERERS_INSTALLED = KernelDisplay.install();

    /**
     * Returns an HTML fragment (no {@code <html>} or {@code <body>}) that summarizes this object.
     * The fragment must escape text taken from data, for example with {@link Html#escape}.
     */
    default String toHtml() {
        return "<pre>" + Html.escape(toString()) + "</pre>";
    }
}
