package pitwall.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class F1FramesTest {

    final F1Frames frames = F1Frames.of(List.of(Seasons.s2025(), Seasons.s2024()));

    @Test
    void tablesHaveTheApiNamesAndRows() {
        assertEquals(List.of("races", "results", "sprintResults", "qualifying", "drivers", "constructors",
                "circuits", "driverStandings", "constructorStandings", "status"),
                List.copyOf(frames.tables().keySet()));
        assertEquals("F1Frames[races=3, results=7, sprintResults=1, qualifying=4, drivers=4, constructors=3, "
                + "circuits=2, driverStandings=5, constructorStandings=3, status=3]", frames.toString());
    }

    @Test
    void columnsHaveProperTypes() {
        Table r = frames.results();
        assertEquals(List.of("resultId", "raceId", "driverId", "constructorId", "number", "grid", "position",
                "positionText", "positionOrder", "points", "laps", "time", "milliseconds", "fastestLap",
                "fastestLapRank", "fastestLapTime", "fastestLapSpeed", "statusId", "status", "classified"),
                r.columnNames());
        assertTypes(r, Map.of("resultId", ColumnType.INTEGER, "grid", ColumnType.INTEGER,
                "positionOrder", ColumnType.INTEGER, "position", ColumnType.INTEGER, "points", ColumnType.DOUBLE,
                "time", ColumnType.STRING, "classified", ColumnType.BOOLEAN, "fastestLapSpeed", ColumnType.DOUBLE));
        assertFalse(frames.sprintResults().containsColumn("fastestLapSpeed"));
        assertTypes(frames.races(), Map.of("date", ColumnType.LOCAL_DATE, "time", ColumnType.LOCAL_TIME,
                "sprintDate", ColumnType.LOCAL_DATE, "raceId", ColumnType.INTEGER, "name", ColumnType.STRING));
        assertTypes(frames.qualifying(), Map.of("q3Ms", ColumnType.INTEGER));
        assertTypes(frames.drivers(), Map.of("dob", ColumnType.LOCAL_DATE, "number", ColumnType.INTEGER));
        assertTypes(frames.circuits(), Map.of("lat", ColumnType.DOUBLE, "alt", ColumnType.INTEGER));
        assertTypes(frames.driverStandings(), Map.of("points", ColumnType.DOUBLE, "wins", ColumnType.INTEGER));
    }

    @Test
    void nullsAreMissingValues() {
        Table r = frames.results();
        int retired = 3; // 2024 round 2, positionOrder 20: Gasly, gearbox
        assertEquals(26325, r.intColumn("resultId").get(retired));
        assertTrue(r.intColumn("position").isMissing(retired));
        assertTrue(r.intColumn("milliseconds").isMissing(retired));
        assertTrue(r.doubleColumn("fastestLapSpeed").isMissing(retired));
        assertEquals("", r.stringColumn("time").get(retired), "Tablesaw's missing string");
        assertTrue(r.stringColumn("time").isMissing(retired));
        assertFalse(r.booleanColumn("classified").get(retired));
        assertTrue(frames.races().dateColumn("sprintDate").isMissing(0));
        assertEquals(LocalDate.of(2025, 4, 19), frames.races().dateColumn("sprintDate").get(2));
        assertEquals(LocalTime.of(13, 0), frames.races().timeColumn("sprintTime").get(2));
    }

    @Test
    void rowsFollowSeasonThenRoundThenPositionOrder() {
        assertEquals(List.of(1121, 1122, 1149), frames.races().intColumn("raceId").asList());
        assertEquals(List.of(26286, 26287, 26306, 26325, 26892, 26893, 26910),
                frames.results().intColumn("resultId").asList());
        // 2025 rows keep the numeric position of a retirement, but are not classified
        assertEquals(20, frames.results().intColumn("position").get(6));
        assertFalse(frames.results().booleanColumn("classified").get(6));
    }

    @Test
    void referenceTablesAreDeduplicatedLatestSeasonWinning() {
        assertEquals(List.of(815, 830, 842, 857), frames.drivers().intColumn("driverId").asList());
        assertEquals(1, frames.drivers().intColumn("number").get(1), "830's 2025 number");
        assertEquals(List.of(1, 9, 214), frames.constructors().intColumn("constructorId").asList());
        assertEquals(List.of(1, 3, 6), frames.status().intColumn("statusId").asList());
    }

    @Test
    void framesDoNotDependOnRowOrder() {
        FrameAssert.assertFramesEqual(frames,
                F1Frames.of(List.of(Seasons.shuffled(Seasons.s2024(), 1), Seasons.shuffled(Seasons.s2025(), 2))));
    }

    @Test
    void danglingReferencesAreReportedClearly() {
        SeasonData s = Seasons.s2025();
        var results = new ArrayList<>(s.results());
        var r = results.getFirst();
        results.set(0, new RaceResult(r.resultId(), r.raceId(), r.driverId(), r.constructorId(), r.number(),
                r.grid(), r.position(), r.positionText(), r.positionOrder(), r.points(), r.laps(), r.time(),
                r.milliseconds(), r.fastestLap(), r.fastestLapRank(), r.fastestLapTime(), r.fastestLapSpeed(), 142,
                "New status", r.classified()));
        var broken = new SeasonData(2025, s.races(), results, s.sprintResults(), s.qualifying(), s.driverStandings(),
                s.constructorStandings(), s.drivers(), s.constructors(), s.circuits(), s.status());
        var e = assertThrows(IllegalStateException.class, () -> F1Frames.of(List.of(broken)));
        assertEquals("season 2025: result 26892 refers to statusId 142, which is not in the season's data; "
                + "the Worker's season response is incomplete", e.getMessage());
    }

    @Test
    void emptySeasonListGivesEmptyTablesWithColumns() {
        F1Frames empty = F1Frames.of(List.of());
        assertEquals(0, empty.results().rowCount());
        assertEquals(20, empty.results().columnCount());
    }

    private static void assertTypes(Table t, Map<String, ColumnType> types) {
        types.forEach((col, type) -> assertEquals(type, t.column(col).type(), t.name() + "." + col));
    }
}
