package io.github.archmodels.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes Jupyter notebooks for the IJava kernel top to bottom without a Jupyter server, and
 * writes the executed copies with their outputs.
 *
 * <p>Each notebook runs in a fresh JVM started in the notebook's folder, as Jupyter starts a
 * kernel, with its own {@link NotebookKernel} and JShell session; code cells run in order with
 * IJava's semantics (see {@link CellEvaluator}). The executed copy has, per code cell, the
 * {@code stream}, {@code display_data} and {@code execute_result} outputs that Jupyter would
 * record, with results rendered by the basekernel renderer (text/plain, text/html, image/png as
 * base64, ...). The first failing cell stops the notebook: its copy is written with an
 * {@code error} output and the run throws a {@link NotebookException} naming the notebook, the cell
 * and the cause.
 *
 * <p>Command line: {@code NotebookRunner [--write-back] [notebookDir [outputDir]]}, defaults
 * {@code notebooks} and {@code target/notebooks}. With {@code --write-back}, once every notebook
 * has passed, the executed copies replace the sources so that they are committed with outputs.
 */
public final class NotebookRunner {

    private static final Logger LOG = LoggerFactory.getLogger(NotebookRunner.class);

    /** Maximum time one notebook may run, in seconds, JVM start included. */
    public static final long TIMEOUT_SECONDS = 600;

    /** System property with the notebook JVM's maximum heap, in {@code -Xmx} syntax. */
    public static final String HEAP_PROPERTY = "notebooks.heap";

    /** Maximum heap of a notebook JVM unless {@value #HEAP_PROPERTY} sets another. */
    public static final String DEFAULT_HEAP = "3g";

    private static final String CHILD_OPTION = "--run-one";

    /** Outcome of one executed notebook. */
    public record Result(Path source, Path executed, int codeCells, double wallSeconds) {
    }

    private NotebookRunner() {
    }

