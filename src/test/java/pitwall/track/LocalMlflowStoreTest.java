package pitwall.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local store writes MLflow's file-store layout byte for byte, and reads it back (also MLflow's own files). */
class LocalMlflowStoreTest {

    @TempDir
    Path dir;

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Epoch-millisecond times vary: compare them as T. */
    private static String times(String yaml) {
        return yaml.replaceAll("(?m)^(creation_time|last_update_time|start_time|end_time): \\d{13}$", "$1: T");
    }

    @Test
    void writesMlflowsFileStoreLayout() throws IOException {
        Path root = dir.resolve("mlruns");
        LocalMlflowStore store = new LocalMlflowStore(root);
        Experiment exp = store.experiment("pitwall walk-forward");

        // The Default experiment and .trash come with a new store, as with MLflow's FileStore.
        assertTrue(Files.isDirectory(root.resolve(".trash")));
        assertEquals("""
                artifact_location: file://%s/0
                creation_time: T
                experiment_id: '0'
                last_update_time: T
                lifecycle_stage: active
                name: Default
                """.formatted(root), times(read(root.resolve("0/meta.yaml"))));
        assertTrue(exp.id().matches("[1-9][0-9]{17}"), exp.id());
        assertEquals("""
                artifact_location: file://%s/%s
                creation_time: T
                experiment_id: '%s'
                last_update_time: T
                lifecycle_stage: active
                name: pitwall walk-forward
                """.formatted(root, exp.id(), exp.id()), times(read(root.resolve(exp.id()).resolve("meta.yaml"))));

        TrackedRun parent = store.startRun(exp, "gbm-vs-rf");
        String id = parent.runId();
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        Path runDir = root.resolve(exp.id()).resolve(id);
        String user = System.getProperty("user.name");
        String runningMeta = """
                artifact_uri: file://%1$s/%2$s/%3$s/artifacts
                deleted_time: null
                end_time: null
                entry_point_name: ''
                experiment_id: '%2$s'
                lifecycle_stage: active
                run_id: %4$s
                run_name: gbm-vs-rf
                run_uuid: %4$s
                source_name: ''
                source_type: 4
                source_version: ''
                start_time: T
                status: 1
                tags: []
                user_id: %5$s
                """.formatted(root, exp.id(), id, MetaYaml.scalar(id), MetaYaml.scalar(user));
        assertEquals(runningMeta, times(read(runDir.resolve("meta.yaml"))));
        for (String sub : List.of("metrics", "params", "tags", "artifacts")) {
            assertTrue(Files.isDirectory(runDir.resolve(sub)), sub);
        }

        parent.logParams(Map.of("spec.seasons", "2022-2025", "model.max_depth", "6"));
        parent.logMetric("spearman", 0.5, 1, 1_731_500_000_000L);
        parent.logMetric("spearman", 0.75, 2, 1_731_500_000_001L);
        parent.logMetric("winner_hit", 1e-5, 0, 1_731_500_000_002L);
        parent.setTags(Map.of("pitwall.data_snapshot", "ab12", MlflowTags.GIT_COMMIT, "d006ed8"));
        parent.logArtifact("tables/comparison.csv", "variant,spearman\ngbm,0.63\n");
        try (TrackedRun child = store.startChildRun(parent, "gbm")) {
            child.logMetric("race/mae", 3.25, 7, 1_731_500_000_003L);
            child.end(RunStatus.FINISHED);
        }
        parent.end(RunStatus.FINISHED);

        assertEquals("6", read(runDir.resolve("params/model.max_depth"))); // no trailing newline
        assertEquals("2022-2025", read(runDir.resolve("params/spec.seasons")));
        assertEquals("1731500000000 0.5 1\n1731500000001 0.75 2\n", read(runDir.resolve("metrics/spearman")));
        assertEquals("1731500000002 1e-05 0\n", read(runDir.resolve("metrics/winner_hit")));
        assertEquals("gbm-vs-rf", read(runDir.resolve("tags/mlflow.runName")));
        assertEquals(user, read(runDir.resolve("tags/mlflow.user")));
        assertEquals("pitwall", read(runDir.resolve("tags/mlflow.source.name")));
        assertEquals("LOCAL", read(runDir.resolve("tags/mlflow.source.type")));
        assertEquals("d006ed8", read(runDir.resolve("tags/mlflow.source.git.commit")));
        assertEquals("variant,spearman\ngbm,0.63\n", read(runDir.resolve("artifacts/tables/comparison.csv")));
        // Ending rewrites meta.yaml as MLflow's _overwrite_run_info does: status 3, end time, no deleted_time.
        assertEquals(runningMeta.replace("deleted_time: null\n", "").replace("end_time: null", "end_time: T")
                        .replace("status: 1", "status: 3"),
                times(read(runDir.resolve("meta.yaml"))));

        RunRecord child = store.searchRuns(exp, RunFilter.tag(MlflowTags.PARENT_RUN_ID, id)).getFirst();
        assertEquals(id, read(root.resolve(exp.id()).resolve(child.runId()).resolve("tags/mlflow.parentRunId")));
        assertEquals("1731500000003 3.25 7\n",
                read(root.resolve(exp.id()).resolve(child.runId()).resolve("metrics/race/mae")));
    }

