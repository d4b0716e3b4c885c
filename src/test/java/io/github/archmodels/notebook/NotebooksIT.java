package io.github.archmodels.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Executes every notebook in notebooks/ top to bottom, validates the sources and the executed
 * copies against the nbformat schema with Debian's python3-nbformat, and renders each executed
 * copy to HTML with jupyter-nbconvert.
 *
 * <p>With {@code -Dnotebooks.writeBack=true} the executed copies replace the sources once every
 * notebook has passed, so that the committed notebooks carry their outputs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotebooksIT {

    private static final Path NOTEBOOKS = ProjectFiles.root().resolve("notebooks");
    private static final Path EXECUTED = ProjectFiles.root().resolve("target/notebooks");
    private static final Path HTML = EXECUTED.resolve("html");

    private static List<Path> sources;
    private static List<NotebookRunner.Result> results;

    @BeforeAll
    static void listNotebooks() throws IOException {
        ProjectFiles.shadedJar();
        sources = NotebookRunner.notebooks(NOTEBOOKS);
        assertFalse(sources.isEmpty(), "no notebooks in " + NOTEBOOKS);
    }

    @Test
    @Order(1)
    void notebooksTargetIJavaAndLoadShadedJar() throws IOException {
        for (Path source : sources) {
            ObjectNode notebook = NotebookJson.read(source);
            JsonNode kernelspec = notebook.path("metadata").path("kernelspec");
            assertEquals("java", kernelspec.path("name").asText(), source + ": kernelspec name");
            assertEquals("java", kernelspec.path("language").asText(), source + ": kernelspec language");
            String firstCode = null;
            for (JsonNode cell : notebook.get("cells")) {
                if (cell.path("cell_type").asText().equals("code")) {
                    firstCode = NotebookJson.text(cell.get("source")).strip();
                    break;
                }
            }
            assertEquals("%jars ../target/" + ProjectFiles.SHADED_JAR_NAME, firstCode, source + ": first code cell");
        }
    }

    @Test
    @Order(2)
    void everyNotebookRuns() throws Exception {
        results = NotebookRunner.runAll(NOTEBOOKS, EXECUTED);

        assertEquals(sources.size(), results.size());
        double total = 0;
        for (NotebookRunner.Result r : results) {
            System.out.printf(Locale.ROOT, "notebook %-24s %3d code cells %6.1f s%n",
                    r.source().getFileName(), r.codeCells(), r.wallSeconds());
            total += r.wallSeconds();
        }
        System.out.printf(Locale.ROOT, "notebooks total %.1f s (per notebook in target/notebooks/timings.csv)%n", total);
        if (Boolean.getBoolean("notebooks.writeBack")) {
            NotebookRunner.writeBack(results);
        }
    }

    @Test
    @Order(3)
    void sourcesAndExecutedCopiesMatchSchema() throws Exception {
        List<String> files = new ArrayList<>();
        sources.forEach(p -> files.add(p.toString()));
        for (Path source : sources) {
            Path executed = EXECUTED.resolve(source.getFileName());
            assertTrue(Files.isRegularFile(executed), "executed copy missing: " + executed);
            files.add(executed.toString());
        }
        String script = String.join("\n",
                "import sys, nbformat",
                "bad = 0",
                "for path in sys.argv[1:]:",
                "    try:",
                "        nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)",
                "        nbformat.validate(nb)",
                "    except Exception as e:",
                "        bad += 1",
                "        print('INVALID', path, type(e).__name__, str(e)[:2000])",
                "print('nbformat', nbformat.__version__, 'checked', len(sys.argv) - 1, 'files')",
                "sys.exit(1 if bad else 0)");
        List<String> args = new ArrayList<>(List.of("-c", script));
        args.addAll(files);

        ExternalTool.Run run = ExternalTool.run(ProjectFiles.root(), null, 120, ExternalTool.command(ExternalTool.python(), args));

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("checked " + files.size() + " files"), run.output());
    }

    @Test
    @Order(4)
    void executedCopiesRenderToHtml() throws Exception {
        Files.createDirectories(HTML);
        for (Path source : sources) {
            Path executed = EXECUTED.resolve(source.getFileName());
            ExternalTool.Run run = ExternalTool.run(ProjectFiles.root(), null, 180, ExternalTool.nbconvert(),
                    "--to", "html", "--output-dir", HTML.toString(), executed.toString());
            String name = source.getFileName().toString().replace(".ipynb", ".html");
            Path html = HTML.resolve(name);
            if (run.exitCode() != 0 || !Files.isRegularFile(html)) {
                fail("jupyter-nbconvert failed for " + executed + " (exit " + run.exitCode() + "):\n" + run.output());
            }
            String page = Files.readString(html);
            String notebook = Files.readString(executed);
            if (notebook.contains("\"image/png\"")) {
                assertTrue(page.contains("data:image/png;base64,"), html + ": PNG output not rendered");
            }
            if (notebook.contains("archmodels-table")) {
                assertTrue(page.contains("archmodels-table"), html + ": HTML table output not rendered");
            }
        }
    }
}