    /** Returns the {@code .ipynb} files in {@code folder}, sorted by name. */
    public static List<Path> notebooks(Path folder) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.ipynb")) {
            entries.forEach(found::add);
        }
        found.sort(null);
        return found;
    }

    /**
     * Executes {@code notebook} in a new JVM whose working directory is the notebook's folder, as
     * Jupyter starts a kernel, and writes the executed copy under {@code outputDir} with the same
     * file name. Relative paths in cells (for example {@code ../data/speedup/...}) therefore
     * resolve as they do in IJava. The JVM gets this JVM's class path, headless AWT and a maximum
     * heap of {@value #DEFAULT_HEAP} (system property {@value #HEAP_PROPERTY} sets another); the
     * reported wall time includes its start.
     *
     * @throws NotebookException if a cell fails; the executed copy is written first
     * @throws IOException       if the notebook cannot be read, the copy cannot be written, or the
     *                           JVM fails or runs longer than {@value #TIMEOUT_SECONDS} s
     */
    public static Result run(Path notebook, Path outputDir) throws IOException, NotebookException {
        Path source = notebook.toAbsolutePath().normalize();
        Path out = outputDir.toAbsolutePath().normalize();
        Files.createDirectories(out);
        String name = source.getFileName().toString();
        Path resultFile = out.resolve(name + ".result.json");
        Files.deleteIfExists(resultFile);
        Path log = out.resolve(name + ".log");

        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + System.getProperty(HEAP_PROPERTY, DEFAULT_HEAP), "-Djava.awt.headless=true",
                "-cp", absoluteClassPath(),
                NotebookRunner.class.getName(), CHILD_OPTION, source.toString(), out.toString());
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .directory(source.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(name + ": still running after " + TIMEOUT_SECONDS + " s; stopped. Output in " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(name + ": interrupted while running", e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!Files.isRegularFile(resultFile)) {
            throw new IOException(name + ": the notebook JVM exited with code " + process.exitValue()
                    + " without a result. Output:\n" + Files.readString(log));
        }
        JsonNode result = NotebookJson.MAPPER.readTree(resultFile.toFile());
        if (result.path("failed").asBoolean()) {
            CellException cause = new CellException(CellException.Kind.valueOf(result.path("kind").asText()),
                    result.path("message").asText(), result.path("errorName").asText(null), List.of(), null);
            throw new NotebookException(name, result.path("cell").asInt(), cause);
        }
        LOG.info("{}: {} code cells in {} s", name, result.path("codeCells").asInt(), String.format(Locale.ROOT, "%.1f", seconds));
        return new Result(notebook, out.resolve(name), result.path("codeCells").asInt(), seconds);
    }

    /** Returns this JVM's class path with every entry made absolute, for a JVM in another folder. */
    private static String absoluteClassPath() {
        StringBuilder sb = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(java.io.File.pathSeparatorChar);
            }
            sb.append(Path.of(entry).toAbsolutePath());
        }
        return sb.toString();
    }

    /** Runs the notebook in this JVM and records the outcome for the parent {@link #run}. */
    private static void runAsChild(Path notebook, Path outputDir) throws IOException {
        ObjectNode outcome = JsonNodeFactory.instance.objectNode();
        try {
            Result result = runInThisJvm(notebook, outputDir);
            outcome.put("failed", false);
            outcome.put("codeCells", result.codeCells());
        } catch (NotebookException e) {
            outcome.put("failed", true);
            outcome.put("cell", e.cellNumber());
            outcome.put("kind", e.cellFailure().kind().name());
            outcome.put("errorName", e.cellFailure().errorName());
            outcome.put("message", e.cellFailure().getMessage());
        }
        Path resultFile = outputDir.resolve(notebook.getFileName() + ".result.json");
        Files.writeString(resultFile, NotebookJson.MAPPER.writeValueAsString(outcome));
    }

    /**
     * Executes {@code notebook} in this JVM; relative paths in cells resolve against this JVM's
     * working directory, not the notebook's folder.
     */
    static Result runInThisJvm(Path notebook, Path outputDir) throws IOException, NotebookException {
        ObjectNode document = NotebookJson.read(notebook);
        String name = notebook.getFileName().toString();
        Path executed = outputDir.resolve(name);
        Path folder = notebook.toAbsolutePath().getParent();

        long start = System.nanoTime();
        CellOutputs outputs = new CellOutputs();
        NotebookKernel kernel = new NotebookKernel(CellEvaluator.create(folder));
        kernel.setDisplaySink(outputs);
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        int executionCount = 0;
        int codeCells = 0;
        NotebookException failure = null;
        try {
            kernel.activate();
            ArrayNode cells = (ArrayNode) document.get("cells");
            for (int i = 0; i < cells.size(); i++) {
                JsonNode cell = cells.get(i);
                if (!"code".equals(cell.path("cell_type").asText())) {
                    continue;
                }
                ObjectNode codeCell = (ObjectNode) cell;
                if (failure != null) {
                    codeCell.putNull("execution_count");
                    codeCell.set("outputs", JsonNodeFactory.instance.arrayNode());
                    continue;
                }
                codeCells++;
                executionCount++;
                codeCell.put("execution_count", executionCount);
                codeCell.set("outputs", outputs.startCell());
                String source = NotebookJson.text(cell.get("source"));
                System.setOut(outputs.stream("stdout"));
                System.setErr(outputs.stream("stderr"));
                try {
                    DisplayData result = kernel.eval(source);
                    System.out.flush();
                    System.err.flush();
                    if (result != null) {
                        outputs.result(result, executionCount);
                    }
                } catch (CellException e) {
                    outputs.error(e);
                    failure = new NotebookException(name, i + 1, e);
                } catch (Exception e) {
                    CellException wrapped = new CellException(CellException.Kind.EXCEPTION,
                            "Rendering the cell's result failed: " + e, e.getClass().getName(), List.of(e.toString()), e);
                    outputs.error(wrapped);
                    failure = new NotebookException(name, i + 1, wrapped);
                } finally {
                    System.setOut(stdout);
                    System.setErr(stderr);
                    outputs.finishCell();
                }
            }
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            kernel.deactivate();
            kernel.onShutdown(false);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        NotebookJson.write(document, executed);
        if (failure != null) {
            throw failure;
        }
        return new Result(notebook, executed, codeCells, seconds);
    }

    /**
     * Executes every notebook in {@code notebookDir}, writes the executed copies and a
     * {@code timings.csv} (notebook, code cells, wall seconds) under {@code outputDir}.
     *
     * @throws NotebookException for the first failing notebook, after all notebooks ran; the
     *                           others' failures are attached as suppressed exceptions
     */
    public static List<Result> runAll(Path notebookDir, Path outputDir) throws IOException, NotebookException {
        List<Result> results = new ArrayList<>();
        NotebookException first = null;
        for (Path notebook : notebooks(notebookDir)) {
            try {
                results.add(run(notebook, outputDir));
            } catch (NotebookException e) {
                LOG.error("{}", e.getMessage());
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        StringBuilder csv = new StringBuilder("notebook,code_cells,wall_seconds\n");
        double total = 0;
        for (Result r : results) {
            csv.append(r.source().getFileName()).append(',').append(r.codeCells()).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", r.wallSeconds())).append('\n');
            total += r.wallSeconds();
        }
        csv.append("total,").append(results.stream().mapToInt(Result::codeCells).sum()).append(',')
                .append(String.format(Locale.ROOT, "%.2f", total)).append('\n');
        Files.createDirectories(outputDir);
        Files.writeString(outputDir.resolve("timings.csv"), csv.toString());
        if (first != null) {
            throw first;
        }
        return results;
    }

    /** Copies each executed notebook over its source, so the sources carry the outputs. */
    public static void writeBack(List<Result> results) throws IOException {
        for (Result r : results) {
            Files.copy(r.executed(), r.source(), StandardCopyOption.REPLACE_EXISTING);
            LOG.info("Wrote outputs back to {}", r.source());
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals(CHILD_OPTION)) {
            runAsChild(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        List<String> positional = new ArrayList<>();
        boolean writeBack = false;
        for (String arg : args) {
            if (arg.equals("--write-back")) {
                writeBack = true;
            } else if (arg.startsWith("--")) {
                System.err.println("Unknown option " + arg + ". Usage: NotebookRunner [--write-back] [notebookDir [outputDir]]");
                System.exit(2);
            } else {
                positional.add(arg);
            }
        }
        Path notebookDir = Path.of(positional.size() > 0 ? positional.get(0) : "notebooks");
        Path outputDir = Path.of(positional.size() > 1 ? positional.get(1) : "target/notebooks");
        try {
            List<Result> results = runAll(notebookDir, outputDir);
            for (Result r : results) {
                System.out.printf(Locale.ROOT, "%-28s %3d code cells %7.1f s%n", r.source().getFileName(),
                        r.codeCells(), r.wallSeconds());
            }
            System.out.printf(Locale.ROOT, "%-28s %3d code cells %7.1f s%n", "total",
                    results.stream().mapToInt(Result::codeCells).sum(),
                    results.stream().mapToDouble(Result::wallSeconds).sum());
            if (writeBack) {
                writeBack(results);
            }
        } catch (NotebookException e) {
            System.err.println("Notebook failed: " + e.getMessage());
            System.err.println("The executed copy with the error output is in " + outputDir.resolve(e.notebook()));
            System.exit(1);
        }
    }
}
