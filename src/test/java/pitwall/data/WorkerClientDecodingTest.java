package pitwall.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pitwall.data.FakeWorker.Reply;

/** Every endpoint's response, hand-written to API.md, decoded into the records. */
class WorkerClientDecodingTest {

    FakeWorker worker;
    WorkerClient client;

    @BeforeEach
    void start() {
        worker = FakeWorker.start();
        client = new WorkerClient(WorkerConfig.of(worker.url(), "k"), d -> {});
    }

    @AfterEach
    void stop() {
        client.close();
        worker.close();
    }

    @Test
    void health() {
        worker.on("/api/health", Reply.ok(Fixtures.HEALTH));
        Health h = client.health();
        assertTrue(h.ok());
        assertEquals("reachable", h.database());
        assertEquals(Integer.valueOf(1), h.schemaVersion());
        assertEquals(27118L, h.tables().get("results"));
    }

    @Test
    void seasons() {
        worker.on("/api/data/seasons", Reply.ok(Fixtures.SEASONS, "{\"count\": 2}"));
        assertEquals(List.of(
                new SeasonSummary(2024, 24, 24, 479, LocalDate.of(2024, 3, 2), LocalDate.of(2024, 12, 8)),
                new SeasonSummary(2025, 24, 18, 360, LocalDate.of(2025, 3, 16), LocalDate.of(2025, 12, 7))),
                client.seasons());
    }

    @Test
    void season() {
        worker.on("/api/data/seasons/2024", Reply.ok(Fixtures.SEASON_2024, Fixtures.SEASON_2024_META));
        SeasonData s = client.season(2024);
        assertEquals(2024, s.year());
        assertEquals(Map.of("races", 2, "results", 4, "sprintResults", 0, "qualifying", 3, "driverStandings", 3,
                "constructorStandings", 2, "drivers", 3, "constructors", 2, "circuits", 2, "status", 2), s.counts());

        Race bahrain = s.races().getFirst();
        assertEquals(LocalDate.of(2024, 3, 2), bahrain.date());
        assertEquals(LocalTime.of(15, 0), bahrain.time());
        assertEquals(LocalDateTime.of(2024, 3, 2, 15, 0), bahrain.start());
        assertNull(bahrain.sprintDate());
        assertFalse(bahrain.hasSprint());

        RaceResult win = s.results().getFirst();
        assertEquals(26.0, win.points());
        assertEquals(Integer.valueOf(5504742), win.milliseconds());
        assertEquals(210.383, win.fastestLapSpeed());
        assertTrue(win.classified());

        RaceResult retired = s.results().getLast();
        assertNull(retired.position());
        assertEquals("R", retired.positionText());
        assertEquals(20, retired.positionOrder());
        assertFalse(retired.classified());
        assertEquals("Gearbox", retired.status());
        assertNull(retired.time());
        assertNull(retired.fastestLapSpeed());

        assertEquals(Integer.valueOf(89179), s.qualifying().getFirst().q3Ms());
        assertEquals(51.0, s.driverStandings().getLast().points());
        assertEquals("Pérez", s.drivers().getFirst().surname());
        assertEquals(LocalDate.of(1997, 9, 30), s.drivers().get(1).dob());
        assertEquals(Integer.valueOf(7), s.circuits().getFirst().alt());
        assertEquals(new SeasonSummary(2024, 2, 2, 4, LocalDate.of(2024, 3, 2), LocalDate.of(2024, 3, 9)),
                s.summary());
        s.checkReferences();
    }

    @Test
    void driverForm() {
        worker.on("/api/data/driver/max_verstappen", Reply.ok(Fixtures.DRIVER_FORM));
        DriverForm f = client.driver("max_verstappen", AsOf.race(1150));
        assertEquals("Max Verstappen", f.driver().fullName());
        assertEquals(new AsOfCutoff(1150, LocalDateTime.of(2025, 5, 4, 20, 0)), f.asOf());
        DriverStats st = f.stats();
        assertEquals(new DriverStats(193, 10, 10, List.of(1, 6, 2, 1, 6), 3.4, 0.0, 3.1, 2025, 87.0, 3, 2), st);
    }

    @Test
    void teamForm() {
        worker.on("/api/data/team/red_bull", Reply.ok(Fixtures.TEAM_FORM));
        TeamForm t = client.team("red_bull");
        assertEquals("red_bull", t.constructor().constructorRef());
        assertEquals(new AsOfCutoff(null, null), t.asOf());
        assertEquals(7.45, t.stats().avgPosition());
        assertEquals(Integer.valueOf(4), t.stats().championshipPosition());
        assertEquals(830, t.stats().drivers().getFirst().driverId());
    }

