package pitwall.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pitwall.data.ErgastCsv.digits;
import static pitwall.data.ErgastCsv.intOrNull;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import pitwall.testing.LiveWorker;
import tech.tablesaw.api.Table;

/**
 * The client against the real local Worker loaded with the real dump ({@link LiveWorker}), checked against the CSV
 * files themselves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerLiveTest {

    static final int FROM = 2014, TO = 2025;

    @RegisterExtension
    static final LiveWorker WORKER = new LiveWorker();

    WorkerClient client;
    List<SeasonData> seasons;
    Csv csv;

    @BeforeAll
    void connect() {
        client = new WorkerClient(WorkerConfig.of(WORKER.url(), WORKER.apiKey())
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60)));
        seasons = FrameLoader.fetch(client, FROM, TO);
        csv = new Csv(WORKER.dump());
    }

    @AfterAll
    void close() {
        if (client != null) {
            client.close();
        }
    }

    SeasonData season(int year) {
        return seasons.stream().filter(s -> s.year() == year).findFirst().orElseThrow();
    }

    @Test
    void season2024Has24RacesAnd479Results() {
        SeasonData s = season(2024);
        assertEquals(24, s.races().size());
        assertEquals(479, s.results().size());
        SeasonSummary summary = client.seasons().stream().filter(x -> x.year() == 2024).findFirst().orElseThrow();
        assertEquals(new SeasonSummary(2024, 24, 24, 479, LocalDate.of(2024, 3, 2), LocalDate.of(2024, 12, 8)),
                summary);
    }

    @Test
    void verstappenWon9RacesIn2024() {
        SeasonData s = season(2024);
        int ver = s.drivers().stream().filter(d -> d.driverRef().equals("max_verstappen")).findFirst()
                .orElseThrow().driverId();
        assertEquals(9, s.results().stream().filter(r -> r.driverId() == ver && r.positionOrder() == 1).count());
        Table results = F1Frames.of(List.of(s)).results();
        assertEquals(9, results.where(results.intColumn("driverId").isEqualTo(ver)
                .and(results.intColumn("positionOrder").isEqualTo(1))).rowCount());
    }

    /**
     * A DNF is a result that is not classified (positionText not all digits: R, D, W, …). "Finished" and
     * "+N Lap(s)" always mean classified; the converse fails only for a driver classified after retiring past 90%
     * of the distance: in 2025 Norris in Canada (1154, Collision) and at Zandvoort (1159, Oil leak).
     */
    @Test
    void dnfCountsOf2025AgreeBetweenClassifiedFlagAndStatus() {
        SeasonData s = season(2025);
        Map<Integer, List<RaceResult>> byRace = s.results().stream()
                .collect(Collectors.groupingBy(RaceResult::raceId, TreeMap::new, Collectors.toList()));
        assertEquals(18, byRace.size());
        Set<List<Integer>> classifiedRetirements = new HashSet<>();
        byRace.forEach((raceId, rows) -> {
            long notClassified = rows.stream().filter(r -> !r.classified()).count();
            long notFinished = rows.stream().filter(r -> !Status.isFinish(r.status())).count();
            rows.stream().filter(r -> Status.isFinish(r.status()))
                    .forEach(r -> assertTrue(r.classified(), "finished but not classified: " + r));
            rows.stream().filter(r -> r.classified() && !Status.isFinish(r.status()))
                    .forEach(r -> classifiedRetirements.add(List.of(r.raceId(), r.driverId())));
            long retiredButClassified = rows.stream().filter(r -> r.classified() && !Status.isFinish(r.status()))
                    .count();
            assertEquals(notFinished - retiredButClassified, notClassified, "race " + raceId);
            long expected = csv.results.stream().filter(r -> r.get("raceId").equals(raceId.toString())
                    && !digits(r.get("positionText"))).count();
            assertEquals(expected, notClassified, "DNFs of race " + raceId + " against results.csv");
            rows.stream().filter(r -> !r.classified()).forEach(r -> assertNull(r.position(), "" + r));
        });
        assertEquals(Set.of(List.of(1154, 846), List.of(1159, 846)), classifiedRetirements);
    }

    @Test
    void asOfDriverStatsMatchAHandComputationFromTheCsvs() {
        for (int[] c : new int[][] {{830, 1154, 10}, {846, 1160, 5}, {857, 1145, 10}, {1, 1162, 100}}) {
            DriverStats expected = csv.driverStats(c[0], c[1], c[2]);
            DriverStats actual = client.driver(Integer.toString(c[0]), AsOf.race(c[1]), c[2]).stats();
            assertStatsEqual(expected, actual, "driver " + c[0] + " as of race " + c[1] + ", window " + c[2]);
        }
        // a date cutoff at midnight before the Canadian GP equals the race cutoff (no race in between)
        var byDate = client.driver("max_verstappen", AsOf.date(LocalDate.of(2025, 6, 15)), 10);
        assertEquals(new AsOfCutoff(null, LocalDateTime.of(2025, 6, 15, 0, 0)), byDate.asOf());
        assertStatsEqual(csv.driverStats(830, 1154, 10), byDate.stats(), "830 as of 2025-06-15");
    }

    @Test
    void framesEqualTheCsvDump() {
        F1Frames frames = F1Frames.of(seasons);
        Map<String, List<String>> expected = csv.keyRows(FROM, TO);
        Map<String, List<String>> actual = keyRows(frames);
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((table, rows) -> {
            List<String> got = actual.get(table);
            assertEquals(rows.size(), got.size(), "rows of " + table);
            if (!DataSnapshot.sha256(String.join("\n", rows).getBytes(StandardCharsets.UTF_8))
                    .equals(DataSnapshot.sha256(String.join("\n", got).getBytes(StandardCharsets.UTF_8)))) {
                for (int i = 0; i < rows.size(); i++) {
                    assertEquals(rows.get(i), got.get(i), table + " row " + i + " (key columns)");
                }
            }
        });
    }

    @Test
    void loadsAndSnapshotsQuickly(@TempDir Path tmp) {
        long fetchMs = millis(() -> FrameLoader.load(client, FROM, TO)); // warm JVM: @BeforeAll fetched once
        assertTrue(fetchMs < 5000, FROM + "-" + TO + " through the Worker in " + fetchMs + " ms");

        DataSnapshot written = DataSnapshot.write(seasons, tmp.resolve("snap"), client.describe());
        assertEquals(DataSnapshot.hashOf(seasons), written.hash());
        DataSnapshot read = DataSnapshot.open(written.dir());
        FrameAssert.assertFramesEqual(F1Frames.of(seasons), read.frames());
        long snapshotMs = millis(read::frames);
        assertTrue(snapshotMs < 1000, FROM + "-" + TO + " frames from a snapshot in " + snapshotMs + " ms");
        assertEquals(DataSnapshot.hashOf(FrameLoader.fetch(client, FROM, TO)), read.hash(),
                "a second load of the same data has the same hash");
    }

    @Test
    void everyEndpointDecodes() {
        Health h = client.health();
        assertTrue(h.ok());
        assertEquals(27118L, h.tables().get("results"));
        assertEquals(76, client.seasons().size());
        var ver = client.driver("max_verstappen");
        assertEquals(830, ver.driver().driverId());
        assertEquals(Integer.valueOf(2025), ver.stats().season());
        assertEquals("red_bull", client.team("9", AsOf.race(1162), 5).constructor().constructorRef());
        var upcoming = client.raceFeatures(1163);
        assertEquals(EntrySource.PREVIOUS_RACE, upcoming.entrySource());
        assertTrue(upcoming.entries().stream().allMatch(e -> e.grid() == null));
        var past = client.raceFeatures(1162);
        assertEquals(EntrySource.RESULTS, past.entrySource());
        assertEquals(20, past.entries().size());
        var patterns = client.circuitPatterns("monaco", AsOf.race(1162));
        assertEquals("monaco", patterns.circuit().circuitRef());
        assertFalse(patterns.recentWinners().isEmpty());
        assertEquals(List.of(1162, 1163), client.mlPredictionData(List.of(1162, 1163)).stream()
                .map(f -> f.race().raceId()).toList());
    }

    @Test
    void errorsCarryTheWorkersCodes() {
        var race = assertThrows(WorkerException.class, () -> client.raceFeatures(99999));
        assertEquals("RACE_NOT_FOUND", race.code());
        assertEquals(1, race.attempts());
        assertEquals("SEASON_NOT_FOUND", assertThrows(WorkerException.class, () -> client.season(1900)).code());
        assertEquals("DRIVER_NOT_FOUND", assertThrows(WorkerException.class, () -> client.driver("nobody")).code());
        assertEquals("RACE_NOT_FOUND",
                assertThrows(WorkerException.class, () -> client.driver("830", AsOf.race(99999))).code());
        assertEquals("CIRCUIT_NOT_FOUND",
                assertThrows(WorkerException.class, () -> client.circuitPatterns("nowhere")).code());
    }

    @Test
    void predictionsRoundTripWithTheKeyAndAreRejectedWithoutIt() {
        var batch = new PredictionBatch(1163, "pitwall-data-live-test", List.of(
                new PredictionRow(846, 1, 0.41, 0.8, 0.05, 1.0, 3.0), PredictionRow.of(830, 2, 0.3, 0.7)));
        assertEquals(2, client.storePredictions(batch).upserted());
        assertEquals(2, client.storePredictions(batch).upserted(), "idempotent");
        var stored = client.predictions(1163, "pitwall-data-live-test").models();
        assertEquals(1, stored.size());
        assertEquals(List.of(846, 830), stored.getFirst().predictions().stream()
                .map(StoredPredictions.StoredPrediction::driverId).toList());
        assertNull(stored.getFirst().predictions().get(1).dnfProb());

        String wrongKey = "wrong-key-" + System.nanoTime();
        try (var wrong = new WorkerClient(client.config().withApiKey(wrongKey))) {
            var e = assertThrows(WorkerException.class, () -> wrong.storePredictions(batch));
            assertEquals(401, e.status());
            assertEquals("UNAUTHORIZED", e.code());
            assertFalse(e.getMessage().contains(wrongKey));
        }
        var unknownDriver = new PredictionBatch(1163, "pitwall-data-live-test",
                List.of(PredictionRow.of(999999, 1, 0.1, 0.2)));
        assertEquals(422, assertThrows(WorkerException.class, () -> client.storePredictions(unknownDriver)).status());
    }

    @Test
    void aRaceWithResultsIsRefusedUnlessForcedAndABatchReplacesTheEarlierOne() {
        String version = "pitwall-data-live-force";
        var hindsight = new PredictionBatch(1121, version, List.of(PredictionRow.of(830, 1, 0.6, 0.9)));
        var refused = assertThrows(WorkerException.class, () -> client.storePredictions(hindsight));
        assertEquals(409, refused.status());
        assertEquals("RACE_HAS_RESULTS", refused.code());
        assertEquals(1, refused.attempts(), "a refusal is not retried");
        assertTrue(refused.getMessage().contains("\"force\": true"), refused.getMessage());
        assertTrue(client.predictions(1121, version).models().isEmpty());

        assertEquals(1, client.storePredictions(hindsight, true).upserted());
        assertEquals(List.of(830), driversStored(1121, version));

        // 1163 has no results yet: stored without force; a smaller batch then replaces the whole earlier one.
        assertEquals(2, client.storePredictions(new PredictionBatch(1163, version, List.of(
                PredictionRow.of(830, 1, 0.4, 0.8), PredictionRow.of(844, 2, 0.3, 0.7)))).upserted());
        assertEquals(2, client.storePredictions(new PredictionBatch(1163, version, List.of(
                PredictionRow.of(844, 1, 0.4, 0.8), PredictionRow.of(1, 2, 0.3, 0.7))), false).upserted());
        assertEquals(List.of(844, 1), driversStored(1163, version));
    }

    private List<Integer> driversStored(int raceId, String version) {
        var models = client.predictions(raceId, version).models();
        assertEquals(1, models.size());
        return models.getFirst().predictions().stream().map(StoredPredictions.StoredPrediction::driverId).toList();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    static long millis(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    static void assertStatsEqual(DriverStats expected, DriverStats actual, String what) {
        assertEquals(expected.races(), actual.races(), what + ": races");
        assertEquals(expected.window(), actual.window(), what + ": window");
        assertEquals(expected.windowRaces(), actual.windowRaces(), what + ": windowRaces");
        assertEquals(expected.recentForm(), actual.recentForm(), what + ": recentForm");
        assertClose(expected.avgFinish(), actual.avgFinish(), what + ": avgFinish");
        assertClose(expected.dnfRate(), actual.dnfRate(), what + ": dnfRate");
        assertClose(expected.avgGrid(), actual.avgGrid(), what + ": avgGrid");
        assertEquals(expected.season(), actual.season(), what + ": season");
        assertEquals(expected.championshipPoints(), actual.championshipPoints(), 1e-9, what + ": points");
        assertEquals(expected.championshipPosition(), actual.championshipPosition(), what + ": position");
        assertEquals(expected.wins(), actual.wins(), what + ": wins");
    }

    static void assertClose(Double expected, Double actual, String what) {
        if (expected == null || actual == null) {
            assertEquals(expected, actual, what);
        } else {
            assertEquals(expected, actual, 1e-9, what);
        }
    }

    /** Key columns of every frame, one line per row, ordered by the table's id. */
    static Map<String, List<String>> keyRows(F1Frames f) {
        Map<String, List<String>> out = new TreeMap<>();
        out.put("races", lines(f.races(), "raceId", "year", "round", "circuitId", "date", "time", "qualiDate",
                "qualiTime", "sprintDate", "sprintTime"));
        String[] result = {"resultId", "raceId", "driverId", "constructorId", "number", "grid", "position",
                "positionText", "positionOrder", "points", "laps", "milliseconds", "fastestLap", "fastestLapRank",
                "statusId", "classified"};
        out.put("results", lines(f.results(), result));
        out.put("sprintResults", lines(f.sprintResults(), result));
        out.put("qualifying", lines(f.qualifying(), "qualifyId", "raceId", "driverId", "constructorId", "number",
                "position", "q1Ms", "q2Ms", "q3Ms"));
        String[] standing = {"raceId", "points", "position", "positionText", "wins"};
        out.put("driverStandings", lines(f.driverStandings(), prepend("driverStandingsId", "driverId", standing)));
        out.put("constructorStandings", lines(f.constructorStandings(),
                prepend("constructorStandingsId", "constructorId", standing)));
        out.put("drivers", lines(f.drivers(), "driverId", "driverRef", "number", "code", "dob"));
        out.put("constructors", lines(f.constructors(), "constructorId", "constructorRef", "name"));
        out.put("circuits", lines(f.circuits(), "circuitId", "circuitRef", "lat", "lng", "alt"));
        out.put("status", lines(f.status(), "statusId", "status"));
        return out;
    }

    static String[] prepend(String id, String ref, String[] rest) {
        List<String> all = new ArrayList<>(List.of(id, ref));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    static List<String> lines(Table t, String... columns) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            Object[] values = new Object[columns.length];
            for (int c = 0; c < columns.length; c++) {
                var col = t.column(columns[c]);
                values[c] = col.isMissing(i) ? null : col.get(i);
            }
            rows.add(values);
        }
        return Csv.sortedLines(rows);
    }

    /** The CSV dump and what the API should make of it. */
    static final class Csv {
        final List<Map<String, String>> races, results, sprints, qualifying, driverStandings,
                constructorStandings, drivers, constructors, circuits, status;
        final Map<String, Map<String, String>> raceById;

        Csv(Path dir) {
            races = ErgastCsv.read(dir, "races.csv");
            results = ErgastCsv.read(dir, "results.csv");
            sprints = ErgastCsv.read(dir, "sprint_results.csv");
            qualifying = ErgastCsv.read(dir, "qualifying.csv");
            driverStandings = ErgastCsv.read(dir, "driver_standings.csv");
            constructorStandings = ErgastCsv.read(dir, "constructor_standings.csv");
            drivers = ErgastCsv.read(dir, "drivers.csv");
            constructors = ErgastCsv.read(dir, "constructors.csv");
            circuits = ErgastCsv.read(dir, "circuits.csv");
            status = ErgastCsv.read(dir, "status.csv");
            raceById = races.stream().collect(Collectors.toMap(r -> r.get("raceId"), r -> r));
        }

        int year(String raceId) {
            return Integer.parseInt(raceById.get(raceId).get("year"));
        }

        LocalDateTime start(String raceId) {
            var r = raceById.get(raceId);
            String time = r.get("time");
            return LocalDate.parse(r.get("date")).atTime(time == null ? LocalTime.MIDNIGHT : LocalTime.parse(time));
        }

        /** API.md's DriverStats, computed from the CSVs. */
        DriverStats driverStats(int driverId, int raceId, int window) {
            String target = Integer.toString(raceId);
            LocalDateTime cutoff = start(target);
            int season = year(target);
            List<Map<String, String>> starts = results.stream()
                    .filter(r -> r.get("driverId").equals(Integer.toString(driverId)))
                    .filter(r -> start(r.get("raceId")).isBefore(cutoff))
                    .sorted(Comparator.comparing((Map<String, String> r) -> start(r.get("raceId")))
                            .thenComparing(r -> Integer.parseInt(r.get("resultId"))).reversed())
                    .toList();
            var inWindow = starts.subList(0, Math.min(window, starts.size()));
            var standing = driverStandings.stream()
                    .filter(s -> s.get("driverId").equals(Integer.toString(driverId)))
                    .filter(s -> year(s.get("raceId")) == season && start(s.get("raceId")).isBefore(cutoff))
                    .max(Comparator.comparing(s -> start(s.get("raceId"))));
            return new DriverStats(starts.size(), window, inWindow.size(),
                    starts.stream().limit(5).map(r -> Integer.valueOf(r.get("positionOrder"))).toList(),
                    mean(inWindow.stream().map(r -> Double.valueOf(r.get("positionOrder"))).toList()),
                    mean(inWindow.stream().map(r -> digits(r.get("positionText")) ? 0.0 : 1.0).toList()),
                    mean(inWindow.stream().map(r -> Double.valueOf(r.get("grid"))).filter(g -> g > 0).toList()),
                    season,
                    standing.map(s -> Double.parseDouble(s.get("points"))).orElse(0.0),
                    standing.map(s -> intOrNull(s.get("position"))).orElse(null),
                    standing.map(s -> Integer.parseInt(s.get("wins"))).orElse(0));
        }

        static Double mean(List<Double> xs) {
            return xs.isEmpty() ? null : xs.stream().mapToDouble(Double::doubleValue).sum() / xs.size();
        }

        /** The key rows the frames of {@code from..to} must have, by the API's rules. */
        Map<String, List<String>> keyRows(int from, int to) {
            Set<String> raceIds = races.stream()
                    .filter(r -> Integer.parseInt(r.get("year")) >= from && Integer.parseInt(r.get("year")) <= to)
                    .map(r -> r.get("raceId")).collect(Collectors.toSet());
            Function<List<Map<String, String>>, List<Map<String, String>>> inRange =
                    rows -> rows.stream().filter(r -> raceIds.contains(r.get("raceId"))).toList();
            var res = inRange.apply(results);
            var spr = inRange.apply(sprints);
            var qua = inRange.apply(qualifying);
            var ds = inRange.apply(driverStandings);
            var cs = inRange.apply(constructorStandings);
            Set<String> driverIds = new HashSet<>(), constructorIds = new HashSet<>(), statusIds = new HashSet<>();
            for (var rows : List.of(res, spr, qua, ds)) {
                rows.forEach(r -> driverIds.add(r.get("driverId")));
            }
            for (var rows : List.of(res, spr, qua, cs)) {
                rows.forEach(r -> constructorIds.add(r.get("constructorId")));
            }
            for (var rows : List.of(res, spr)) {
                rows.forEach(r -> statusIds.add(r.get("statusId")));
            }
            Set<String> circuitIds = races.stream().filter(r -> raceIds.contains(r.get("raceId")))
                    .map(r -> r.get("circuitId")).collect(Collectors.toSet());

            Map<String, List<String>> out = new TreeMap<>();
            out.put("races", map(races.stream().filter(r -> raceIds.contains(r.get("raceId"))).toList(),
                    r -> new Object[] {i(r, "raceId"), i(r, "year"), i(r, "round"), i(r, "circuitId"),
                            d(r, "date"), t(r, "time"), d(r, "quali_date"), t(r, "quali_time"),
                            d(r, "sprint_date"), t(r, "sprint_time")}));
            Function<Map<String, String>, Object[]> result = r -> {
                boolean classified = digits(r.get("positionText"));
                return new Object[] {i(r, "resultId"), i(r, "raceId"), i(r, "driverId"), i(r, "constructorId"),
                        i(r, "number"), i(r, "grid"), classified ? i(r, "position") : null, r.get("positionText"),
                        i(r, "positionOrder"), n(r, "points"), i(r, "laps"), i(r, "milliseconds"),
                        i(r, "fastestLap"), i(r, "rank"), i(r, "statusId"), classified};
            };
            out.put("results", map(res, result));
            out.put("sprintResults", map(spr, result));
            out.put("qualifying", map(qua, r -> new Object[] {i(r, "qualifyId"), i(r, "raceId"), i(r, "driverId"),
                    i(r, "constructorId"), i(r, "number"), i(r, "position"), ErgastCsv.lapMs(r.get("q1")),
                    ErgastCsv.lapMs(r.get("q2")), ErgastCsv.lapMs(r.get("q3"))}));
            out.put("driverStandings", map(ds, r -> new Object[] {i(r, "driverStandingsId"), i(r, "driverId"),
                    i(r, "raceId"), n(r, "points"), i(r, "position"), r.get("positionText"), i(r, "wins")}));
            out.put("constructorStandings", map(cs, r -> new Object[] {i(r, "constructorStandingsId"),
                    i(r, "constructorId"), i(r, "raceId"), n(r, "points"), i(r, "position"), r.get("positionText"),
                    i(r, "wins")}));
            out.put("drivers", map(drivers.stream().filter(r -> driverIds.contains(r.get("driverId"))).toList(),
                    r -> new Object[] {i(r, "driverId"), r.get("driverRef"), i(r, "number"), r.get("code"),
                            d(r, "dob")}));
            out.put("constructors", map(constructors.stream()
                            .filter(r -> constructorIds.contains(r.get("constructorId"))).toList(),
                    r -> new Object[] {i(r, "constructorId"), r.get("constructorRef"), r.get("name")}));
            out.put("circuits", map(circuits.stream().filter(r -> circuitIds.contains(r.get("circuitId"))).toList(),
                    r -> new Object[] {i(r, "circuitId"), r.get("circuitRef"), n(r, "lat"), n(r, "lng"),
                            i(r, "alt")}));
            out.put("status", map(status.stream().filter(r -> statusIds.contains(r.get("statusId"))).toList(),
                    r -> new Object[] {i(r, "statusId"), r.get("status")}));
            return out;
        }

        static List<String> map(List<Map<String, String>> rows, Function<Map<String, String>, Object[]> key) {
            return sortedLines(rows.stream().map(key).toList());
        }

        /** Rows as "v1|v2|…" ordered by their first value (an id); numbers without trailing zeros. */
        static List<String> sortedLines(List<Object[]> rows) {
            return rows.stream().sorted(Comparator.comparingInt(r -> (Integer) r[0]))
                    .map(r -> java.util.Arrays.stream(r).map(Csv::text).collect(Collectors.joining("|")))
                    .toList();
        }

        static String text(Object v) {
            if (v == null || (v instanceof String s && s.isEmpty())) {
                return "∅";
            }
            if (v instanceof Number num) {
                return new BigDecimal(num.toString()).stripTrailingZeros().toPlainString();
            }
            return v.toString();
        }

        static Integer i(Map<String, String> r, String col) {
            return intOrNull(r.get(col));
        }

        static BigDecimal n(Map<String, String> r, String col) {
            return r.get(col) == null ? null : new BigDecimal(r.get(col));
        }

        static LocalDate d(Map<String, String> r, String col) {
            return r.get(col) == null ? null : LocalDate.parse(r.get(col));
        }

        static LocalTime t(Map<String, String> r, String col) {
            return r.get(col) == null ? null : LocalTime.parse(r.get(col));
        }
    }
}
