package pitwall.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import pitwall.data.QualifyingResult;
import pitwall.data.SeasonData;

/**
 * The pipeline on a hand-built season whose raceIds run against the calendar: race 30 (round 1, 1 March), race 10
 * (round 2, 15 March, at circuit 7 again), race 20 (round 3, qualifying only) and race 40 (round 4, nothing yet).
 * Drivers 1 and 2 drive for team 100, driver 3 for team 200.
 */
class AsOfFeaturesTest {

    static final FeatureSet PRE = FeatureCatalogue.preQualifying(), POST = FeatureCatalogue.postQualifying();

    static MiniSeason season() {
        MiniSeason s = new MiniSeason(2030)
                .race(30, 1, 7, LocalDate.of(2030, 3, 1))
                .race(10, 2, 7, LocalDate.of(2030, 3, 15))
                .race(20, 3, 8, LocalDate.of(2030, 4, 1))
                .race(40, 4, 8, LocalDate.of(2030, 4, 15));
        // Round 1: driver 3 starts from the pit lane and retires.
        s.result(30, 1, 100, 2, 1, "1").result(30, 2, 100, 1, 2, "2").result(30, 3, 200, 0, 3, "R");
        s.standing(30, 1, 25, 1).standing(30, 2, 18, 2).teamStanding(30, 100, 43, 1);
        // Round 2: driver 3 does not qualify; a sprint the day before.
        s.result(10, 2, 100, 1, 1, "1").result(10, 1, 100, 2, 2, "2").result(10, 3, 200, 0, 3, "F");
        s.sprint(10, 3, 200, 1).sprint(10, 1, 100, 2);
        s.standing(10, 2, 43, 1).standing(10, 1, 43, 2).teamStanding(10, 100, 86, 1);
        // Round 3: qualifying is in; driver 2 set no time.
        s.qualifying(20, 3, 200, 1, 80_400, 80_000).qualifying(20, 1, 100, 2, 81_000, 80_500)
                .qualifying(20, 2, 100, 3, null, null);
        return s;
    }

    static List<SeasonData> history() {
        return List.of(season().build());
    }

    static double value(List<EntrantRow> rows, FeatureSet set, int driverId, String feature) {
        EntrantRow row = rows.stream().filter(r -> r.driverId() == driverId).findFirst().orElseThrow();
        return row.features()[set.index(feature)];
    }

    @Test
    void historyFollowsTheCalendarNotRaceIds() {
        List<EntrantRow> round2 = AsOfFeatures.rowsFor(history(), 10, PRE);
        assertEquals(1.0, value(round2, PRE, 1, "lastFinish"), "race 30 came first");
        assertEquals(1.0, value(round2, PRE, 1, "starts"));
        assertEquals(25.0, value(round2, PRE, 1, "championshipPoints"));
        assertEquals(1.0, value(round2, PRE, 1, "circuitStarts"), "race 30 was at the same circuit");
        assertEquals(2.0, value(round2, PRE, 2, "seasonAvgFinish"));
        List<EntrantRow> round1 = AsOfFeatures.rowsFor(history(), 30, PRE);
        assertEquals(0.0, value(round1, PRE, 1, "starts"));
        assertEquals(3.0, value(round1, PRE, 1, "championshipPosition"), "round 1: the back of a 3-car field");
    }

