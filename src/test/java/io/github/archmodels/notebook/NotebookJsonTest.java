package io.github.archmodels.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookJsonTest {

    @TempDir
    Path folder;

    @Test
    void linesKeepLineEnds() {
        assertEquals("[\"a\\n\",\"b\\n\",\"c\"]", NotebookJson.lines("a\nb\nc").toString());
        assertEquals("[]", NotebookJson.lines("").toString());
    }

    @Test
    void textJoinsListsAndStrings() throws IOException {
        assertEquals("a\nb", NotebookJson.text(NotebookJson.MAPPER.readTree("[\"a\\n\", \"b\"]")));
        assertEquals("x", NotebookJson.text(NotebookJson.MAPPER.readTree("\"x\"")));
    }

    @Test
    void writesJupyterLayout() throws IOException {
        ObjectNode notebook = (ObjectNode) NotebookJson.MAPPER.readTree(
                "{\"nbformat\": 4, \"cells\": [], \"metadata\": {\"b\": 1, \"a\": [1]}, \"nbformat_minor\": 4}");
        Path file = folder.resolve("out.ipynb");

        NotebookJson.write(notebook, file);

        String expected = """
                {
                 "cells": [],
                 "metadata": {
                  "a": [
                   1
                  ],
                  "b": 1
                 },
                 "nbformat": 4,
                 "nbformat_minor": 4
                }
                """;
        assertEquals(expected, Files.readString(file));
    }

    @Test
    void rejectsOldFormatNamingFile() throws IOException {
        Path file = folder.resolve("old.ipynb");
        Files.writeString(file, "{\"nbformat\": 3, \"cells\": []}");

        IOException e = assertThrows(IOException.class, () -> NotebookJson.read(file));

        assertTrue(e.getMessage().contains("old.ipynb"), e.getMessage());
        assertTrue(e.getMessage().contains("nbformat 3"), e.getMessage());
    }

    @Test
    void rejectsInvalidJsonNamingFile() throws IOException {
        Path file = folder.resolve("broken.ipynb");
        Files.writeString(file, "{\"cells\": [");

        IOException e = assertThrows(IOException.class, () -> NotebookJson.read(file));

        assertTrue(e.getMessage().contains("broken.ipynb"), e.getMessage());
    }
}
