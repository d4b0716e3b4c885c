package io.github.archmodels.notebook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the project that the integration tests check. */
final class ProjectFiles {

    /** The shaded jar's name, as the notebooks' %jars lines and README spell it. */
    static final String SHADED_JAR_NAME = "archmodels-0.1.0-SNAPSHOT-all.jar";

    private ProjectFiles() {
    }

    /** Returns the project root: Maven runs tests there. */
    static Path root() {
        return Path.of("").toAbsolutePath();
    }

    /** Returns the shaded jar built by the package phase; fails the test if it is missing. */
    static Path shadedJar() {
        String configured = System.getProperty("archmodels.shadedJar");
        Path jar = configured != null && !configured.isBlank() ? Path.of(configured) : root().resolve("target").resolve(SHADED_JAR_NAME);
        assertTrue(Files.isRegularFile(jar), "shaded jar " + jar + " not found; run the tests with 'mvn verify', "
                + "which builds it in the package phase");
        return jar;
    }
}
