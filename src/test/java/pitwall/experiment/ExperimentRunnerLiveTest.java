package pitwall.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import pitwall.eval.Metric;
import pitwall.eval.PairedComparison;
import pitwall.local.Project;
import pitwall.testing.LiveWorker;
import pitwall.track.LocalMlflowStore;
import pitwall.track.PitwallTags;
import pitwall.track.RunRecord;

/** A small experiment end to end on the real data: Worker → snapshot → features → backtest → local MLflow store. */
class ExperimentRunnerLiveTest {

    static final String SPEC = """
            {"name": "live-test", "data": {"fromYear": 2016, "toYear": 2025}, "featureSet": "post-qualifying",
             "evaluation": {"validateFrom": 2024, "validateTo": 2024, "testFrom": 2025, "testTo": 2025,
                            "trainFrom": 2019}, "seed": 11,
             "primaryMetric": "spearman",
             "variants": [{"name": "grid", "kind": "grid"},
                          {"name": "gbt", "kind": "gbt-position", "params": {"trees": 30}}]}""";

    @Test
    void runsTracksAndRerunsIdentically(@TempDir Path tmp) throws Exception {
        LiveWorker worker = LiveWorker.shared();
        AtomicInteger workerOpened = new AtomicInteger();
        AtomicInteger progressEvents = new AtomicInteger();
        Path mlruns = tmp.resolve("mlruns");
        Path snapshots = tmp.resolve("snapshots");
        try (LocalMlflowStore store = new LocalMlflowStore(mlruns)) {
            ExperimentRunner runner = new ExperimentRunner(store, Project.locate().root(), snapshots, () -> {
                workerOpened.incrementAndGet();
                return new WorkerClient(WorkerConfig.of(worker.url(), worker.apiKey())
                        .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60)));
            }, p -> progressEvents.incrementAndGet());

            ExperimentResult result = runner.run(ExperimentSpec.parse(SPEC, "live"), Map.of());

            // 2025 has 18 races with results; the grid baseline's numbers are the 2025 row of
            // docs/baselines.md#the-grid-baseline.
            var grid = result.backtest().variant("grid").summary();
            assertEquals(18, grid.races());
            assertEquals(0.6667, grid.winner(), 5e-5);
            assertEquals(0.6689, grid.spearman(), 5e-5);
            assertEquals(3.2535, grid.mae(), 5e-5);
            assertEquals(1, workerOpened.get());
            // Validation: the 24 races of 2024, fitted on 2019-2023; the choice is made there, not on 2025.
            var gridValidation = result.validation().variant("grid").summary();
            assertEquals(24, gridValidation.races());
            var gbtValidation = result.validation().variant("gbt").summary();
            String chosenOnValidation = gbtValidation.spearman() > gridValidation.spearman() ? "gbt" : "grid";
            assertEquals(chosenOnValidation, result.comparison().winner().name());
            assertEquals(gridValidation, result.comparison().row("grid").validation());
            assertEquals(grid, result.comparison().row("grid").summary());
            assertTrue(progressEvents.get() >= 2, "progress reported");

            // Tracked: parent with spec artifact and snapshot tag, a child per variant with per-race metrics.
            RunRecord parent = store.getRun(result.runId());
            assertEquals("experiment", parent.tag(PitwallTags.ROLE).orElseThrow());
            assertEquals(result.snapshotHash(), parent.tag(PitwallTags.DATA_SNAPSHOT).orElseThrow());
            assertTrue(Files.isDirectory(snapshots.resolve(result.snapshotHash())), "snapshot written");
            RunRecord gbt = store.getRun(result.variantRunIds().get("gbt"));
            assertEquals(result.runId(), gbt.parentRunId().orElseThrow());
            assertEquals("30", gbt.param("trees").orElseThrow());
            assertEquals(18, store.metricHistory(gbt.runId(), "race.spearman").size());
            assertEquals(result.backtest().variant("gbt").summary().spearman(),
                    gbt.metric("spearman").orElseThrow(), 0.0);
            assertEquals(gbtValidation.spearman(), gbt.metric("validation.spearman").orElseThrow(), 0.0);
            assertEquals(chosenOnValidation, parent.tag(PitwallTags.WINNER).orElseThrow());
            assertTrue(new String(store.readArtifact(gbt.runId(), "validation-race-metrics.csv")).lines()
                    .filter(l -> l.contains(",2024,")).count() == 24, "24 validation races per variant");
            assertTrue(Files.exists(mlruns.resolve(parent.info().experimentId()).resolve(parent.runId())
                    .resolve("artifacts/comparison.csv")));
            String plot = new String(store.readArtifact(parent.runId(), "plots/spearman-by-race.svg"));
            assertTrue(plot.startsWith("<svg") && plot.contains("<polyline"), plot);
            assertTrue(new String(store.readArtifact(parent.runId(), "plots/spearman-summary.svg")).contains("<rect"));
            // Calibration: a reliability plot of the best model, the bins and ECEs of every variant.
            assertTrue(new String(store.readArtifact(parent.runId(), "plots/reliability.svg")).contains("<circle"));
            assertTrue(new String(store.readArtifact(gbt.runId(), "calibration.csv"))
                    .startsWith("event,bin,lower,upper,count,meanPredicted,observed\nwin,0,"));
            assertEquals(result.backtest().variant("gbt").calibration().win().ece(), gbt.metric("winEce")
                    .orElseThrow(), 0.0);
            // Feature importance of the best model (the only learned one here), refitted on all races.
            String importance = new String(store.readArtifact(gbt.runId(), "feature-importance.csv"));
            assertTrue(importance.startsWith("variant,feature,importance\ngbt,"), importance);
            assertTrue(importance.contains(",grid,") || importance.contains(",qualiPosition,"), importance);

