package pitwall.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.data.WorkerClient;
import pitwall.data.WorkerConfig;
import pitwall.export.ModelBundle;
import pitwall.export.TestBundles;
import pitwall.features.AsOfFeatures;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureMatrix;

/** A real predictor on a free port, against the live Worker, with a bundle exported from a recorded run. */
class PredictionServerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static TestBundles.Fixture fixture;
    static WorkerClient worker;
    static Predictor predictor;
    static PredictionServer server;
    static int raceId; // a 2025 race with results
    static int raceWithResultsCount;

    @BeforeAll
    static void start() throws Exception {
        fixture = TestBundles.shared();
        worker = TestBundles.worker();
        SeasonHistory history = new SeasonHistory(worker, fixture.bundle().manifest().training().historyFromYear(),
                Duration.ofMinutes(5), Clock.systemUTC());
        predictor = new Predictor(fixture.bundle(), null, history);
        server = PredictionServer.start(predictor, worker, new PredictionServer.Options("127.0.0.1", 0, 64 * 1024));
        var season2025 = history.seasons().stream().filter(s -> s.year() == 2025).findFirst().orElseThrow();
        raceId = season2025.results().getFirst().raceId();
        raceWithResultsCount = (int) season2025.results().stream().filter(r -> r.raceId() == raceId).count();
    }

    @AfterAll
    static void stop() {
        server.close();
        server.close(); // idempotent
        worker.close();
    }

    @Test
    void servesInfoHealthPingVersionAndDataTest() throws Exception {
        JsonNode info = getJson("/", 200);
        assertEquals(fixture.bundle().version(), info.at("/model/version").asText());
        assertEquals("post-qualifying", info.at("/model/featureSet").asText());

        JsonNode health = getJson("/health", 200);
        assertEquals("ok", health.get("status").asText());
        assertTrue(health.get("modelLoaded").asBoolean());

        assertEquals(200, send("GET", "/ping", null, null).statusCode());
        HttpResponse<String> version = send("GET", "/version", null, null);
        assertEquals("serve-test:" + fixture.bundle().version(), version.body().strip());

        JsonNode data = getJson("/data/test", 200);
        assertEquals("ok", data.get("status").asText());
        assertTrue(data.get("checks").size() >= 8, data.toString());
        for (JsonNode check : data.get("checks")) {
            assertTrue(check.get("ok").asBoolean(), check.toString());
        }
    }

    @Test
    void predictsARaceInOrderWithNamesAndCoherentProbabilities() throws Exception {
        HttpResponse<String> r = send("POST", "/predict/race/" + raceId, null, null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(raceId, body.at("/race/raceId").asInt());
        assertEquals("serve-test:" + fixture.bundle().version(), body.get("modelVersion").asText());
        assertEquals("post-qualifying", body.get("featureSet").asText());
        JsonNode entrants = body.get("entrants");
        assertEquals(raceWithResultsCount, entrants.size());
        double win = 0;
        double podium = 0;
        for (int i = 0; i < entrants.size(); i++) {
            JsonNode e = entrants.get(i);
            assertEquals(i + 1, e.get("predictedPosition").asInt());
            assertFalse(e.get("driver").asText().isBlank());
            assertFalse(e.get("team").asText().isBlank());
            assertTrue(e.get("dnfProb").asDouble() >= 0 && e.get("dnfProb").asDouble() <= 1);
            assertEquals(2, e.get("interval").size());
            win += e.get("winProb").asDouble();
            podium += e.get("podiumProb").asDouble();
        }
        assertEquals(1.0, win, 1e-9);
        assertEquals(3.0, podium, 1e-9);
        // The same prediction as the bundle makes on the rows the experiment computed.
        var expected = fixture.bundle().predict(matrixRows(raceId));
        for (int i = 0; i < entrants.size(); i++) {
            assertEquals(expected.entrants().get(i).driverId(), entrants.get(i).get("driverId").asInt());
            assertEquals(expected.entrants().get(i).winProb(), entrants.get(i).get("winProb").asDouble(), 0.0);
        }
        // Predictions are deterministic (seeded intervals): the answer is the forecast, byte for byte.
        assertEquals(PredictionServer.JSON.writeValueAsString(predictor.predictRace(raceId).toJson()), r.body());
    }

    @Test
    void explainTrueAddsWhatMovedEachScoreAndChangesNothingElse() throws Exception {
        HttpResponse<String> plain = send("POST", "/predict/race/" + raceId, null, null);
        HttpResponse<String> r = send("POST", "/predict/race/" + raceId + "?explain=true", null, null);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertFalse(plain.body().contains("explanation"), "nothing of it unless asked");
        assertTrue(body.get("explains").asText().startsWith("score = −(predicted normalised finishing position"),
                body.get("explains").toString());
        assertExplained(body, fixture.bundle().featureSet().names());
        // Take the explanation away and the answer is the plain one, byte for byte.
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("explains");
        for (JsonNode e : body.get("entrants")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) e).remove("explanation");
        }
        assertEquals(plain.body(), PredictionServer.JSON.writeValueAsString(body));
        assertError(send("POST", "/predict/race/" + raceId + "?explain=yes", null, null), 400, "BAD_REQUEST");
    }

    /** Every entrant: at most 5 named features by |contribution|, and base + top + rest = score to 1e-9. */
    static void assertExplained(JsonNode body, List<String> features) {
        double base = body.at("/entrants/0/explanation/base").asDouble();
        for (JsonNode e : body.get("entrants")) {
            JsonNode x = e.get("explanation");
            assertEquals(base, x.get("base").asDouble(), 0.0, "one base per race");
            double sum = x.get("base").asDouble() + x.get("rest").asDouble();
            double previous = Double.POSITIVE_INFINITY;
            assertTrue(x.get("top").size() == 5, x.toString());
            for (JsonNode term : x.get("top")) {
                assertTrue(features.contains(term.get("term").asText()), term.toString());
                double c = term.get("contribution").asDouble();
                assertTrue(Math.abs(c) <= previous, x.toString());
                previous = Math.abs(c);
                sum += c;
            }
            assertEquals(e.get("score").asDouble(), sum, 1e-9, e.toString());
        }
    }

    @Test
    void trainingServingSkew_predictorRowsEqualTheExperimentMatrixRows() {
        for (int race : List.of(raceId, predictor.history().seasons().getLast().races().getFirst().raceId())) {
            List<EntrantRow> served = predictor.rows(race);
            List<EntrantRow> trained = matrixRows(race);
            assertEquals(trained.size(), served.size(), "race " + race);
            for (int i = 0; i < served.size(); i++) {
                EntrantRow a = trained.get(i);
                EntrantRow b = served.get(i);
                assertEquals(a.driverId(), b.driverId());
                assertEquals(a.constructorId(), b.constructorId());
                assertEquals(a.start(), b.start());
                assertArrayEquals(a.features(), b.features(), "race " + race + " driver " + a.driverId());
            }
        }
    }

    @Test
    void nextRaceWithoutQualifyingIsAConflictForAPostQualifyingModel() throws Exception {
        HttpResponse<String> r = send("GET", "/predict/next", null, null);
        assertEquals(409, r.statusCode(), r.body());
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertEquals("QUALIFYING_NOT_AVAILABLE", error.get("code").asText());
        assertTrue(error.get("message").asText().contains("--pre-model"), error.toString());
    }

    @Test
    void aPreQualifyingBundlePredictsTheNextRaceBeforeQualifying() throws Exception {
        var pre = TestBundles.preQualifying();
        assertFalse(pre.postQualifying());
        Predictor both = new Predictor(fixture.bundle(), pre, predictor.history());
        try (PredictionServer s = PredictionServer.start(both, worker, new PredictionServer.Options("127.0.0.1", 0,
                1024))) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(s.url().resolve("/predict/next")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode body = JSON.readTree(r.body());
            assertEquals("pre-qualifying", body.get("featureSet").asText());
            assertFalse(body.at("/race/hasQualifying").asBoolean());
            assertFalse(body.at("/race/hasResults").asBoolean());
            assertEquals(both.nextRace().raceId(), body.at("/race/raceId").asInt());
            assertTrue(body.get("entrants").size() >= 18, body.toString());
            JsonNode explained = JSON.readTree(HTTP.send(HttpRequest.newBuilder(s.url().resolve(
                    "/predict/next?explain=true")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(body.at("/entrants/0/driverId"), explained.at("/entrants/0/driverId"));
            assertExplained(explained, pre.featureSet().names());
            // A race with qualifying is still predicted by the post-qualifying model.
            JsonNode past = JSON.readTree(HTTP.send(HttpRequest.newBuilder(s.url().resolve("/predict/race/" + raceId))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertEquals("post-qualifying", past.get("featureSet").asText());
        }
        IllegalArgumentException wrong = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Predictor(fixture.bundle(), fixture.bundle(), predictor.history()));
        assertTrue(wrong.getMessage().contains("pre-qualifying bundle"), wrong.getMessage());
    }

    @Test
    void onlyACallerWithTheKeyStoresAndNeverWithGet() throws Exception {
        String store = "/predict/race/" + raceId + "?store=true";
        String version = "serve-test:" + fixture.bundle().version();
        var before = worker.predictions(raceId, version);
        assertError(send("POST", store, null, null), 401, "UNAUTHORIZED");
        assertError(sendWithKey("POST", store, "not-the-key"), 401, "UNAUTHORIZED");
        assertError(sendWithKey("POST", store, worker.config().apiKey() + "x"), 401, "UNAUTHORIZED");
        HttpResponse<String> get = sendWithKey("GET", "/predict/next?store=true", worker.config().apiKey());
        assertError(get, 405, "METHOD_NOT_ALLOWED");
        assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());
        assertTrue(get.body().contains("POST /predict/next?store=true"), get.body());
        assertEquals(before, worker.predictions(raceId, version), "nothing was written");
        assertError(send("POST", "/predict/race/" + raceId + "?store=maybe", null, null), 400, "BAD_REQUEST");
        assertError(send("POST", "/predict/race/" + raceId + "?force=true", null, null), 400, "BAD_REQUEST");
        assertError(send("POST", "/predict/race/" + raceId + "?stor=true", null, null), 400, "BAD_REQUEST");
    }

    @Test
    void storingARaceWithResultsNeedsForceAndReplacesTheBatch() throws Exception {
        String store = "/predict/race/" + raceId + "?store=true";
        HttpResponse<String> refused = sendWithKey("POST", store, worker.config().apiKey());
        assertError(refused, 409, "RACE_HAS_RESULTS");
        assertTrue(refused.body().contains("force=true"), refused.body());
        JsonNode first = JSON.readTree(sendWithKey("POST", store + "&force=true", worker.config().apiKey()).body());
        assertEquals(raceWithResultsCount, first.at("/stored/upserted").asInt(), first.toString());
        JsonNode again = JSON.readTree(sendWithKey("POST", store + "&force=true", worker.config().apiKey()).body());
        assertEquals(raceWithResultsCount, again.at("/stored/upserted").asInt());
        var stored = worker.predictions(raceId, "serve-test:" + fixture.bundle().version());
        assertEquals(1, stored.models().size(), stored.toString());
        assertEquals(raceWithResultsCount, stored.models().getFirst().predictions().size());
    }

    @Test
    void answersErrorsAsJsonWithTheRightStatus() throws Exception {
        assertError(send("POST", "/predict/race/99999999", null, null), 404, "RACE_NOT_FOUND");
        assertError(send("POST", "/predict/race/abc", null, null), 400, "BAD_REQUEST");
        assertError(send("POST", "/predict/race/-3", null, null), 400, "BAD_REQUEST");
        assertError(send("GET", "/nowhere", null, null), 404, "NOT_FOUND");
        HttpResponse<String> wrong = send("GET", "/predict/race/" + raceId, null, null);
        assertError(wrong, 405, "METHOD_NOT_ALLOWED");
        assertEquals("POST", wrong.headers().firstValue("Allow").orElseThrow());
        assertEquals("POST", send("DELETE", "/invocations", null, null).headers().firstValue("Allow").orElseThrow());
        assertError(send("POST", "/invocations", "text/csv", "a,b\n1,2\n"), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertError(send("POST", "/invocations", null, "{}"), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertError(send("POST", "/invocations", "application/json", "{not json"), 400, "BAD_REQUEST");
        assertError(send("POST", "/invocations", "application/json", "{\"rows\": []}"), 400, "BAD_REQUEST");
        assertError(send("POST", "/invocations", "application/json", "{\"instances\": [{\"grid\": 1}]}"), 400,
                "BAD_REQUEST");
        assertError(send("POST", "/invocations", "application/json", "x".repeat(70 * 1024)), 413, "BODY_TOO_LARGE");
        for (HttpResponse<String> r : List.of(send("POST", "/invocations", "application/json", "[1,2"))) {
            assertFalse(r.body().contains("at pitwall."), "no stack trace: " + r.body());
        }
    }

    @Test
    void invocationsAcceptsEveryMlflowInputFormat() throws Exception {
        List<EntrantRow> rows = matrixRows(raceId);
        List<String> names = fixture.bundle().featureSet().names();
        List<String> columns = new ArrayList<>(names);
        columns.add("raceId");
        columns.add("driverId");
        List<List<Object>> data = new ArrayList<>();
        List<Map<String, Object>> records = new ArrayList<>();
        List<List<Double>> arrays = new ArrayList<>();
        for (EntrantRow row : rows) {
            List<Object> values = new ArrayList<>();
            Map<String, Object> record = new LinkedHashMap<>();
            List<Double> array = new ArrayList<>();
            for (int j = 0; j < names.size(); j++) {
                values.add(row.features()[j]);
                record.put(names.get(j), row.features()[j]);
                array.add(row.features()[j]);
            }
            values.add(row.raceId());
            values.add(row.driverId());
            record.put("raceId", row.raceId());
            record.put("driverId", row.driverId());
            data.add(values);
            records.add(record);
            arrays.add(array);
        }
        var expected = fixture.bundle().predict(rows);
        Map<Integer, Integer> expectedPosition = new LinkedHashMap<>();
        expected.entrants().forEach(e -> expectedPosition.put(e.driverId(), e.predictedPosition()));

        JsonNode split = invoke(Map.of("dataframe_split", Map.of("columns", columns, "data", data)));
        JsonNode byRecords = invoke(Map.of("dataframe_records", records));
        assertEquals(split, byRecords);
        assertEquals(rows.size(), split.size());
        Map<Integer, pitwall.model.PredictedEntrant> expectedByDriver = new LinkedHashMap<>();
        expected.entrants().forEach(e -> expectedByDriver.put(e.driverId(), e));
        for (int i = 0; i < rows.size(); i++) {
            JsonNode p = split.get(i);
            assertEquals(rows.get(i).driverId(), p.get("driverId").asInt(), "input order kept");
            assertEquals(expectedPosition.get(rows.get(i).driverId()), p.get("predictedPosition").asInt());
            // Every number exactly as the bundle computes it in process (JSON doubles round-trip exactly).
            var e = expectedByDriver.get(rows.get(i).driverId());
            assertEquals(rows.get(i).raceId(), p.get("raceId").asInt());
            assertEquals(e.score(), p.get("score").asDouble(), 0.0);
            assertEquals(e.winProb(), p.get("winProb").asDouble(), 0.0);
            assertEquals(e.podiumProb(), p.get("podiumProb").asDouble(), 0.0);
            assertEquals(e.dnfProb(), p.get("dnfProb").asDouble(), 0.0);
            assertEquals(e.intervalLow(), p.get("intervalLow").asDouble(), 0.0);
            assertEquals(e.intervalHigh(), p.get("intervalHigh").asDouble(), 0.0);
            assertEquals(List.of("raceId", "driverId", "predictedPosition", "score", "winProb", "podiumProb",
                    "dnfProb", "intervalLow", "intervalHigh"), fieldNames(p));
        }
        // Two races in one body, rows interleaved: each race is predicted on its own, answers stay in input order.
        int otherRace = predictor.history().seasons().stream().filter(s -> s.year() == 2025).findFirst()
                .orElseThrow().results().stream().mapToInt(r -> r.raceId()).filter(r -> r != raceId).findFirst()
                .orElseThrow();
        List<EntrantRow> other = matrixRows(otherRace);
        List<List<Object>> mixed = new ArrayList<>();
        List<EntrantRow> mixedRows = new ArrayList<>();
        for (int i = 0; i < Math.max(rows.size(), other.size()); i++) {
            for (List<EntrantRow> race : List.of(rows, other)) {
                if (i < race.size()) {
                    EntrantRow row = race.get(i);
                    List<Object> values = new ArrayList<>();
                    for (double v : row.features()) {
                        values.add(v);
                    }
                    values.add(row.raceId());
                    values.add(row.driverId());
                    mixed.add(values);
                    mixedRows.add(row);
                }
            }
        }
        JsonNode both = invoke(Map.of("dataframe_split", Map.of("columns", columns, "data", mixed)));
        var expectedOther = fixture.bundle().predict(other);
        for (int i = 0; i < mixedRows.size(); i++) {
            EntrantRow row = mixedRows.get(i);
            var race = row.raceId() == raceId ? expected : expectedOther;
            var e = race.entrants().stream().filter(x -> x.driverId() == row.driverId()).findFirst().orElseThrow();
            assertEquals(row.raceId(), both.get(i).get("raceId").asInt());
            assertEquals(e.predictedPosition(), both.get(i).get("predictedPosition").asInt());
            assertEquals(e.winProb(), both.get(i).get("winProb").asDouble(), 0.0);
        }
        // instances as arrays in feature order: no ids, so drivers are numbered by row; positions still agree.
        JsonNode instances = invoke(Map.of("instances", arrays));
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(split.get(i).get("predictedPosition"), instances.get(i).get("predictedPosition"));
        }
    }

    @Test
    void concurrentRequestsAllSucceedWithTheSameAnswer() throws Exception {
        String reference = send("POST", "/predict/race/" + raceId, null, null).body();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                futures.add(pool.submit(() -> send("POST", "/predict/race/" + raceId, null, null)));
            }
            Set<String> bodies = new HashSet<>();
            for (Future<HttpResponse<String>> f : futures) {
                assertEquals(200, f.get().statusCode());
                bodies.add(f.get().body());
            }
            assertEquals(Set.of(reference), bodies);
        }
    }

    @Test
    void aFixedPoolOfPlatformThreadsServesTheSameAnswers() throws Exception {
        String reference = send("POST", "/predict/race/" + raceId, null, null).body();
        String previous = System.setProperty(PredictionServer.THREADS_PROPERTY, "2");
        try (PredictionServer s = PredictionServer.start(predictor, worker, new PredictionServer.Options("127.0.0.1",
                0, 64 * 1024)); ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                futures.add(pool.submit(() -> HTTP.send(HttpRequest.newBuilder(s.url().resolve("/predict/race/"
                        + raceId)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString())));
            }
            for (Future<HttpResponse<String>> f : futures) {
                assertEquals(200, f.get().statusCode());
                assertEquals(reference, f.get().body());
            }
        } finally {
            if (previous == null) {
                System.clearProperty(PredictionServer.THREADS_PROPERTY);
            } else {
                System.setProperty(PredictionServer.THREADS_PROPERTY, previous);
            }
        }
    }

    @Test
    void exposesPrometheusMetrics() throws Exception {
        send("POST", "/predict/race/" + raceId, null, null);
        send("POST", "/predict/race/99999999", null, null);
        assertTrue(RawHttp.exchange(server.url(), "A\"B /x HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 404"));
        RawHttp.exchange(server.url(), "BREW{le=\"1\"} /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
        String text = send("GET", "/metrics", null, null).body();
        PrometheusText.check(text);
        assertTrue(text.contains("method=\"OTHER\",path=\"unmatched\",status=\"404\""), text);
        assertTrue(text.contains("method=\"OTHER\",path=\"/metrics\",status=\"405\""), text);
        assertFalse(text.contains("A\"B") || text.contains("BREW"), text);
        assertTrue(text.contains("pitwall_http_requests_total{method=\"POST\",path=\"/predict/race/{raceId}\","
                + "status=\"200\"}"), text);
        assertTrue(text.contains("status=\"404\""), text);
        assertTrue(text.contains("# TYPE pitwall_http_request_duration_seconds histogram"), text);
        assertTrue(text.contains("pitwall_http_request_duration_seconds_bucket{path=\"/predict/race/{raceId}\","
                + "le=\"+Inf\"}"), text);
        assertTrue(text.matches("(?s).*\\npitwall_predictions_total [1-9][0-9]*\\n.*"), text);
        assertTrue(text.contains("pitwall_http_errors_total"), text);
    }

    /** As-of rows depend on where history starts: a bundle is never served from another start than its training. */
    @Test
    void aDnfProbabilityThatDoesNotBeatTheBaseRateIsAnsweredAsNullWithTheReason(@TempDir Path tmp) throws Exception {
        ModelBundle withheld = TestBundles.withDnfWithheld(tmp.resolve("bundle"));
        assertFalse(withheld.servesDnf());
        String reason = "not served: does not beat the base rate (log loss 0.4450 vs base rate 0.4427)";
        assertEquals(reason, withheld.dnfWithheld());
        SeasonHistory history = new SeasonHistory(worker, withheld.manifest().training().historyFromYear(),
                Duration.ofMinutes(5), Clock.systemUTC());
        RaceForecast forecast = new Predictor(withheld, null, history).predictRace(raceId);
        JsonNode race = JSON.readTree(PredictionServer.JSON.writeValueAsString(forecast.toJson()));
        assertEquals(reason, race.get("dnfProbReason").asText());
        for (JsonNode e : race.get("entrants")) {
            assertTrue(e.get("dnfProb").isNull(), e.toString());
            assertTrue(e.get("winProb").isNumber());
        }
        assertTrue(forecast.toBatch().predictions().stream().allMatch(row -> row.dnfProb() == null), "stored without it");

        List<String> names = withheld.featureSet().names();
        List<Map<String, Object>> records = new ArrayList<>();
        for (EntrantRow row : matrixRows(raceId)) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (int j = 0; j < names.size(); j++) {
                record.put(names.get(j), row.features()[j]);
            }
            record.put("driverId", row.driverId());
            records.add(record);
        }
        var answer = Invocations.predict(withheld, MlflowInput.Columns.of(names), PredictionServer.JSON,
                JSON.writeValueAsBytes(Map.of("dataframe_records", records)));
        JsonNode body = JSON.readTree(answer.json());
        assertEquals(reason, body.get("dnfProbReason").asText());
        assertEquals(records.size(), body.get("predictions").size());
        body.get("predictions").forEach(p -> assertTrue(p.get("dnfProb").isNull(), p.toString()));
        // The served bundle answers numbers and no reason.
        assertTrue(fixture.bundle().servesDnf() == !JSON.readTree(PredictionServer.JSON.writeValueAsString(
                predictor.predictRace(raceId).toJson())).has("dnfProbReason"));
    }

    @Test
    void aBundleIsRefusedWithHistoryFromAnotherSeason() {
        int trained = fixture.bundle().manifest().training().historyFromYear();
        SeasonHistory other = new SeasonHistory(worker, trained - 1, Duration.ofMinutes(5), Clock.systemUTC());
        var error = assertThrows(IllegalArgumentException.class, () -> new Predictor(fixture.bundle(), null, other));
        assertTrue(error.getMessage().contains("trained on history from " + trained), error.getMessage());
    }

    @Test
    void aDeadWorkerDegradesHealthAndFailsPredictionsWith503() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        WorkerConfig config = WorkerConfig.of(URI.create("http://127.0.0.1:" + port), "k")
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(2))
                .withRetries(1, Duration.ofMillis(10), Duration.ofMillis(10));
        try (WorkerClient dead = new WorkerClient(config)) {
            Predictor p = new Predictor(fixture.bundle(), null, new SeasonHistory(dead, 2016, Duration.ofMinutes(5),
                    Clock.systemUTC()));
            try (PredictionServer s = PredictionServer.start(p, dead, new PredictionServer.Options("127.0.0.1", 0,
                    1024))) {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(s.url().resolve("/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(503, health.statusCode());
                JsonNode h = JSON.readTree(health.body());
                assertEquals("degraded", h.get("status").asText());
                assertTrue(h.get("reason").asText().contains("unreachable"), h.toString());
                HttpResponse<String> predict = HTTP.send(HttpRequest.newBuilder(s.url().resolve("/predict/race/1"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertError(predict, 503, "WORKER_UNAVAILABLE");
                HttpResponse<String> data = HTTP.send(HttpRequest.newBuilder(s.url().resolve("/data/test")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(502, data.statusCode());
                assertEquals("failing", JSON.readTree(data.body()).get("status").asText());
                // The model still answers feature rows without the Worker.
                assertEquals(200, HTTP.send(HttpRequest.newBuilder(s.url().resolve("/ping")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static List<EntrantRow> matrixRows(int race) {
        FeatureMatrix matrix = AsOfFeatures.compute(fixture.seasons(), fixture.spec().features(),
                fixture.spec().data().fromYear(), fixture.spec().data().toYear());
        return matrix.rows().stream().filter(r -> r.raceId() == race).toList();
    }

    private static JsonNode invoke(Object body) throws Exception {
        HttpResponse<String> r = send("POST", "/invocations", "application/json", JSON.writeValueAsString(body));
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("predictions");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode getJson(String path, int status) throws Exception {
        HttpResponse<String> r = send("GET", path, null, null);
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static void assertError(HttpResponse<String> r, int status, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertEquals(code, error.get("code").asText(), r.body());
        assertFalse(error.get("message").asText().isBlank());
    }

    static HttpResponse<String> sendWithKey(String method, String path, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(60))
                .header("X-API-Key", key).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(60));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
