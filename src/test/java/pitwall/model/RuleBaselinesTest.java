package pitwall.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureDef;
import pitwall.features.FeatureSet;

class RuleBaselinesTest {

    private static final FeatureSet SET = new FeatureSet("standings-and-form", List.of(
            new FeatureDef("championshipPoints", "points so far", "season", "0"),
            new FeatureDef("lastFinish", "previous finish", "1 race", "NaN")));

    private static EntrantRow row(int driverId, double points, double lastFinish, int finish) {
        return new EntrantRow(50, 2024, 5, LocalDateTime.of(2024, 5, 5, 14, 0), driverId, 1, 1, finish, true,
                new double[] {points, lastFinish});
    }

    private static final List<EntrantRow> RACE = List.of(
            row(30, 40, 2, 1),
            row(10, 55, 5, 2),
            row(20, 40, Double.NaN, 3),  // rookie: no previous race
            row(40, 12, 1, 4),
            row(5, 0, 9, 5));

    @Test
    void standingsOrderByPointsDescendingTiesByDriverId() {
        RankingModel model = FeatureOrderBaseline.standings().fit(SET, RACE);
        RacePrediction prediction = model.predict(RACE);
        assertEquals(List.of(10, 20, 30, 40, 5), prediction.order());
        assertEquals("standings", prediction.model());
        Coherence.assertCoherent(prediction);
    }

    @Test
    void previousRaceOrderByLastFinishMissingLast() {
        RankingModel model = FeatureOrderBaseline.previousRace().fit(SET, RACE);
        RacePrediction prediction = model.predict(RACE);
        assertEquals(List.of(40, 30, 10, 5, 20), prediction.order());
        Coherence.assertCoherent(prediction);
    }

    @Test
    void dnfRateIsTheTrainingBaseRate() {
        List<EntrantRow> training = List.of(
                row(1, 0, 1, 1), row(2, 0, 2, 2),
                new EntrantRow(50, 2024, 5, LocalDateTime.of(2024, 5, 5, 14, 0), 3, 1, 3, 3, false,
                        new double[] {0, 3}),
                row(4, 0, 4, 4));
        RacePrediction prediction = FeatureOrderBaseline.standings().fit(SET, training).predict(RACE);
        prediction.entrants().forEach(e -> assertEquals(0.25, e.dnfProb(), 1e-12));
    }

    @Test
    void aMissingFeatureNamesTheFeatureAndTheSet() {
        FeatureSet without = new FeatureSet("pre-qualifying", List.of(
                new FeatureDef("starts", "career starts", "all", "0")));
        var error = assertThrows(IllegalArgumentException.class,
                () -> FeatureOrderBaseline.standings().fit(without, List.of()));
        assertTrue(error.getMessage().contains("championshipPoints"), error.getMessage());
        assertTrue(error.getMessage().contains("pre-qualifying"), error.getMessage());
    }

    @Test
    void fittedTemperatureMakesTheLeaderAFavourite() {
        List<EntrantRow> training = Synthetic.races(60, 20, 0, 3L);
        RankingModel model = FeatureOrderBaseline.standings().fit(Synthetic.set(0), training);
        List<EntrantRow> race = Synthetic.races(80, 20, 0, 3L).subList(79 * 20, 80 * 20);
        RacePrediction prediction = model.predict(race);
        Coherence.assertCoherent(prediction);
        assertTrue(prediction.entrants().getFirst().winProb() > 1.0 / 20, "leader should beat a uniform guess");
    }
}
