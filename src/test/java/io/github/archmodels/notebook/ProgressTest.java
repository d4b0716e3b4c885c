package io.github.archmodels.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void terminalLineEndsWithFinalState() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        try (Progress progress = Progress.onTerminal("fit", 4, terminal)) {
            for (int i = 0; i < 4; i++) {
                progress.step();
            }
        }

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("\rfit: 0/4 (0%)"), out);
        String lastLine = out.substring(out.lastIndexOf('\r') + 1);
        assertTrue(lastLine.startsWith("fit: 4/4 (100%), "), lastLine);
        assertTrue(lastLine.endsWith(" s" + System.lineSeparator()), lastLine);
    }

    @Test
    void closeTwiceShowsFinalStateOnce() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = Progress.onTerminal("x", 1, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        progress.step();
        progress.close();
        progress.close();

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.split(System.lineSeparator(), -1).length - 1, out);
    }

    @Test
    void parallelStepsAreAllCounted() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress progress = Progress.onTerminal("par", 10_000, new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            IntStream.range(0, 10_000).parallel().forEach(i -> progress.step());

            assertEquals(10_000, progress.done());
        }
    }

    @Test
    void textCapsAtTotal() {
        Progress progress = Progress.onTerminal("over", 2, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        progress.advance(5);

        assertTrue(progress.text().startsWith("over: 2/2 (100%)"), progress.text());
    }

    @Test
    void rejectsZeroTotal() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Progress.start("none", 0));

        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }

    @Test
    void rejectsNegativeSteps() {
        Progress progress = Progress.onTerminal("neg", 2, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> progress.advance(-1));

        assertTrue(e.getMessage().contains("got -1"), e.getMessage());
    }
}
