package pitwall.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import pitwall.data.QualifyingResult;
import pitwall.data.Race;
import pitwall.data.RaceResult;
import pitwall.data.SeasonData;

/**
 * Point in time, checked on the real data: a race's features do not change when everything from that race on is
 * removed from the history, nor when later races' results are rewritten.
 */
class LeakageTest {

    /** Round 1 (season reset), a middle round and the last round with results, across eras; sprint weekends. */
    static Stream<Arguments> sample() {
        List<Race> races = new ArrayList<>();
        for (int year : new int[] {1990, 2005, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024,
                2025}) {
            int last = RealHistory.lastRoundWithResults(year);
            races.add(RealHistory.race(year, 1));
            races.add(RealHistory.race(year, (last + 1) / 2));
            if (year == 1990 || year == 2005 || year >= 2022) {
                races.add(RealHistory.race(year, last));
            }
        }
        races.add(RealHistory.race(2023, 4)); // Azerbaijan: a sprint weekend
        races.add(RealHistory.race(2024, 6)); // Miami: a sprint weekend
        return races.stream().flatMap(r -> Stream.of(
                Arguments.of(r.year(), r.round(), r.raceId(), FeatureCatalogue.PRE_QUALIFYING),
                Arguments.of(r.year(), r.round(), r.raceId(), FeatureCatalogue.POST_QUALIFYING)));
    }

    @Test
    void sampleIsLargeEnough() {
        assertTrue(sample().count() / 2 >= 20, "at least 20 races");
    }

    @ParameterizedTest(name = "{0} round {1} (race {2}), {3}")
    @MethodSource("sample")
    void featuresEqualThoseFromHistoryTruncatedBeforeTheRace(int year, int round, int raceId, String setName) {
        FeatureSet set = FeatureCatalogue.set(setName);
        boolean post = set.equals(FeatureCatalogue.postQualifying());
        List<SeasonData> full = RealHistory.seasons();
        Race race = RealHistory.race(year, round);

        List<EntrantRow> expected = AsOfFeatures.rowsFor(full, raceId, set);
        // The race as if upcoming: its entry list (and for post-qualifying, its qualifying and published grid).
        List<Entrant> entryList = expected.stream()
                .map(r -> new Entrant(r.driverId(), r.constructorId(), post ? r.grid() : null)).toList();
        List<SeasonData> truncated = HistoryEdits.before(full, race, post);
        List<EntrantRow> actual = AsOfFeatures.rowsFor(truncated, raceId, set, entryList);

        assertFalse(expected.isEmpty());
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            EntrantRow e = expected.get(i), a = actual.get(i);
            assertEquals(e.driverId(), a.driverId());
            assertFalse(a.hasOutcome(), "truncated history has no outcome of race " + raceId);
            assertTrue(e.hasOutcome());
            for (int f = 0; f < set.size(); f++) {
                String feature = set.names().get(f);
                assertEquals(e.features()[f], a.features()[f], () -> feature + " of driver " + e.driverId());
            }
        }
        // The one-race entry point agrees with the whole-matrix pass.
        List<EntrantRow> fromMatrix = AsOfFeatures.compute(full, set, year, year).rows().stream()
                .filter(r -> r.raceId() == raceId).toList();
        assertEquals(expected.size(), fromMatrix.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).features(), fromMatrix.get(i).features());
        }
    }

    @Test
    void rewritingLaterRacesChangesNoEarlierFeature() {
        Race cutoff = RealHistory.race(2019, 10);
        List<SeasonData> full = RealHistory.seasons();
        List<SeasonData> rewritten = rewriteAfter(full, cutoff.start());
        for (FeatureSet set : List.of(FeatureCatalogue.preQualifying(), FeatureCatalogue.postQualifying())) {
            List<EntrantRow> before = AsOfFeatures.compute(full, set, 2014, 2025).rows();
            List<EntrantRow> after = AsOfFeatures.compute(rewritten, set, 2014, 2025).rows();
            assertEquals(before.size(), after.size());
            int changedLater = 0, earlier = 0;
            for (int i = 0; i < before.size(); i++) {
                EntrantRow b = before.get(i), a = after.get(i);
                assertEquals(b.driverId(), a.driverId());
                if (!b.start().isAfter(cutoff.start())) {
                    earlier++;
                    assertArrayEquals(b.features(), a.features(), "race " + b.raceId() + " driver " + b.driverId());
                    assertEquals(b.positionOrder(), a.positionOrder());
                } else if (!java.util.Arrays.equals(b.features(), a.features())) {
                    changedLater++;
                }
            }
            assertTrue(earlier > 2000, "rows up to the cutoff: " + earlier);
            assertTrue(changedLater > 1000, "the rewrite must matter after the cutoff, changed rows: " + changedLater);
        }
    }

    // ---- history surgery ---------------------------------------------------------------------------------------

    /**
     * Every race starting after {@code cutoff} gets a different outcome ({@link HistoryEdits#withOtherOutcomes}) and
     * different pre-race facts too: grid slots shifted, qualifying slower.
     */
    static List<SeasonData> rewriteAfter(List<SeasonData> history, LocalDateTime cutoff) {
        Map<Integer, LocalDateTime> start = new HashMap<>();
        history.forEach(s -> s.races().forEach(r -> start.put(r.raceId(), r.start())));
        Predicate<Integer> later = raceId -> start.get(raceId).isAfter(cutoff);
        List<SeasonData> rewritten = new ArrayList<>();
        for (SeasonData s : HistoryEdits.withOtherOutcomes(history, later)) {
            Map<Integer, Integer> fieldSize = new HashMap<>();
            s.results().forEach(r -> fieldSize.merge(r.raceId(), 1, Integer::sum));
            rewritten.add(new SeasonData(s.year(), s.races(),
                    s.results().stream().map(r -> later.test(r.raceId()) ? shiftedGrid(r, fieldSize) : r).toList(),
                    s.sprintResults(),
                    s.qualifying().stream().map(q -> later.test(q.raceId()) ? slower(q) : q).toList(),
                    s.driverStandings(), s.constructorStandings(),
                    s.drivers(), s.constructors(), s.circuits(), s.status()));
        }
        return rewritten;
    }

    private static RaceResult shiftedGrid(RaceResult r, Map<Integer, Integer> fieldSize) {
        int n = fieldSize.getOrDefault(r.raceId(), 30);
        return new RaceResult(r.resultId(), r.raceId(), r.driverId(), r.constructorId(), r.number(),
                (r.grid() + 3) % (n + 1), r.position(), r.positionText(), r.positionOrder(), r.points(), r.laps(),
                r.time(), r.milliseconds(), r.fastestLap(), r.fastestLapRank(), r.fastestLapTime(),
                r.fastestLapSpeed(), r.statusId(), r.status(), r.classified());
    }

    private static QualifyingResult slower(QualifyingResult q) {
        return new QualifyingResult(q.qualifyId(), q.raceId(), q.driverId(), q.constructorId(), q.number(),
                q.position() + 1, q.q1Ms() == null ? null : q.q1Ms() + 1000 * q.position(), null, null);
    }
}
