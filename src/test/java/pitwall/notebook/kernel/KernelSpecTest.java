package pitwall.notebook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kernel.json: what Jupyter runs, where it is written, and that uninstall removes it. */
class KernelSpecTest {

    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @Test
    void theJarSpecRunsKernelMainWithTheLaunchersFlagsAndAnArchive(@TempDir Path tmp) throws Exception {
        Path jar = Files.createFile(tmp.resolve("pitwall.jar"));
        KernelSpec spec = KernelSpec.forJar(jar);
        List<String> argv = spec.argv();

        assertEquals(JAVA.toString(), argv.getFirst());
        assertTrue(Path.of(argv.getFirst()).isAbsolute());
        List<String> flags = argv.subList(1, argv.indexOf("-cp"));
        assertTrue(flags.containsAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + tmp.resolve("pitwall-kernel.jsa"),
                "-Xlog:cds*=off")), flags.toString());
        // surefire sets -Dpitwall.root to the project, which the kernel passes on
        assertTrue(flags.contains("-Dpitwall.root=" + Path.of(System.getProperty("pitwall.root")).toAbsolutePath().normalize()),
                flags.toString());
        assertEquals(List.of("-cp", jar.toString(), KernelMain.class.getName(), "{connection_file}"),
                argv.subList(argv.indexOf("-cp"), argv.size()));

        JsonNode json = new ObjectMapper().readTree(spec.json());
        assertEquals("pitwall (Java 25)", json.path("display_name").asText());
        assertEquals("java", json.path("language").asText());
        assertEquals("message", json.path("interrupt_mode").asText(), "a SIGINT would end the JVM");
        List<String> written = new ArrayList<>();
        json.path("argv").forEach(a -> written.add(a.asText()));
        assertEquals(argv, written);
    }

    @Test
    void anArchiveOlderThanTheJarIsDroppedSoTheNextKernelWritesAFreshOne(@TempDir Path tmp) throws Exception {
        Path jar = Files.writeString(tmp.resolve("pitwall.jar"), "jar");
        Path archive = Files.writeString(tmp.resolve("pitwall-kernel.jsa"), "archive");
        Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        assertTrue(KernelSpec.dropStaleArchive(jar));
        assertFalse(Files.exists(archive));

        Files.writeString(archive, "archive written after the jar");
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        assertFalse(KernelSpec.dropStaleArchive(jar));
        assertTrue(Files.exists(archive));
    }

    @Test
    void withoutAJarTheSpecCarriesTheClassPathAndNoArchive() {
        // under surefire the kernel classes come from a directory
        KernelSpec spec = KernelSpec.current();
        String classPath = spec.argv().get(spec.argv().indexOf("-cp") + 1);
        assertTrue(classPath.contains(KernelClassPath.codeSource(KernelMain.class).orElseThrow().toString()), classPath);
        assertTrue(classPath.contains("jjava-jupyter"), classPath);
        assertFalse(spec.jvmOptions().stream().anyMatch(o -> o.contains("SharedArchive")), spec.jvmOptions().toString());
    }

    @Test
    void installWritesKernelJsonAndUninstallRemovesIt(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("jupyter");
        Path file = KernelSpec.install(dataDir);
        assertEquals(dataDir.resolve("kernels/pitwall/kernel.json"), file);
        assertEquals("pitwall (Java 25)", new ObjectMapper().readTree(file.toFile()).path("display_name").asText());
        KernelSpec.install(dataDir);
        assertEquals(List.of(file), Files.list(file.getParent()).toList(), "re-installing replaces, leaves no temp files");

        assertTrue(KernelSpec.uninstall(dataDir));
        assertFalse(Files.exists(dataDir.resolve("kernels/pitwall")));
        assertFalse(KernelSpec.uninstall(dataDir), "nothing left to remove");
    }

    @Test
    void dataDirsFollowJupytersRules() {
        assertEquals(Path.of("/opt/jd"), KernelSpec.userDataDir(Map.of("JUPYTER_DATA_DIR", "/opt/jd",
                "XDG_DATA_HOME", "/x")));
        assertEquals(Path.of("/x/jupyter"), KernelSpec.userDataDir(Map.of("XDG_DATA_HOME", "/x")));
        assertEquals(Path.of(System.getProperty("user.home"), ".local/share/jupyter"), KernelSpec.userDataDir(Map.of()));
        assertEquals(Path.of("/venv/share/jupyter"), KernelSpec.prefixDataDir(Path.of("/venv")));
    }
}
