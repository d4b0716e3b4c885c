package io.github.archmodels.notebook;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Evaluates notebook cells with the JShell API the way the IJava kernel (version 1.3.0) does.
 *
 * <ol>
 *   <li>A cell is split into snippets with JShell's {@link SourceCodeAnalysis#analyzeCompletion},
 *       and each complete snippet is evaluated in order.</li>
 *   <li>The cell's value is the value of its last snippet if that snippet is an expression or a
 *       variable reference, and {@code null} otherwise (declarations, statements, assignments).</li>
 *   <li>A rejected snippet, an exception from cell code, or source left incomplete at the end of the
 *       cell stops the cell with a {@link CellException}. Stricter than IJava, a declaration from
 *       the cell that still has unresolved references when the cell ends is also an error.</li>
 *   <li>Line magics run in order between the snippets: {@code %jars} and {@code %classpath} add
 *       files (globs allowed in the last path element) to the class path, resolved against the
 *       working directory as Jupyter starts the kernel in the notebook's folder. Every other magic
 *       is rejected, including IJava's {@code %maven} and {@code %load}, because a notebook run must
 *       not download anything.</li>
 * </ol>
 *
 * <p>Code runs in this JVM, as in IJava, with a class loader that can load only the JDK, the
 * basekernel and what {@code %jars} added (see {@link KernelClassLoader}). The session starts
 * with IJava's default imports and the functions {@code display}, {@code render} and
 * {@code updateDisplay}, which go to the active {@link NotebookKernel}.
 */
public final class CellEvaluator implements AutoCloseable {

    /** Imports and functions evaluated before the first cell, after IJava's start-up script. */
    static final List<String> STARTUP = List.of(
            "import java.util.*;",
            "import java.io.*;",
            "import java.math.*;",
            "import java.net.*;",
            "import java.util.concurrent.*;",
            "import java.util.prefs.*;",
            "import java.util.regex.*;",
            """
            Object notebookKernelCall$(String method, Class<?>[] types, Object... args) {
                try {
                    return Class.forName("io.github.archmodels.notebook.NotebookKernel")
                            .getMethod(method, types).invoke(null, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    if (e.getCause() instanceof RuntimeException r) throw r;
                    if (e.getCause() instanceof Error err) throw err;
                    throw new RuntimeException(e.getCause());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("The notebook kernel is not reachable: " + e, e);
                }
            }
            """,
            """
            String display(Object value, String... mimeTypes) {
                return (String) notebookKernelCall$("displayFromCell",
                        new Class<?>[] {Object.class, String[].class}, value, mimeTypes);
            }
            """,
            """
            Object render(Object value, String... mimeTypes) {
                return notebookKernelCall$("renderFromCell",
                        new Class<?>[] {Object.class, String[].class}, value, mimeTypes);
            }
            """,
            """
            void updateDisplay(String displayId, Object value, String... mimeTypes) {
                notebookKernelCall$("updateDisplayFromCell",
                        new Class<?>[] {String.class, Object.class, String[].class}, displayId, value, mimeTypes);
            }
            """,
            """
            void printf(String format, Object... args) {
                System.out.printf(format, args);
            }
            """);

    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final CapturingExecutionControl control;
    private final Path workingDirectory;
    private final Path emptyClassPath;
    private final List<String> classPath = new ArrayList<>();
    private boolean started;

    private CellEvaluator(Path workingDirectory) {
        try {
            this.emptyClassPath = Files.createTempDirectory("archmodels-notebook-cp");
        } catch (IOException e) {
            throw new UncheckedIOException("Creating an empty class path folder failed", e);
        }
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
        this.control = CapturingExecutionControl.create(NotebookKernel.class.getClassLoader());
        CapturingExecutionControl fixedControl = this.control;
        ExecutionControlProvider provider = new ExecutionControlProvider() {
            @Override
            public String name() {
                return "archmodels-notebook";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return fixedControl;
            }
        };
        this.shell = buildShell(provider, emptyClassPath);
        this.analysis = shell.sourceCodeAnalysis();
    }

    /**
     * Builds a JShell whose compiler finds only the JDK and what {@code %jars} adds later. JShell
     * starts its compiler class path from the {@code java.class.path} property, and a
     * {@code --class-path} compiler option would hide every later {@code addToClasspath}, so the
     * property points at an empty folder while the shell is built and fixes its class path.
     */
    private static JShell buildShell(ExecutionControlProvider provider, Path emptyClassPath) {
        synchronized (System.getProperties()) {
            String saved = System.getProperty("java.class.path");
            System.setProperty("java.class.path", emptyClassPath.toString());
            try {
                JShell shell = JShell.builder().executionEngine(provider, Map.of()).build();
                shell.addToClasspath(emptyClassPath.toString());
                return shell;
            } finally {
                System.setProperty("java.class.path", saved);
            }
        }
    }

