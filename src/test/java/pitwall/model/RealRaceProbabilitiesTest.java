package pitwall.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pitwall.data.FrameLoader;
import pitwall.data.SeasonData;
import pitwall.data.WorkerClient;
import pitwall.data.WorkerConfig;
import pitwall.eval.BacktestOptions;
import pitwall.eval.BacktestResult;
import pitwall.eval.RaceMetrics;
import pitwall.eval.Variant;
import pitwall.eval.WalkForward;
import pitwall.features.AsOfFeatures;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureCatalogue;
import pitwall.features.FeatureMatrix;
import pitwall.testing.LiveWorker;

/** Probabilities of real races read through the live Worker: DNF base rates, dead heats of the rank average. */
class RealRaceProbabilitiesTest {

    static FeatureMatrix matrix;

    @BeforeAll
    static void load() {
        LiveWorker worker = LiveWorker.shared();
        try (WorkerClient client = new WorkerClient(WorkerConfig.of(worker.url(), worker.apiKey())
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60)))) {
            List<SeasonData> seasons = FrameLoader.fetch(client, 2018, 2025);
            matrix = AsOfFeatures.compute(seasons, FeatureCatalogue.postQualifying(), 2018, 2025);
        }
    }

    @Test
    void theDnfBaseRateIsTheShareOfUnclassifiedEntrantsInTheTrainingRows() {
        // results.csv, the 22 races of 2022: 440 entrants, 64 of them with a positionText that is not a number
        // (R, D, W, N, ...), so the 2023 fit trained on 2022 alone serves 64 / 440 = 8 / 55 to everyone.
        double rate = 64.0 / 440;
        List<EntrantRow> season2022 = matrix.rows().stream().filter(r -> r.year() == 2022).toList();
        assertEquals(440, season2022.size());
        assertEquals(rate, DnfModel.trainingRate(season2022), 1e-15);

        BacktestResult result = WalkForward.run(matrix, List.of(Variant.baseline(GridBaseline.of())),
                BacktestOptions.defaults().withTestSeasons(2023, 2023).withTrainFromYear(2022));
        List<RaceMetrics> races = result.variants().getFirst().metrics();
        assertEquals(22, races.size());
        // 2023 R1 (Bahrain, raceId 1098): 20 entrants, 3 retired (Ocon, Leclerc, Piastri: positionText R).
        RaceMetrics bahrain = races.getFirst();
        assertEquals(1098, bahrain.raceId());
        assertEquals(20, bahrain.entrants());
        double expected = (3 * -Math.log(rate) + 17 * -Math.log(1 - rate)) / 20;
        assertEquals(expected, bahrain.dnfBaseLogLoss(), 1e-12);
        assertEquals(bahrain.dnfBaseLogLoss(), bahrain.dnfLogLoss(), 0.0, "a baseline serves the base rate itself");
        assertEquals(bahrain.dnfBaseBrier(), bahrain.dnfBrier(), 0.0);
    }

    @Test
    void theRankAverageBreaksARealDeadHeatByTheMembersZScores() {
        AverageTrainer trainer = (AverageTrainer) ModelCatalog.create("average",
                Map.of("members", "rf-position,gbt-position", "rf-position.trees", "30", "gbt-position.trees", "40"));
        List<EntrantRow> training = matrix.rows().stream().filter(r -> r.year() >= 2022 && r.year() <= 2024)
                .toList();
        ScoredModel model = (ScoredModel) trainer.fit(matrix.set(), training);
        AverageScorer average = (AverageScorer) model.scorer();
        List<String> ties = new ArrayList<>();
        for (List<EntrantRow> race : matrix.races()) {
            if (race.getFirst().year() != 2025 || !race.getFirst().hasOutcome()) {
                continue;
            }
            double[][] ranks = new double[average.members().size()][];
            for (int k = 0; k < ranks.length; k++) {
                ranks[k] = AverageScorer.normalisedRanks(average.members().get(k).score(race));
            }
            double[] scores = average.score(race);
            RacePrediction prediction = model.predict(race);
            for (int i = 0; i < race.size(); i++) {
                for (int j = i + 1; j < race.size(); j++) {
                    double mi = 0, mj = 0;
                    for (double[] r : ranks) {
                        mi += r[i] / ranks.length;
                        mj += r[j] / ranks.length;
                    }
                    if (Math.abs(mi - mj) < 1e-12) {
                        ties.add("R" + race.getFirst().round() + " " + race.get(i).driverId() + "/"
                                + race.get(j).driverId() + " at " + mi);
                        assertNotEquals(scores[i], scores[j], "tie broken: " + ties.getLast());
                        int di = race.get(i).driverId(), dj = race.get(j).driverId();
                        double wi = prediction.entrants().stream().filter(e -> e.driverId() == di).findFirst()
                                .orElseThrow().winProb();
                        double wj = prediction.entrants().stream().filter(e -> e.driverId() == dj).findFirst()
                                .orElseThrow().winProb();
                        assertNotEquals(wi, wj, "probabilities differ too: " + ties.getLast());
                    }
                }
            }
        }
        // Level at the front: 2025 R8 (Monaco), Norris (846) and Piastri (857), the two members swapping them.
        assertTrue(ties.stream().anyMatch(t -> t.startsWith("R8 846/857 at 0.97")), ties.toString());
    }
}
