package pitwall.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import pitwall.cli.FeaturesCommand;
import pitwall.testing.LiveWorker;
import pitwall.data.Race;
import pitwall.data.SeasonData;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/** Hand-checked facts and whole-matrix properties of the features on the real 1950–2025 data. */
class AsOfFeaturesLiveTest {

    static List<SeasonData> history;
    static FeatureMatrix pre, post;

    @BeforeAll
    static void compute() {
        history = RealHistory.seasons();
        pre = AsOfFeatures.compute(history, FeatureCatalogue.preQualifying(), 2014, 2025);
        post = AsOfFeatures.compute(history, FeatureCatalogue.postQualifying(), 2014, 2025);
    }

    static EntrantRow row(FeatureMatrix matrix, Race race, int driverId) {
        return matrix.rows().stream().filter(r -> r.raceId() == race.raceId() && r.driverId() == driverId)
                .findFirst().orElseThrow(() -> new AssertionError("no row for driver " + driverId + " in race "
                        + race.raceId()));
    }

    @Test
    void verstappenHad26PointsBeforeSaudiArabia2024() {
        int ver = RealHistory.driverId("max_verstappen");
        Race bahrain = RealHistory.race(2024, 1), jeddah = RealHistory.race(2024, 2);
        // He won Bahrain with the fastest lap: 25 + 1.
        assertEquals(26.0, pre.value(row(pre, jeddah, ver), "championshipPoints"));
        assertEquals(1.0, pre.value(row(pre, jeddah, ver), "championshipPosition"));
        assertEquals(26.0, pre.value(row(pre, jeddah, ver), "pointsPerStart"));
        assertEquals(1.0, pre.value(row(pre, jeddah, ver), "lastFinish"));
        // Red Bull: 26 + 18 (Pérez second).
        assertEquals(44.0, pre.value(row(pre, jeddah, ver), "teamChampionshipPoints"));
        // Round 1: no standings yet, so 0 points and the back of a 20-car field.
        assertEquals(0.0, pre.value(row(pre, bahrain, ver), "championshipPoints"));
        assertEquals(20.0, pre.value(row(pre, bahrain, ver), "championshipPosition"));
        assertEquals(0.0, pre.value(row(pre, bahrain, ver), "seasonRacesRun"));
        assertEquals(1.0, pre.value(row(pre, jeddah, ver), "seasonRacesRun"));
    }

    @Test
    void startsOfKnownDrivers() {
        Race melbourne2025 = RealHistory.race(2025, 1);
        assertEquals(356.0, pre.value(row(pre, melbourne2025, RealHistory.driverId("hamilton")), "starts"));
        assertEquals(209.0, pre.value(row(pre, melbourne2025, RealHistory.driverId("max_verstappen")), "starts"));
        // Bearman's debut (replacing Sainz at Jeddah 2024): the rookie rules.
        EntrantRow bearman = row(pre, RealHistory.race(2024, 2), RealHistory.driverId("bearman"));
        assertEquals(0.0, pre.value(bearman, "starts"));
        assertEquals(10.5, pre.value(bearman, "lastFinish"), "middle of a 20-car field");
        assertEquals(0.0, pre.value(bearman, "circuitStarts"));
    }

    @Test
    void poleSitterStartsFirstWithNoGap() {
        Race jeddah = RealHistory.race(2024, 2);
        EntrantRow ver = row(post, jeddah, RealHistory.driverId("max_verstappen"));
        assertEquals(1, ver.grid());
        assertEquals(1.0, post.value(ver, "grid"));
        assertEquals(1.0, post.value(ver, "qualiPosition"));
        assertEquals(0.0, post.value(ver, "qualiGapMs"));
        assertEquals(0.0, post.value(ver, "qualiGapPct"));
        assertEquals(0.0, post.value(ver, "qualiTimeMissing"));
        // Leclerc qualified second, 1:27.791 to Verstappen's 1:27.472.
        EntrantRow lec = row(post, jeddah, RealHistory.driverId("leclerc"));
        assertEquals(2.0, post.value(lec, "qualiPosition"));
        assertEquals(319.0, post.value(lec, "qualiGapMs"));
        assertEquals(100.0 * 319 / 87472, post.value(lec, "qualiGapPct"), 1e-9);
        // Every race with results: the driver on grid slot 1 has feature grid 1.
        post.rows().stream().filter(r -> r.grid() != null && r.grid() == 1)
                .forEach(r -> assertEquals(1.0, post.value(r, "grid")));
    }

    @Test
    void pitLaneStartsGoBehindTheLastSlot() {
        List<EntrantRow> pitLane = post.rows().stream().filter(r -> r.grid() != null && r.grid() == 0).toList();
        assertTrue(pitLane.size() > 50, "pit-lane starts 2014-2025: " + pitLane.size());
        for (EntrantRow r : pitLane) {
            assertEquals(post.value(r, "fieldSize") + 1, post.value(r, "grid"), "race " + r.raceId());
        }
    }

