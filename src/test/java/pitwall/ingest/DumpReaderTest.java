package pitwall.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.testing.RealDump;

/** Reading and validating the real dump and broken copies of it (no wrangler involved). */
class DumpReaderTest {

    private static Dump dump;

    @TempDir
    Path temp;

    @BeforeAll
    static void readRealDump() {
        dump = Dump.read(RealDump.dir());
    }

    @Test
    void realDumpHasTheReadmeRowCounts() {
        dump.rowCounts().forEach((table, n) -> assertEquals(RealDump.ROWS.get(table), n.longValue(), table));
        assertEquals(RealDump.ROWS.keySet(), dump.rowCounts().keySet());
    }

    @Test
    void qualifyingTimesBecomeMilliseconds() {
        Map<Integer, QualifyingRow> q = byId(dump.qualifying(), QualifyingRow::qualifyId);
        assertEquals(86572, q.get(1).q1Ms());
        assertEquals(85187, q.get(1).q2Ms());
        assertEquals(86714, q.get(1).q3Ms());
        assertEquals(16 * 60_000 + 42_640, q.get(2569).q1Ms()); // "16:42.640"
        assertNull(q.get(2569).q2Ms());
    }

    @Test
    void classificationComesFromPositionText() {
        Map<Integer, ResultRow> r = byId(dump.results(), ResultRow::resultId);
        ResultRow retired2025 = r.get(26779); // position 15 in the file, positionText R
        assertFalse(retired2025.classified());
        assertNull(retired2025.position());
        assertEquals(15, retired2025.positionOrder());
        ResultRow winner = r.get(1);
        assertTrue(winner.classified());
        assertEquals(1, winner.position());
        ResultRow classifiedWithoutPosition = r.get(1149); // position \N but positionText 11
        assertTrue(classifiedWithoutPosition.classified());
        assertEquals(11, classifiedWithoutPosition.position());
        assertEquals(1.5, r.get(6983).points());
        assertNull(r.get(26779).fastestLapSpeed());
    }

    @Test
    void sprintResultsHaveNoSpeedColumn() {
        assertTrue(dump.sprintResults().stream().allMatch(s -> s.fastestLapSpeed() == null));
        ResultRow first = byId(dump.sprintResults(), ResultRow::resultId).get(1);
        assertEquals(1061, first.raceId());
        assertTrue(first.classified());
    }

    @Test
    void startKeyUsesMidnightWithoutATime() {
        Map<Integer, RaceRow> races = byId(dump.races(), RaceRow::raceId);
        assertEquals("2009-03-29T06:00:00", races.get(1).startKey());
        assertEquals("2004-03-07T00:00:00", races.get(90).startKey());
        RaceRow upcoming = races.get(1168); // a short 2025 row: fields after url are absent
        assertEquals("2025-12-07T13:00:00", upcoming.startKey());
        assertNull(upcoming.qualiDate());
    }

    @Test
    void columnsMayComeInAnyOrder() {
        Path dir = RealDump.copyWith(temp, "status.csv",
                text -> text.lines().map(l -> {
                    int comma = l.indexOf(',');
                    return l.substring(comma + 1) + "," + l.substring(0, comma);
                }).collect(Collectors.joining("\n", "", "\n")));
        assertEquals(139, Dump.read(dir).status().size());
    }

    @Test
    void missingColumnIsNamed() {
        Path dir = RealDump.copyWith(temp, "results.csv", t -> t.replaceFirst("statusId", "status_id"));
        DumpException e = assertThrows(DumpException.class, () -> Dump.read(dir));
        DumpProblem p = e.problems().getFirst();
        assertEquals("results.csv", p.file());
        assertEquals(1, p.line());
        assertEquals("statusId", p.column());
        assertTrue(e.getMessage().contains("required column 'statusId' is missing"), e.getMessage());
    }

    @Test
    void badNumberNamesFileLineColumnAndValue() {
        int line = RealDump.lineOf("results.csv", "2,18,");
        Path dir = RealDump.copyWith(temp, "results.csv",
                RealDump.replaceLine("2,18,", "2,18,2,2,3,5,2,2,2,8,fifty-eight,+5.478,5696094,41,3,1:27.739,217.586,1"));
        DumpException e = assertThrows(DumpException.class, () -> Dump.read(dir));
        assertEquals(1, e.total());
        DumpProblem p = e.problems().getFirst();
        assertEquals(new DumpProblem("results.csv", line, "laps", "fifty-eight", "not a whole number"), p);
        assertTrue(e.getMessage().contains("results.csv line " + line + ", column laps, value 'fifty-eight'"),
                e.getMessage());
    }

