package pitwall.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import pitwall.local.LocalException;
import pitwall.local.LocalWorker;
import pitwall.local.Project;
import pitwall.testing.RealDump;

/** Loading the real dump into a temporary local D1 behind an attached Worker, with real wrangler. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DumpLoadTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalWorker worker;
    private DumpLoader loader;

    @TempDir
    Path temp;

    @BeforeAll
    void start() {
        worker = LocalWorker.start(Project.locate());
        loader = new DumpLoader(worker.d1());
    }

    @AfterAll
    void stop() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    @Order(1)
    void fullLoadGivesTheReadmeCounts() {
        LoadReport report = loader.load(RealDump.dir());
        System.out.println(report.format());
        assertEquals(RealDump.ROWS, Map.copyOf(report.rows()));
        assertEquals(RealDump.ROWS.values().stream().mapToLong(Long::longValue).sum(), report.totalRows());
        assertTrue(report.format().contains("not loaded: pit_stops.csv, constructor_results.csv"));
    }

    @Test
    @Order(2)
    void loadingTwiceGivesTheSameCountsAndKeepsPredictions() {
        worker.d1().query("INSERT INTO predictions (race_id, driver_id, model_version, predicted_position, win_prob,"
                + " podium_prob) VALUES (1162, 830, 'test-1', 1, 0.4, 0.8);"
                + " INSERT INTO model_metrics (model_version, metric, value) VALUES ('test-1', 'spearman', 0.6)");
        LoadReport again = loader.load(RealDump.dir());
        assertEquals(RealDump.ROWS, Map.copyOf(again.rows()));
        assertEquals(1, again.predictionsKept());
        assertEquals(0, again.predictionsDropped());
        assertEquals(1L, loader.counts().get("model_metrics"));
    }

    @Test
    @Order(3)
    void theRunningWorkerSeesTheData() throws IOException, InterruptedException {
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(worker.url().resolve("/api/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertEquals(1149, worker.d1().query("SELECT count(*) AS n FROM races").path(0).path("n").asInt());
        var race = worker.d1().query("SELECT start_key, time FROM races WHERE race_id = 90").path(0);
        assertEquals("2004-03-07T00:00:00", race.path("start_key").asText());
        assertTrue(race.path("time").isNull());
        var retired = worker.d1().query("SELECT position, classified FROM results WHERE result_id = 26779").path(0);
        assertTrue(retired.path("position").isNull());
        assertEquals(0, retired.path("classified").asInt());
        assertEquals(86572, worker.d1().query("SELECT q1_ms FROM qualifying WHERE qualify_id = 1").path(0)
                .path("q1_ms").asInt());
        assertEquals("d'Orey", worker.d1().query("SELECT surname FROM drivers WHERE surname LIKE 'd''O%'")
                .path(0).path("surname").asText());
        assertEquals("São Paulo Grand Prix", worker.d1().query("SELECT name FROM races WHERE race_id = 1165")
                .path(0).path("name").asText());
    }

    @Test
    @Order(4)
    void anInvalidDumpLeavesTheD1Untouched() {
        Map<String, Long> before = loader.counts();
        Path broken = RealDump.copyWith(temp.resolve("status"), "results.csv", RealDump.replaceLine("1,18,",
                "1,18,1,1,22,1,1,1,1,10,58,1:34:50.616,5690616,39,2,1:27.452,218.3,142"));
        DumpException e = assertThrows(DumpException.class, () -> loader.load(broken));
        assertTrue(e.getMessage().contains("unknown statusId 142"), e.getMessage());
        Path missing = RealDump.copyWith(temp.resolve("column"), "drivers.csv", t -> t.replaceFirst("driverRef", "ref"));
        assertThrows(DumpException.class, () -> loader.load(missing));
        assertEquals(before, loader.counts());
    }

    /** The finding the swap rests on: a --command of several statements is one transaction. */
    @Test
    @Order(5)
    void aFailingStatementMidCommandRollsBackTheWholeCommand() {
        Map<String, Long> before = loader.counts();
        LocalException e = assertThrows(LocalException.class, () -> worker.d1().execute("""
                PRAGMA defer_foreign_keys = on;
                DELETE FROM results;
                DELETE FROM driver_standings;
                INSERT INTO seasons (year, url) VALUES (1900, 'new');
                INSERT INTO seasons (year, url) VALUES (2025, 'duplicate key');
                INSERT INTO seasons (year, url) VALUES (1901, 'never reached');
                """));
        assertTrue(e.getMessage().contains("UNIQUE constraint failed: seasons.year"), e.getMessage());
        assertEquals(before, loader.counts());
    }

    @Test
    @Order(6)
    void danglingReferencesAtTheEndOfACommandRollBackToo() {
        Map<String, Long> before = loader.counts();
        LocalException e = assertThrows(LocalException.class, () -> worker.d1().execute(
                "PRAGMA defer_foreign_keys = on; DELETE FROM drivers;"));
        assertTrue(e.getMessage().contains("FOREIGN KEY constraint failed"), e.getMessage());
        assertEquals(before, loader.counts());
    }

    /** Runs after the interrupted loads: a plain load converges and leaves no staging table behind. */
    @Test
    @Order(13)
    void predictionsOfVanishedRacesAreDroppedNotBlocking() {
        Path fewer = RealDump.copyWith(temp.resolve("fewer"), null, null);
        // drop race 1168 (an upcoming race: nothing else refers to it) and predict it first
        worker.d1().query("INSERT INTO predictions (race_id, driver_id, model_version, predicted_position, win_prob,"
                + " podium_prob) VALUES (1168, 830, 'test-1', 1, 0.4, 0.8)");
        try {
            Path races = fewer.resolve("races.csv");
            String text = Files.readString(races);
            Files.writeString(races, text.substring(0, text.indexOf("1168,2025,")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        LoadReport report = loader.load(fewer);
        assertEquals(1148L, report.rows().get("races"));
        assertEquals(1, report.predictionsDropped());
        assertEquals(1, report.predictionsKept());
        assertEquals(RealDump.ROWS, Map.copyOf(loader.load(RealDump.dir()).rows()));
        assertEquals(List.of(), stagingTables());
    }

    /** A swap that fails in its last statements (a trigger on a served table here) leaves the previous data served. */
    @Test
    @Order(8)
    void aSwapFailingNearItsEndLeavesThePreviousDataServed() throws Exception {
        Map<String, Long> before = loader.counts();
        worker.d1().query("CREATE TRIGGER refuse_standings BEFORE INSERT ON constructor_standings"
                + " WHEN NEW.constructor_standings_id > 28000 BEGIN SELECT RAISE(ABORT, 'refused by test'); END");
        try {
            LocalException e = assertThrows(LocalException.class, () -> loader.load(RealDump.dir()));
            assertTrue(e.getMessage().contains("refused by test"), e.getMessage());
            assertTrue(e.getMessage().contains("rolled back whole"), e.getMessage());
        } finally {
            worker.d1().query("DROP TRIGGER refuse_standings");
        }
        assertServed(before);
        assertEquals(List.of(), stagingTables(), "a failed swap drops its staging tables");
    }

    /** The staging fill is killed (wrangler and its workerd, SIGKILL) while it runs. */
    @Test
    @Order(10)
    void killingTheStagingFillLeavesThePreviousDataServed() throws Exception {
        Map<String, Long> before = loader.counts();
        Thread killer = Thread.ofPlatform().daemon().start(DumpLoadTest::killStagingRun);
        assertThrows(LocalException.class, () -> loader.load(RealDump.dir()));
        killer.join(60_000);
        assertServed(before);
    }

    /** The load dies after the staged data passed its checks, before the swap. */
    @Test
    @Order(11)
    void stoppingAfterTheChecksBeforeTheSwapLeavesThePreviousDataServed() throws Exception {
        Map<String, Long> before = loader.counts();
        var stopped = new DumpLoader(worker.d1(), false, step -> {
            if (step == DumpLoader.Step.SWAP) {
                throw new IllegalStateException("stopped before the swap");
            }
        });
        assertThrows(IllegalStateException.class, () -> stopped.load(RealDump.dir()));
        assertTrue(stagingTables().contains("staging_results"), "left as a crash would leave it: " + stagingTables());
        assertServed(before);
    }

    /**
     * On the staging the stopped load left: a race lost from it is seen by the checks (its rows and every reference
     * to it), and a swap of such staging fails on the dump's counts and rolls back whole.
     */
    @Test
    @Order(12)
    void stagingThatDoesNotMatchTheDumpIsCaughtByTheChecksAndByTheSwap() throws Exception {
        Map<String, Long> before = loader.counts();
        Dump dump = Dump.read(RealDump.dir());
        worker.d1().query("DELETE FROM staging_races WHERE race_id = 1121");
        Map<String, Long> staged = DumpLoader.counts(worker.d1().query(SqlScript.stagingChecksQuery()));
        String problems = DumpLoader.stagingProblems(dump.rowCounts(), staged);
        assertTrue(problems.contains("races has 1,148 rows staged, the dump 1,149;"), problems);
        assertTrue(problems.contains("staged references point at rows that are not staged"), problems);
        assertTrue(staged.get("dangling") >= 20 + 20 + 20 + 10, "results, qualifying, standings of 1121: " + staged);

        LocalException e = assertThrows(LocalException.class,
                () -> worker.d1().execute(SqlScript.swap(dump.rowCounts())));
        assertTrue(e.getMessage().contains("CHECK constraint failed: " + SqlScript.CHECK_CONSTRAINT)
                || e.getMessage().contains("FOREIGN KEY constraint failed"), e.getMessage());
        assertServed(before);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** The served data is the full dump as before, and the running Worker answers from it. */
    private void assertServed(Map<String, Long> before) throws IOException, InterruptedException {
        assertEquals(before, loader.counts());
        assertEquals(RealDump.ROWS.get("results"), before.get("results"));
        JsonNode season = get("/api/data/seasons/2024");
        assertEquals(24, season.path("data").path("races").size());
        int bahrain = season.path("data").path("races").get(0).path("raceId").asInt();
        JsonNode winner = null;
        for (JsonNode r : season.path("data").path("results")) {
            if (r.path("raceId").asInt() == bahrain && r.path("positionOrder").asInt() == 1) {
                winner = r;
            }
        }
        assertEquals(830, winner == null ? -1 : winner.path("driverId").asInt(), "Verstappen won race 1 of 2024");
        JsonNode tables = get("/api/health").path("data").path("tables");
        assertEquals(1149, tables.path("races").asLong());
        assertEquals(before.get("results"), tables.path("results").asLong());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(worker.url().resolve(path))
                .timeout(java.time.Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private List<String> stagingTables() {
        List<String> names = new ArrayList<>();
        worker.d1().query("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'staging%' ORDER BY name")
                .forEach(row -> names.add(row.path("name").asText()));
        return names;
    }

    /**
     * Waits for the wrangler run of the staging file (a child of this JVM whose command line names it) to start its
     * local database (a workerd below it), lets it work for a moment, then kills it and everything below it.
     */
    private static void killStagingRun() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            var run = ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("pitwall-load-"))
                    .findFirst();
            if (run.isPresent() && run.get().descendants().anyMatch(p -> p.info().command().orElse("").contains("workerd"))) {
                sleep(400);
                run.get().descendants().forEach(ProcessHandle::destroyForcibly);
                run.get().destroyForcibly();
                return;
            }
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @Order(9)
    void missingSchemaIsExplained() {
        var bare = pitwall.local.D1.local(pitwall.local.Wrangler.of(Project.locate()), temp.resolve("bare"));
        LocalException e = assertThrows(LocalException.class, () -> new DumpLoader(bare).counts());
        assertTrue(e.getMessage().contains("apply the migrations first"), e.getMessage());
    }

}
