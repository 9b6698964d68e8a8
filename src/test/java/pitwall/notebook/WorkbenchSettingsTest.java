package pitwall.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.data.WorkerConfig;
import pitwall.local.Project;

class WorkbenchSettingsTest {

    @TempDir
    Path root;

    @Test
    void aSystemPropertyOverridesTheEnvironmentVariableOfTheSameName() {
        Properties properties = new Properties();
        properties.setProperty("WORKER_URL", "http://127.0.0.1:9999");
        properties.setProperty("unrelated", "x");
        Map<String, String> merged = WorkbenchSettings.merge(
                Map.of("WORKER_URL", "https://f1.example.workers.dev", "PREDICTIONS_API_KEY", "prod-key",
                        "HOME", "/root"), properties);
        assertEquals(Map.of("WORKER_URL", "http://127.0.0.1:9999", "PREDICTIONS_API_KEY", "prod-key"), merged);
    }

    @Test
    void withoutWorkerUrlTheRunningLocalWorkerIsUsedWithTheDevKey() {
        var settings = WorkbenchSettings.of(new Project(root), Map.of(),
                () -> Optional.of(URI.create("http://127.0.0.1:41234")));
        assertEquals(URI.create("http://127.0.0.1:41234"), settings.worker().baseUrl());
        assertTrue(settings.worker().usesDevKey());
        assertEquals(root.resolve("mlruns"), settings.tracking().localStore());
        assertEquals(root.resolve("models"), settings.models());
    }

    @Test
    void withoutWorkerUrlOrLocalWorkerTheDefaultUrlIsUsed() {
        var settings = WorkbenchSettings.of(new Project(root), Map.of(), Optional::empty);
        assertEquals(WorkerConfig.DEFAULT_URL, settings.worker().baseUrl());
    }

    @Test
    void anExplicitWorkerUrlWinsAndTheLocalWorkerIsNotLookedFor() {
        AtomicInteger asked = new AtomicInteger();
        var settings = WorkbenchSettings.of(new Project(root), Map.of("WORKER_URL", "https://f1.example.workers.dev/",
                "PREDICTIONS_API_KEY", "prod-key", "MLFLOW_TRACKING_URI", "http://127.0.0.1:5000",
                "PITWALL_MODELS", "build/bundles"), () -> {
                    asked.incrementAndGet();
                    return Optional.of(URI.create("http://127.0.0.1:41234"));
                });
        assertEquals(0, asked.get());
        assertEquals(URI.create("https://f1.example.workers.dev"), settings.worker().baseUrl());
        assertEquals("prod-key", settings.worker().apiKey());
        assertTrue(settings.tracking().server());
        assertEquals(root.resolve("build/bundles"), settings.models(), "relative to the project root");
        assertFalse(settings.toString().contains("prod-key"), settings.toString());
    }

    @Test
    void relativePathsResolveAgainstTheProjectRootNotTheWorkingDirectory() {
        var settings = WorkbenchSettings.of(new Project(root), Map.of(), Optional::empty);
        assertEquals(root.resolve("experiments/notebook.json"), settings.resolve("experiments/notebook.json"));
        assertEquals(Path.of("/elsewhere/spec.json"), settings.resolve("/elsewhere/spec.json"));
    }

    @Test
    void aBadWorkerUrlFailsNamingTheVariable() {
        var e = assertThrows(IllegalArgumentException.class, () -> WorkbenchSettings.of(new Project(root),
                Map.of("WORKER_URL", "ftp://nowhere"), Optional::empty));
        assertTrue(e.getMessage().contains("http(s)"), e.getMessage());
    }
}