    @Test
    void lastFinishIsThePreviousGrandPrixFinish() {
        Map<Integer, Integer> previous = new HashMap<>();
        int checked = 0;
        for (EntrantRow r : pre.rows()) {
            Integer last = previous.get(r.driverId());
            if (last != null) {
                assertEquals(last.doubleValue(), pre.value(r, "lastFinish"), "driver " + r.driverId() + " race "
                        + r.raceId());
                checked++;
            }
            if (r.hasOutcome()) {
                previous.put(r.driverId(), r.positionOrder());
            }
        }
        assertTrue(checked > 4000, "rows checked: " + checked);
    }

    @Test
    void everyValueIsANumberAndUpcomingRacesHaveRows() {
        for (FeatureMatrix m : List.of(pre, post)) {
            for (EntrantRow r : m.rows()) {
                for (double v : r.features()) {
                    assertTrue(Double.isFinite(v), "race " + r.raceId() + " driver " + r.driverId());
                }
            }
        }
        // 2025 after round 18 is upcoming here: rows with the latest line-up and no outcome.
        Race last = RealHistory.race(2025, RealHistory.lastRoundWithResults(2025));
        Set<Integer> lineUp = pre.rows().stream().filter(r -> r.raceId() == last.raceId())
                .map(EntrantRow::driverId).collect(Collectors.toSet());
        List<List<EntrantRow>> upcoming = pre.races().stream().filter(r -> !r.getFirst().hasOutcome()).toList();
        assertEquals(24 - last.round(), upcoming.size());
        for (List<EntrantRow> race : upcoming) {
            assertEquals(lineUp, race.stream().map(EntrantRow::driverId).collect(Collectors.toSet()));
            race.forEach(r -> {
                assertNull(r.grid());
                assertNull(r.classified());
            });
        }
        assertEquals(pre.rows().size(), post.rows().size());
    }

    @Test
    void rowsAreInStartOrderWithEntrantsByDriverId() {
        for (FeatureMatrix m : List.of(pre, post)) {
            List<EntrantRow> rows = m.rows();
            for (int i = 1; i < rows.size(); i++) {
                EntrantRow a = rows.get(i - 1), b = rows.get(i);
                if (a.raceId() == b.raceId()) {
                    assertTrue(a.driverId() < b.driverId());
                } else {
                    assertTrue(a.start().isBefore(b.start()));
                }
            }
        }
    }

    @Test
    void computes2014To2025Fast() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            AsOfFeatures.compute(history, FeatureCatalogue.postQualifying(), 2014, 2025);
            best = Math.min(best, System.nanoTime() - t0);
        }
        long t0 = System.nanoTime();
        AsOfFeatures.compute(history, FeatureCatalogue.preQualifying(), 2014, 2025);
        long preNs = System.nanoTime() - t0;
        System.out.printf("TIMING post-qualifying 2014-2025 from 1950+ history: best of 5 %.1f ms (%d rows);"
                + " pre-qualifying %.1f ms%n", best / 1e6, post.rows().size(), preNs / 1e6);
        assertTrue(best < 2_000_000_000L, "computing 2014-2025 took " + best / 1_000_000 + " ms");
    }

    @Test
    void exportCommandWritesTheMatrixAsCsv(@TempDir Path dir) throws Exception {
        LiveWorker worker = LiveWorker.shared();
        Path csv = dir.resolve("pre.csv");
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = new CommandLine(new FeaturesCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("export", "--url", worker.url().toString(), "--set", "pre", "--from", "2024", "--to", "2024",
                        "--history-from", "2014", "--out", csv.toString());
        assertEquals(0, exit, err.toString());
        assertTrue(out.toString().contains("pre-qualifying: 479 rows (24 races, 2024-2024)"), out.toString());
        List<String> lines = java.nio.file.Files.readAllLines(csv);
        assertEquals(480, lines.size());
        assertTrue(lines.getFirst().startsWith("raceId,year,round,driverId,constructorId,starts,"));
    }

    @Test
    void tableAndCsv(@TempDir Path dir) throws Exception {
        Table table = FeatureFrames.toTable(post);
        assertEquals(post.rows().size(), table.rowCount());
        assertEquals(FeatureFrames.KEYS.size() + post.set().size() + FeatureFrames.LABELS.size(), table.columnCount());
        assertEquals(post.set().names(), FeatureFrames.featureColumns(table));
        for (String f : post.set().names()) {
            assertEquals(ColumnType.DOUBLE, table.column(f).type());
        }
        assertEquals(ColumnType.INTEGER, table.column("positionOrder").type());
        assertEquals(ColumnType.BOOLEAN, table.column("classified").type());
        long upcoming = post.rows().stream().filter(r -> !r.hasOutcome()).count();
        assertEquals(upcoming, table.intColumn("positionOrder").countMissing());

        Path csv = FeatureFrames.writeCsv(post, dir.resolve("out/post.csv"));
        List<String> lines = java.nio.file.Files.readAllLines(csv);
        assertEquals(post.rows().size() + 1, lines.size());
        assertEquals(String.join(",", table.columnNames()), lines.getFirst());
        Table back = Table.read().csv(csv.toFile());
        assertEquals(table.rowCount(), back.rowCount());
        assertEquals(table.doubleColumn("qualiGapPct").sum(), back.numberColumn("qualiGapPct").sum(), 1e-6);
        assertFalse(lines.stream().anyMatch(l -> l.contains("NaN")));
    }
}
