package io.github.archmodels.notebook;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads and writes {@code .ipynb} files (nbformat 4) as Jackson trees, in the layout Jupyter
 * itself writes: keys sorted, one-blank indentation, multi-line strings as lists of lines.
 */
final class NotebookJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private NotebookJson() {
    }

    static ObjectNode read(Path file) throws IOException {
        JsonNode node;
        try {
            node = MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not a valid JSON notebook: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode notebook) || !notebook.path("cells").isArray()) {
            throw new IOException(file + ": not a notebook (expected a JSON object with a 'cells' array)");
        }
        int major = notebook.path("nbformat").asInt(-1);
        if (major != 4) {
            throw new IOException(file + ": nbformat " + major + " is not supported; save the notebook as nbformat 4");
        }
        return notebook;
    }

    static void write(ObjectNode notebook, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String json = MAPPER.writer(new JupyterPrettyPrinter()).writeValueAsString(sorted(notebook));
        Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
    }

    /** Joins a multi-line string field, stored as a string or a list of strings. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder();
            node.forEach(line -> sb.append(line.asText()));
            return sb.toString();
        }
        return node.asText();
    }

    /** Splits {@code text} into lines that keep their line ends, as nbformat stores multi-line strings. */
    static ArrayNode lines(String text) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                array.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            array.add(text.substring(start));
        }
        return array;
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = object.fieldNames();
            it.forEachRemaining(names::add);
            names.sort(null);
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                copy.set(name, sorted(object.get(name)));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            array.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    /** Pretty printer matching Python's {@code json.dumps(indent=1)}: {@code "key": value}, empty {@code []}. */
    private static final class JupyterPrettyPrinter extends DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        JupyterPrettyPrinter() {
            super(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
            DefaultIndenter indenter = new DefaultIndenter(" ", "\n");
            indentObjectsWith(indenter);
            indentArraysWith(indenter);
        }

        JupyterPrettyPrinter(JupyterPrettyPrinter base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new JupyterPrettyPrinter(this);
        }

        @Override
        public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
            if (nrOfEntries == 0) {
                _nesting--;
                g.writeRaw('}');
                return;
            }
            super.writeEndObject(g, nrOfEntries);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            if (nrOfValues == 0) {
                _nesting--;
                g.writeRaw(']');
                return;
            }
            super.writeEndArray(g, nrOfValues);
        }
    }
}