    @Test
    void startsRatesAndGridsCountOnlyStarts() {
        List<EntrantRow> round3 = AsOfFeatures.rowsFor(history(), 20, PRE);
        assertEquals(1.0, value(round3, PRE, 3, "starts"), "a non-qualification is not a start");
        assertEquals(1.0, value(round3, PRE, 3, "dnfRate10"), "his one start ended in a retirement");
        assertEquals(4.0, value(round3, PRE, 3, "avgGrid5"), "a pit-lane start is behind the 3-car grid");
        assertEquals(3.0, value(round3, PRE, 3, "lastFinish"), "the non-qualification still is his last result");
        assertEquals(1.5, value(round3, PRE, 1, "avgFinish3"));
        assertEquals(0.5, value(round3, PRE, 1, "teammateBeatRate10"), "beat driver 2 once in two races");
        assertEquals(0.5, value(round3, PRE, 3, "teammateBeatRate10"), "no teammate: the missing rule");
        assertEquals(1.0, value(round3, PRE, 3, "sprintAvgFinish"));
        assertEquals(1.5, value(round3, PRE, 2, "sprintAvgFinish"), "no sprint: his season average");
        assertEquals(43.0, value(round3, PRE, 1, "championshipPoints"));
        assertEquals(21.5, value(round3, PRE, 1, "pointsPerStart"));
        assertEquals(86.0, value(round3, PRE, 2, "teamChampionshipPoints"));
        assertEquals(2.0, value(round3, PRE, 3, "teamChampionshipPosition"), "not in the table: 2 teams in the race");
        assertEquals(2.0, value(round3, PRE, 1, "seasonRacesRun"));
    }

    @Test
    void upcomingRacesUseQualifyingThenThePreviousEntryList() {
        FeatureMatrix matrix = AsOfFeatures.compute(history(), POST, 2030, 2030);
        List<List<EntrantRow>> races = matrix.races();
        assertEquals(List.of(30, 10, 20, 40), races.stream().map(r -> r.getFirst().raceId()).toList());
        for (List<EntrantRow> race : races.subList(2, 4)) {
            assertEquals(List.of(1, 2, 3), race.stream().map(EntrantRow::driverId).toList());
            race.forEach(r -> {
                assertFalse(r.hasOutcome());
                assertNull(r.grid());
            });
        }
        assertEquals(2, races.get(0).getFirst().grid(), "the grid label of a race with results");
        assertEquals(1, races.get(0).getFirst().positionOrder());
    }

    @Test
    void qualifyingGapsAndTheirMissingRules() {
        List<EntrantRow> round3 = AsOfFeatures.rowsFor(history(), 20, POST);
        assertEquals(0.0, value(round3, POST, 3, "qualiGapMs"), "pole: best of Q1 and Q2");
        assertEquals(500.0, value(round3, POST, 1, "qualiGapMs"));
        assertEquals(0.625, value(round3, POST, 1, "qualiGapPct"), 1e-12);
        assertEquals(500.0, value(round3, POST, 2, "qualiGapMs"), "no time: the slowest gap of the field");
        assertEquals(1.0, value(round3, POST, 2, "qualiTimeMissing"));
        assertEquals(0.0, value(round3, POST, 1, "qualiTimeMissing"));
        assertEquals(0.0, value(round3, POST, 1, "qualiGapToTeammatePct"), "teammate has the same (imputed) gap");
        assertEquals(0.0, value(round3, POST, 3, "qualiGapToTeammatePct"), "no teammate");
        assertEquals(2.0, value(round3, POST, 1, "grid"), "no published grid yet: the qualifying position");
        // Race 40 has no qualifying and no grid: the middle of the field.
        List<EntrantRow> round4 = AsOfFeatures.rowsFor(history(), 40, POST);
        assertEquals(2.0, value(round4, POST, 1, "grid"));
        assertEquals(2.0, value(round4, POST, 1, "qualiPosition"));
        assertEquals(0.0, value(round4, POST, 1, "qualiGapMs"));
        assertEquals(1.0, value(round4, POST, 1, "qualiTimeMissing"));
    }

    @Test
    void preQualifyingNeverReadsTheRacesQualifying() {
        MiniSeason without = season();
        without.qualifying.clear();
        List<EntrantRow> withQualifying = AsOfFeatures.rowsFor(history(), 20, PRE);
        List<EntrantRow> withoutQualifying = AsOfFeatures.rowsFor(List.of(without.build()), 20, PRE,
                withQualifying.stream().map(r -> new Entrant(r.driverId(), r.constructorId(), null)).toList());
        for (int i = 0; i < withQualifying.size(); i++) {
            assertArrayEquals(withQualifying.get(i).features(), withoutQualifying.get(i).features());
        }
    }

