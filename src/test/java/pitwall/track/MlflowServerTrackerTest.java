package pitwall.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole experiment through mlflow-client and the artifact proxy, against the fake server. */
class MlflowServerTrackerTest {

    private static final int RACES = 1_200;

    @TempDir
    Path dir;
    private FakeMlflowServer fake;
    private final List<String> notices = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        fake = FakeMlflowServer.start();
    }

    @AfterEach
    void stop() {
        fake.stop();
    }

    private MlflowServerTracker tracker() {
        return new MlflowServerTracker(new MlflowServer(fake.uri(), Map.of()), new Spool(dir.resolve("spool")),
                notices::add);
    }

    @Test
    void parentAndVariantRunsWithParamsMetricsTagsAndArtifacts() throws Exception {
        String parentId;
        List<String> childIds = new ArrayList<>();
        Experiment exp;
        try (MlflowServerTracker tracker = tracker()) {
            exp = tracker.experiment("pitwall-gbm");
            assertEquals(exp, tracker.experiment("pitwall-gbm"));
            assertEquals("mlflow-artifacts:/" + exp.id(), exp.artifactLocation());

            TrackedRun parent = tracker.startRun(exp, "walk-forward 2022-2025");
            parentId = parent.runId();
            parent.logParams(Map.of("spec.name", "gbm-vs-rf", "spec.seasons", "2022-2025"));
            parent.setTags(Map.of(MlflowTags.GIT_COMMIT, "d006ed8", "pitwall.data_snapshot", "ab12cd",
                    "pitwall.seed", "42", "pitwall.jdk", "25", "pitwall.smile", "6.3.0"));
            parent.logArtifact("spec.json", "{\"name\":\"gbm-vs-rf\"}");
            for (String variant : List.of("gbm", "rf")) {
                try (TrackedRun child = tracker.startChildRun(parent, variant)) {
                    childIds.add(child.runId());
                    child.logParams(Map.of("model", variant, "trees", "300"));
                    for (int race = 0; race < RACES; race++) {
                        child.logMetric("race/spearman", race / 2000.0, race, 1_731_500_000_000L + race);
                        child.logMetric("race/mae", 3 + race / 1000.0, race, 1_731_500_000_000L + race);
                    }
                    child.logMetrics(Map.of("spearman", 0.63, "mae", 3.45), 0);
                    child.logArtifact("predictions.csv", "race,driver,rank\n1,1,1\n");
                    child.end(RunStatus.FINISHED);
                }
            }
            parent.logArtifact("comparison.csv", "variant,spearman\ngbm,0.63\nrf,0.61\n");
            parent.logArtifact("comparison.html", "<table></table>");
            parent.end(RunStatus.FINISHED);
            assertFalse(parent.pending());
        }
        assertEquals(List.of(), notices);
        assertTrue(new Spool(dir.resolve("spool")).isEmpty(), "a run fully on the server leaves the spool");

        // What the server got.
        FakeMlflowServer.StoredRun parentOnServer = fake.run(parentId);
        assertEquals("FINISHED", parentOnServer.status);
        assertTrue(parentOnServer.endTime != null);
        assertEquals("d006ed8", parentOnServer.tags.get(MlflowTags.GIT_COMMIT));
        assertEquals("walk-forward 2022-2025", parentOnServer.tags.get(MlflowTags.RUN_NAME));
        assertEquals(System.getProperty("user.name"), parentOnServer.tags.get(MlflowTags.USER));
        for (String id : childIds) {
            FakeMlflowServer.StoredRun child = fake.run(id);
            assertEquals(parentId, child.tags.get(MlflowTags.PARENT_RUN_ID));
            assertEquals(2 * RACES + 2, child.metrics.size());
            assertEquals("300", child.params.get("trees"));
        }
        // 2,402 metrics per variant in log-batch requests of at most 1,000 metrics: at least 3 per variant.
        ObjectMapper json = new ObjectMapper();
        List<Integer> metricBatchSizes = new ArrayList<>();
        for (FakeMlflowServer.Request r : fake.requests("POST", "/api/2.0/mlflow/runs/log-batch")) {
            JsonNode body = json.readTree(r.body());
            assertTrue(body.path("metrics").size() <= 1000 && body.path("params").size() <= 100
                    && body.path("tags").size() <= 100);
            if (body.path("metrics").size() > 0 && childIds.contains(body.path("run_id").asText())) {
                metricBatchSizes.add(body.path("metrics").size());
            }
        }
        assertEquals(List.of(1000, 1000, 402, 1000, 1000, 402), metricBatchSizes);
        assertArrayEquals("variant,spearman\ngbm,0.63\nrf,0.61\n".getBytes(StandardCharsets.UTF_8),
                fake.artifacts().get(exp.id() + "/" + parentId + "/artifacts/comparison.csv"));

        // Reading back through a new tracker.
        try (MlflowServerTracker tracker = tracker()) {
            List<RunRecord> variants = tracker.searchRuns(exp, RunFilter.tag(MlflowTags.PARENT_RUN_ID, parentId));
            assertEquals(List.of("rf", "gbm"), variants.stream().map(r -> r.info().runName()).toList());
            RunRecord gbm = tracker.getRun(childIds.getFirst());
            assertEquals(0.63, gbm.metric("spearman").orElseThrow());
            assertEquals((RACES - 1) / 2000.0, gbm.metric("race/spearman").orElseThrow());
            assertEquals(RACES, tracker.metricHistory(gbm.runId(), "race/mae").size());
            assertEquals(RunStatus.FINISHED, gbm.info().status());
            assertEquals(List.of("comparison.csv", "comparison.html", "spec.json"),
                    tracker.listArtifacts(parentId).stream().map(ArtifactFile::path).toList());
            assertEquals("{\"name\":\"gbm-vs-rf\"}",
                    new String(tracker.readArtifact(parentId, "spec.json"), StandardCharsets.UTF_8));
            assertEquals(java.util.Set.of("pitwall-gbm", "Default"), // created within a millisecond: order unsure
                    tracker.experiments().stream().map(Experiment::name).collect(java.util.stream.Collectors.toSet()));
            assertEquals(java.util.Optional.of(exp), tracker.experimentById(gbm.info().experimentId()));
            assertTrue(tracker.experimentById("999").isEmpty());
        }
    }

    @Test
    void serverErrorsCarryMlflowsCodes() {
        try (MlflowServer server = new MlflowServer(fake.uri(), Map.of())) {
            TrackingException missing = assertThrows(TrackingException.class, () -> server.getRun("a".repeat(32)));
            assertEquals("RESOURCE_DOES_NOT_EXIST", missing.errorCode());
            assertTrue(missing.getMessage().contains("HTTP 404"), missing.getMessage());

            Experiment exp = server.getOrCreateExperiment("e");
            RunInfo run = server.createRun(exp.id(), "r", 1L, Map.of());
            server.logBatch(run.runId(), List.of(), Map.of("depth", "3"), Map.of());
            TrackingException changed = assertThrows(TrackingException.class,
                    () -> server.logBatch(run.runId(), List.of(), Map.of("depth", "5"), Map.of()));
            assertEquals("INVALID_PARAMETER_VALUE", changed.errorCode());
            assertTrue(changed.getMessage().contains("Changing param values is not allowed"), changed.getMessage());

            // Many params and tags in one call are split by the client side too.
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < 250; i++) {
                params.put("p" + i, "v");
            }
            server.logBatch(run.runId(), List.of(), params, Map.of());
            assertEquals(251, fake.run(run.runId()).params.size());
        }
    }

    @Test
    void registryCreatesModelsAndVersionsThroughRawRest() {
        try (MlflowServerTracker tracker = tracker()) {
            MlflowServer server = tracker.server();
            RegisteredModel model = server.createRegisteredModel("pitwall-ranker", "Race ranker",
                    Map.of("owner", "pitwall"));
            assertEquals("pitwall-ranker", model.name());
            assertEquals("Race ranker", model.description());
            ModelVersion v1 = server.createModelVersion("pitwall-ranker", "mlflow-artifacts:/1/abc/artifacts/model",
                    "abc", null, Map.of());
            ModelVersion v2 = server.createModelVersion("pitwall-ranker", "mlflow-artifacts:/1/def/artifacts/model",
                    "def", "second", Map.of("stage", "candidate"));
            assertEquals(List.of("1", "2"), List.of(v1.version(), v2.version()));
            assertEquals("READY", v2.status());
            assertEquals("def", v2.runId());
            TrackingException taken = assertThrows(TrackingException.class,
                    () -> server.createRegisteredModel("pitwall-ranker", null, Map.of()));
            assertEquals("RESOURCE_ALREADY_EXISTS", taken.errorCode());
            TrackingException unknown = assertThrows(TrackingException.class,
                    () -> server.createModelVersion("nope", "x", null, null, Map.of()));
            assertEquals("RESOURCE_DOES_NOT_EXIST", unknown.errorCode());
        }
    }

    @Test
    void artifactRootFollowsTheRunsArtifactUri() {
        RunInfo proxied = new RunInfo("r1", "7", "n", RunStatus.RUNNING, 0, null,
                "mlflow-artifacts:/7/r1/artifacts", "u", "active");
        assertEquals("7/r1/artifacts", MlflowServer.artifactRoot(proxied));
        RunInfo withHost = new RunInfo("r1", "7", "n", RunStatus.RUNNING, 0, null,
                "mlflow-artifacts://mlflow.example:5000/custom/7/r1/artifacts", "u", "active");
        assertEquals("custom/7/r1/artifacts", MlflowServer.artifactRoot(withHost));
        RunInfo s3 = new RunInfo("r1", "7", "n", RunStatus.RUNNING, 0, null, "s3://bucket/7/r1/artifacts", "u",
                "active");
        assertEquals("7/r1/artifacts", MlflowServer.artifactRoot(s3));
    }
}
