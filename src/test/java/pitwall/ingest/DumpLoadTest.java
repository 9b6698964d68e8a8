package pitwall.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** The finding this loader's contract rests on: a local SQL file is one transaction. */
    @Test
    @Order(5)
    void aFailingStatementMidFileRollsBackTheWholeFile() throws IOException {
        Map<String, Long> before = loader.counts();
        Path sql = Files.writeString(temp.resolve("partial.sql"), """
                PRAGMA defer_foreign_keys = on;
                DELETE FROM results;
                DELETE FROM driver_standings;
                INSERT INTO seasons (year, url) VALUES (1900, 'new');
                INSERT INTO seasons (year, url) VALUES (2025, 'duplicate key');
                INSERT INTO seasons (year, url) VALUES (1901, 'never reached');
                """);
        LocalException e = assertThrows(LocalException.class, () -> worker.d1().executeFile(sql));
        assertTrue(e.getMessage().contains("UNIQUE constraint failed: seasons.year"), e.getMessage());
        assertEquals(before, loader.counts());
    }

    @Test
    @Order(6)
    void danglingReferencesAtCommitRollBackToo() throws IOException {
        Map<String, Long> before = loader.counts();
        Path sql = Files.writeString(temp.resolve("dangling.sql"), """
                PRAGMA defer_foreign_keys = on;
                DELETE FROM drivers;
                """);
        LocalException e = assertThrows(LocalException.class, () -> worker.d1().executeFile(sql));
        assertTrue(e.getMessage().contains("FOREIGN KEY constraint failed"), e.getMessage());
        assertEquals(before, loader.counts());
    }

    @Test
    @Order(7)
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
    }

    /** A load that fails in its last statements (a trigger here) leaves the previous data complete. */
    @Test
    @Order(8)
    void aLoadFailingNearItsEndLeavesThePreviousDataComplete() {
        Map<String, Long> before = loader.counts();
        worker.d1().query("CREATE TRIGGER refuse_standings BEFORE INSERT ON constructor_standings"
                + " WHEN NEW.constructor_standings_id > 28000 BEGIN SELECT RAISE(ABORT, 'refused by test'); END");
        try {
            LocalException e = assertThrows(LocalException.class, () -> loader.load(RealDump.dir()));
            assertTrue(e.getMessage().contains("refused by test"), e.getMessage());
            assertTrue(e.getMessage().endsWith("The local D1 rolled the whole file back: its data is as before"),
                    e.getMessage());
        } finally {
            worker.d1().query("DROP TRIGGER refuse_standings");
        }
        assertEquals(before, loader.counts());
        assertEquals(RealDump.ROWS.get("results"), before.get("results"));
    }

    @Test
    @Order(9)
    void missingSchemaIsExplained() {
        var bare = pitwall.local.D1.local(pitwall.local.Wrangler.of(Project.locate()), temp.resolve("bare"));
        LocalException e = assertThrows(LocalException.class, () -> new DumpLoader(bare).counts());
        assertTrue(e.getMessage().contains("apply the migrations first"), e.getMessage());
    }

}
