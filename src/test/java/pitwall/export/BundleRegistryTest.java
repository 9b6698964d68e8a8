package pitwall.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.track.MlflowServer;
import pitwall.track.MlflowServerTracker;
import pitwall.track.RunInfo;
import pitwall.track.RunRecord;
import pitwall.track.RunStatus;
import pitwall.track.Spool;

/**
 * With an MLflow server, the bundle's files go up through the artifact proxy and a model version is registered
 * (the registered model is created once; RESOURCE_ALREADY_EXISTS on later exports is expected). The fake follows
 * the documented REST contract of the three calls used.
 */
class BundleRegistryTest {

    @Test
    void uploadsTheFilesAndRegistersAVersion(@TempDir Path tmp) throws Exception {
        Map<String, byte[]> uploaded = new ConcurrentHashMap<>();
        List<JsonNode> versions = new ArrayList<>();
        List<String> models = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (exchange.getRequestMethod().equals("PUT") && path.startsWith("/api/2.0/mlflow-artifacts/artifacts/")) {
                    uploaded.put(path.substring("/api/2.0/mlflow-artifacts/artifacts/".length()), body);
                    answer(exchange, 200, "{}");
                } else if (path.equals("/api/2.0/mlflow/registered-models/create")) {
                    String name = json.readTree(body).get("name").asText();
                    if (models.contains(name)) {
                        answer(exchange, 400, "{\"error_code\": \"RESOURCE_ALREADY_EXISTS\", \"message\": "
                                + "\"Registered Model (name=" + name + ") already exists.\"}");
                    } else {
                        models.add(name);
                        answer(exchange, 200, "{\"registered_model\": {\"name\": \"" + name + "\"}}");
                    }
                } else if (path.equals("/api/2.0/mlflow/model-versions/create")) {
                    JsonNode request = json.readTree(body);
                    versions.add(request);
                    answer(exchange, 200, "{\"model_version\": {\"name\": \"" + request.get("name").asText()
                            + "\", \"version\": \"" + versions.size() + "\", \"status\": \"READY\", \"source\": "
                            + json.writeValueAsString(request.get("source").asText()) + "}}");
                } else {
                    answer(exchange, 404, "{\"error_code\": \"ENDPOINT_NOT_FOUND\", \"message\": \"" + path + "\"}");
                }
            }
        });
        fake.start();
        try {
            MlflowServerTracker tracker = new MlflowServerTracker(new MlflowServer("http://127.0.0.1:"
                    + fake.getAddress().getPort(), Map.of()), new Spool(tmp.resolve("spool")), notice -> { });
            ModelBundle bundle = TestBundles.shared().bundle();
            RunRecord run = new RunRecord(new RunInfo("abc123", "7", "serve-test-1", RunStatus.FINISHED, 1L, 2L,
                    "mlflow-artifacts:/7/abc123/artifacts", "me", "active"), Map.of(), Map.of(), Map.of());

            String first = BundleRegistry.record(tracker, run, bundle);
            assertTrue(first.contains("registered as pitwall-serve-test version 1"), first);
            String second = BundleRegistry.record(tracker, run, bundle);
            assertTrue(second.contains("version 2"), second);

            assertEquals(List.of("model.bin", "manifest.json", "README.md", "SHA256SUMS"),
                    BundleRegistry.files(bundle), "an unsigned bundle has no signature to upload");
            String dir = "7/abc123/artifacts/model/" + bundle.version() + "/";
            for (String file : BundleRegistry.files(bundle)) {
                assertEquals(Checksums.sha256(Files.readAllBytes(bundle.dir().resolve(file))),
                        Checksums.sha256(uploaded.get(dir + file)), file);
            }
            JsonNode v = versions.getFirst();
            assertEquals("mlflow-artifacts:/7/abc123/artifacts/model/" + bundle.version(), v.get("source").asText());
            assertEquals("abc123", v.get("run_id").asText());
            assertEquals(List.of("pitwall-serve-test"), models);
        } finally {
            fake.stop(0);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
