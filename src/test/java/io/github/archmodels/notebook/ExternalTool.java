package io.github.archmodels.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the Debian tools the notebook checks use (python3 with nbformat, jupyter-nbconvert, jshell). */
final class ExternalTool {

    /** Output of a finished process. */
    record Run(int exitCode, String output) {
    }

    private ExternalTool() {
    }

    /**
     * Returns Debian's python3, which has the {@code python3-nbformat} package; a python3 earlier on
     * the PATH (a virtual environment, pyenv) may lack it.
     */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    static String nbconvert() {
        return Files.isExecutable(Path.of("/usr/bin/jupyter-nbconvert")) ? "/usr/bin/jupyter-nbconvert" : "jupyter-nbconvert";
    }

    static String jshell() {
        return Path.of(System.getProperty("java.home"), "bin", "jshell").toString();
    }

    /** Runs {@code command} in {@code directory} with {@code input} on standard input, within {@code timeoutSeconds}. */
    static Run run(Path directory, String input, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(directory.toFile()).redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("Could not start " + command[0] + " (" + e.getMessage() + "); on Debian install it with "
                    + "'apt-get install python3-nbformat jupyter-nbconvert', as .ci/run does", e);
        }
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append("[reading output failed: ").append(e).append(']');
            }
        });
        reader.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            reader.join(5_000);
            throw new IOException(String.join(" ", command) + " timed out after " + timeoutSeconds + " s; output so far:\n" + output);
        }
        reader.join();
        return new Run(process.exitValue(), output.toString());
    }

    /** Returns {@code args} prefixed with {@code first}, for building command lines. */
    static String[] command(String first, List<String> args) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(args);
        return all.toArray(String[]::new);
    }
}
