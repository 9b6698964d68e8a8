package pitwall.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pitwall.data.FakeWorker.Reply;

/** Retries, timeouts, error mapping and key handling of {@link WorkerClient} against a scripted local server. */
class WorkerClientTransportTest {

    static final String KEY = "s3cret-test-key-4711";

    FakeWorker worker;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        worker = FakeWorker.start();
    }

    @AfterEach
    void stop() {
        worker.close();
    }

    WorkerConfig config(URI url) {
        return WorkerConfig.of(url, KEY)
                .withRetries(3, Duration.ofMillis(100), Duration.ofSeconds(5))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    WorkerClient client() {
        return new WorkerClient(config(worker.url()), sleeps::add); // records waits instead of sleeping
    }

    // ---- retries --------------------------------------------------------------------------------------------

    @Test
    void retries503ThenSucceeds() {
        worker.on("/api/health", Reply.error(503, "DATABASE_UNAVAILABLE", "D1 is not reachable"),
                Reply.ok(Fixtures.HEALTH));
        try (var client = client()) {
            assertTrue(client.health().ok());
        }
        assertEquals(2, worker.requests().size());
        assertEquals(1, sleeps.size());
        assertTrue(sleeps.getFirst().toMillis() <= 100, "first backoff is at most the initial backoff: " + sleeps);
    }

    /**
     * wrangler dev's own proxy drops a POST that arrives as an idle connection inside it times out (about 5 s after
     * the previous request) with this plain-text 503, never reaching the Worker (seen in CI; reproduced against the
     * local Worker). A prediction batch replaces what is stored for its race and model version, so the client sends it
     * again, at once as {@code Retry-After: 0} asks.
     */
    @Test
    void aWriteDroppedByWranglersDevProxyIsSentAgain() throws IOException {
        worker.on("/api/admin/predictions", Reply.raw(503, "Your worker restarted mid-request. Please try sending the"
                + " request again. Only GET or HEAD requests are retried automatically.").header("Retry-After", "0"),
                Reply.ok(Fixtures.UPSERT));
        var batch = new PredictionBatch(1163, "ensembles-20261127-1", List.of(PredictionRow.of(830, 1, 0.5, 0.9)));
        try (var client = client()) {
            assertEquals(new PredictionUpsert(1163, "ensembles-20261127-1", 2), client.storePredictions(batch));
        }
        assertEquals(2, worker.requests().size());
        assertEquals(worker.requests().get(0).body(), worker.requests().get(1).body(), "the same batch, again");
        assertEquals(List.of(Duration.ZERO), sleeps, "Retry-After: 0 is honoured");
    }

    /** The HTTP client is built by the first call; a client closed before any call still refuses to send. */
    @Test
    void aClientClosedBeforeItsFirstCallSendsNothing() {
        worker.on("/api/health", Reply.ok(Fixtures.HEALTH));
        WorkerClient client = client();
        client.close();
        client.close();
        WorkerException e = assertThrows(WorkerException.class, client::health);
        assertTrue(e.getMessage().contains("the Worker client is closed"), e.getMessage());
        assertEquals(0, worker.requests().size());
    }

    @Test
    void honoursRetryAfterSeconds() {
        worker.on("/api/data/seasons", Reply.error(429, "RATE_LIMITED", "slow down").header("Retry-After", "2"),
                Reply.ok(Fixtures.SEASONS));
        try (var client = client()) {
            assertEquals(2, client.seasons().size());
        }
        assertEquals(List.of(Duration.ofSeconds(2)), sleeps);
    }

    @Test
    void honoursRetryAfterHttpDate() {
        String in3s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3));
        worker.on("/api/data/seasons", Reply.error(429, "RATE_LIMITED", "slow down").header("Retry-After", in3s),
                Reply.ok(Fixtures.SEASONS));
        try (var client = client()) {
            client.seasons();
        }
        assertEquals(1, sleeps.size());
        long ms = sleeps.getFirst().toMillis();
        assertTrue(ms > 1000 && ms <= 3000, "waits until the HTTP-date (~3 s, whole seconds): " + ms + " ms");
    }

    @Test
    void capsRetryAfterAtMaxBackoff() {
        worker.on("/api/data/seasons", Reply.error(429, "RATE_LIMITED", "slow down").header("Retry-After", "3600"),
                Reply.ok(Fixtures.SEASONS));
        try (var client = client()) {
            client.seasons();
        }
        assertEquals(List.of(Duration.ofSeconds(5)), sleeps);
    }

    @Test
    void gives500UpAfterMaxAttemptsWithGrowingJitteredBackoff() {
        worker.on("/api/data/seasons/2024", Reply.error(500, "INTERNAL", "D1 query failed"));
        WorkerException e;
        try (var client = client()) {
            e = assertThrows(WorkerException.class, () -> client.season(2024));
        }
        assertEquals(3, e.attempts());
        assertEquals(500, e.status());
        assertEquals("INTERNAL", e.code());
        assertEquals("GET /api/data/seasons/2024", e.endpoint());
        assertEquals(3, worker.requests().size());
        assertEquals(2, sleeps.size());
        assertTrue(sleeps.get(0).toMillis() <= 100 && sleeps.get(1).toMillis() <= 200, "full jitter bounds: " + sleeps);
        assertEquals("GET /api/data/seasons/2024 failed after 3 attempts: HTTP 500 INTERNAL: D1 query failed",
                e.getMessage());
    }

    @Test
    void gives429UpAfterMaxAttempts() {
        worker.on("/api/health", Reply.error(429, "RATE_LIMITED", "slow down").header("Retry-After", "1"));
        try (var client = client()) {
            var e = assertThrows(WorkerException.class, client::health);
            assertEquals(429, e.status());
            assertEquals(3, e.attempts());
        }
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), sleeps);
    }

    // ---- no retry on 4xx ------------------------------------------------------------------------------------

    @Test
    void notFoundFailsAtOnceWithTheWorkersCodeAndMessage() {
        worker.on("/api/data/race/99999/features", Reply.error(404, "RACE_NOT_FOUND", "Race 99999 does not exist"));
        WorkerException e;
        try (var client = client()) {
            e = assertThrows(WorkerException.class, () -> client.raceFeatures(99999));
        }
        assertEquals(1, worker.requests().size());
        assertTrue(sleeps.isEmpty());
        assertEquals("RACE_NOT_FOUND", e.code());
        assertEquals(404, e.status());
        assertTrue(e.notFound());
        assertEquals("GET /api/data/race/99999/features", e.endpoint());
        assertEquals("Race 99999 does not exist", e.workerMessage());
        assertEquals(1, e.attempts());
        assertEquals("GET /api/data/race/99999/features failed after 1 attempt: HTTP 404 RACE_NOT_FOUND: "
                + "Race 99999 does not exist", e.getMessage());
    }

    @Test
    void badRequestFailsAtOnceAndNamesTheQuery() {
        worker.on("/api/data/driver/max_verstappen",
                Reply.error(400, "INVALID_PARAMETER", "as_of must be a raceId or a date, got 'x'"));
        try (var client = client()) {
            var e = assertThrows(WorkerException.class,
                    () -> client.driver("max_verstappen", AsOf.race(1150), 5));
            assertEquals("GET /api/data/driver/max_verstappen?as_of=1150&window=5", e.endpoint());
            assertEquals("INVALID_PARAMETER", e.code());
        }
        assertEquals(1, worker.requests().size());
    }

    @Test
    void unknownRouteSuggestsAVersionMismatch() {
        try (var client = client()) {
            var e = assertThrows(WorkerException.class, client::health); // nothing scripted: 404 NOT_FOUND
            assertTrue(e.getMessage().contains("unknown route"), e.getMessage());
        }
    }

    @Test
    void nonJsonErrorBodyIsShown() {
        worker.on("/api/health", Reply.raw(502, "<html><body>Bad gateway</body></html>"));
        try (var client = client()) {
            var e = assertThrows(WorkerException.class, client::health);
            assertNull(e.code());
            assertEquals(502, e.status());
            assertTrue(e.getMessage().contains("Bad gateway"), e.getMessage());
        }
    }

    // ---- network failures -----------------------------------------------------------------------------------

    @Test
    void connectionRefusedIsRetriedThenReported() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        URI url = URI.create("http://127.0.0.1:" + port);
        WorkerException e;
        try (var client = new WorkerClient(config(url), sleeps::add)) {
            e = assertThrows(WorkerException.class, client::health);
        }
        assertEquals(3, e.attempts());
        assertEquals(2, sleeps.size());
        assertEquals(WorkerException.NO_RESPONSE, e.status());
        assertInstanceOf(ConnectException.class, e.getCause());
        assertTrue(e.getMessage().startsWith("GET /api/health failed after 3 attempts: no response (cannot connect to "
                + url), e.getMessage());
        assertTrue(e.getMessage().contains("WORKER_URL"), "suggests a fix: " + e.getMessage());
    }

    @Test
    void slowResponseTimesOut() {
        worker.on("/api/health", Reply.ok(Fixtures.HEALTH).after(Duration.ofSeconds(3)));
        var config = config(worker.url()).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200))
                .withRetries(2, Duration.ofMillis(10), Duration.ofMillis(10));
        long start = System.nanoTime();
        WorkerException e;
        try (var client = new WorkerClient(config, sleeps::add)) {
            e = assertThrows(WorkerException.class, client::health);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(2, e.attempts());
        assertInstanceOf(HttpTimeoutException.class, e.getCause());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertTrue(ms < 2500, "gave up after two 200 ms timeouts, not after the 3 s response: " + ms + " ms");
    }

    // ---- decoding failures ----------------------------------------------------------------------------------

    @Test
    void truncatedSeasonIsDetectedFromMetaCounts() {
        String meta = Fixtures.SEASON_2024_META.replace("\"results\": 4", "\"results\": 479");
        worker.on("/api/data/seasons/2024", Reply.ok(Fixtures.SEASON_2024, meta));
        try (var client = client()) {
            var e = assertThrows(WorkerException.class, () -> client.season(2024));
            assertTrue(e.getMessage().contains("meta.counts.results is 479 but the response has 4 rows"),
                    e.getMessage());
        }
    }

    @Test
    void successWithoutDataOrWithWrongShapeFails() {
        worker.on("/api/health", Reply.raw(200, "{\"meta\": {}}"));
        worker.on("/api/data/seasons", Reply.ok("{\"year\": 2024}"));
        try (var client = client()) {
            var noData = assertThrows(WorkerException.class, client::health);
            assertTrue(noData.getMessage().contains("no \"data\""), noData.getMessage());
            var wrongShape = assertThrows(WorkerException.class, client::seasons);
            assertEquals(200, wrongShape.status());
            assertTrue(wrongShape.getMessage().contains("cannot decode"), wrongShape.getMessage());
        }
        assertEquals(2, worker.requests().size()); // neither is retried
    }

    // ---- requests -------------------------------------------------------------------------------------------

    @Test
    void apiKeyIsSentOnlyOnAdminCalls() throws IOException {
        worker.on("/api/health", Reply.ok(Fixtures.HEALTH));
        worker.on("/api/data/race/1163/predictions", Reply.ok(Fixtures.PREDICTIONS_1163));
        worker.on("/api/data/ml-prediction-data", Reply.ok("[" + Fixtures.FEATURES_UPCOMING + "]"));
        worker.on("/api/admin/predictions", Reply.ok(Fixtures.UPSERT));
        var batch = new PredictionBatch(1163, "ensembles-20261127-1", List.of(
                new PredictionRow(846, 1, 0.41, 0.8, 0.05, 1.0, 3.0), PredictionRow.of(830, 2, 0.3, 0.7)));
        try (var client = client()) {
            client.health();
            client.predictions(1163);
            client.mlPredictionData(List.of(1163));
            assertEquals(new PredictionUpsert(1163, "ensembles-20261127-1", 2), client.storePredictions(batch));
        }
        var requests = worker.requests();
        assertEquals(4, requests.size());
        for (var r : requests.subList(0, 3)) {
            assertNull(r.header("X-API-Key"), "no key on " + r.pathAndQuery());
        }
        var admin = requests.get(3);
        assertEquals("POST", admin.method());
        assertEquals(KEY, admin.header("X-API-Key"));
        assertEquals("application/json", admin.header("Content-Type"));
        JsonNode body = Json.MAPPER.readTree(admin.body());
        assertEquals(1163, body.get("raceId").asInt());
        assertEquals(2, body.get("predictions").size());
        assertFalse(body.get("predictions").get(1).has("dnfProb"), "null optional fields are left out: " + body);
        assertFalse(body.has("force"), "unforced batches are sent as they are: " + body);
        assertEquals("{\"raceIds\":[1163]}", requests.get(2).body());
    }

    @Test
    void keyNeverAppearsInMessagesOrToString() {
        worker.on("/api/admin/predictions", Reply.error(401, "UNAUTHORIZED", "bad key " + KEY));
        var batch = new PredictionBatch(1163, "v1", List.of(PredictionRow.of(830, 1, 0.5, 0.9)));
        try (var client = client()) {
            var e = assertThrows(WorkerException.class, () -> client.storePredictions(batch));
            assertEquals("UNAUTHORIZED", e.code());
            assertEquals(1, e.attempts());
            assertFalse(e.getMessage().contains(KEY), e.getMessage());
            assertFalse(e.toString().contains(KEY), e.toString());
            assertTrue(e.getMessage().contains("PREDICTIONS_API_KEY"), "says how to fix: " + e.getMessage());
            assertFalse(client.toString().contains(KEY), client.toString());
            assertFalse(client.config().toString().contains(KEY), client.config().toString());
        }
    }

    @Test
    void queryParametersAndPathSegmentsAreEncoded() {
        worker.on("/api/data/driver/830", Reply.ok(Fixtures.DRIVER_FORM_BY_DATE));
        worker.on("/api/data/team/red_bull", Reply.ok(Fixtures.TEAM_FORM));
        worker.on("/api/data/circuit/bahrain/patterns", Reply.ok(Fixtures.PATTERNS_BAHRAIN));
        worker.on("/api/data/race/1163/predictions", Reply.ok(Fixtures.PREDICTIONS_1163));
        try (var client = client()) {
            client.driver("830", AsOf.date(LocalDate.of(2025, 5, 4)));
            client.team("red_bull");
            client.team("red_bull", AsOf.race(1150), 3);
            client.circuitPatterns("bahrain", AsOf.race(1121));
            client.predictions(1163, "ens:v1.0");
            assertThrows(WorkerException.class, () -> client.driver("a b/c"));
        }
        assertEquals(List.of(
                        "/api/data/driver/830?as_of=2025-05-04",
                        "/api/data/team/red_bull",
                        "/api/data/team/red_bull?as_of=1150&window=3",
                        "/api/data/circuit/bahrain/patterns?as_of=1121",
                        "/api/data/race/1163/predictions?model_version=ens%3Av1.0",
                        "/api/data/driver/a%20b%2Fc"),
                worker.requests().stream().map(FakeWorker.Request::pathAndQuery).toList());
    }

    @Test
    void invalidArgumentsFailBeforeAnyRequest() {
        try (var client = client()) {
            assertThrows(IllegalArgumentException.class, () -> client.driver("830", AsOf.latest(), 0));
            assertThrows(IllegalArgumentException.class, () -> client.team("9", AsOf.latest(), 101));
            assertThrows(IllegalArgumentException.class, () -> client.driver(" "));
            assertThrows(IllegalArgumentException.class, () -> client.raceFeatures(0));
            assertThrows(IllegalArgumentException.class, () -> client.mlPredictionData(List.of()));
            var dup = assertThrows(IllegalArgumentException.class, () -> client.mlPredictionData(List.of(1, 2, 1)));
            assertTrue(dup.getMessage().contains("1 twice"), dup.getMessage());
        }
        assertTrue(worker.requests().isEmpty());
    }

    @Test
    void mlPredictionDataSplitsLargeRequests() throws IOException {
        worker.on("/api/data/ml-prediction-data", Reply.ok("[" + Fixtures.FEATURES_UPCOMING + "]"));
        List<Integer> ids = IntStream.rangeClosed(1100, 1129).boxed().toList(); // 30 races
        try (var client = client()) {
            assertEquals(2, client.mlPredictionData(ids).size()); // one fixture entry per call
        }
        var bodies = worker.requests().stream().map(FakeWorker.Request::body).toList();
        assertEquals(2, bodies.size());
        assertEquals(25, Json.MAPPER.readTree(bodies.get(0)).get("raceIds").size());
        assertEquals(5, Json.MAPPER.readTree(bodies.get(1)).get("raceIds").size());
        assertEquals(1125, Json.MAPPER.readTree(bodies.get(1)).get("raceIds").get(0).asInt());
    }
}