    @Test
    void readsRunsBack() {
        LocalMlflowStore store = new LocalMlflowStore(dir.resolve("mlruns"));
        Experiment exp = store.experiment("e");
        assertEquals(exp, store.experiment("e")); // get-or-create
        assertEquals(java.util.Optional.of(exp), store.experimentById(exp.id()));
        assertTrue(store.experimentById("1").isEmpty());
        // Both are created within the same millisecond here, so only membership is certain, not the order.
        assertEquals(java.util.Set.of("e", "Default"),
                store.experiments().stream().map(Experiment::name).collect(java.util.stream.Collectors.toSet()));
        TrackedRun parent = store.startRun(exp, "parent");
        parent.logParams(Map.of("seed", "42"));
        parent.logMetric("spearman", 0.9, 3, 10);
        parent.logMetric("spearman", 0.6, 5, 5);
        parent.logMetric("spearman", 0.7, 4, 20);
        parent.logMetric("nan_metric", Double.NaN, 0, 1);
        parent.logArtifact("spec.json", "{\"seed\":42}");
        parent.logArtifact("plots/spearman.html", "<html></html>");
        TrackedRun a = store.startChildRun(parent, "a");
        sleepPastMillisecond(); // "newest first" needs distinct start times (milliseconds, as MLflow records them)
        TrackedRun b = store.startChildRun(parent, "b");
        a.end(RunStatus.FINISHED);
        b.close(); // never ended explicitly: FAILED
        parent.end(RunStatus.FINISHED);

        RunRecord run = store.getRun(parent.runId());
        assertEquals(RunStatus.FINISHED, run.info().status());
        assertEquals("parent", run.info().runName());
        assertEquals(Map.of("seed", "42"), run.params());
        assertEquals(0.6, run.metric("spearman").orElseThrow()); // largest step wins, as in MLflow
        assertTrue(Double.isNaN(run.metric("nan_metric").orElseThrow()));
        assertEquals(List.of(0.9, 0.6, 0.7),
                store.metricHistory(parent.runId(), "spearman").stream().map(LoggedMetric::value).toList());
        assertEquals(List.of(), store.metricHistory(parent.runId(), "never_logged"));
        assertEquals(List.of(new ArtifactFile("plots/spearman.html", 13), new ArtifactFile("spec.json", 11)),
                store.listArtifacts(parent.runId()));
        assertEquals("{\"seed\":42}", new String(store.readArtifact(parent.runId(), "spec.json"),
                StandardCharsets.UTF_8));

        List<RunRecord> children = store.searchRuns(exp, RunFilter.tag(MlflowTags.PARENT_RUN_ID, parent.runId()));
        assertEquals(List.of("b", "a"), children.stream().map(r -> r.info().runName()).toList()); // newest first
        assertEquals(RunStatus.FAILED, store.getRun(b.runId()).info().status());
        assertEquals(3, store.searchRuns(exp, RunFilter.all()).size());

        TrackingException missing = assertThrows(TrackingException.class, () -> store.getRun("f".repeat(32)));
        assertEquals("RESOURCE_DOES_NOT_EXIST", missing.errorCode());
        assertThrows(TrackingException.class, () -> store.readArtifact(parent.runId(), "nope.csv"));
    }

