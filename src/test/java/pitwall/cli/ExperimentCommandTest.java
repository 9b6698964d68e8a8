package pitwall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pitwall.local.Project;
import pitwall.testing.LiveWorker;

/**
 * {@code pitwall experiment run|rerun}: the failures before any fit, each one line and a non-zero exit; a run of the
 * validation range alone against the real Worker.
 */
class ExperimentCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aSpecThatDoesNotExistIsNamed() {
        Cli.Result r = Cli.run("experiment", "run", "no-such.json");
        assertEquals(1, r.code(), r.both());
        assertEquals("error: experiment spec no-such.json does not exist (specs live in experiments/*.json)\n",
                r.err());
    }

    @Test
    void aBrokenSpecNamesTheField() throws Exception {
        Path spec = Files.writeString(tmp.resolve("bad.json"), "{\"name\": \"x\", \"sead\": 1}");
        Cli.Result r = Cli.run("experiment", "run", spec.toString());
        assertEquals(1, r.code(), r.both());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("unknown field 'sead'"), r.err());
    }

    @Test
    void missingSpecIsAUsageError() {
        Cli.Result r = Cli.run("experiment", "run");
        assertEquals(2, r.code(), r.both());
        assertTrue(r.err().startsWith("Missing required parameter: 'SPEC'"), r.err());
        Cli.Result rerun = Cli.run("experiment", "rerun");
        assertEquals(2, rerun.code(), rerun.both());
        assertTrue(rerun.err().startsWith("Missing required parameter: 'RUN_ID'"), rerun.err());
    }

    /** The notebook spec's validation season (2024) alone: its 24 races, tracked as its own experiment. */
    @Test
    void validationOnlyRunsTheValidationRangeAsAnExperimentOfItsOwn() throws Exception {
        Path store = tmp.resolve("mlruns");
        Path spec = Project.locate().root().resolve("experiments/notebook.json");
        Cli.Result r = Cli.run("experiment", "run", spec.toString(), "--validation-only",
                "--worker-url", LiveWorker.shared().url().toString(), "--tracking-uri", store.toString(),
                "--no-cache", "--no-progress");
        assertEquals(0, r.code(), r.both());
        assertTrue(r.out().startsWith("validation range only, 2024 – 2024: the test range is not run (experiment "
                + "notebook-validation)\n"), r.out());
        assertTrue(r.out().contains(" 24 "), "the 24 races of 2024: " + r.out());
        assertFalse(r.out().contains(" 18 "), "no 2025 race: " + r.out());
        assertTrue(r.out().contains("against grid, paired over the same 24 races"), r.out());
        try (var tracker = new pitwall.track.LocalMlflowStore(store)) {
            assertEquals(java.util.List.of("notebook-validation"), tracker.experiments().stream()
                    .map(pitwall.track.Experiment::name).filter(n -> !n.equals("Default")).toList());
        }

        Path noValidation = Files.writeString(tmp.resolve("plain.json"), Files.readString(spec)
                .replace("\"validateFrom\": 2024, \"validateTo\": 2024, ", ""));
        Cli.Result refused = Cli.run("experiment", "run", noValidation.toString(), "--validation-only");
        assertEquals(1, refused.code(), refused.both());
        assertTrue(refused.err().startsWith("error: spec notebook has no validation range"), refused.err());
    }

    @Test
    void aWorkerThatIsNotRunningIsSaidSoAndNothingIsTracked() throws Exception {
        String dead = Cli.deadWorker().toString();
        Path store = tmp.resolve("mlruns");
        Path spec = Project.locate().root().resolve("experiments/notebook.json");
        Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run("experiment", "run",
                spec.toString(), "--worker-url", dead, "--tracking-uri", store.toString(), "--no-progress"));
        assertEquals(1, r.code(), r.both());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("cannot connect to " + dead)
                && r.err().contains("is the Worker running?"), r.err());
        assertFalse(r.out().contains("experiment run:"), r.out());
    }

    @Test
    void runAndSweepTakeNoCacheRerunNeverCaches() {
        Cli.Result run = Cli.run("experiment", "run", "no-such.json", "--no-cache");
        assertEquals(1, run.code(), run.both()); // parsed: the spec is what fails
        assertTrue(run.err().contains("no-such.json does not exist"), run.err());
        Cli.Result sweep = Cli.run("experiment", "sweep", "no-such.json", "--no-cache", "--cache-dir",
                tmp.resolve("fits").toString());
        assertEquals(1, sweep.code(), sweep.both());
        Cli.Result rerun = Cli.run("experiment", "rerun", "0123456789abcdef", "--no-cache");
        assertEquals(2, rerun.code(), rerun.both()); // a rerun always refits: the option does not exist there
        assertTrue(rerun.err().startsWith("Unknown option: '--no-cache'"), rerun.err());
    }

    @Test
    void rerunOfAnUnknownRunIsNamed() {
        Path store = tmp.resolve("mlruns");
        Cli.Result r = Cli.run("experiment", "rerun", "0123456789abcdef", "--tracking-uri", store.toString());
        assertEquals(1, r.code(), r.both());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("0123456789abcdef"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
