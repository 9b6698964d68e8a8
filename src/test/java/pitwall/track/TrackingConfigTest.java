package pitwall.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackingConfigTest {

    @TempDir
    Path project;

    private TrackingConfig config(String uri) {
        return new TrackingConfig(uri, project, s -> { });
    }

    @Test
    void noUriIsTheLocalStoreInTheProject() {
        TrackingConfig c = config(null);
        assertFalse(c.server());
        assertEquals(project.resolve("mlruns"), c.localStore());
        assertEquals(project.resolve(".pitwall/mlflow-pending"), c.spoolDir());
        assertEquals(project.resolve("mlruns"), config("  ").localStore());
        try (Tracker t = Trackers.open(c)) {
            assertInstanceOf(LocalMlflowStore.class, t);
        }
    }

    @Test
    void fileUrisAndPathsAreLocalStores() {
        assertEquals(Path.of("/tmp/runs"), config("file:///tmp/runs").localStore());
        assertEquals(Path.of("/tmp/runs"), config("/tmp/runs").localStore());
        assertEquals(Path.of("relative/mlruns").toAbsolutePath(), config("relative/mlruns").localStore());
    }

    @Test
    void httpIsAServer() {
        TrackingConfig c = config("http://127.0.0.1:5000");
        assertTrue(c.server());
        assertTrue(config("HTTPS://mlflow.example.com").server());
        try (Tracker t = Trackers.open(c)) {
            assertInstanceOf(MlflowServerTracker.class, t);
            assertEquals("MLflow at http://127.0.0.1:5000", t.describe());
        }
    }

    @Test
    void otherSchemesAreRefusedWithAHint() {
        for (String uri : new String[] {"databricks", "sqlite:///mlflow.db", "postgresql://db/mlflow"}) {
            TrackingConfig c = config(uri);
            TrackingException e = assertThrows(TrackingException.class, c::localStore, uri);
            assertTrue(e.getMessage().contains("http(s)://host:port"), e.getMessage());
        }
    }
}
