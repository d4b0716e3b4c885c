package io.github.archmodels.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineMagicTest {

    @Test
    void parsesNameAndArguments() {
        LineMagic magic = LineMagic.parse("  %jars ../target/a.jar lib/*.jar");

        assertEquals("jars", magic.name());
        assertEquals(List.of("../target/a.jar", "lib/*.jar"), magic.args());
    }

    @Test
    void quotedArgumentKeepsBlanks() {
        LineMagic magic = LineMagic.parse("%classpath \"my dir/classes\" 'x y.jar'");

        assertEquals(List.of("my dir/classes", "x y.jar"), magic.args());
    }

    @Test
    void javaLinesAreNotMagics() {
        assertNull(LineMagic.parse("int x = 5 % 2;"));
        assertNull(LineMagic.parse("String s = \"%jars\";"));
        assertNull(LineMagic.parse("%%time"));
    }

    @Test
    void detectsCellMagic() {
        assertTrue(LineMagic.isCellMagic("\n  %%time\nfoo();"));
        assertFalse(LineMagic.isCellMagic("%jars a.jar"));
    }
}