            // The JSON comparison has the names the issue fixes.
            JsonNode json = new ObjectMapper().readTree(result.toJson());
            assertEquals(result.runId(), json.get("experimentRunId").asText());
            assertEquals(result.comparison().winner().name(), json.get("winner").asText());
            JsonNode first = json.get("variants").get(0);
            assertEquals("grid", first.get("name").asText());
            assertEquals("baseline", first.get("kind").asText());
            for (String key : List.of("winner", "podium", "top10", "spearman", "mae", "winLogLoss")) {
                assertTrue(first.get("metrics").has(key), key);
                assertTrue(first.get("validation").get("metrics").has(key), key);
            }
            assertEquals(24, first.get("validation").get("races").asInt());
            assertEquals("validation", json.get("chosenOn").asText());
            assertEquals("[2024]", json.get("validationSeasons").toString());

            // The README's model results read the run back from the tracker: the same comparison, exactly.
            ModelResults results = ModelResults.read(store, List.of(ExperimentSpec.parse(SPEC, "live")));
            assertEquals(result.comparison().ranked(), results.specs().getFirst().comparison().ranked());
            String table = results.toMarkdown();
            assertTrue(table.contains("chosen on validation 2024 – 2024 (24 races), reported on test 2025 – 2025 "
                    + "(18 races); exported: **gbt**"), table);
            assertTrue(table.contains("| **gbt** | model | "), table);
            // ... and the exported model against the best baseline race by race, from the run's race-metrics.csv.
            PairedComparison paired = result.pairedOnTest().orElseThrow();
            assertEquals(paired, results.specs().getFirst().paired());
            assertEquals(18, paired.races());
            assertEquals("gbt", paired.model());
            assertEquals(result.comparison().bestBaseline().orElseThrow().name(), paired.baseline());
            assertEquals(result.backtest().variant("gbt").summary().value(Metric.SPEARMAN)
                    - result.backtest().variant(paired.baseline()).summary().value(Metric.SPEARMAN),
                    paired.difference(Metric.SPEARMAN).mean(), 1e-12);
            assertTrue(table.contains("Test range, race by race: `gbt` against `" + paired.baseline()
                    + "`, paired over the same 18 races"), table);

            // Rerun: from the recorded spec and snapshot, offline (the Worker is not opened again), identical.
            Rerun.Outcome same = Rerun.of(store, result.runId(), runner);
            assertTrue(same.identical(), () -> "differences: " + same.differences());
            assertEquals(1, workerOpened.get(), "a rerun reads the pinned snapshot, not the Worker");

            // A changed recorded metric is reported as a difference.
            Path spearman = mlruns.resolve(gbt.info().experimentId()).resolve(gbt.runId()).resolve("metrics/spearman");
            Files.writeString(spearman, Files.readString(spearman).replaceFirst(" 0\\.[0-9]+ ", " 0.123 "));
            Rerun.Outcome changed = Rerun.of(store, result.runId(), runner);
            assertFalse(changed.identical());
            assertEquals("gbt", changed.differences().getFirst().variant());
            assertEquals("spearman", changed.differences().getFirst().metric());
            assertEquals(0.123, changed.differences().getFirst().original(), 0.0);
        }
    }
}