    /**
     * Creates an evaluator whose {@code %jars} and {@code %classpath} paths resolve against
     * {@code workingDirectory}, normally the notebook's folder.
     */
    public static CellEvaluator create(Path workingDirectory) {
        return new CellEvaluator(workingDirectory);
    }

    /** Returns the files added to the class path so far, as absolute paths. */
    public List<String> classPath() {
        return List.copyOf(classPath);
    }

    /** Returns the class loader of cell code, whose parent can load only the JDK and the kernel. */
    public ClassLoader snippetClassLoader() {
        return control.loader();
    }

    /**
     * Evaluates one cell and returns its value (see the class comment), or {@code null}.
     *
     * @throws CellException if a snippet is rejected, throws, or is incomplete, or a magic fails
     */
    public Object evalCell(String cell) throws CellException {
        if (!started) {
            started = true;
            for (String snippet : STARTUP) {
                evalSource(snippet, new ArrayList<>());
            }
        }
        if (LineMagic.isCellMagic(cell)) {
            String firstLine = cell.stripLeading().lines().findFirst().orElse("");
            throw new CellException(CellException.Kind.MAGIC, "Cell magic '" + firstLine.strip()
                    + "' is not supported; the notebook runner supports only the line magics %jars and %classpath");
        }

        List<Snippet> declared = new ArrayList<>();
        Object result = null;
        StringBuilder code = new StringBuilder();
        for (String line : cell.split("\n", -1)) {
            LineMagic magic = LineMagic.parse(line);
            if (magic == null) {
                code.append(line).append('\n');
                continue;
            }
            evalSource(code.toString(), declared);
            code.setLength(0);
            applyMagic(magic);
            result = null;
        }
        if (!code.toString().isBlank()) {
            result = evalSource(code.toString(), declared);
        }
        checkResolved(declared);
        return result;
    }

    private Object evalSource(String source, List<Snippet> declared) throws CellException {
        Object result = null;
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(source);
        while (info.completeness().isComplete()) {
            result = evalSnippet(info.source(), declared);
            info = analysis.analyzeCompletion(info.remaining());
        }
        if (info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
            throw new CellException(CellException.Kind.INCOMPLETE,
                    "Incomplete source at the end of the cell: " + abbreviate(info.remaining().strip()));
        }
        return result;
    }

    private Object evalSnippet(String source, List<Snippet> declared) throws CellException {
        List<SnippetEvent> events = shell.eval(source);
        Object result = null;
        try {
            for (SnippetEvent event : events) {
                // JShell reports "" for statements and null for declarations without a value.
                String key = event.value();
                if (key == null || key.isEmpty() || event.causeSnippet() != null) {
                    continue;
                }
                Snippet.SubKind subKind = event.snippet().subKind();
                Object value = subKind.isExecutable() ? control.takeResult(key) : key;
                result = switch (subKind) {
                    case VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND, TEMP_VAR_EXPRESSION_SUBKIND -> value;
                    default -> null;
                };
            }
            for (SnippetEvent event : events) {
                if (event.causeSnippet() != null) {
                    continue;
                }
                JShellException exception = event.exception();
                if (exception != null) {
                    throw exceptionFailure(event.snippet(), exception);
                }
                if (!event.status().isDefined()) {
                    throw compileFailure(event.snippet());
                }
                if (event.snippet() instanceof DeclarationSnippet) {
                    declared.add(event.snippet());
                }
            }
        } finally {
            control.clearResults();
        }
        return result;
    }

    private void checkResolved(List<Snippet> declared) throws CellException {
        for (Snippet snippet : declared) {
            Snippet.Status status = shell.status(snippet);
            if (status == Snippet.Status.RECOVERABLE_DEFINED || status == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                String missing = shell.unresolvedDependencies((DeclarationSnippet) snippet)
                        .collect(Collectors.joining(", "));
                throw new CellException(CellException.Kind.COMPILE_ERROR, "Declaration "
                        + abbreviate(snippet.source().strip()) + " has unresolved references at the end of the cell: "
                        + missing);
            }
        }
    }

