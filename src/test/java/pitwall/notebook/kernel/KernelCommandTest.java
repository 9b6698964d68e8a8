package pitwall.notebook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.cli.Main;

/** {@code pitwall kernel install|uninstall|spec}. */
class KernelCommandTest {

    @Test
    void installAndUninstallUnderAPrefix(@TempDir Path tmp) throws Exception {
        Path kernelJson = tmp.resolve("share/jupyter/kernels/pitwall/kernel.json");
        String out = StandardOut.capture(() -> assertEquals(0, Main.run("kernel", "install", "--prefix", tmp.toString())));
        assertTrue(out.startsWith("Installed kernel pitwall (\"pitwall (Java 25)\"): " + kernelJson), out);
        assertTrue(out.contains("JUPYTER_PATH=" + tmp.resolve("share/jupyter")), out);
        assertEquals("message", new ObjectMapper().readTree(kernelJson.toFile()).path("interrupt_mode").asText());

        out = StandardOut.capture(() -> assertEquals(0, Main.run("kernel", "uninstall", "--prefix", tmp.toString())));
        assertEquals("Removed " + kernelJson.getParent(), out.strip());
        assertFalse(Files.exists(kernelJson.getParent()));
        out = StandardOut.capture(() -> assertEquals(0, Main.run("kernel", "uninstall", "--prefix", tmp.toString())));
        assertTrue(out.startsWith("No pitwall kernel in"), out);
    }

    @Test
    void userAndPrefixExcludeEachOtherAndHelpNamesTheDefault() throws Exception {
        assertEquals(2, Main.run("kernel", "install", "--user", "--prefix", "/tmp/x"));
        String help = StandardOut.capture(() -> assertEquals(0, Main.run("kernel", "install", "--help")));
        assertTrue(help.contains("Default location: the user's Jupyter data dir"), help);
        assertTrue(help.contains("--prefix=DIR"), help);
    }

    @Test
    void specPrintsTheKernelJsonWithoutWritingIt() throws Exception {
        String json = StandardOut.capture(() -> assertEquals(0, Main.run("kernel", "spec")));
        com.fasterxml.jackson.databind.JsonNode argv = new ObjectMapper().readTree(json).path("argv");
        assertEquals(KernelMain.class.getName(), argv.get(argv.size() - 2).asText(), json);
    }
}
