package io.github.archmodels.notebook;

import java.lang.reflect.Method;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Jupyter kernel this code runs in, if any, and registers the archmodels renderers with
 * it.
 *
 * <p>Two kernels are recognized, both built on {@code jupyter-jvm-basekernel}: IJava (through
 * {@code io.github.spencerpark.ijava.IJava.getKernelInstance()}, looked up reflectively) and this
 * project's {@link NotebookKernel}. In JShell, a plain JVM, or a JVM without the basekernel
 * classes, every method here does nothing and returns {@code false} or {@code null}; none of them
 * throws.
 *
 * <p>Users rarely call this class: {@link HtmlSummary} calls {@link #install()} when the first
 * model result class is initialized, and {@link Progress} calls it before it displays anything.
 */
public final class KernelDisplay {

    private static final Logger LOG = LoggerFactory.getLogger(KernelDisplay.class);

    /** Classes and static methods that return the running kernel, in lookup order. */
    private static final List<String[]> KERNEL_LOOKUPS = List.of(
            new String[] {"io.github.spencerpark.ijava.IJava", "getKernelInstance"},
            new String[] {"io.github.archmodels.notebook.NotebookKernel", "current"});

    private static final String BASE_KERNEL = "io.github.spencerpark.jupyter.kernel.BaseKernel";

    private KernelDisplay() {
    }

    /**
     * Registers the renderers of {@link Renderers} with the running kernel, once per kernel.
     *
     * @return {@code true} if a kernel runs and has the renderers, {@code false} outside a kernel
     */
    public static boolean install() {
        Object kernel = kernel();
        if (kernel == null) {
            return false;
        }
        try {
            return BaseKernelBridge.install(kernel);
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("Registering the notebook renderers with {} failed; results display as text", kernel.getClass().getName(), e);
            return false;
        }
    }

    /** Returns whether this code runs inside a recognized Jupyter kernel. */
    public static boolean inKernel() {
        return kernel() != null;
    }

    /**
     * Returns the running kernel (a {@code BaseKernel}) or {@code null}. Typed {@code Object} so that
     * callers need not link against the basekernel.
     */
    static Object kernel() {
        ClassLoader loader = KernelDisplay.class.getClassLoader();
        Class<?> baseKernel = load(BASE_KERNEL, loader);
        if (baseKernel == null) {
            return null;
        }
        for (String[] lookup : KERNEL_LOOKUPS) {
            Class<?> owner = load(lookup[0], loader);
            if (owner == null) {
                continue;
            }
            try {
                Method method = owner.getMethod(lookup[1]);
                Object kernel = method.invoke(null);
                if (baseKernel.isInstance(kernel)) {
                    return kernel;
                }
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                LOG.debug("Kernel lookup {}.{} failed", lookup[0], lookup[1], e);
            }
        }
        return null;
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
