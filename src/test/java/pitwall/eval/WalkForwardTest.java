package pitwall.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureMatrix;
import pitwall.model.RankingModel;
import pitwall.model.RankingTrainer;

class WalkForwardTest {

    /**
     * Seasons 2019–2022, four races each a fortnight apart from March; 2022 R3 and R4 not yet run. Grid = driverId;
     * the finishing order rotates with the round so metrics vary.
     */
    static FeatureMatrix matrix() {
        List<EntrantRow> rows = new ArrayList<>();
        int raceId = 900; // not chronological on purpose: walk-forward must order by start
        for (int year = 2019; year <= 2022; year++) {
            for (int round = 1; round <= 4; round++) {
                LocalDateTime start = LocalDateTime.of(year, 3, 1, 14, 0).plusWeeks(2L * (round - 1));
                raceId -= 7;
                if (year == 2022 && round >= 3) {
                    rows.addAll(TestRaces.upcoming(raceId, year, round, start, 1, 2, 3, 4, 5, 6));
                } else {
                    List<Integer> order = new ArrayList<>(List.of(1, 2, 3, 4, 5, 6));
                    Collections.rotate(order, round - 1);
                    rows.addAll(TestRaces.finished(raceId, year, round, start,
                            order.stream().mapToInt(Integer::intValue).toArray()));
                }
            }
        }
        return new FeatureMatrix(TestRaces.NO_FEATURES, rows);
    }

    static BacktestOptions options(int from, int to) {
        return BacktestOptions.defaults().withTestSeasons(from, to);
    }

    @Test
    void everyPredictionUsesOnlyRacesThatStartedBefore() {
        for (BacktestOptions.Retrain mode : BacktestOptions.Retrain.values()) {
            RecordingTrainer trainer = new RecordingTrainer("recorder");
            WalkForward.run(matrix(), List.of(Variant.model(trainer)), options(2020, 2022).withRetrain(mode));
            assertEquals(10, trainer.uses.size(), mode + ": 4 + 4 + 2 finished test races");
            for (RecordingTrainer.Use use : trainer.uses) {
                assertFalse(use.trainedStarts().isEmpty());
                assertFalse(use.trainedRaceIds().contains(use.raceId()), mode + ": trained on the race it predicts");
                for (LocalDateTime trained : use.trainedStarts()) {
                    assertTrue(trained.isBefore(use.raceStart()), mode + ": race " + use.raceId() + " at "
                            + use.raceStart() + " predicted by a model trained on a race at " + trained);
                }
                assertFalse(use.sawOutcome(), "the model was shown the outcome of race " + use.raceId());
            }
        }
    }

    @Test
    void perSeasonFitsOncePerSeasonOnEverythingBefore() {
        RecordingTrainer trainer = new RecordingTrainer("recorder");
        BacktestResult result = WalkForward.run(matrix(), List.of(Variant.model(trainer)), options(2020, 2022));
        VariantResult v = result.variant("recorder");
        assertEquals(List.of("2020", "2021", "2022"), v.fits().stream().map(Fit::unit).toList());
        // 4, 8 and 12 finished races before each season, 6 entrants each
        assertEquals(List.of(24, 48, 72), v.fits().stream().map(Fit::trainingRows).toList());
        assertEquals(List.of(4, 8, 12), v.fits().stream().map(Fit::trainingRaces).toList());
        assertEquals(List.of(4, 4, 2), v.fits().stream().map(Fit::predictedRaces).toList());
        for (Fit fit : v.fits()) {
            assertTrue(fit.lastTrainingStart().isBefore(fit.firstTestStart()), fit.toString());
        }
        assertEquals(10, v.summary().races());
        assertEquals(10, v.races().size());
    }

    @Test
    void perRaceRefitsBeforeEveryRaceIncludingTheSeasonSoFar() {
        RecordingTrainer trainer = new RecordingTrainer("recorder");
        BacktestResult result = WalkForward.run(matrix(), List.of(Variant.model(trainer)),
                options(2022, 2022).withRetrain(BacktestOptions.Retrain.PER_RACE));
        VariantResult v = result.variant("recorder");
        assertEquals(List.of("2022 R1", "2022 R2"), v.fits().stream().map(Fit::unit).toList());
        assertEquals(List.of(12, 13), v.fits().stream().map(Fit::trainingRaces).toList());
    }

    @Test
    void upcomingRacesAreSkippedAndNeverTrainedOn() {
        RecordingTrainer trainer = new RecordingTrainer("recorder");
        BacktestResult result = WalkForward.run(matrix(), List.of(Variant.model(trainer)), options(2022, 2022));
        VariantResult v = result.variant("recorder");
        assertEquals(List.of(1, 2), v.metrics().stream().map(RaceMetrics::round).toList());
        assertEquals(List.of(72), trainer.fitSizes);
    }

