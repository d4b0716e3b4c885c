package io.github.archmodels.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every {@code jshell>} line of README's "Notebooks and JShell" section, in the real
 * {@code jshell} tool with archmodels.jsh (comparing the printed value with the README's
 * {@code ==>} line) and through the JShell API with IJava's semantics as the notebooks are run.
 */
class ReadmeJShellIT {

    private static final String SECTION = "## Notebooks and JShell";
    private static final Pattern JSHELL_COMMAND = Pattern.compile("jshell --class-path (\\S+) archmodels\\.jsh");
    private static final String MARKER = "@@one-liner ";

    /** A README one-liner and the value README shows for it, or null if it shows none. */
    record OneLiner(String code, String expectedValue) {
    }

    private static String section;
    private static List<OneLiner> oneLiners;

    @BeforeAll
    static void readReadme() throws Exception {
        String readme = Files.readString(ProjectFiles.root().resolve("README.md"));
        int start = readme.indexOf("\n" + SECTION + "\n");
        assertTrue(start >= 0, "README.md has no '" + SECTION + "' section");
        int end = readme.indexOf("\n## ", start + SECTION.length() + 1);
        section = end < 0 ? readme.substring(start) : readme.substring(start, end);

        oneLiners = new ArrayList<>();
        List<String> lines = section.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("jshell> ")) {
                continue;
            }
            String expected = null;
            if (i + 1 < lines.size()) {
                Matcher m = Pattern.compile("^\\$\\d+ ==> (.*)$").matcher(lines.get(i + 1));
                if (m.matches()) {
                    expected = m.group(1);
                }
            }
            oneLiners.add(new OneLiner(line.substring("jshell> ".length()).strip(), expected));
        }
        assertFalse(oneLiners.isEmpty(), "no 'jshell>' lines in README's " + SECTION + " section");
    }

    @Test
    void readmeCommandUsesShadedJarAndScript() {
        Matcher m = JSHELL_COMMAND.matcher(section);

        assertTrue(m.find(), "README section lacks 'jshell --class-path <jar> archmodels.jsh'");
        assertEquals("target/" + ProjectFiles.SHADED_JAR_NAME, m.group(1));
        assertTrue(Files.isRegularFile(ProjectFiles.root().resolve("archmodels.jsh")));
    }

    @Test
    void scriptImportsEveryModelPackage() throws Exception {
        Set<String> packages = new TreeSet<>();
        try (JarFile jar = new JarFile(ProjectFiles.shadedJar().toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                // Top-level model packages only (io.github.archmodels.X); subpackages such as an
                // autograd engine are imported explicitly where needed.
                if (name.startsWith("io/github/archmodels/") && name.endsWith(".class")
                        && name.chars().filter(c -> c == '/').count() == 4) {
                    packages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.'));
                }
            }
        }
        // The main job's package is for the command line, not for a session.
        packages.remove("io.github.archmodels.report");
        List<String> imports = Files.readAllLines(ProjectFiles.root().resolve("archmodels.jsh")).stream()
                .map(String::strip).filter(l -> l.startsWith("import ")).toList();

        for (String pkg : packages) {
            assertTrue(imports.contains("import " + pkg + ".*;"), "archmodels.jsh does not import " + pkg);
        }
    }

    @Test
    void oneLinersPrintReadmeValuesInJshell() throws Exception {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < oneLiners.size(); i++) {
            input.append("System.out.println(\"").append(MARKER).append(i).append("\")\n");
            input.append(oneLiners.get(i).code()).append('\n');
        }
        input.append("/exit\n");

        ExternalTool.Run run = ExternalTool.run(ProjectFiles.root(), input.toString(), 180, ExternalTool.jshell(),
                "-q", "-R-Djava.awt.headless=true", "--class-path", ProjectFiles.shadedJar().toString(), "archmodels.jsh");

        String output = run.output();
        assertEquals(0, run.exitCode(), output);
        int first = output.indexOf(MARKER + 0);
        assertTrue(first >= 0, "jshell printed no marker:\n" + output);
        String startup = output.substring(0, first);
        assertFalse(startup.contains("Error"), "archmodels.jsh failed in jshell:\n" + startup);
        for (int i = 0; i < oneLiners.size(); i++) {
            int from = output.indexOf(MARKER + i);
            int to = i + 1 < oneLiners.size() ? output.indexOf(MARKER + (i + 1)) : output.length();
            String segment = output.substring(from + (MARKER + i).length(), to);
            OneLiner oneLiner = oneLiners.get(i);
            assertFalse(segment.contains("Error") || segment.contains("Exception"),
                    "README one-liner failed in jshell: " + oneLiner.code() + "\n" + segment);
            Matcher value = Pattern.compile("\\$\\d+ ==> (.*)").matcher(segment);
            assertTrue(value.find(), "no value printed for " + oneLiner.code() + ":\n" + segment);
            if (oneLiner.expectedValue() != null) {
                assertEquals(oneLiner.expectedValue(), value.group(1).strip(), "value of " + oneLiner.code());
            }
        }
    }

    @Test
    void displaySupportIsNoOpInJshell() throws Exception {
        // Plain jshell has no basekernel: registering renderers and loading an HtmlSummary class
        // must do nothing and throw nothing.
        String input = String.join("\n",
                "KernelDisplay.install()",
                "record Mean(double value) implements HtmlSummary {}",
                "new Mean(2.5).toHtml()",
                "/exit", "");

        ExternalTool.Run run = ExternalTool.run(ProjectFiles.root(), input, 120, ExternalTool.jshell(),
                "-q", "-R-Djava.awt.headless=true", "--class-path", ProjectFiles.shadedJar().toString(), "archmodels.jsh");

        assertEquals(0, run.exitCode(), run.output());
        assertFalse(run.output().contains("Exception"), run.output());
        assertFalse(run.output().contains("Error"), run.output());
        assertTrue(run.output().contains("==> false"), run.output());
        assertTrue(run.output().contains("==> \"<pre>Mean[value=2.5]</pre>\""), run.output());
    }

    @Test
    void oneLinersRunWithNotebookSemantics() throws Exception {
        try (CellEvaluator evaluator = CellEvaluator.create(ProjectFiles.root())) {
            evaluator.evalCell("%jars " + ProjectFiles.shadedJar());
            evaluator.evalCell(Files.readString(ProjectFiles.root().resolve("archmodels.jsh")));
            for (OneLiner oneLiner : oneLiners) {
                Object value = evaluator.evalCell(oneLiner.code());

                assertNotNull(value, "no value: " + oneLiner.code());
                String text = String.valueOf(value);
                assertFalse(text.isBlank(), "blank toString: " + oneLiner.code());
                assertFalse(text.matches("(?s)[\\w.$]+@[0-9a-f]{4,}"), "no readable toString for " + oneLiner.code() + ": " + text);
            }
        }
    }
}
