package pitwall.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import pitwall.track.FakeMlflowServer.Fault;

/**
 * The server goes away or fails mid-experiment or mid-sync, in every way it can (refused connections, HTTP
 * 500/502/503/504, a connection dropped before or after the server stored the request, no answer at all, a run or
 * the whole store gone): nothing is lost, the user is told, the spool keeps each run until the server has every
 * value of it, and a sync completes it later without storing anything twice.
 */
class UnreachableServerTest {

    private static final int RACES = 2_500; // three metric batches: 1,000 + 1,000 + 500
    private static final List<String> ARTIFACTS = List.of("a.csv", "b.csv", "c.csv");

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
        return tracker(Map.of());
    }

    private MlflowServerTracker tracker(Map<String, String> env) {
        return new MlflowServerTracker(new MlflowServer(fake.uri(), env), spool, notices::add);
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

    /** A variant run: params, tags, {@link #RACES} per-race values and three artifacts, ended FINISHED. */
    private static TrackedRun writeVariant(Tracker tracker, Experiment exp, TrackedRun parent) {
        TrackedRun run = parent == null ? tracker.startRun(exp, "gbm") : tracker.startChildRun(parent, "gbm");
        run.logParams(Map.of("trees", "300", "depth", "4"));
        run.setTags(Map.of(MlflowTags.GIT_COMMIT, "d006ed8"));
        for (int race = 0; race < RACES; race++) {
            run.logMetric("race.spearman", race / 10_000.0, race, 1_731_500_000_000L + race);
        }
        ARTIFACTS.forEach(a -> run.logArtifact(a, "content of " + a));
        run.end(RunStatus.FINISHED);
        return run;
    }

    /** Everything of {@link #writeVariant}, each value once. */
    private void assertComplete(String serverRunId) {
        FakeMlflowServer.StoredRun run = fake.run(serverRunId);
        assertNotNull(run, "run " + serverRunId + " on the server");
        assertEquals(RACES, run.metrics.size(), "every value once: no duplicates, none missing");
        Set<Long> steps = new HashSet<>();
        run.metrics.forEach(m -> steps.add(m.step()));
        assertEquals(RACES, steps.size());
        assertEquals(Map.of("trees", "300", "depth", "4"), run.params);
        assertEquals("d006ed8", run.tags.get(MlflowTags.GIT_COMMIT));
        assertEquals("FINISHED", run.status);
        for (String a : ARTIFACTS) {
            assertArrayEquals(("content of " + a).getBytes(StandardCharsets.UTF_8),
                    fake.artifacts().get(run.experimentId + "/" + run.id + "/artifacts/" + a), a);
        }
        assertTrue(spool.isEmpty(), "the spool copy goes once the server has all of it");
    }

    static Stream<Arguments> faultsOnWrites() {
        List<Arguments> cases = new ArrayList<>();
        for (Fault fault : List.of(Fault.HTTP_500, Fault.HTTP_502, Fault.HTTP_503, Fault.HTTP_504, Fault.DROP,
                Fault.DROP_AFTER_STORING)) {
            cases.add(Arguments.of(fault, "metric batch"));
            cases.add(Arguments.of(fault, "artifact upload"));
        }
        return cases.stream();
    }

    private static Predicate<FakeMlflowServer.Request> target(String what) {
        return what.equals("metric batch") ? FakeMlflowServer.METRIC_BATCHES : FakeMlflowServer.ARTIFACT_UPLOADS;
    }

    @ParameterizedTest(name = "{0} on the second {1}")
    @MethodSource("faultsOnWrites")
    void aFailedWriteMidExperimentKeepsTheRunUntilSyncCompletesIt(Fault fault, String what) {
        fake.fail(fault, target(what), 1);
        TrackedRun run;
        try (MlflowServerTracker tracker = tracker(Map.of())) {
            run = writeVariant(tracker, tracker.experiment("pitwall-faults"), null); // no exception: kept locally
            assertTrue(run.pending(), "the server missed part of it");
            assertTrue(tracker.offline());
        }
        assertEquals(2, notices.size(), notices.toString());
        assertTrue(notices.getFirst().startsWith("MLflow at " + fake.uri() + " unreachable; results kept in "),
                notices.getFirst());
        assertEquals(run.runId(), spool.pending().getFirst().runId());
        assertEquals(RACES, spool.store().metricHistory(run.runId(), "race.spearman").size());
        FakeMlflowServer.StoredRun partial = fake.run(run.runId());
        assertEquals("RUNNING", partial.status);
        int before = partial.metrics.size();
        assertTrue(before < RACES, "the server has part: " + before);

        SyncReport report = sync();
        assertTrue(report.complete(), report.summary());
        assertEquals(run.runId(), report.entries().getFirst().serverRunId(), "the same server run, completed");
        assertComplete(run.runId());
        assertEquals(1, fake.runs().size());
        assertTrue(sync().entries().isEmpty(), "nothing left to do");
    }

    static Stream<Arguments> faultsDuringSync() {
        return Stream.of(Arguments.of(Fault.HTTP_500, "metric batch"), Arguments.of(Fault.DROP, "metric batch"),
                Arguments.of(Fault.DROP_AFTER_STORING, "metric batch"), Arguments.of(Fault.HTTP_504, "artifact upload"),
                Arguments.of(Fault.DROP_AFTER_STORING, "artifact upload"));
    }

    @ParameterizedTest(name = "{0} on the second {1} of the sync")
    @MethodSource("faultsDuringSync")
    void aSyncCutOffHalfwayResumesWithoutDuplicates(Fault fault, String what) throws IOException {
        fake.stop();
        TrackedRun parent;
        TrackedRun child;
        try (MlflowServerTracker tracker = tracker(Map.of())) {
            parent = tracker.startRun(tracker.experiment("offline"), "experiment");
            child = writeVariant(tracker, parent.experiment(), parent);
            parent.end(RunStatus.FINISHED);
        }
        fake.restart();
        fake.fail(fault, target(what), 1);

        SyncReport first = sync();
        assertFalse(first.complete(), first.summary());
        assertNotNull(first.stoppedBecause(), "a 5xx or a lost answer stops the sync: " + first.summary());
        assertEquals(List.of(child.runId()), spool.pending().stream().map(PendingRun::runId).toList(),
                "the child stays in the spool");
        String childOnServer = spool.pending().getFirst().serverRunId();

        SyncReport second = sync();
        assertTrue(second.complete(), second.summary());
        assertComplete(childOnServer);
        assertEquals(2, fake.runs().size(), "no second copy of either run");
        String parentOnServer = fake.runs().stream().filter(r -> r.name.equals("experiment")).findFirst()
                .orElseThrow().id;
        assertEquals(parentOnServer, fake.run(childOnServer).tags.get(MlflowTags.PARENT_RUN_ID));
    }

    @Test
    void aHungServerCostsOneTimeoutThenTheExperimentGoesOnLocally() throws Exception {
        fake.fail(Fault.HANG, FakeMlflowServer.METRIC_BATCHES, 0);
        TrackedRun run;
        long started = System.nanoTime();
        try (MlflowServerTracker tracker = tracker(Map.of(MlflowServer.TIMEOUT_ENV, "1"))) {
            assertEquals(Duration.ofSeconds(1), tracker.server().timeout());
            run = writeVariant(tracker, tracker.experiment("pitwall-hang"), null);
            TrackedRun next = tracker.startRun(run.experiment(), "rf"); // no more calls to the hung server
            next.logMetric("m", 1, 0);
            next.end(RunStatus.FINISHED);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Duration.ofSeconds(1)) >= 0 && took.compareTo(Duration.ofSeconds(15)) < 0,
                "one timeout of 1 s (and slack for a loaded machine), not a stall: " + took);
        assertEquals(1, fake.requests().stream().filter(FakeMlflowServer.METRIC_BATCHES).count(),
                "after the timeout the tracker stays local");
        assertTrue(notices.getFirst().contains("unreachable"), notices.toString());
        assertEquals(2, spool.pending().size());

        fake.release(); // the stuck server stores the batch after all: the sync must not send it again
        assertEquals(1_000, fake.run(run.runId()).metrics.size());
        SyncReport report = sync();
        assertTrue(report.complete(), report.summary());
        assertComplete(run.runId());
    }

    @Test
    void aServerThatAcceptsConnectionsAndNeverAnswersTimesOut() throws IOException {
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             MlflowServer server = new MlflowServer("http://127.0.0.1:" + blackHole.getLocalPort(),
                     Map.of(MlflowServer.TIMEOUT_ENV, "0.5"))) {
            long started = System.nanoTime();
            ServerUnreachableException e = assertThrows(ServerUnreachableException.class,
                    () -> server.getOrCreateExperiment("e"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(e.getMessage().contains("no answer within 0.5 s"), e.getMessage());
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, took.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> MlflowServer.timeout("soon"));
        assertThrows(IllegalArgumentException.class, () -> MlflowServer.timeout("0"));
        assertEquals(Duration.ofSeconds(30), MlflowServer.timeout(null));
    }

    @Test
    void syncCreatesAgainARunWhoseServerStoreWasReset() throws IOException {
        TrackedRun parent;
        TrackedRun child;
        try (MlflowServerTracker tracker = tracker(Map.of())) {
            parent = tracker.startRun(tracker.experiment("pitwall-reset"), "experiment");
            parent.logParams(Map.of("spec.name", "reset"));
            fake.fail(Fault.HTTP_503, FakeMlflowServer.METRIC_BATCHES, 1);
            child = writeVariant(tracker, parent.experiment(), parent); // created on the server, then cut off
            parent.end(RunStatus.FINISHED);
        }
        assertNotNull(fake.run(child.runId()));
        fake.resetStore(); // e.g. the server restarted on a fresh database

        SyncReport report = sync();
        assertTrue(report.complete(), report.summary());
        SyncReport.Entry childEntry = report.entries().get(1);
        String newChild = childEntry.serverRunId();
        assertNotEquals(child.runId(), newChild);
        assertTrue(childEntry.detail().startsWith("recreated: run " + child.runId() + " is gone from the server"),
                childEntry.detail());
        assertTrue(childEntry.format().contains(child.runId() + " -> " + newChild), childEntry.format());
        assertComplete(newChild); // everything the spool had, the values sent before the outage included
        String newParent = report.entries().getFirst().serverRunId();
        assertNotEquals(parent.runId(), newParent);
        assertEquals(newParent, fake.run(newChild).tags.get(MlflowTags.PARENT_RUN_ID), "the parent's new id");
        assertEquals("reset", fake.run(newParent).params.get("spec.name"));
    }

    @Test
    void syncCreatesAgainARunDeletedOnTheServer() {
        TrackedRun run;
        try (MlflowServerTracker tracker = tracker(Map.of())) {
            fake.fail(Fault.DROP, FakeMlflowServer.ARTIFACT_UPLOADS, 0);
            run = writeVariant(tracker, tracker.experiment("pitwall-deleted"), null);
        }
        fake.deleteRun(run.runId());

        SyncReport report = sync();
        assertTrue(report.complete(), report.summary());
        String newId = report.entries().getFirst().serverRunId();
        assertNotEquals(run.runId(), newId);
        assertTrue(report.entries().getFirst().detail().contains("recreated"), report.entries().getFirst().detail());
        assertComplete(newId);
        assertEquals("deleted", fake.run(run.runId()).lifecycleStage, "the deleted one is left alone");
    }
}
