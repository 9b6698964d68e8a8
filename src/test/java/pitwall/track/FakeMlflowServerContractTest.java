package pitwall.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake answers as MLflow's REST API documents it (ids, error codes and statuses, log-batch limits), checked with
 * plain HTTP so that the tracker tests against it mean something.
 */
class FakeMlflowServerContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeMlflowServer fake;

    record Answer(int status, JsonNode body) {
        String errorCode() {
            return body.path("error_code").asText();
        }
    }

    @BeforeEach
    void start() throws IOException {
        fake = FakeMlflowServer.start();
    }

    @AfterEach
    void stop() {
        fake.stop();
    }

    private Answer call(String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.uri() + path));
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        HttpResponse<byte[]> r = http.send(b.method(method, publisher).build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body()));
    }

    private String createRun() throws Exception {
        String exp = call("POST", "/api/2.0/mlflow/experiments/create", JSON.createObjectNode().put("name", "e"))
                .body().path("experiment_id").asText();
        Answer run = call("POST", "/api/2.0/mlflow/runs/create", JSON.createObjectNode().put("experiment_id", exp)
                .put("start_time", "1731500000000").put("run_name", "r"));
        assertEquals(200, run.status());
        JsonNode info = run.body().path("run").path("info");
        String id = info.path("run_id").asText();
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        assertEquals("mlflow-artifacts:/" + exp + "/" + id + "/artifacts", info.path("artifact_uri").asText());
        assertEquals("RUNNING", info.path("status").asText());
        return id;
    }

    @Test
    void unknownThingsAre404WithResourceDoesNotExist() throws Exception {
        Answer byName = call("GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=nope", null);
        assertEquals(404, byName.status());
        assertEquals("RESOURCE_DOES_NOT_EXIST", byName.errorCode());
        assertTrue(byName.body().path("message").asText().contains("nope"));
        Answer run = call("GET", "/api/2.0/mlflow/runs/get?run_id=" + "0".repeat(32), null);
        assertEquals(404, run.status());
        assertEquals("RESOURCE_DOES_NOT_EXIST", run.errorCode());
        Answer endpoint = call("GET", "/api/2.0/mlflow/nothing/here", null);
        assertEquals(404, endpoint.status());
        assertEquals("ENDPOINT_NOT_FOUND", endpoint.errorCode());
        assertEquals(405, call("GET", "/api/2.0/mlflow/runs/create", null).status());
    }

    @Test
    void experimentNamesAreUniqueAndDefaultIsZero() throws Exception {
        assertEquals("Default", call("GET", "/api/2.0/mlflow/experiments/get?experiment_id=0", null).body()
                .path("experiment").path("name").asText());
        ObjectNode create = JSON.createObjectNode().put("name", "pitwall");
        assertEquals("1", call("POST", "/api/2.0/mlflow/experiments/create", create).body()
                .path("experiment_id").asText());
        Answer again = call("POST", "/api/2.0/mlflow/experiments/create", create);
        assertEquals(400, again.status());
        assertEquals("RESOURCE_ALREADY_EXISTS", again.errorCode());
    }

    @Test
    void logBatchEnforcesMlflowsLimits() throws Exception {
        String run = createRun();
        ObjectNode metrics = JSON.createObjectNode().put("run_id", run);
        ArrayNode list = metrics.putArray("metrics");
        for (int i = 0; i < 1001; i++) {
            list.addObject().put("key", "m").put("value", i).put("timestamp", "1").put("step", "" + i);
        }
        Answer tooMany = call("POST", "/api/2.0/mlflow/runs/log-batch", metrics);
        assertEquals(400, tooMany.status());
        assertEquals("INVALID_PARAMETER_VALUE", tooMany.errorCode());
        assertEquals("A batch logging request can contain at most 1000 metrics. Got 1001 metrics. Please split up "
                + "metrics across multiple requests and try again.", tooMany.body().path("message").asText());
        list.remove(1000);
        assertEquals(200, call("POST", "/api/2.0/mlflow/runs/log-batch", metrics).status());

        for (String kind : new String[] {"params", "tags"}) {
            ObjectNode body = JSON.createObjectNode().put("run_id", run);
            ArrayNode kv = body.putArray(kind);
            for (int i = 0; i < 101; i++) {
                kv.addObject().put("key", "k" + i).put("value", "v");
            }
            Answer over = call("POST", "/api/2.0/mlflow/runs/log-batch", body);
            assertEquals(400, over.status(), kind);
            assertEquals("INVALID_PARAMETER_VALUE", over.errorCode(), kind);
        }
    }

    @Test
    void paramsCannotChange() throws Exception {
        String run = createRun();
        ObjectNode body = JSON.createObjectNode().put("run_id", run);
        body.putArray("params").addObject().put("key", "depth").put("value", "3");
        assertEquals(200, call("POST", "/api/2.0/mlflow/runs/log-batch", body).status());
        assertEquals(200, call("POST", "/api/2.0/mlflow/runs/log-batch", body).status()); // same value: fine
        ((ObjectNode) body.path("params").get(0)).put("value", "5");
        Answer changed = call("POST", "/api/2.0/mlflow/runs/log-batch", body);
        assertEquals(400, changed.status());
        assertEquals("INVALID_PARAMETER_VALUE", changed.errorCode());
    }

    @Test
    void artifactProxyStoresListsAndServesFiles() throws Exception {
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(fake.uri()
                        + "/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/tables/a%20b.csv"))
                .PUT(HttpRequest.BodyPublishers.ofString("x,y\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode());
        JsonNode listing = call("GET", "/api/2.0/mlflow-artifacts/artifacts?path=1/abc/artifacts", null).body();
        assertEquals("tables", listing.path("files").get(0).path("path").asText());
        assertTrue(listing.path("files").get(0).path("is_dir").asBoolean());
        JsonNode files = call("GET", "/api/2.0/mlflow-artifacts/artifacts?path=1/abc/artifacts/tables", null).body();
        assertEquals("a b.csv", files.path("files").get(0).path("path").asText());
        assertEquals(4, files.path("files").get(0).path("file_size").asInt());
    }
}
