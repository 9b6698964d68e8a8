package pitwall.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.data.WorkerClient;
import pitwall.data.WorkerConfig;
import pitwall.local.Project;
import pitwall.model.ModelCatalog;
import pitwall.model.RankingTrainer;
import pitwall.testing.LiveWorker;
import pitwall.track.LocalMlflowStore;
import pitwall.track.MlflowTags;
import pitwall.track.PitwallTags;
import pitwall.track.RunFilter;
import pitwall.track.RunRecord;
import pitwall.track.RunStatus;

/** A small grid sweep end to end on the real data: trials as child runs, failing trials kept, the best as a spec. */
class SweepLiveTest {

    static final String BASE = """
            {"name": "sweep-base", "data": {"fromYear": 2016, "toYear": 2025}, "featureSet": "post-qualifying",
             "evaluation": {"validateFrom": 2024, "validateTo": 2024, "testFrom": 2025, "testTo": 2025,
                            "trainFrom": 2019}, "seed": 11, "primaryMetric": "spearman",
             "variants": [{"name": "grid", "kind": "grid"},
                          {"name": "rf", "kind": "rf-position", "params": {"trees": 20, "dnfTrees": 0}}]}""";

    // Every choice is checked before the sweep starts, so a bad value never reaches a trial; what a sweep must
    // survive is a fit that fails while it runs. The test's trainer factory makes the mtry 1000 trials fail so.
    static final String SWEEP = """
            {"name": "sweep-test", "base": "base.json", "variant": "rf",
             "space": {"trees": {"choices": [10, 30]}, "mtry": {"choices": [3, 1000]}},
             "strategy": "grid", "trials": 4, "seed": 3}""";

    @Test
    void trialsAreChildRunsAndTheBestBecomesARunnableSpec(@TempDir Path tmp) throws Exception {
        LiveWorker worker = LiveWorker.shared();
        Files.writeString(tmp.resolve("base.json"), BASE);
        Path sweepFile = tmp.resolve("sweep-test.json");
        Files.writeString(sweepFile, SWEEP);
        AtomicInteger progress = new AtomicInteger();
        try (LocalMlflowStore store = new LocalMlflowStore(tmp.resolve("mlruns"))) {
            Sweep sweep = new Sweep(store, Project.locate().root(), tmp.resolve("snapshots"),
                    () -> new WorkerClient(WorkerConfig.of(worker.url(), worker.apiKey())
                            .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60))),
                    p -> progress.incrementAndGet())
                    .withTrainers((kind, params) -> {
                        RankingTrainer real = ModelCatalog.create(kind, params);
                        if (!"1000".equals(String.valueOf(params.get("mtry")))) {
                            return real;
                        }
                        return new RankingTrainer() {
                            @Override
                            public String name() {
                                return real.name();
                            }

                            @Override
                            public pitwall.model.RankingModel fit(pitwall.features.FeatureSet set,
                                                                  List<pitwall.features.EntrantRow> rows) {
                                throw new IllegalStateException("the forest ran out of memory at mtry 1000");
                            }
                        };
                    });
            SweepResult result = sweep.run(sweepFile, null, 2);

            assertEquals(4, result.trials().size());
            assertEquals(4, progress.get(), "one progress event per trial");
            List<SweepResult.Trial> failed = result.trials().stream().filter(t -> !t.succeeded()).toList();
            List<SweepResult.Trial> ran = result.trials().stream().filter(SweepResult.Trial::succeeded).toList();
            assertTrue(ran.size() >= 2, "the mtry 3 trials run: " + result.trials());
            SweepResult.Trial best = result.best().orElseThrow();
            ran.forEach(t -> assertTrue(best.objective() >= t.objective()));

            // Tracked: a parent with role sweep, a child per trial (failed ones FAILED with their error).
            RunRecord parent = store.getRun(result.runId());
            assertEquals(PitwallTags.ROLE_SWEEP, parent.tag(PitwallTags.ROLE).orElseThrow());
            assertEquals(best.runId(), parent.tag(PitwallTags.BEST_TRIAL).orElseThrow());
            assertEquals(best.objective(), parent.metric("best.validation.spearman").orElseThrow(), 0.0);
            var experiment = store.experimentById(parent.info().experimentId()).orElseThrow();
            List<RunRecord> children = store.searchRuns(experiment,
                    RunFilter.tag(MlflowTags.PARENT_RUN_ID, result.runId()));
            assertEquals(4, children.size());
            for (SweepResult.Trial t : result.trials()) {
                RunRecord child = store.getRun(t.runId());
                assertEquals(PitwallTags.ROLE_TRIAL, child.tag(PitwallTags.ROLE).orElseThrow());
                assertEquals(String.valueOf(t.params().get("trees")), child.param("trees").orElseThrow());
                if (t.succeeded()) {
                    assertEquals(RunStatus.FINISHED, child.info().status());
                    assertEquals(t.objective(), child.metric("validation.spearman").orElseThrow(), 0.0);
                } else {
                    assertEquals(RunStatus.FAILED, child.info().status());
                    assertTrue(child.tag(PitwallTags.ERROR).orElseThrow().contains("mtry"), t.error());
                }
            }
            assertEquals(List.of(1000, 1000), failed.stream().map(t -> t.params().get("mtry")).toList(),
                    "both mtry 1000 trials fail, and only they: " + result.trials());

            // The trial table is sorted best first; the plot draws the trials that ran.
            String csv = new String(store.readArtifact(result.runId(), "trials.csv"));
            assertTrue(csv.lines().skip(1).findFirst().orElseThrow().startsWith("1," + best.number() + ",ok,"), csv);
            String page = new String(store.readArtifact(result.runId(), "plots/parallel-coordinates.html"));
            assertTrue(page.contains("\"type\":\"parcoords\"") && page.contains("window.Plotly")
                    && !page.contains("<script src"), "offline parcoords page");

            // The best trial as a spec: experiment run takes it, and its gbt carries the best params.
            ExperimentSpec bestSpec = ExperimentSpec.parse(result.bestSpec().orElseThrow().toJson(), "best");
            assertEquals("sweep-test-best", bestSpec.name());
            Map<String, Object> params = bestSpec.variants().get(1).params();
            assertEquals(best.params().get("trees"), params.get("trees"));
            assertEquals(0, params.get("dnfTrees"), "the base's other params stay");
            assertEquals(new String(store.readArtifact(result.runId(), Sweep.BEST_SPEC_ARTIFACT)),
                    result.bestSpec().orElseThrow().toJson());

            JsonNode json = new ObjectMapper().readTree(result.toJson());
            assertEquals(result.runId(), json.get("sweepRunId").asText());
            assertEquals(4, json.get("trials").size());
            assertEquals(best.runId(), json.get("best").get("runId").asText());
            assertTrue(json.get("trials").get(0).has("params") && json.get("trials").get(0).has("metrics"));
        }
    }
}
