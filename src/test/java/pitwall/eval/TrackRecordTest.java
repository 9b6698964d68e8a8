package pitwall.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import pitwall.eval.TrackRecord.Exclusion;
import pitwall.eval.TrackRecord.FinishedRace;
import pitwall.eval.TrackRecord.StoredForecast;
import pitwall.eval.TrackRecord.Timing;
import pitwall.model.PredictedEntrant;
import pitwall.model.RacePrediction;

/** Which stored forecasts count, by the database's times; the live end to end is PredictionsCommandTest. */
class TrackRecordTest {

    private static final Instant START = Instant.parse("2025-10-19T19:00:00Z");
    private static final Instant ARRIVAL = Instant.parse("2025-10-20T06:00:00Z");

    @Test
    void beforeTheStartCountsAfterTheStartIsLateOnceTheResultsAreInItIsExcluded() {
        assertEquals(Timing.BEFORE_START, TrackRecord.timing(START.minusSeconds(1), START, ARRIVAL));
        assertEquals(Timing.BEFORE_START, TrackRecord.timing(START, START, ARRIVAL));
        assertEquals(Timing.LATE, TrackRecord.timing(START.plusSeconds(1), START, ARRIVAL));
        assertEquals(Timing.AFTER_RESULTS, TrackRecord.timing(ARRIVAL, START, ARRIVAL));
        assertEquals(Timing.AFTER_RESULTS, TrackRecord.timing(ARRIVAL.plusMillis(1), START, ARRIVAL));
    }

    @Test
    void anUnknownArrivalCountsOnlyWhatWasStoredBeforeTheStart() {
        FinishedRace race = race(null, List.of());
        assertEquals(START, race.cutoff());
        assertEquals(Timing.AFTER_RESULTS, TrackRecord.timing(START.plusSeconds(1), START, race.cutoff()));
        assertEquals(Timing.BEFORE_START, TrackRecord.timing(START.minusSeconds(1), START, race.cutoff()));
    }

    @Test
    void scoresCountedForecastsWithRaceMetricsAndTalliesTheRest() {
        List<Integer> finish = List.of(1, 2, 3, 4);
        FinishedRace race = race(ARRIVAL, List.of(
                new StoredForecast("early", START.minusSeconds(3600), prediction("early", List.of(2, 1, 3, 4))),
                new StoredForecast("late", START.plusSeconds(60), prediction("late", finish)),
                new StoredForecast("forced", ARRIVAL.plusSeconds(60), prediction("forced", finish)),
                new StoredForecast("short", START.minusSeconds(60), prediction("short", List.of(1, 2, 3)))));
        TrackRecord record = TrackRecord.score(List.of(race));
        var scored = record.races().getFirst().scored();
        assertEquals(List.of("early", "late"), scored.stream().map(TrackRecord.ScoredForecast::modelVersion).toList());
        assertFalse(scored.get(0).late());
        assertTrue(scored.get(1).late());
        assertEquals(RaceMetrics.of(prediction("early", List.of(2, 1, 3, 4)), race.outcome()), scored.get(0).metrics());
        assertEquals(1.0, scored.get(1).metrics().spearman());
        assertEquals(List.of(Exclusion.AFTER_RESULTS, Exclusion.ENTRANTS_DIFFER), record.races().getFirst().excluded()
                .stream().map(TrackRecord.ExcludedForecast::reason).toList());
        assertEquals(List.of("early", "forced", "late", "short"), List.copyOf(record.byModelVersion().keySet()));
        assertEquals(1, record.byModelVersion().get("forced").afterResults());
        assertEquals(0, record.byModelVersion().get("forced").races().size());
        assertEquals(1, record.byModelVersion().get("short").entrantsDiffer());
        assertEquals(1, record.byModelVersion().get("late").late());
        assertTrue(Double.isNaN(record.byModelVersion().get("forced").model().spearman()));
        assertTrue(record.toJson().contains("\"spearman\" : null"), "NaN is null in JSON");
        assertTrue(record.toText().contains("excluded: 1 stored after the results (forced), 1 not ordering"));
        // Each version against the grid order over its own counted races: one race gives a difference, no interval.
        PairedComparison early = record.byModelVersion().get("early").againstGrid().orElseThrow();
        assertEquals(scored.get(0).metrics().spearman() - record.races().getFirst().grid().spearman(),
                early.difference(Metric.SPEARMAN).mean(), 1e-12);
        assertTrue(record.toText().contains("early against grid, paired over the same 1 race "), record.toText());
        assertTrue(record.toText().contains("(one race: no interval)"), record.toText());
        assertTrue(record.byModelVersion().get("forced").againstGrid().isEmpty(), "no counted race, no pairing");
        assertTrue(record.toJson().contains("\"againstGrid\" : null"), record.toJson());
    }

    private static FinishedRace race(Instant arrival, List<StoredForecast> forecasts) {
        RaceOutcome outcome = new RaceOutcome(1163, 2025, 19, LocalDateTime.of(2025, 10, 19, 19, 0),
                List.of(1, 2, 3, 4));
        return new FinishedRace("United States Grand Prix", outcome, prediction("grid", List.of(1, 3, 2, 4)), START,
                arrival, forecasts);
    }

    private static RacePrediction prediction(String model, List<Integer> order) {
        List<PredictedEntrant> entrants = new java.util.ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            entrants.add(new PredictedEntrant(order.get(i), 0, i + 1, -i, i == 0 ? 0.7 : 0.1, i < 3 ? 0.9 : 0.3,
                    0.1, 1, 4));
        }
        return new RacePrediction(1163, model, entrants);
    }
}
