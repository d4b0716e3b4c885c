package io.github.archmodels.notebook;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the classes JShell compiles from cells, and the jars that {@code %jars} adds, above a
 * {@link KernelClassLoader}.
 */
final class SnippetClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> snippetClasses = new ConcurrentHashMap<>();

    SnippetClassLoader(ClassLoader parent) {
        super("archmodels-notebook-snippets", new URL[0], parent);
    }

    void declare(String name, byte[] bytecode) {
        snippetClasses.put(name, bytecode);
    }

    void addJar(URL url) {
        addURL(url);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytecode = snippetClasses.get(name);
        if (bytecode != null) {
            return defineClass(name, bytecode, 0, bytecode.length);
        }
        return super.findClass(name);
    }
}