    @Test
    void readsRunsThatMlflowItselfWrote() throws IOException {
        // Files as MLflow 2.x's FileStore leaves them: a legacy two-field metric line, nan, deleted_time.
        Path root = dir.resolve("mlruns");
        Path run = root.resolve("123456789012345678/0123456789abcdef0123456789abcdef");
        Files.createDirectories(run.resolve("metrics"));
        Files.createDirectories(run.resolve("params"));
        Files.createDirectories(run.resolve("tags"));
        Files.createDirectories(root.resolve(".trash"));
        Files.writeString(root.resolve("123456789012345678/meta.yaml"), """
                artifact_location: file:///elsewhere/mlruns/123456789012345678
                creation_time: 1731400000000
                experiment_id: '123456789012345678'
                last_update_time: 1731400000000
                lifecycle_stage: active
                name: from-python
                """);
        Files.writeString(run.resolve("meta.yaml"), """
                artifact_uri: file:///elsewhere/mlruns/123456789012345678/0123456789abcdef0123456789abcdef/artifacts
                deleted_time: null
                end_time: null
                entry_point_name: ''
                experiment_id: '123456789012345678'
                lifecycle_stage: active
                run_id: 0123456789abcdef0123456789abcdef
                run_name: bold-cat-42
                run_uuid: 0123456789abcdef0123456789abcdef
                source_name: ''
                source_type: 4
                source_version: ''
                start_time: 1731400000500
                status: 1
                tags: []
                user_id: ana
                """);
        Files.writeString(run.resolve("metrics/loss"), "1731400000600 0.25\n1731400000700 nan 1\n");
        Files.writeString(run.resolve("params/lr"), "0.1");
        Files.writeString(run.resolve("tags/mlflow.runName"), "bold-cat-42");

        LocalMlflowStore store = new LocalMlflowStore(root);
        Experiment exp = store.experiment("from-python");
        assertEquals("123456789012345678", exp.id());
        RunRecord r = store.searchRuns(exp, RunFilter.all()).getFirst();
        assertEquals(new RunInfo("0123456789abcdef0123456789abcdef", "123456789012345678", "bold-cat-42",
                RunStatus.RUNNING, 1731400000500L, null,
                "file:///elsewhere/mlruns/123456789012345678/0123456789abcdef0123456789abcdef/artifacts", "ana",
                "active"), r.info());
        assertEquals(Map.of("lr", "0.1"), r.params());
        assertEquals(List.of(new LoggedMetric("loss", 0.25, 1731400000600L, 0), new LoggedMetric("loss", Double.NaN,
                1731400000700L, 1)), store.metricHistory(r.runId(), "loss"));
        assertFalse(Files.exists(root.resolve("0")), "no Default experiment added to an existing store");
    }

    @Test
    void paramsAreImmutableAndKeysFollowMlflowRules() {
        LocalMlflowStore store = new LocalMlflowStore(dir.resolve("mlruns"));
        TrackedRun run = store.startRun(store.experiment("e"), "r");
        run.logParam("max_depth", "6");
        run.logParam("max_depth", "6"); // the same value again is fine
        TrackingException changed = assertThrows(TrackingException.class, () -> run.logParam("max_depth", "8"));
        assertEquals("INVALID_PARAMETER_VALUE", changed.errorCode());
        assertEquals("Changing param values is not allowed. Param with key='max_depth' was already logged with "
                + "value='6' for run ID='" + run.runId() + "'. Attempted logging new value '8'.", changed.getMessage());

        for (String bad : List.of("", "../escape", "/abs", "a//b", "a/./b", "trailing/", "star*", "semi;colon")) {
            TrackingException e = assertThrows(TrackingException.class, () -> run.logParam(bad, "x"), bad);
            assertEquals("INVALID_PARAMETER_VALUE", e.errorCode(), bad);
        }
        run.logParam("nested/key with space-and.dots", "ok");
        assertThrows(TrackingException.class, () -> run.logParam("long", "x".repeat(6001)));
        assertThrows(TrackingException.class, () -> run.setTag("long", "x".repeat(5001)));
        assertThrows(TrackingException.class, () -> run.logArtifact("../outside.csv", "x"));
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().equals("outside.csv")));
        } catch (IOException e) {
            throw new RuntimeException(e);
        }

        run.end(RunStatus.FINISHED);
        run.end(RunStatus.FAILED); // a second end is a no-op
        assertEquals(RunStatus.FINISHED, store.getRun(run.runId()).info().status());
        IllegalStateException late = assertThrows(IllegalStateException.class, () -> run.logMetric("m", 1, 0));
        assertTrue(late.getMessage().contains("has ended"), late.getMessage());
    }

    @Test
    void startingARunInAnExperimentOfAnotherStoreSaysSo() {
        LocalMlflowStore store = new LocalMlflowStore(dir.resolve("mlruns"));
        TrackingException e = assertThrows(TrackingException.class,
                () -> store.startRun(new Experiment("42", "elsewhere", null), "r"));
        assertTrue(e.getMessage().contains("Experiment 42 ('elsewhere') does not exist"), e.getMessage());
    }

    private static void sleepPastMillisecond() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
