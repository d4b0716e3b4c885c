package io.github.archmodels.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.Gson;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Collects the outputs of the running notebook's cells in nbformat 4 form: {@code stream} text
 * from standard output and error in the order it was written, {@code display_data} from
 * {@code display(...)}, in-place updates of earlier displays, and the cell's
 * {@code execute_result} or {@code error}.
 */
final class CellOutputs implements NotebookKernel.DisplaySink {

    private static final Gson GSON = new Gson();

    private ArrayNode current = JsonNodeFactory.instance.arrayNode();
    private final Map<String, List<ObjectNode>> displays = new HashMap<>();
    private String pendingStream;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** Starts collecting for a new cell and returns that cell's output list. */
    synchronized ArrayNode startCell() {
        flushStream();
        current = JsonNodeFactory.instance.arrayNode();
        return current;
    }

    /** Returns a stream that appends to the {@code stdout} or {@code stderr} output of the cell. */
    PrintStream stream(String name) {
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (CellOutputs.this) {
                    if (!name.equals(pendingStream)) {
                        flushStream();
                        pendingStream = name;
                    }
                    pending.write(bytes, offset, length);
                }
            }
        };
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void display(DisplayData data) {
        flushStream();
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("output_type", "display_data");
        putData(output, data);
        current.add(output);
        if (data.hasDisplayId()) {
            displays.computeIfAbsent(data.getDisplayId(), id -> new ArrayList<>()).add(output);
        }
    }

    @Override
    public synchronized void update(String displayId, DisplayData data) {
        for (ObjectNode output : displays.getOrDefault(displayId, List.of())) {
            putData(output, data);
        }
    }

    synchronized void result(DisplayData data, int executionCount) {
        flushStream();
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("output_type", "execute_result");
        output.put("execution_count", executionCount);
        putData(output, data);
        current.add(output);
    }

    synchronized void error(CellException failure) {
        flushStream();
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("output_type", "error");
        output.put("ename", failure.errorName());
        output.put("evalue", failure.getMessage());
        ArrayNode traceback = output.putArray("traceback");
        failure.traceback().forEach(traceback::add);
        current.add(output);
    }

    /** Ends the cell: writes out buffered stream text. */
    synchronized void finishCell() {
        flushStream();
    }

    private void flushStream() {
        if (pendingStream == null || pending.size() == 0) {
            return;
        }
        String text = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        JsonNode last = current.size() > 0 ? current.get(current.size() - 1) : null;
        if (last instanceof ObjectNode lastOutput && "stream".equals(lastOutput.path("output_type").asText())
                && pendingStream.equals(lastOutput.path("name").asText())) {
            String joined = NotebookJson.text(lastOutput.get("text")) + text;
            lastOutput.set("text", NotebookJson.lines(joined));
            return;
        }
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("output_type", "stream");
        output.put("name", pendingStream);
        output.set("text", NotebookJson.lines(text));
        current.add(output);
    }

    /**
     * Copies the MIME bundle and metadata of {@code data} into {@code output}. The basekernel keeps
     * them in private fields and serializes them with Gson for its Jupyter messages, so this does
     * the same.
     */
    private static void putData(ObjectNode output, DisplayData data) {
        JsonNode message;
        try {
            message = NotebookJson.MAPPER.readTree(GSON.toJson(data));
        } catch (IOException e) {
            throw new UncheckedIOException("Display data could not be converted to JSON", e);
        }
        ObjectNode bundle = JsonNodeFactory.instance.objectNode();
        JsonNode mimeData = message.path("data");
        Iterator<Map.Entry<String, JsonNode>> fields = mimeData.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String mime = field.getKey();
            JsonNode value = field.getValue();
            boolean multiline = mime.startsWith("text/") || mime.equals("image/svg+xml");
            bundle.set(mime, multiline && value.isTextual() ? NotebookJson.lines(value.asText()) : value);
        }
        output.set("data", bundle);
        JsonNode metadata = message.path("metadata");
        output.set("metadata", metadata.isObject() ? metadata : JsonNodeFactory.instance.objectNode());
    }
}