    @Test
    void decimalWhereAWholeNumberBelongsGetsAHint() {
        Path dir = RealDump.copyWith(temp, "drivers.csv", RealDump.replaceLine("1,\"hamilton\"",
                "1,\"hamilton\",44.5,\"HAM\",\"Lewis\",\"Hamilton\",\"1985-01-07\",\"British\",\"http://x\""));
        DumpException e = assertThrows(DumpException.class, () -> Dump.read(dir));
        assertTrue(e.getMessage().contains("a decimal where a whole number is expected"), e.getMessage());
    }

    @Test
    void unknownForeignKeyIsNamed() {
        int line = RealDump.lineOf("qualifying.csv", "1,18,1,1,");
        Path dir = RealDump.copyWith(temp, "qualifying.csv",
                RealDump.replaceLine("1,18,1,1,", "1,99999,1,1,22,1,1:26.572,1:25.187,1:26.714"));
        DumpException e = assertThrows(DumpException.class, () -> Dump.read(dir));
        DumpProblem p = e.problems().getFirst();
        assertEquals("qualifying.csv", p.file());
        assertEquals(line, p.line());
        assertEquals("raceId", p.column());
        assertEquals("99999", p.value());
        assertTrue(p.message().contains("raceId 99999 is not in races.csv"), p.message());
    }

    @Test
    void unknownStatusIdSaysSoClearly() {
        int line = RealDump.lineOf("results.csv", "1,18,");
        Path dir = RealDump.copyWith(temp, "results.csv", RealDump.replaceLine("1,18,",
                "1,18,1,1,22,1,1,1,1,10,58,1:34:50.616,5690616,39,2,1:27.452,218.3,142"));
        DumpException e = assertThrows(DumpException.class, () -> Dump.read(dir));
        DumpProblem p = e.problems().getFirst();
        assertEquals(line, p.line());
        assertEquals("statusId", p.column());
        assertTrue(p.message().startsWith("unknown statusId 142: status.csv has no such status (it has 139 ids, 1-141)"),
                p.message());
    }

    @Test
    void duplicateKeysPointAtTheFirstOccurrence() {
        Path dir = RealDump.copyWith(temp, "status.csv", t -> t + "1,\"Finished again\"\n");
        DumpException e = assertThrows(DumpException.class, () -> Dump.read(dir));
        DumpProblem p = e.problems().getFirst();
        assertEquals(141, p.line());
        assertTrue(p.message().contains("duplicate statusId (first on line 2)"), p.message());
    }

    @Test
    void missingRequiredValueAndBadDateAndLapTime() {
        Path dir = RealDump.copyWith(temp, "races.csv", RealDump.replaceLine("1,2009,1,1,",
                "1,2009,1,1,\\N,\"29/03/2009\",\"06:00:00\",\"http://x\",\\N,\\N,\\N,\\N,\\N,\\N,\\N,\\N,\\N,\\N"));
        DumpException e = assertThrows(DumpException.class, () -> Dump.read(dir));
        assertEquals("name", e.problems().get(0).column());
        assertEquals("date", e.problems().get(1).column());
        assertEquals("not a date YYYY-MM-DD", e.problems().get(1).message());

        Path q = RealDump.copyWith(temp.resolve("q"), "qualifying.csv",
                RealDump.replaceLine("1,18,1,1,", "1,18,1,1,22,1,DNF,1:25.187,1:26.714"));
        DumpException eq = assertThrows(DumpException.class, () -> Dump.read(q));
        assertTrue(eq.getMessage().contains("column q1, value 'DNF': not a lap time like 1:15.096"), eq.getMessage());
    }

    @Test
    void missingFileAndMissingDirectory() {
        Path dir = RealDump.copyWith(temp, null, null);
        assertTrue(dir.resolve("status.csv").toFile().delete());
        DumpException e = assertThrows(DumpException.class, () -> Dump.read(dir));
        assertTrue(e.getMessage().contains("status.csv: file is missing"), e.getMessage());
        assertEquals(1, e.total(), "references into a broken file are not reported again");
        DumpException none = assertThrows(DumpException.class, () -> Dump.read(temp.resolve("nope")));
        assertTrue(none.getMessage().contains("not a directory"), none.getMessage());
    }

    private static <T> Map<Integer, T> byId(java.util.List<T> rows, Function<T, Integer> id) {
        return rows.stream().collect(Collectors.toMap(id, Function.identity()));
    }
}
