package io.github.archmodels.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the fixture notebooks under src/test/resources/notebooks: one that uses every kind of
 * output, and broken ones that must fail with the notebook, the cell and the cause.
 */
class NotebookRunnerIT {

    private static final Path FIXTURES = ProjectFiles.root().resolve("target/test-classes/notebooks");
    private static final Path OUTPUT = ProjectFiles.root().resolve("target/notebook-fixtures");

    @BeforeAll
    static void requireJar() {
        // The fixtures load the jar with %jars ../../archmodels-*-all.jar, relative to FIXTURES.
        ProjectFiles.shadedJar();
    }

    private static List<JsonNode> codeCells(Path executed) throws IOException {
        List<JsonNode> cells = new ArrayList<>();
        for (JsonNode cell : NotebookJson.read(executed).get("cells")) {
            if (cell.path("cell_type").asText().equals("code")) {
                cells.add(cell);
            }
        }
        return cells;
    }

    private static JsonNode output(JsonNode cell, String type) {
        for (JsonNode output : cell.get("outputs")) {
            if (output.path("output_type").asText().equals(type)) {
                return output;
            }
        }
        throw new AssertionError("no " + type + " output in cell " + cell);
    }

    @Test
    void richDisplayFixtureRecordsEveryOutputKind() throws Exception {
        NotebookRunner.Result result = NotebookRunner.run(FIXTURES.resolve("rich-display.ipynb"), OUTPUT);

        assertEquals(13, result.codeCells());
        List<JsonNode> cells = codeCells(result.executed());
        assertEquals(0, cells.get(0).get("outputs").size(), "%jars has no output");
        assertEquals(1, cells.get(0).get("execution_count").asInt());

        JsonNode point = output(cells.get(2), "execute_result");
        assertEquals("<b>x = 2.5</b>", NotebookJson.text(point.get("data").get("text/html")));
        assertEquals("Point[x=2.5]", NotebookJson.text(point.get("data").get("text/plain")));

        JsonNode streams = cells.get(3).get("outputs");
        assertEquals("stdout", streams.get(0).get("name").asText());
        assertEquals("to stdout\n", NotebookJson.text(streams.get(0).get("text")));
        assertEquals("stderr", streams.get(1).get("name").asText());
        assertEquals("to stderr\n", NotebookJson.text(streams.get(1).get("text")));
        assertEquals("3", NotebookJson.text(output(cells.get(3), "execute_result").get("data").get("text/plain")));

        String tableHtml = NotebookJson.text(output(cells.get(4), "execute_result").get("data").get("text/html"));
        assertTrue(tableHtml.startsWith("<table class=\"archmodels-table\">"), tableHtml);
        assertTrue(tableHtml.contains("a&lt;b"), tableHtml);

        JsonNode chartDisplay = output(cells.get(5), "display_data");
        byte[] png = Base64.getDecoder().decode(chartDisplay.get("data").get("image/png").asText());
        assertEquals('P', png[1]);
        assertEquals(2, cells.get(5).get("outputs").size(), "display(chart) then the chart as the cell value");

        JsonNode svg = output(cells.get(6), "display_data").get("data");
        assertTrue(NotebookJson.text(svg.get("image/svg+xml")).contains("<svg"));
        assertFalse(svg.has("image/png"));

        JsonNode progressCell = cells.get(7);
        assertEquals(1, progressCell.get("outputs").size(), "progress updates one display in place");
        String progressHtml = NotebookJson.text(output(progressCell, "display_data").get("data").get("text/html"));
        assertTrue(progressHtml.contains("value=\"4\" max=\"4\""), progressHtml);

        JsonNode rendered = output(cells.get(8), "execute_result").get("data");
        assertTrue(rendered.has("text/plain"), "render(t, \"text/plain\") is the cell value: " + rendered);
        assertFalse(rendered.has("text/html"), "only the requested type: " + rendered);

        JsonNode updated = output(cells.get(9), "display_data").get("data");
        assertEquals("second", NotebookJson.text(updated.get("text/plain")), "updateDisplay replaces the earlier output");
        assertEquals(0, cells.get(10).get("outputs").size(), "updateDisplay adds no output of its own");

        assertEquals(0, cells.get(11).get("outputs").size(), "a declaration has no value");
        assertEquals("42", NotebookJson.text(output(cells.get(12), "execute_result").get("data").get("text/plain")));
        assertTrue(result.wallSeconds() > 0);
    }

    @ParameterizedTest(name = "{0} fails at cell {1}")
    @CsvSource(delimiter = '|', value = {
        "throws.ipynb        | 4 | EXCEPTION     | deliberate failure in fixture",
        "compile-error.ipynb | 2 | COMPILE_ERROR | int cannot be dereferenced",
        "unknown-magic.ipynb | 1 | MAGIC         | %maven",
        "missing-jars.ipynb  | 2 | COMPILE_ERROR | package tech.tablesaw.api does not exist",
        "incomplete.ipynb    | 1 | INCOMPLETE    | Incomplete source",
    })
    void brokenNotebookFails(String name, int cell, CellException.Kind kind, String reason) throws IOException {
        NotebookException e = assertThrows(NotebookException.class, () -> NotebookRunner.run(FIXTURES.resolve(name), OUTPUT));

        assertEquals(name, e.notebook());
        assertEquals(cell, e.cellNumber());
        assertEquals(kind, e.cellFailure().kind());
        assertTrue(e.getMessage().startsWith(name + ", cell " + cell + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());

        JsonNode failed = NotebookJson.read(OUTPUT.resolve(name)).get("cells").get(cell - 1);
        JsonNode error = output(failed, "error");
        assertTrue(error.get("evalue").asText().contains(reason), error.toString());
    }

    @Test
    void cellsAfterFailureAreNotRun() throws IOException {
        assertThrows(NotebookException.class, () -> NotebookRunner.run(FIXTURES.resolve("throws.ipynb"), OUTPUT));

        List<JsonNode> cells = codeCells(OUTPUT.resolve("throws.ipynb"));
        assertEquals("2", NotebookJson.text(output(cells.get(1), "execute_result").get("data").get("text/plain")));
        assertEquals("java.lang.IllegalStateException", output(cells.get(2), "error").get("ename").asText());
        assertTrue(cells.get(3).get("execution_count").isNull());
        assertEquals(0, cells.get(3).get("outputs").size());
    }

    @Test
    void runAllReportsEveryFailure() throws IOException {
        Path folder = ProjectFiles.root().resolve("target/notebook-fixtures-all");
        NotebookException e = assertThrows(NotebookException.class, () -> NotebookRunner.runAll(FIXTURES, folder));

        // Five broken fixtures: the first in name order is thrown, the other four are suppressed.
        assertEquals("compile-error.ipynb", e.notebook());
        assertEquals(4, e.getSuppressed().length);
        String timings = Files.readString(folder.resolve("timings.csv"));
        assertTrue(timings.contains("rich-display.ipynb,13,"), timings);
        assertNotNull(NotebookJson.read(folder.resolve("rich-display.ipynb")));
    }
}
