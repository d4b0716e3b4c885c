package io.github.archmodels.notebook;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl;

/**
 * Runs snippets in this JVM and keeps each snippet's value as an object, as IJava's execution
 * control does, so a cell's result can be rendered as HTML or an image rather than as the string
 * JShell would make of it.
 *
 * <p>JShell reports an executed snippet's value as the string that {@link #invoke(Method)} returns;
 * here that string is a key, and {@link #takeResult(String)} returns the object stored under it.
 */
final class CapturingExecutionControl extends DirectExecutionControl {

    private static final Object NULL = new Object();

    private final SnippetClassLoader loader;
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong nextKey = new AtomicLong();

    private CapturingExecutionControl(SnippetLoaderDelegate delegate) {
        super(delegate);
        this.loader = delegate.loader;
    }

    static CapturingExecutionControl create(ClassLoader runnerLoader) {
        return new CapturingExecutionControl(
                new SnippetLoaderDelegate(new SnippetClassLoader(new KernelClassLoader(runnerLoader))));
    }

    SnippetClassLoader loader() {
        return loader;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Object value = doitMethod.invoke(null);
            String key = "archmodels-result-" + nextKey.incrementAndGet();
            results.put(key, value == null ? NULL : value);
            return key;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Removes and returns the value stored under {@code key}; {@code null} for a null value. */
    Object takeResult(String key) {
        Object value = results.remove(key);
        if (value == null) {
            throw new IllegalStateException("No snippet value stored under '" + key + "'");
        }
        return value == NULL ? null : value;
    }

    /** Drops values that no cell took, for example those of snippets a later error skipped. */
    void clearResults() {
        results.clear();
    }

    private static final class SnippetLoaderDelegate implements LoaderDelegate {

        private final SnippetClassLoader loader;

        SnippetLoaderDelegate(SnippetClassLoader loader) {
            this.loader = loader;
        }

        @Override
        public void load(ExecutionControl.ClassBytecodes[] classes)
                throws ExecutionControl.ClassInstallException {
            boolean[] installed = new boolean[classes.length];
            for (ExecutionControl.ClassBytecodes c : classes) {
                loader.declare(c.name(), c.bytecodes());
            }
            for (int i = 0; i < classes.length; i++) {
                try {
                    Class<?> loaded = loader.loadClass(classes[i].name());
                    loaded.getDeclaredMethods();
                    installed[i] = true;
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new ExecutionControl.ClassInstallException(
                            "loading snippet class " + classes[i].name() + " failed: " + e, installed);
                }
            }
        }

        @Override
        public void classesRedefined(ExecutionControl.ClassBytecodes[] classes) {
            for (ExecutionControl.ClassBytecodes c : classes) {
                loader.declare(c.name(), c.bytecodes());
            }
        }

        @Override
        public void addToClasspath(String path) throws ExecutionControl.InternalException {
            for (String entry : path.split(File.pathSeparator)) {
                if (entry.isEmpty()) {
                    continue;
                }
                try {
                    loader.addJar(Path.of(entry).toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new ExecutionControl.InternalException("invalid class path entry '" + entry + "': " + e);
                }
            }
        }

        @Override
        public Class<?> findClass(String name) throws ClassNotFoundException {
            return loader.loadClass(name);
        }
    }
}
