package pitwall.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WranglerTest {

    @TempDir
    Path temp;

    @Test
    void runsTheProjectsWrangler() {
        Wrangler.Result version = Wrangler.of(Project.locate()).run(List.of("--version"));
        assertTrue(version.ok(), version.stderr());
        assertTrue(version.stdout().strip().matches("4\\.\\d+\\.\\d+"), version.stdout());
    }

    @Test
    void missingNodeModulesSaysToRunNpmCi() throws IOException {
        Files.createDirectories(temp.resolve("worker"));
        Files.writeString(temp.resolve("pom.xml"), "<project/>");
        Files.writeString(temp.resolve("worker/wrangler.toml"), "");
        LocalException e = assertThrows(LocalException.class, () -> Wrangler.of(Project.locate(temp)));
        assertTrue(e.getMessage().endsWith("run npm ci in worker/ (./pitwall does this)"), e.getMessage());
    }

    @Test
    void environmentHasNoTelemetryAndNoKey() {
        Map<String, String> env = new HashMap<>(Map.of("PREDICTIONS_API_KEY", "x", "PATH", "/bin"));
        Wrangler.configure(env);
        assertEquals("false", env.get("WRANGLER_SEND_METRICS"));
        assertEquals(null, env.get("PREDICTIONS_API_KEY"));
    }

    @Test
    void errorMessageIsWranglersErrorLine() {
        var colored = new Wrangler.Result(List.of(), 1, "",
                "\n\u001B[31m✘ \u001B[41;31m[\u001B[41;97mERROR\u001B[41;31m]\u001B[0m \u001B[1mno such table: x: SQLITE_ERROR\u001B[0m\n");
        assertEquals("no such table: x: SQLITE_ERROR", colored.errorMessage());
        var json = new Wrangler.Result(List.of(), 1, "{\n  \"error\": {\n    \"text\": \"UNIQUE constraint failed\"\n  }\n}", "");
        assertEquals("UNIQUE constraint failed", json.errorMessage());
        LocalException e = assertThrows(LocalException.class, () -> json.orThrow("Loading"));
        assertEquals("Loading failed (wrangler exit 1): UNIQUE constraint failed", e.getMessage());
    }
}