    @Test
    void raceFeaturesOfAnUpcomingRace() {
        worker.on("/api/data/race/1163/features", Reply.ok(Fixtures.FEATURES_UPCOMING));
        RaceFeatures f = client.raceFeatures(1163);
        assertEquals(EntrySource.PREVIOUS_RACE, f.entrySource());
        assertTrue(f.race().hasSprint());
        assertNull(f.circuit().alt());
        RaceEntry e = f.entries().getFirst();
        assertNull(e.grid());
        assertNull(e.qualifyingPosition());
        assertEquals(193, e.driverStats().races());
        assertEquals(392, e.teamStats().races());
    }

    @Test
    void raceFeaturesWithResultsAndBatch() {
        worker.on("/api/data/race/1121/features", Reply.ok(Fixtures.FEATURES_1121));
        worker.on("/api/data/ml-prediction-data",
                Reply.ok("[" + Fixtures.FEATURES_1121 + ", " + Fixtures.FEATURES_UPCOMING + "]", "{\"count\": 2}"));
        RaceFeatures f = client.raceFeatures(1121);
        assertEquals(EntrySource.RESULTS, f.entrySource());
        assertEquals(Integer.valueOf(1), f.entries().getFirst().grid());
        assertEquals(Integer.valueOf(89179), f.entries().getFirst().q3Ms());
        var batch = client.mlPredictionData(List.of(1121, 1163));
        assertEquals(List.of(1121, 1163), batch.stream().map(r -> r.race().raceId()).toList());
        assertEquals(f, batch.getFirst());
    }

    @Test
    void circuitPatterns() {
        worker.on("/api/data/circuit/bahrain/patterns", Reply.ok(Fixtures.PATTERNS_BAHRAIN));
        CircuitPatterns p = client.circuitPatterns("bahrain");
        assertEquals(20, p.races());
        assertEquals(0.45, p.poleWinRate());
        assertEquals(3, p.topDrivers().getFirst().wins());
        assertEquals(40, p.topConstructors().getFirst().entries());
        assertEquals(new CircuitPatterns.Winner(1121, 2024, 830, 9, 1), p.recentWinners().getFirst());
    }

    @Test
    void storedPredictions() {
        worker.on("/api/data/race/1163/predictions", Reply.ok(Fixtures.PREDICTIONS_1163));
        StoredPredictions p = client.predictions(1163);
        var model = p.model("ensembles-20251017-1").orElseThrow();
        assertEquals(Instant.parse("2025-10-17T09:12:44.512Z"), model.createdAt());
        assertEquals(846, model.predictions().getFirst().driverId());
        assertEquals(0.05, model.predictions().getFirst().dnfProb());
        assertNull(model.predictions().get(1).dnfProb());
        assertTrue(p.model("other").isEmpty());
        assertFalse(p.hasResults());
        assertNull(p.resultsArrivedAt());

        worker.on("/api/data/race/1164/predictions", Reply.ok("""
                {"raceId": 1164, "hasResults": true, "resultsArrivedAt": "2025-10-27T08:00:01.250Z",
                 "resultsArrivedBeforeTracking": false, "models": []}"""));
        StoredPredictions arrived = client.predictions(1164);
        assertTrue(arrived.models().isEmpty());
        assertTrue(arrived.hasResults());
        assertEquals(Instant.parse("2025-10-27T08:00:01.250Z"), arrived.resultsArrivedAt());
    }

    @Test
    void seasonPredictions() {
        worker.on("/api/data/seasons/2025/predictions", Reply.ok("""
                {"year": 2025, "races": [{"race": %s, "start": "2024-03-02T15:00:00Z", "hasResults": true,
                  "resultsArrivedAt": null, "resultsArrivedBeforeTracking": true, "models": %s}]}"""
                .formatted(Fixtures.RACE_1121, Fixtures.PREDICTIONS_1163.substring(
                        Fixtures.PREDICTIONS_1163.indexOf('['), Fixtures.PREDICTIONS_1163.lastIndexOf('}')))));
        var race = client.seasonPredictions(2025).races().getFirst();
        assertEquals(1121, race.race().raceId());
        assertEquals(Instant.parse("2024-03-02T15:00:00Z"), race.start());
        assertTrue(race.resultsArrivedBeforeTracking());
        assertNull(race.resultsArrivedAt());
        assertEquals("ensembles-20251017-1", race.models().getFirst().modelVersion());
    }

    @Test
    void datesAndTimesRoundTripAsIsoText() throws Exception {
        var race = Json.MAPPER.readValue(Fixtures.RACE_1121, Race.class);
        String json = Json.MAPPER.writeValueAsString(race);
        assertTrue(json.contains("\"date\":\"2024-03-02\""), json);
        assertTrue(json.contains("\"time\":\"15:00:00\""), "seconds kept even when zero: " + json);
        assertFalse(json.contains("start"), "derived methods are not properties: " + json);
        assertEquals(race, Json.MAPPER.readValue(json, Race.class));
    }
}
