package pitwall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pitwall serve}: the mistakes that must fail at once, before any port is bound or the Worker is asked. */
class ServeCommandTest {

    @Test
    void aMissingBundleFailsQuicklyNamingThePath(@TempDir Path tmp) {
        Path missing = tmp.resolve("no/such/bundle");
        Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> Cli.run("serve", "--model", missing.toString(), "--port", "0"));
        assertEquals(1, r.code(), r.both());
        assertTrue(r.err().startsWith("error: model bundle " + missing + " is not a directory"), r.err());
        assertEquals(1, r.err().lines().count(), "one line without --verbose: " + r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }

    @Test
    void verboseAddsTheStackTrace(@TempDir Path tmp) {
        Cli.Result r = Cli.run("serve", "-v", "--model", tmp.resolve("none").toString());
        assertEquals(1, r.code(), r.both());
        assertTrue(r.err().contains("\tat pitwall.export.ModelBundle.load"), r.err());
    }

    @Test
    void argumentMistakesAreUsageErrors() {
        Cli.Result noModel = Cli.run("serve");
        assertEquals(2, noModel.code(), noModel.both());
        assertTrue(noModel.err().startsWith("Missing required option: '--model=DIR|URI'"), noModel.err());

        Cli.Result port = Cli.run("serve", "--model", "models/x", "--port", "http");
        assertEquals(2, port.code(), port.both());
        assertTrue(port.err().startsWith("Invalid value for option '--port': 'http' is not a whole number"),
                port.err());

        Cli.Result refresh = Cli.run("serve", "--model", "models/x", "--refresh", "0");
        assertEquals(2, refresh.code(), refresh.both());
        assertTrue(refresh.err().startsWith("Invalid value for option '--refresh': '0' must be at least 1"),
                refresh.err());

        Cli.Result watch = Cli.run("serve", "--model", "models/x", "--watch", "5");
        assertEquals(1, watch.code(), watch.both());
        assertTrue(watch.err().contains("--watch follows a registry alias"), watch.err());

        Cli.Result uri = Cli.run("serve", "--model", "models:/pitwall-x");
        assertEquals(1, uri.code(), uri.both());
        assertTrue(uri.err().contains("models:/pitwall-x@champion"), uri.err());

        Cli.Result url = Cli.run("serve", "--model", "models/x", "--worker-url");
        assertEquals(2, url.code(), url.both());
        assertTrue(url.err().startsWith("Missing required parameter for option '--worker-url' (URL)"), url.err());
    }

    @Test
    void helpNamesTheEndpointsAndTheKeys() {
        Cli.Result help = Cli.run("serve", "--help");
        assertEquals(0, help.code());
        for (String text : new String[] {"/predict/race/{raceId}", "$PITWALL_SERVE_KEY", "--pre-model=DIR|URI",
                "--worker-url=URL", "-v, --verbose"}) {
            assertTrue(help.out().contains(text), text + " in " + help.out());
        }
    }
}