    private CellException compileFailure(Snippet snippet) {
        String source = snippet.source().strip();
        List<String> lines = new ArrayList<>();
        for (Diag diag : shell.diagnostics(snippet).toList()) {
            if (!diag.isError()) {
                continue;
            }
            String where = diag.getStartPosition() >= 0 ? " at " + position(snippet.source(), (int) diag.getStartPosition()) : "";
            lines.add("error" + where + ": " + diag.getMessage(Locale.ROOT).lines()
                    .filter(l -> !l.strip().startsWith("location:"))
                    .collect(Collectors.joining(" ")).replaceAll("\\s+", " ").strip());
        }
        if (snippet instanceof DeclarationSnippet declaration) {
            String missing = shell.unresolvedDependencies(declaration).collect(Collectors.joining(", "));
            if (!missing.isEmpty()) {
                lines.add("unresolved: " + missing);
            }
        }
        if (lines.isEmpty()) {
            lines.add("snippet rejected with status " + shell.status(snippet));
        }
        String message = "Compile error in " + abbreviate(source) + ": " + String.join("; ", lines);
        List<String> traceback = new ArrayList<>(source.lines().toList());
        traceback.addAll(lines);
        return new CellException(CellException.Kind.COMPILE_ERROR, message, null, traceback, null);
    }

    private static CellException exceptionFailure(Snippet snippet, JShellException exception) {
        List<String> traceback = new ArrayList<>();
        String className;
        String detail;
        if (exception instanceof EvalException eval) {
            className = eval.getExceptionClassName();
            detail = eval.getMessage();
        } else if (exception instanceof UnresolvedReferenceException unresolved) {
            className = "UnresolvedReferenceException";
            detail = "unresolved reference in " + abbreviate(unresolved.getSnippet().source().strip());
        } else {
            className = exception.getClass().getName();
            detail = exception.getMessage();
        }
        traceback.add(className + (detail == null ? "" : ": " + detail));
        Throwable cause = exception;
        while (cause != null) {
            if (cause != exception) {
                String name = cause instanceof EvalException e ? e.getExceptionClassName() : cause.getClass().getName();
                traceback.add("Caused by: " + name + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            }
            for (StackTraceElement element : cause.getStackTrace()) {
                traceback.add("\tat " + element);
            }
            cause = cause.getCause();
        }
        String message = className + (detail == null ? "" : ": " + detail) + " in " + abbreviate(snippet.source().strip());
        return new CellException(CellException.Kind.EXCEPTION, message, className, traceback, exception);
    }

    private void applyMagic(LineMagic magic) throws CellException {
        boolean jarsOnly = switch (magic.name()) {
            case "jars" -> true;
            case "classpath" -> false;
            default -> throw new CellException(CellException.Kind.MAGIC, "Line magic %" + magic.name()
                    + " is not supported by the notebook runner; it supports %jars and %classpath"
                    + " (no downloads, so no %maven)");
        };
        if (magic.args().isEmpty()) {
            throw new CellException(CellException.Kind.MAGIC, "%" + magic.name() + " needs at least one path");
        }
        for (String pattern : magic.args()) {
            List<Path> matches = resolve(pattern, jarsOnly);
            if (matches.isEmpty()) {
                throw new CellException(CellException.Kind.MAGIC, "%" + magic.name() + " " + pattern
                        + ": no " + (jarsOnly ? "jar" : "file or folder") + " matches (resolved against "
                        + workingDirectory + "); build the shaded jar with 'mvn package' first");
            }
            for (Path path : matches) {
                String absolute = path.toString();
                shell.addToClasspath(absolute);
                classPath.add(absolute);
            }
        }
    }

    private List<Path> resolve(String pattern, boolean jarsOnly) throws CellException {
        Path path = workingDirectory.resolve(pattern).normalize();
        String fileName = path.getFileName() == null ? "" : path.getFileName().toString();
        List<Path> matches = new ArrayList<>();
        if (fileName.contains("*") || fileName.contains("?") || fileName.contains("[")) {
            Path folder = path.getParent();
            if (folder != null && Files.isDirectory(folder)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, fileName)) {
                    entries.forEach(matches::add);
                } catch (IOException e) {
                    throw new CellException(CellException.Kind.MAGIC, "Listing " + folder + " failed: " + e.getMessage());
                }
            }
        } else if (Files.exists(path)) {
            matches.add(path);
        }
        matches.removeIf(p -> jarsOnly && !(Files.isRegularFile(p) && p.toString().endsWith(".jar")));
        matches.sort(null);
        return matches;
    }

    private static String position(String source, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return "line " + line + ", column " + column;
    }

    private static String abbreviate(String source) {
        String oneLine = source.replaceAll("\\s+", " ");
        return "'" + (oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...") + "'";
    }

    /** Closes the JShell session. */
    @Override
    public void close() {
        shell.close();
        try {
            Files.deleteIfExists(emptyClassPath);
        } catch (IOException e) {
            // A leftover empty temporary folder is harmless.
        }
    }

    /** Returns the JShell class path separator-joined, for messages. */
    String classPathString() {
        return String.join(File.pathSeparator, classPath);
    }
}
