package pitwall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import pitwall.data.PredictionBatch;
import pitwall.data.PredictionRow;
import pitwall.data.SeasonPredictions;
import pitwall.data.WorkerClient;
import pitwall.data.WorkerConfig;
import pitwall.eval.Metric;
import pitwall.eval.RaceMetrics;
import pitwall.eval.RaceOutcome;
import pitwall.eval.TrackRecord;
import pitwall.experiment.TrackRecords;
import pitwall.ingest.Dump;
import pitwall.ingest.DumpLoader;
import pitwall.ingest.ResultRow;
import pitwall.local.LocalWorker;
import pitwall.local.Project;
import pitwall.model.PredictedEntrant;
import pitwall.model.RacePrediction;
import pitwall.notebook.TrackRecordCharts;
import pitwall.notebook.TrackRecordTables;
import pitwall.testing.RealDump;
import pitwall.track.Experiment;
import pitwall.track.LocalMlflowStore;
import pitwall.track.LoggedMetric;
import pitwall.track.RunFilter;
import pitwall.track.RunRecord;

/**
 * {@code predictions score} end to end: a Worker of its own (the test rewrites results, which the shared live Worker
 * must keep as loaded) with the real dump; forecasts stored for two upcoming races; their results arriving through a
 * real reload of the dump with those races' results added; a forced write after them; the command's scores checked
 * against {@link RaceMetrics} computed here from the same orders.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictionsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 2025 rounds 19 and 20, after the dump's last results (round 18, race 1162). */
    private static final int AUSTIN = 1163, MEXICO = 1164, SINGAPORE = 1162;

    private LocalWorker worker;
    private DumpLoader loader;
    private WorkerClient client;
    private Dump dump;

    @BeforeAll
    void start() {
        worker = LocalWorker.start(Project.locate());
        loader = new DumpLoader(worker.d1());
        dump = Dump.read(RealDump.dir());
        loader.load(dump);
        client = new WorkerClient(WorkerConfig.of(worker.url(), worker.apiKey()));
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void scoresForecastsStoredBeforeTheResultsAgainstRaceMetricsAndTheGrid(@TempDir Path tmp) throws Exception {
        List<ResultRow> singapore = dump.results().stream().filter(r -> r.raceId() == SINGAPORE)
                .sorted(Comparator.comparingInt(ResultRow::positionOrder)).toList();
        List<Integer> drivers = singapore.stream().map(ResultRow::driverId).toList();
        List<Integer> reversed = drivers.reversed();

        // Forecasts: a at both races, b at Austin, c at Mexico without one entrant.
        store(AUSTIN, "track-a", drivers, false);
        store(MEXICO, "track-a", drivers, false);
        store(AUSTIN, "track-b", reversed, false);
        store(MEXICO, "track-c", drivers.subList(0, drivers.size() - 1), false);

        // The results arrive: Austin finishes in reverse Singapore order, Mexico in a rotated one; grids rotated too.
        List<Integer> austinOrder = reversed;
        List<Integer> mexicoOrder = rotate(drivers, 3);
        List<Integer> austinGrid = rotate(drivers, 5);
        List<Integer> mexicoGrid = rotate(reversed, 2);
        Dump arrived = withResults(dump, singapore, Map.of(AUSTIN, List.of(austinOrder, austinGrid),
                MEXICO, List.of(mexicoOrder, mexicoGrid)));
        loader.load(arrived);
        Instant arrival = arrival(AUSTIN);
        assertEquals(arrival, arrival(MEXICO), "one load, one arrival time");
        for (var race : client.seasonPredictions(2025).races()) {
            for (var model : race.models()) {
                assertTrue(model.createdAt().isBefore(arrival), model + " before " + arrival);
            }
        }

        // A forced write after the results, then the same results loaded again: the first arrival stands.
        store(AUSTIN, "track-forced", austinOrder, true);
        loader.load(arrived);
        assertEquals(arrival, arrival(AUSTIN));
        assertTrue(client.predictions(AUSTIN, "track-forced").models().getFirst().createdAt().isAfter(arrival));

        Path json = tmp.resolve("record.json");
        Path store = tmp.resolve("mlruns");
        Cli.Result r = Cli.run("predictions", "score", "--season", "2025", "--json", json.toString(),
                "--worker-url", worker.url().toString(), "--tracking-uri", store.toString());
        assertEquals(0, r.code(), r.both());
        assertTrue(r.out().contains("track-a"), r.out());
        assertTrue(r.out().contains("excluded: 1 stored after the results (forced), 1 not ordering"), r.out());

        JsonNode record = JSON.readTree(json.toFile());
        JsonNode races = record.path("races");
        assertEquals(List.of(AUSTIN, MEXICO), ids(races, "raceId"));
        RaceOutcome austin = outcome(AUSTIN, 19, austinOrder);
        RaceOutcome mexico = outcome(MEXICO, 20, mexicoOrder);

        // Every counted forecast equals RaceMetrics of what was stored; all were stored after the 2025 starts: late.
        assertMetrics(RaceMetrics.of(prediction(AUSTIN, "track-a", drivers), austin), scored(races.get(0), "track-a"));
        assertMetrics(RaceMetrics.of(prediction(AUSTIN, "track-b", reversed), austin), scored(races.get(0), "track-b"));
        assertMetrics(RaceMetrics.of(prediction(MEXICO, "track-a", drivers), mexico), scored(races.get(1), "track-a"));
        assertEquals(1.0, scored(races.get(0), "track-b").path("metrics").path("spearman").asDouble(),
                "track-b predicted the reverse Singapore order, which is how Austin finished");
        for (JsonNode race : races) {
            race.path("predictions").forEach(p -> assertTrue(p.path("late").asBoolean(), p.toString()));
        }
        assertEquals("afterResults", races.get(0).path("excluded").get(0).path("reason").asText());
        assertEquals("entrantsDiffer", races.get(1).path("excluded").get(0).path("reason").asText());

        // The grid baseline ranks by the race's grid.
        assertGrid(races.get(0).path("grid"), austin, austinGrid);
        assertGrid(races.get(1).path("grid"), mexico, mexicoGrid);

        JsonNode byModel = record.path("byModelVersion");
        assertEquals(List.of("track-a", "track-b", "track-c", "track-forced"), names(byModel));
        assertEquals(List.of(2, 2, 0, 0), counts(byModel, "track-a"));
        assertEquals(List.of(1, 1, 0, 0), counts(byModel, "track-b"));
        assertEquals(List.of(0, 0, 0, 1), counts(byModel, "track-c"));
        assertEquals(List.of(0, 0, 1, 0), counts(byModel, "track-forced"));
        double meanA = (RaceMetrics.of(prediction(AUSTIN, "a", drivers), austin).spearman()
                + RaceMetrics.of(prediction(MEXICO, "a", drivers), mexico).spearman()) / 2;
        assertEquals(meanA, byModel.path("track-a").path("metrics").path("spearman").asDouble(), 1e-12);
        JsonNode againstGrid = byModel.path("track-a").path("againstGrid");
        assertEquals(meanA - byModel.path("track-a").path("grid").path("spearman").asDouble(),
                againstGrid.path("spearman").path("mean").asDouble(), 1e-12);
        assertEquals(2, againstGrid.path("races").asInt());
        assertTrue(againstGrid.path("winner").has("signTestP"), againstGrid.toString());

        // MLflow: one child run per model version, per-race metrics at step = round.
        try (LocalMlflowStore tracker = new LocalMlflowStore(store)) {
            Experiment experiment = tracker.experiments().stream().filter(e -> e.name().equals("track-record"))
                    .findFirst().orElseThrow();
            RunRecord a = tracker.searchRuns(experiment, RunFilter.all()).stream()
                    .filter(run -> run.info().runName().equals("track-a")).findFirst().orElseThrow();
            List<LoggedMetric> spearman = tracker.metricHistory(a.info().runId(), "race.spearman");
            assertEquals(List.of(19L, 20L), spearman.stream().map(LoggedMetric::step).toList());
            assertEquals(RaceMetrics.of(prediction(MEXICO, "a", drivers), mexico).spearman(),
                    spearman.get(1).value(), 1e-12);
            assertEquals(2.0, a.metrics().get("races").value());
        }

        // What notebook 05 draws from the same record.
        TrackRecord live = TrackRecords.load(client, 2025);
        String byRace = TrackRecordCharts.byRace(live, Metric.SPEARMAN).asJavascript("p");
        for (String part : List.of("grid (baseline)", "track-a", "track-b", "R19 United States", "R20 Mexico City")) {
            assertTrue(byRace.contains(part), part + " in " + byRace);
        }
        assertEquals(3, TrackRecordTables.forecasts(live, Metric.SPEARMAN).rowCount());
        assertEquals(2, TrackRecordTables.excluded(live).rowCount());
    }

    @Test
    void aBadSeasonIsAUsageErrorAndAnUnknownOneAFailure() {
        Cli.Result zero = Cli.run("predictions", "score", "--season", "0");
        assertEquals(2, zero.code(), zero.both());
        Cli.Result unknown = Cli.run("predictions", "score", "--season", "1900", "--worker-url",
                worker.url().toString());
        assertEquals(1, unknown.code(), unknown.both());
        assertTrue(unknown.err().startsWith("error: ") && unknown.err().contains("1900"), unknown.err());
    }

    private void store(int raceId, String version, List<Integer> order, boolean force) {
        List<PredictionRow> rows = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            rows.add(PredictionRow.of(order.get(i), i + 1, winProb(i, order.size()), podiumProb(i, order.size())));
        }
        client.storePredictions(new PredictionBatch(raceId, version, rows), force);
    }

    /** Probabilities that fall with the predicted position: win sums to 1, podium to 3. */
    private static double winProb(int index, int n) {
        return (n - index) / (n * (n + 1) / 2.0);
    }

    private static double podiumProb(int index, int n) {
        return Math.min(1, 3 * winProb(index, n));
    }

    private static RacePrediction prediction(int raceId, String model, List<Integer> order) {
        List<PredictedEntrant> entrants = IntStream.range(0, order.size())
                .mapToObj(i -> new PredictedEntrant(order.get(i), 0, i + 1, -(i + 1), winProb(i, order.size()),
                        podiumProb(i, order.size()), Double.NaN, Double.NaN, Double.NaN))
                .toList();
        return new RacePrediction(raceId, model, entrants);
    }

    private static RaceOutcome outcome(int raceId, int round, List<Integer> order) {
        return new RaceOutcome(raceId, 2025, round, java.time.LocalDateTime.MIN, order);
    }

    private Instant arrival(int raceId) {
        SeasonPredictions season = client.seasonPredictions(2025);
        return season.races().stream().filter(r -> r.race().raceId() == raceId).findFirst().orElseThrow()
                .resultsArrivedAt();
    }

    private static void assertMetrics(RaceMetrics expected, JsonNode scored) {
        for (Metric m : Metric.values()) {
            JsonNode value = scored.path("metrics").path(m.key());
            // NaN is written as null (the DNF metrics: stored predictions do not say who was classified)
            assertEquals(expected.value(m), value.isNull() ? Double.NaN : value.asDouble(), m.key());
        }
    }

    /** The order metrics of the grid baseline are those of the grid order (its probabilities are its own). */
    private static void assertGrid(JsonNode got, RaceOutcome outcome, List<Integer> grid) {
        RaceMetrics expected = RaceMetrics.of(prediction(outcome.raceId(), "grid", grid), outcome);
        for (Metric m : List.of(Metric.WINNER, Metric.PODIUM, Metric.TOP10, Metric.SPEARMAN, Metric.MAE)) {
            assertEquals(expected.value(m), got.path(m.key()).asDouble(), m.key());
        }
    }

    private static JsonNode scored(JsonNode race, String version) {
        for (JsonNode p : race.path("predictions")) {
            if (p.path("modelVersion").asText().equals(version)) {
                return p;
            }
        }
        throw new AssertionError(version + " not scored in " + race);
    }

    private static List<Integer> ids(JsonNode list, String field) {
        List<Integer> ids = new ArrayList<>();
        list.forEach(n -> ids.add(n.path(field).asInt()));
        return ids;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** races, late, excludedAfterResults, excludedEntrantsDiffer. */
    private static List<Integer> counts(JsonNode byModel, String version) {
        JsonNode m = byModel.path(version);
        return List.of(m.path("races").asInt(), m.path("late").asInt(), m.path("excludedAfterResults").asInt(),
                m.path("excludedEntrantsDiffer").asInt());
    }

    private static List<Integer> rotate(List<Integer> list, int by) {
        List<Integer> out = new ArrayList<>(list.subList(by, list.size()));
        out.addAll(list.subList(0, by));
        return out;
    }

    /**
     * The dump with results for races that had none: each race's entrants are Singapore's (same cars), finishing in
     * {@code orders.get(race).get(0)} from the grid {@code orders.get(race).get(1)}, all classified.
     */
    private static Dump withResults(Dump dump, List<ResultRow> entrants, Map<Integer, List<List<Integer>>> orders) {
        Map<Integer, ResultRow> byDriver = entrants.stream().collect(Collectors.toMap(ResultRow::driverId, e -> e));
        int nextId = dump.results().stream().mapToInt(ResultRow::resultId).max().orElseThrow() + 1;
        List<ResultRow> results = new ArrayList<>(dump.results());
        for (var race : new java.util.TreeMap<>(orders).entrySet()) {
            List<Integer> finish = race.getValue().get(0);
            List<Integer> grid = race.getValue().get(1);
            for (int i = 0; i < finish.size(); i++) {
                ResultRow car = byDriver.get(finish.get(i));
                results.add(new ResultRow(nextId++, race.getKey(), car.driverId(), car.constructorId(), car.number(),
                        grid.indexOf(car.driverId()) + 1, i + 1, String.valueOf(i + 1), i + 1, 0.0, 56, null, null,
                        null, null, null, null, 1, true));
            }
        }
        return new Dump(dump.dir(), dump.seasons(), dump.circuits(), dump.races(), dump.drivers(),
                dump.constructors(), dump.status(), results, dump.sprintResults(), dump.qualifying(),
                dump.driverStandings(), dump.constructorStandings());
    }
}