    @Test
    void trainingWindowStartsAtTheGivenYear() {
        RecordingTrainer trainer = new RecordingTrainer("recorder");
        BacktestResult result = WalkForward.run(matrix(), List.of(Variant.model(trainer)),
                options(2021, 2022).withTrainFromYear(2020));
        assertEquals(List.of(4, 8), result.variant("recorder").fits().stream().map(Fit::trainingRaces).toList());
        assertEquals("2020", result.options().toParams().get("backtest.trainFromYear"));
    }

    @Test
    void leakageCheckFailsLoudly() {
        RaceOutcome race = TestRaces.outcome(1, 1, 2, 3); // starts 2024-03-02T15:00
        Variant variant = Variant.model(new RecordingTrainer("leaky"));
        var e = assertThrows(IllegalStateException.class,
                () -> WalkForward.requireTrainedBefore(variant, race.start(), race));
        assertTrue(e.getMessage().startsWith("leakage: variant leaky would predict race 1"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> WalkForward.requireTrainedBefore(variant, race.start().plusDays(7), race));
        WalkForward.requireTrainedBefore(variant, race.start().minusMinutes(1), race);
        WalkForward.requireTrainedBefore(variant, null, race);
    }

    @Test
    void sameResultWithOneOrManyThreads() {
        List<String> csv = new ArrayList<>();
        for (int threads : new int[] {1, 2, 4}) {
            List<Variant> variants = List.of(Variant.model(new RecordingTrainer("a")),
                    Variant.model(new RecordingTrainer("b")), Variant.baseline(new RecordingTrainer("c")));
            BacktestResult result = WalkForward.run(matrix(), variants, options(2020, 2022).withThreads(threads));
            csv.add(result.raceMetricsCsv() + result.predictionsCsv());
        }
        assertEquals(csv.getFirst(), csv.get(1));
        assertEquals(csv.getFirst(), csv.get(2));
    }

    /** Validation and test as one pool: each range's result is the one it gets alone; progress spans both. */
    @Test
    void severalRangesRunAsOnePoolWithTheResultsTheyGetAlone() {
        List<Variant> variants = List.of(Variant.model(new RecordingTrainer("a")),
                Variant.baseline(new RecordingTrainer("b")));
        List<BacktestListener.Progress> events = Collections.synchronizedList(new ArrayList<>());
        List<BacktestResult> both = WalkForward.run(matrix(), variants, List.of(options(2020, 2020),
                options(2021, 2022)), events::add, FitCache.NONE, pitwall.model.SharedFits.NONE);
        BacktestResult validation = WalkForward.run(matrix(), variants, options(2020, 2020));
        BacktestResult test = WalkForward.run(matrix(), variants, options(2021, 2022));
        assertEquals(2, both.size());
        assertEquals(validation.raceMetricsCsv() + validation.predictionsCsv(),
                both.getFirst().raceMetricsCsv() + both.getFirst().predictionsCsv());
        assertEquals(test.raceMetricsCsv() + test.predictionsCsv(),
                both.getLast().raceMetricsCsv() + both.getLast().predictionsCsv());
        assertEquals(List.of(2020), both.getFirst().options().testSeasons());
        assertEquals(2 * (1 + 2), events.size(), "steps of both ranges, every variant");
        assertEquals(6, events.getLast().totalSteps());
    }

    /** A caller may act on the first range while the second still fits, and may close without awaiting it. */
    @Test
    void aStartedBacktestGivesEachRangeWhenAskedAndClosesCleanly() {
        List<Variant> variants = List.of(Variant.model(new RecordingTrainer("a")));
        BacktestResult alone = WalkForward.run(matrix(), variants, options(2020, 2020));
        try (WalkForward.Running running = WalkForward.start(matrix(), variants, List.of(options(2020, 2020),
                options(2021, 2022)), BacktestListener.NONE, FitCache.NONE, pitwall.model.SharedFits.NONE)) {
            BacktestResult first = running.await(0);
            assertEquals(alone.raceMetricsCsv() + alone.predictionsCsv(),
                    first.raceMetricsCsv() + first.predictionsCsv());
        }
    }

    @Test
    void progressCountsEveryStepOfEveryVariant() {
        List<BacktestListener.Progress> events = Collections.synchronizedList(new ArrayList<>());
        List<Variant> variants = List.of(Variant.model(new RecordingTrainer("a")),
                Variant.model(new RecordingTrainer("b")));
        WalkForward.run(matrix(), variants, options(2020, 2022), events::add);
        assertEquals(6, events.size());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).step());
            assertEquals(6, events.get(i).totalSteps());
        }
        assertEquals(1.0, events.getLast().fraction());
        assertEquals(java.time.Duration.ZERO, events.getLast().eta());
        assertEquals(List.of("2020", "2021", "2022"), events.stream().filter(p -> p.variant().equals("a"))
                .map(BacktestListener.Progress::unit).sorted().toList());
    }

    @Test
    void modelWithoutHistoryFailsButBaselineMayStartCold() {
        var e = assertThrows(IllegalStateException.class, () -> WalkForward.run(matrix(),
                List.of(Variant.model(new RecordingTrainer("m"))), options(2019, 2019)));
        assertTrue(e.getMessage().contains("no training race before 2019"), e.getMessage());

        RankingModel grid = new RecordingTrainer("grid").fit(TestRaces.NO_FEATURES, List.of());
        BacktestResult result = WalkForward.run(matrix(), List.of(Variant.fixedBaseline(grid)), options(2019, 2019));
        VariantResult v = result.variant("grid");
        assertEquals(Variant.Kind.BASELINE, v.kind());
        assertEquals(4, v.summary().races());
        assertNull(v.fits().getFirst().lastTrainingStart());
    }

    @Test
    void scoresAreThoseOfTheMetrics() {
        RankingModel grid = new RecordingTrainer("grid").fit(TestRaces.NO_FEATURES, List.of());
        VariantResult v = WalkForward.run(matrix(), List.of(Variant.fixedBaseline(grid)), options(2019, 2019))
                .variant("grid");
        // Round 1 finishes 1..6 = grid order; the other rounds rotate it.
        RaceMetrics r1 = v.metrics().getFirst();
        assertEquals(1.0, r1.spearman(), 1e-12);
        assertTrue(r1.winnerHit());
        assertEquals(MetricSummary.of(v.metrics()), v.summary());
        assertEquals(0.25, v.summary().winner(), 1e-12);
    }

    @Test
    void trainerFailuresNameVariantAndStep() {
        RankingTrainer broken = new RankingTrainer() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public RankingModel fit(pitwall.features.FeatureSet set, List<EntrantRow> training) {
                throw new IllegalArgumentException("boom");
            }
        };
        var e = assertThrows(IllegalStateException.class,
                () -> WalkForward.run(matrix(), List.of(Variant.model(broken)), options(2021, 2021)));
        assertEquals("variant broken, step 2021: fit failed: boom", e.getMessage());
    }

    @Test
    void rejectsBadInput() {
        FeatureMatrix m = matrix();
        var noRaces = assertThrows(IllegalArgumentException.class, () -> WalkForward.run(m,
                List.of(Variant.model(new RecordingTrainer("a"))), options(2030, 2031)));
        assertTrue(noRaces.getMessage().contains("[2019, 2020, 2021, 2022]"), noRaces.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WalkForward.run(m, List.of(
                Variant.model(new RecordingTrainer("a")), Variant.model(new RecordingTrainer("a"))),
                options(2020, 2020)));
        assertThrows(IllegalArgumentException.class, () -> WalkForward.run(m, List.of(), options(2020, 2020)));
        assertThrows(IllegalArgumentException.class, () -> options(2020, 2020).withTrainFromYear(2021));
        assertThrows(IllegalArgumentException.class, () -> options(2020, 2020).withThreads(0));
    }

    @Test
    void partlyFinishedRaceIsCorruptData() {
        List<EntrantRow> rows = new ArrayList<>(matrix().rows());
        EntrantRow last = rows.removeLast();
        rows.add(new EntrantRow(last.raceId(), last.year(), last.round(), last.start(), last.driverId(),
                last.constructorId(), 1, 1, true, last.features()));
        FeatureMatrix corrupt = new FeatureMatrix(TestRaces.NO_FEATURES, rows);
        var e = assertThrows(IllegalStateException.class, () -> WalkForward.run(corrupt,
                List.of(Variant.model(new RecordingTrainer("a"))), options(2022, 2022)));
        assertTrue(e.getMessage().contains("outcome for 1 of 6"), e.getMessage());
    }

    @Test
    void defaultsAreTheDesignsProtocol() {
        BacktestOptions d = BacktestOptions.defaults();
        assertEquals(List.of(2022, 2023, 2024, 2025), d.testSeasons());
        assertEquals(BacktestOptions.Retrain.PER_SEASON, d.retrain());
        assertNull(d.trainFromYear());
        assertEquals("2022,2023,2024,2025", d.toParams().get("backtest.testSeasons"));
        assertEquals("per-season", d.toParams().get("backtest.retrain"));
    }
}
