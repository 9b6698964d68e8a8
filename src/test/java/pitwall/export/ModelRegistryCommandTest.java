package pitwall.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import pitwall.cli.ModelCommand;
import pitwall.track.FakeMlflowServer;
import pitwall.track.LocalModelRegistry;
import pitwall.track.MlflowServer;
import pitwall.track.ModelVersion;

/** {@code pitwall model versions|promote} on the local store and on a server, through picocli. */
class ModelRegistryCommandTest {

    private static final String NAME = RegistryFixtures.NAME;

    record Outcome(int code, String out, String err) {
    }

    private static Outcome model(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ModelCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void promoteAndListInTheLocalStore(@TempDir Path tmp) throws IOException {
        Path store = RegistryFixtures.copyOfSharedStore(tmp.resolve("mlruns"));
        ModelVersion v = RegistryFixtures.sharedVersion(new LocalModelRegistry(store));
        ModelBundle shared = TestBundles.shared().bundle();
        String uri = store.toString();

        Outcome promoted = model("promote", NAME, v.version(), "--alias", "champion", "--tracking-uri", uri);
        assertEquals(0, promoted.code(), promoted.err());
        assertTrue(promoted.out().startsWith(NAME + "@champion -> version " + v.version() + " (new alias)"),
                promoted.out());
        assertEquals(v.version(), Files.readString(store.resolve("models").resolve(NAME).resolve("aliases/champion")));

        Outcome listed = model("versions", NAME, "--tracking-uri", uri);
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains("aliases champion -> " + v.version()), listed.out());
        assertTrue(listed.out().contains("version " + v.version() + " @champion  created "), listed.out());
        assertTrue(listed.out().contains("run " + shared.manifest().tracking().runId() + "  bundle "
                + shared.version() + "  variant rf"), listed.out());
        Double spearman = shared.manifest().evaluation().variants().stream().filter(x -> x.name().equals("rf"))
                .findFirst().orElseThrow().metrics().get("spearman");
        assertTrue(listed.out().contains("backtest of rf (" + shared.manifest().training().races() + " races to "
                + shared.manifest().training().lastRace() + "): spearman " + String.format(java.util.Locale.ROOT,
                "%.4f", spearman) + ", "), listed.out());

        ModelVersion gone = new LocalModelRegistry(store).createModelVersion(NAME,
                tmp.resolve("deleted-run/artifacts/model").toUri().toString(), null, null, Map.of());
        Outcome withGone = model("versions", NAME, "--tracking-uri", uri);
        assertEquals(0, withGone.code(), "one version without files does not hide the others: " + withGone.err());
        assertTrue(withGone.out().contains("version " + gone.version() + "  created ") && withGone.out()
                .contains("  backtest: unavailable (The files of model " + NAME + " version " + gone.version()
                        + " are gone: "), withGone.out());

        Outcome again = model("promote", NAME, v.version(), "--tracking-uri", uri);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("(unchanged)"), "champion is the default alias: " + again.out());

        Outcome noVersion = model("promote", NAME, "99", "--tracking-uri", uri);
        assertEquals(1, noVersion.code());
        assertTrue(noVersion.err().contains("Model Version (name=" + NAME + ", version=99) not found"),
                noVersion.err());
        Outcome noModel = model("versions", "serve-test", "--tracking-uri", uri);
        assertEquals(1, noModel.code());
        assertTrue(noModel.err().startsWith("error: no registered model 'serve-test'")
                && noModel.err().contains("(did you mean " + NAME + "?)"), noModel.err());
        Outcome badAlias = model("promote", NAME, v.version(), "--alias", "latest", "--tracking-uri", uri);
        assertEquals(1, badAlias.code());
        assertTrue(badAlias.err().contains("'latest' is reserved"), badAlias.err());
    }

    @Test
    void promoteAndListOnAServer(@TempDir Path tmp) throws IOException {
        try (FakeMlflowServer fake = FakeMlflowServer.start();
             MlflowServer server = new MlflowServer(fake.uri(), Map.of())) {
            RegistryFixtures.registerOnServer(fake.uri(), tmp.resolve("spool"));
            RegistryFixtures.registerOnServer(fake.uri(), tmp.resolve("spool"));

            Outcome promoted = model("promote", NAME, "2", "--alias", "champion", "--tracking-uri", fake.uri());
            assertEquals(0, promoted.code(), promoted.err());
            assertEquals(1, fake.requests("POST", "/api/2.0/mlflow/registered-models/alias").size());
            assertEquals("2", server.versionByAlias(NAME, "champion").version());

            Outcome moved = model("promote", NAME, "1", "--tracking-uri", fake.uri());
            assertTrue(moved.out().contains("(was version 2)"), moved.out());

            Outcome listed = model("versions", NAME, "--tracking-uri", fake.uri());
            assertEquals(0, listed.code(), listed.err());
            assertTrue(listed.out().startsWith(NAME + " in the model registry of MLflow at " + fake.uri()
                    + ": 2 versions; aliases champion -> 1"), listed.out());
            assertTrue(listed.out().contains("version 1 @champion  created "), listed.out());
            assertTrue(listed.out().contains("version 2  created "), listed.out());
            assertEquals(2, listed.out().split("backtest of rf \\(", -1).length - 1,
                    "each version's manifest came through the proxy: " + listed.out());

            Outcome noVersion = model("promote", NAME, "7", "--tracking-uri", fake.uri());
            assertEquals(1, noVersion.code());
            assertTrue(noVersion.err().contains("version=7) not found"), noVersion.err());
        }
    }
}
