package pitwall.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import pitwall.cli.RunsCommand;

/** {@code pitwall runs list|sync} through picocli, on temporary stores and the fake server. */
class RunsCommandTest {

    @TempDir
    Path dir;
    private FakeMlflowServer fake;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start() throws IOException {
        fake = FakeMlflowServer.start();
        out = new StringWriter();
        err = new StringWriter();
    }

    @AfterEach
    void stop() {
        fake.stop();
    }

    private int run(String... args) {
        return new CommandLine(new RunsCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void listShowsTheLocalStoresRuns() {
        Path store = dir.resolve("mlruns");
        LocalMlflowStore local = new LocalMlflowStore(store);
        TrackedRun parent = local.startRun(local.experiment("pitwall-gbm"), "walk-forward");
        local.startChildRun(parent, "gbm").end(RunStatus.FINISHED);
        parent.end(RunStatus.FINISHED);

        assertEquals(0, run("list", "--tracking-uri", store.toString(), "--spool", dir.resolve("spool").toString()),
                err.toString());
        String text = out.toString();
        assertTrue(text.startsWith("Tracking: local MLflow store " + store), text);
        assertTrue(text.contains("Experiment pitwall-gbm (id "), text);
        assertTrue(text.contains("walk-forward") && text.contains("FINISHED"), text);
        assertTrue(text.contains(parent.runId()), "the child shows its parent: " + text);
    }

    @Test
    void syncUploadsPendingRunsAndListShowsThemUntilThen() throws IOException {
        Path spoolDir = dir.resolve("spool");
        fake.stop();
        try (MlflowServerTracker tracker = new MlflowServerTracker(new MlflowServer(fake.uri(), Map.of()),
                new Spool(spoolDir), s -> { })) {
            TrackedRun run = tracker.startRun(tracker.experiment("e"), "offline-run");
            run.logMetric("m", 0.5, 0);
            run.end(RunStatus.FINISHED);
        }
        assertEquals(0, run("list", "--tracking-uri", dir.resolve("mlruns").toString(), "--spool",
                spoolDir.toString()), err.toString());
        assertTrue(out.toString().contains("waiting for ./pitwall runs sync: 1 run"), out.toString());
        assertTrue(out.toString().contains("e / offline-run"), out.toString());

        // Listing the unreachable server: an error, and the runs kept locally all the same.
        out.getBuffer().setLength(0);
        assertEquals(1, run("list", "--tracking-uri", fake.uri(), "--spool", spoolDir.toString()));
        assertTrue(err.toString().startsWith("error: MLflow at " + fake.uri() + " is unreachable"), err.toString());
        assertTrue(out.toString().contains("e / offline-run"), out.toString());

        // Server still down: the sync says so, keeps the run and fails.
        out.getBuffer().setLength(0);
        assertEquals(1, run("sync", "--tracking-uri", fake.uri(), "--spool", spoolDir.toString()));
        assertTrue(out.toString().contains("0 uploaded") && out.toString().contains("stopped:"), out.toString());
        assertTrue(out.toString().contains("run ./pitwall runs sync again"), out.toString());

        fake.restart();
        out.getBuffer().setLength(0);
        // No --tracking-uri: the server the runs were meant for.
        if (System.getenv(TrackingConfig.ENV) == null) {
            assertEquals(0, run("sync", "--spool", spoolDir.toString()), err + "\n" + out);
        } else {
            assertEquals(0, run("sync", "--tracking-uri", fake.uri(), "--spool", spoolDir.toString()), err.toString());
        }
        assertTrue(out.toString().contains("1 uploaded, 0 skipped, 0 failed"), out.toString());
        assertEquals("offline-run", fake.runs().getFirst().name);

        out.getBuffer().setLength(0);
        assertEquals(0, run("sync", "--tracking-uri", fake.uri(), "--spool", spoolDir.toString()));
        assertEquals("Nothing to sync: " + spoolDir + " holds no runs.\n", out.toString());
    }

    @Test
    void syncReportsOldAndNewIdOfARunItCreatedAgain() {
        Path spoolDir = dir.resolve("spool");
        String oldId;
        try (MlflowServerTracker tracker = new MlflowServerTracker(new MlflowServer(fake.uri(), Map.of()),
                new Spool(spoolDir), s -> { })) {
            TrackedRun run = tracker.startRun(tracker.experiment("e"), "cut-off");
            oldId = run.runId();
            fake.fail(FakeMlflowServer.Fault.HTTP_500, FakeMlflowServer.METRIC_BATCHES, 0);
            run.logMetric("m", 0.5, 0);
            run.end(RunStatus.FINISHED);
        }
        fake.resetStore();

        assertEquals(0, run("sync", "--tracking-uri", fake.uri(), "--spool", spoolDir.toString()), err + "\n" + out);
        String newId = fake.runs().getFirst().id;
        assertTrue(out.toString().contains("UPLOADED " + oldId + " -> " + newId + "  e / cut-off  recreated: run "
                + oldId + " is gone from the server"), out.toString());
        assertTrue(out.toString().contains("1 uploaded, 0 skipped, 0 failed"), out.toString());
        assertEquals(1, fake.run(newId).metrics.size());
    }

    @Test
    void badTrackingUriIsOneLineAndExitCode1() {
        assertEquals(1, run("list", "--tracking-uri", "sqlite:///mlflow.db"));
        assertTrue(err.toString().startsWith("error: MLFLOW_TRACKING_URI=sqlite:///mlflow.db is not supported"),
                err.toString());
    }
}
