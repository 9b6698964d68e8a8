package pitwall.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server goes away mid-experiment: nothing is lost, the user is told, and a sync uploads it all later. */
class UnreachableServerTest {

    @TempDir
    Path dir;
    private FakeMlflowServer fake;
    private Spool spool;
    private final List<String> notices = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        fake = FakeMlflowServer.start();
        spool = new Spool(dir.resolve("mlflow-pending"));
    }

    @AfterEach
    void stop() {
        fake.stop();
    }

    private MlflowServerTracker tracker() {
        return new MlflowServerTracker(new MlflowServer(fake.uri(), Map.of()), spool, notices::add);
    }

    private SyncReport sync() {
        try (MlflowServer server = new MlflowServer(fake.uri(), Map.of())) {
            return new SpoolSync(spool, server, line -> { }).run(false);
        }
    }

    private static void logRaces(TrackedRun run, int from, int to) {
        for (int race = from; race < to; race++) {
            run.logMetric("race.spearman", race / 10_000.0, race, 1_731_500_000_000L + race);
        }
    }

    @Test
    void serverStopsMidExperimentThenSyncUploadsEverything() throws IOException {
        TrackedRun parent;
        TrackedRun gbm;
        TrackedRun rf;
        Experiment exp;
        try (MlflowServerTracker tracker = tracker()) {
            exp = tracker.experiment("pitwall-outage");
            parent = tracker.startRun(exp, "experiment");
            parent.logParams(Map.of("spec.name", "outage", "spec.seed", "42"));
            parent.setTags(Map.of(MlflowTags.GIT_COMMIT, "d006ed8", "pitwall.data_snapshot", "ab12"));
            gbm = tracker.startChildRun(parent, "gbm");
            gbm.logParams(Map.of("trees", "300"));
            logRaces(gbm, 0, 1_500); // the first 1,000 go out at once, 500 wait in the buffer
            gbm.logArtifact("predictions.csv", "race,driver,rank\n");
            assertFalse(gbm.pending());

            fake.stop();

            logRaces(gbm, 1_500, 1_800);
            gbm.logMetrics(Map.of("spearman", 0.63), 0);
            gbm.logParams(Map.of("fit.seconds", "12"));
            gbm.logArtifact("importance.csv", "feature,gain\ngrid,0.7\n");
            gbm.end(RunStatus.FINISHED);
            assertTrue(gbm.pending());

            rf = tracker.startChildRun(parent, "rf"); // created while the server is away
            rf.logParams(Map.of("trees", "500"));
            logRaces(rf, 0, 1_200);
            rf.logArtifact("predictions.csv", "race,driver,rank\n1,1,1\n");
            rf.end(RunStatus.FINISHED);

            parent.logArtifact("comparison.csv", "variant,spearman\ngbm,0.63\nrf,0.61\n");
            parent.end(RunStatus.FINISHED);
            assertTrue(tracker.offline());
            assertTrue(tracker.describe().contains("unreachable"), tracker.describe());
        }
        assertEquals("MLflow at " + fake.uri() + " unreachable; results kept in " + spool.dir()
                + "; run ./pitwall runs sync to upload", notices.getFirst());
        assertEquals("3 runs kept in " + spool.dir() + " for " + fake.uri() + "; run ./pitwall runs sync to upload",
                notices.getLast());
        assertEquals(2, notices.size());

        // Nothing lost: the spool has all of it, in MLflow's layout; the server only what it got in time.
        List<PendingRun> pending = spool.pending();
        assertEquals(List.of(parent.runId(), gbm.runId(), rf.runId()), pending.stream().map(PendingRun::runId).toList());
        assertEquals(parent.runId(), pending.get(0).serverRunId());
        assertNull(pending.get(2).serverRunId(), "rf was never created on the server");
        assertEquals(fake.uri(), pending.get(2).trackingUri());
        assertEquals(1_800, spool.store().metricHistory(gbm.runId(), "race.spearman").size());
        assertEquals(1_000, fake.run(gbm.runId()).metrics.size());
        assertEquals("RUNNING", fake.run(gbm.runId()).status);
        assertNull(fake.run(rf.runId()));
        try (MlflowServerTracker reader = tracker()) { // reads of pending runs come from the spool
            RunRecord rfKept = reader.getRun(rf.runId());
            assertEquals(0.63, reader.getRun(gbm.runId()).metric("spearman").orElseThrow());
            assertEquals("pitwall-outage", reader.experimentById(rfKept.info().experimentId()).orElseThrow().name());
            assertEquals(1_200, reader.metricHistory(rf.runId(), "race.spearman").size());
            assertEquals(List.of("predictions.csv"),
                    reader.listArtifacts(rf.runId()).stream().map(ArtifactFile::path).toList());
        }

        fake.restart();
        SyncReport report = sync();
        assertTrue(report.complete(), report.summary());
        assertEquals(3, report.count(SyncReport.Outcome.UPLOADED));
        assertTrue(spool.pending().isEmpty());

        FakeMlflowServer.StoredRun gbmOnServer = fake.run(gbm.runId());
        assertEquals(1_801, gbmOnServer.metrics.size(), "every value once: no duplicates, none missing");
        Set<Long> steps = new HashSet<>();
        gbmOnServer.metrics.stream().filter(m -> m.key().equals("race.spearman")).forEach(m -> steps.add(m.step()));
        assertEquals(1_800, steps.size());
        assertEquals("FINISHED", gbmOnServer.status);
        assertEquals("12", gbmOnServer.params.get("fit.seconds"));
        String root = exp.id() + "/" + gbm.runId() + "/artifacts/";
        assertArrayEquals("feature,gain\ngrid,0.7\n".getBytes(StandardCharsets.UTF_8),
                fake.artifacts().get(root + "importance.csv"));
        assertNotNull(fake.artifacts().get(root + "predictions.csv"));

        FakeMlflowServer.StoredRun rfOnServer = fake.runs().stream().filter(r -> r.name.equals("rf")).findFirst()
                .orElseThrow();
        assertNotEquals(rf.runId(), rfOnServer.id, "a run created offline gets a new id on the server");
        assertEquals(parent.runId(), rfOnServer.tags.get(MlflowTags.PARENT_RUN_ID));
        assertEquals(1_200, rfOnServer.metrics.size());
        assertEquals("500", rfOnServer.params.get("trees"));
        assertEquals("FINISHED", rfOnServer.status);
        assertEquals(exp.id(), rfOnServer.experimentId);
        FakeMlflowServer.StoredRun parentOnServer = fake.run(parent.runId());
        assertEquals("FINISHED", parentOnServer.status);
        assertEquals("d006ed8", parentOnServer.tags.get(MlflowTags.GIT_COMMIT));
        assertNotNull(fake.artifacts().get(exp.id() + "/" + parent.runId() + "/artifacts/comparison.csv"));

        SyncReport again = sync();
        assertTrue(again.complete() && again.entries().isEmpty(), "a second sync has nothing to do");
        assertEquals(3, fake.runs().size());
    }

    @Test
    void interruptedSyncResumesWithoutDuplicates() throws IOException {
        fake.stop(); // unreachable from the start
        TrackedRun parent;
        TrackedRun child;
        try (MlflowServerTracker tracker = tracker()) {
            Experiment exp = tracker.experiment("offline");
            parent = tracker.startRun(exp, "experiment");
            child = tracker.startChildRun(parent, "gbm");
            logRaces(child, 0, 2_500);
            child.logArtifact("a.csv", "a\n");
            child.logArtifact("b.csv", "b\n");
            child.end(RunStatus.FINISHED);
            parent.end(RunStatus.FINISHED);
        }
        assertEquals(1, notices.stream().filter(n -> n.contains("unreachable")).count(), "told once: " + notices);

        fake.restart();
        // The parent goes up whole (find, create and get its experiment, create run, tags, end: 6 answers), then
        // the child's experiment, run, tags and one metric batch; then the server answers 503.
        fake.outageAfter(6 + 4);
        SyncReport first = sync();
        assertFalse(first.complete());
        assertNotNull(first.stoppedBecause(), first.summary());
        assertEquals(1, first.count(SyncReport.Outcome.UPLOADED), first.summary());
        PendingRun left = spool.pending().getFirst();
        assertEquals(child.runId(), left.runId());
        String childOnServer = left.serverRunId();
        assertNotNull(childOnServer);
        int sentBefore = fake.run(childOnServer).metrics.size();
        assertEquals(1_000, sentBefore, "partly uploaded");

        fake.restart();
        SyncReport second = sync();
        assertTrue(second.complete(), second.summary());
        assertEquals(2_500, fake.run(childOnServer).metrics.size(), "resumed where it stopped");
        assertEquals(2, fake.runs().size(), "no second copy of the child");
        assertEquals(fake.runs().stream().filter(r -> r.name.equals("experiment")).findFirst().orElseThrow().id,
                fake.run(childOnServer).tags.get(MlflowTags.PARENT_RUN_ID), "parent id mapped across the two syncs");
        assertEquals(2, fake.artifacts().keySet().stream().filter(k -> k.contains(childOnServer)).count());
    }

    @Test
    void runsStillRunningWaitUnlessIncluded() {
        fake.stop();
        try (MlflowServerTracker tracker = tracker()) {
            TrackedRun open = tracker.startRun(tracker.experiment("e"), "still-going");
            open.logMetric("m", 1, 0);
            open.flush();
            try {
                fake.restart();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
            SyncReport skipped = sync();
            assertEquals(SyncReport.Outcome.SKIPPED, skipped.entries().getFirst().outcome());
            assertTrue(skipped.entries().getFirst().detail().contains("--include-running"));
            assertFalse(skipped.complete());

            try (MlflowServer server = new MlflowServer(fake.uri(), Map.of())) {
                SyncReport included = new SpoolSync(spool, server, line -> { }).run(true);
                assertTrue(included.complete(), included.summary());
            }
            assertEquals("KILLED", fake.runs().getFirst().status);
        }
    }
}
