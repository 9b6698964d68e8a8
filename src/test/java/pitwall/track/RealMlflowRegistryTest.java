package pitwall.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local registry as real MLflow reads it: pitwall writes a registered model, two versions and an alias in
 * {@code mlruns/models/}, a real {@code mlflow server} on that store answers them through its REST API, and an alias
 * MLflow moves is read back by pitwall's local registry. Runs where MLflow can: set {@code PITWALL_MLFLOW_PYTHONPATH}
 * to a directory holding the {@code mlflow} package (2.12) for Debian's python3; CI has no MLflow and skips it.
 */
@EnabledIfEnvironmentVariable(named = "PITWALL_MLFLOW_PYTHONPATH", matches = ".+")
class RealMlflowRegistryTest {

    private static final String NAME = "pitwall-serve-test";
    private static final String RUN = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void realMlflowListsWhatTheLocalRegistryWroteAndPitwallReadsWhatMlflowMoved() throws Exception {
        Path store = dir.resolve("mlruns");
        String source = store.resolve("0").resolve(RUN).resolve("artifacts").resolve("model").toUri().toString();
        try (LocalModelRegistry local = new LocalModelRegistry(store, System::currentTimeMillis)) {
            local.createRegisteredModel(NAME, "race order", Map.of("team", "pitwall"));
            local.createModelVersion(NAME, source, RUN, "first", Map.of("pitwall.variant", "average"));
            local.createModelVersion(NAME, source, RUN, "second", Map.of());
            local.setAlias(NAME, "champion", "1");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", "-m", "mlflow", "server", "--host",
                "127.0.0.1", "--port", String.valueOf(port), "--workers", "1", "--backend-store-uri",
                store.toUri().toString()).redirectErrorStream(true).redirectOutput(dir.resolve("mlflow.log").toFile());
        builder.environment().put("PYTHONPATH", System.getenv("PITWALL_MLFLOW_PYTHONPATH"));
        Process mlflow = builder.start();
        URI uri = URI.create("http://127.0.0.1:" + port);
        try {
            awaitHealthy(uri, mlflow);
            try (MlflowServer server = new MlflowServer(uri.toString(), Map.of())) {
                RegisteredModel model = server.registeredModel(NAME);
                assertEquals(Map.of("champion", "1"), model.aliases());
                assertEquals("race order", model.description());
                List<ModelVersion> versions = server.modelVersions(NAME);
                assertEquals(List.of("1", "2"), versions.stream().map(ModelVersion::version).toList());
                assertEquals(RUN, versions.getFirst().runId());
                assertEquals(source, versions.getFirst().source());
                assertEquals(Map.of("pitwall.variant", "average"), versions.getFirst().tags());
                assertEquals("1", server.versionByAlias(NAME, "champion").version());

                server.setAlias(NAME, "champion", "2"); // MLflow's own file store writes this one
            }
            try (LocalModelRegistry local = new LocalModelRegistry(store, System::currentTimeMillis)) {
                assertEquals("2", local.versionByAlias(NAME, "champion").version());
                assertEquals(Map.of("champion", "2"), local.registeredModel(NAME).aliases());
            }
        } finally {
            mlflow.descendants().forEach(ProcessHandle::destroy);
            mlflow.destroy();
            mlflow.waitFor();
        }
    }

    private static void awaitHealthy(URI uri, Process mlflow) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            for (int i = 0; i < 300; i++) {
                if (!mlflow.isAlive()) {
                    throw new IllegalStateException("mlflow server exited with " + mlflow.exitValue());
                }
                try {
                    if (http.send(HttpRequest.newBuilder(uri.resolve("/health")).timeout(Duration.ofSeconds(2))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("mlflow server not healthy within 60 s");
    }
}
