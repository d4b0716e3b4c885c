package io.github.archmodels.notebook;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent class loader of notebook code, which can load only the JDK, {@code jupyter-jvm-basekernel}
 * with its dependencies, and {@link NotebookKernel}; nothing else from the runner's class path.
 *
 * <p>This reproduces the classes a cell can load inside IJava, where the kernel's class path holds IJava and
 * the basekernel and every library arrives through {@code %jars}. Without the filter, a notebook
 * run from the test class path would find Tablesaw or the model classes even if its {@code %jars}
 * line were missing or the shaded jar lacked a class.
 */
final class KernelClassLoader extends ClassLoader {

    private static final List<String> KERNEL_PACKAGES = List.of(
            "io.github.spencerpark.jupyter.",
            "com.google.gson.",
            "org.zeromq.",
            "zmq.");

    private static final String KERNEL_CLASS = NotebookKernel.class.getName();

    private final ClassLoader runnerLoader;

    KernelClassLoader(ClassLoader runnerLoader) {
        super("archmodels-notebook-kernel", ClassLoader.getPlatformClassLoader());
        this.runnerLoader = runnerLoader;
    }

    static boolean isKernelClass(String name) {
        if (name.equals(KERNEL_CLASS) || name.startsWith(KERNEL_CLASS + "$")) {
            return true;
        }
        for (String prefix : KERNEL_PACKAGES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (isKernelClass(name)) {
            return runnerLoader.loadClass(name);
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        return isKernelClass(name.replace('/', '.')) ? runnerLoader.getResource(name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return isKernelClass(name.replace('/', '.'))
                ? runnerLoader.getResources(name)
                : Collections.emptyEnumeration();
    }
}