    @Test
    void explicitEntryListWithARookieAndAPublishedGrid() {
        List<Entrant> entrants = List.of(new Entrant(9, 300, 0), new Entrant(1, 100, 1), new Entrant(2, 100, 3),
                new Entrant(3, 200, 2));
        List<EntrantRow> rows = AsOfFeatures.rowsFor(history(), 40, POST, entrants);
        assertEquals(List.of(1, 2, 3, 9), rows.stream().map(EntrantRow::driverId).toList());
        assertEquals(0.0, value(rows, POST, 9, "starts"));
        assertEquals(2.5, value(rows, POST, 9, "lastFinish"), "debut: middle of a 4-car field");
        assertEquals(2.5, value(rows, POST, 9, "teamAvgFinish5"), "new team: middle of the field");
        assertEquals(5.0, value(rows, POST, 9, "grid"), "pit lane: behind the last of 4 slots");
        assertEquals(5.0, value(rows, POST, 9, "qualiPosition"), "no qualifying: his grid slot");
        assertEquals(4.0, value(rows, POST, 9, "fieldSize"));
        double fieldDnf = (1 / 3.0 + 0 / 2.0) / 2; // round 1: 1 of 3 starters out; round 2: 0 of 2
        assertEquals(fieldDnf, value(rows, POST, 9, "dnfRate10"), 1e-12);
        assertEquals(fieldDnf, value(rows, POST, 9, "teamDnfRate10"), 1e-12);
        rows.forEach(r -> assertFalse(r.hasOutcome()));

        var twice = List.of(new Entrant(1, 100, null), new Entrant(1, 100, null));
        var e = assertThrows(IllegalArgumentException.class, () -> AsOfFeatures.rowsFor(history(), 40, PRE, twice));
        assertTrue(e.getMessage().contains("driver 1"), e.getMessage());
    }

    @Test
    void errorsNameWhatIsWrong() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> AsOfFeatures.rowsFor(history(), 99, PRE));
        assertTrue(unknown.getMessage().contains("race 99") && unknown.getMessage().contains("2030"));
        var years = assertThrows(IllegalArgumentException.class,
                () -> AsOfFeatures.compute(history(), PRE, 2031, 2030));
        assertTrue(years.getMessage().contains("2031"));
        var twice = assertThrows(IllegalArgumentException.class,
                () -> AsOfFeatures.compute(List.of(season().build(), season().build()), PRE, 2030, 2030));
        assertTrue(twice.getMessage().contains("twice"));
    }

    @Test
    void qualifyingLapsOverTwiceThePoleTimeCountAsNoTime() {
        QualifyingField q = QualifyingField.of(List.of(
                new QualifyingResult(1, 20, 1, 100, null, 1, 90_000, 89_000, 88_000),
                new QualifyingResult(2, 20, 2, 100, null, 2, 904_617, null, null),
                new QualifyingResult(3, 20, 3, 200, null, 3, 89_100, null, null)));
        assertEquals(88_000, q.poleMs());
        assertEquals(1_100.0, q.gapMs(3));
        assertNull(q.gapMs(2));
        assertEquals(1_100.0, q.slowestGapMs());
        assertEquals(2, q.positions().get(2));
    }

    @Test
    void recentKeepsTheNewestValues() {
        Recent r = new Recent(3);
        assertEquals(-1, r.last(-1));
        assertEquals(-1, r.meanOfLast(2, -1));
        for (int v = 1; v <= 5; v++) {
            r.add(v);
        }
        assertEquals(5, r.last(-1));
        assertEquals(4.5, r.meanOfLast(2, -1));
        assertEquals(4.0, r.mean(-1));
        assertEquals(3, r.size());
        assertThrows(IllegalArgumentException.class, () -> r.meanOfLast(4, 0));
    }
}
