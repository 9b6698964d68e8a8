package pitwall.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.data.WorkerClient;
import pitwall.data.WorkerConfig;
import pitwall.eval.FitCache;
import pitwall.local.Project;
import pitwall.testing.LiveWorker;
import pitwall.track.LocalMlflowStore;

/** The fit cache on the live test's experiment: real data, real cache files, counted fits. */
class FitCacheLiveTest {

    @Test
    void secondRunFitsNothingAndAChangedVariantAloneIsRefitted(@TempDir Path tmp) throws Exception {
        LiveWorker worker = LiveWorker.shared();
        Path fits = tmp.resolve("fits");
        try (LocalMlflowStore store = new LocalMlflowStore(tmp.resolve("mlruns"))) {
            ExperimentRunner runner = new ExperimentRunner(store, Project.locate().root(), tmp.resolve("snapshots"),
                    () -> new WorkerClient(WorkerConfig.of(worker.url(), worker.apiKey())
                            .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60))), p -> { });
            ExperimentSpec spec = ExperimentSpec.parse(ExperimentRunnerLiveTest.SPEC, "live");

            // Cold: 2 variants x (validation 2024 + test 2025) = 4 folds, plus the best model refitted on all races
            // for its feature importance: all fitted and stored.
            FitCache cold = FitCache.open(fits);
            ExperimentResult first = runner.withCache(cold).run(spec, Map.of());
            assertEquals(new FitCache.Stats(0, 5, 0, 5), cold.stats());
            assertEquals(5, entries(fits).size());

            // Warm: nothing fitted, every number and prediction the same.
            FitCache warm = FitCache.open(fits);
            ExperimentResult second = runner.withCache(warm).run(spec, Map.of());
            assertEquals(new FitCache.Stats(5, 0, 0, 0), warm.stats());
            assertSameResults(first, second);
            assertEquals(new String(store.readArtifact(first.variantRunIds().get("gbt"), "feature-importance.csv")),
                    new String(store.readArtifact(second.variantRunIds().get("gbt"), "feature-importance.csv")));
            assertEquals(first.backtest().variant("gbt").fits(), second.backtest().variant("gbt").fits());

            // A rerun refits from scratch (no cache) and must match the cached run's recorded metrics bit for bit.
            Rerun.Outcome rerun = Rerun.of(store, second.runId(), runner);
            assertTrue(rerun.identical(), () -> "differences: " + rerun.differences());

            // One param of one variant changed: only that variant's two folds (and its importance model) are fitted.
            ExperimentSpec changed = ExperimentSpec.parse(ExperimentRunnerLiveTest.SPEC.replace("\"trees\": 30",
                    "\"trees\": 31"), "live-changed");
            FitCache partly = FitCache.open(fits);
            ExperimentResult third = runner.withCache(partly).run(changed, Map.of());
            assertEquals(new FitCache.Stats(2, 3, 0, 3), partly.stats());
            assertEquals(first.backtest().variant("grid").races(), third.backtest().variant("grid").races());
            assertEquals(8, entries(fits).size());

            // A truncated entry and a garbage entry are misses, removed and refitted, never errors.
            List<Path> all = entries(fits);
            byte[] whole = Files.readAllBytes(all.get(0));
            Files.write(all.get(0), java.util.Arrays.copyOf(whole, whole.length / 2));
            Files.writeString(all.get(1), "not a fold");
            FitCache repaired = FitCache.open(fits);
            ExperimentResult firstAgain = runner.withCache(repaired).run(spec, Map.of());
            ExperimentResult thirdAgain = runner.withCache(repaired).run(changed, Map.of());
            assertEquals(2, repaired.stats().discarded());
            assertEquals(2, repaired.stats().misses());
            assertEquals(8, repaired.stats().hits());
            assertSameResults(first, firstAgain);
            assertSameResults(third, thirdAgain);
            assertEquals(8, entries(fits).size());
        }
    }

    @Test
    void aRepeatedSweepFitsNothing(@TempDir Path tmp) throws Exception {
        LiveWorker worker = LiveWorker.shared();
        Files.writeString(tmp.resolve("base.json"), SweepLiveTest.BASE);
        Path sweepFile = Files.writeString(tmp.resolve("sweep.json"), """
                {"name": "sweep-cached", "base": "base.json", "variant": "rf",
                 "space": {"trees": {"choices": [10, 30]}}, "strategy": "grid", "trials": 2, "seed": 3}""");
        Path fits = tmp.resolve("fits");
        try (LocalMlflowStore store = new LocalMlflowStore(tmp.resolve("mlruns"))) {
            Sweep sweep = new Sweep(store, Project.locate().root(), tmp.resolve("snapshots"),
                    () -> new WorkerClient(WorkerConfig.of(worker.url(), worker.apiKey())
                            .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60))), p -> { });
            FitCache cold = FitCache.open(fits);
            SweepResult first = sweep.withCache(cold).run(sweepFile, null, 2);
            assertEquals(new FitCache.Stats(0, 2, 0, 2), cold.stats()); // 2 trials x the 2024 validation fold
            FitCache warm = FitCache.open(fits);
            SweepResult second = sweep.withCache(warm).run(sweepFile, null, 2);
            assertEquals(new FitCache.Stats(2, 0, 0, 0), warm.stats());
            assertEquals(first.trials().stream().map(SweepResult.Trial::metrics).toList(),
                    second.trials().stream().map(SweepResult.Trial::metrics).toList());
        }
    }

    private static void assertSameResults(ExperimentResult a, ExperimentResult b) {
        assertEquals(a.backtest().raceMetricsCsv(), b.backtest().raceMetricsCsv());
        assertEquals(a.backtest().predictionsCsv(), b.backtest().predictionsCsv());
        assertEquals(a.validation().raceMetricsCsv(), b.validation().raceMetricsCsv());
        assertEquals(a.comparison().ranked(), b.comparison().ranked());
        for (String variant : List.of("grid", "gbt")) {
            assertEquals(a.metricsOf(variant), b.metricsOf(variant), variant);
        }
    }

    private static List<Path> entries(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".fit")).sorted().toList();
        }
    }
}
