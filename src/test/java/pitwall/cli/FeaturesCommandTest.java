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

/** {@code pitwall features list|export}: the catalogue, and export's failures (the live export is in AsOfFeaturesLiveTest). */
class FeaturesCommandTest {

    @TempDir
    Path tmp;

    @Test
    void listPrintsBothSets() {
        Cli.Result r = Cli.run("features", "list");
        assertEquals(0, r.code(), r.both());
        assertTrue(r.out().startsWith("Feature sets: pre-qualifying ("), r.out());
        assertTrue(r.out().contains("qualiGapMs"), r.out());
    }

    @Test
    void exportNeedsOut() {
        Cli.Result r = Cli.run("features", "export");
        assertEquals(2, r.code(), r.both());
        assertTrue(r.err().startsWith("Missing required option: '--out=FILE'"), r.err());
    }

    @Test
    void anUnknownSetIsNamed() {
        Cli.Result r = Cli.run("features", "export", "--set", "race-day", "--out", tmp.resolve("f.csv").toString());
        assertEquals(1, r.code(), r.both());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("race-day"), r.err());
        assertFalse(Files.exists(tmp.resolve("f.csv")));
    }

    @Test
    void aWorkerThatIsNotRunningIsSaidSo() throws Exception {
        String dead = Cli.deadWorker().toString();
        Path csv = tmp.resolve("f.csv");
        Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.run("features", "export",
                "--worker-url", dead, "--out", csv.toString()));
        assertEquals(1, r.code(), r.both());
        assertTrue(r.err().contains("cannot connect to " + dead) && r.err().contains("is the Worker running?"),
                r.err());
        assertFalse(Files.exists(csv), "no partial CSV");
        Cli.Result legacy = Cli.run("features", "export", "--url", dead, "--to", "2024", "--out", csv.toString());
        assertEquals(1, legacy.code(), "--url still names the Worker: " + legacy.both());
        assertTrue(legacy.err().contains("cannot connect to " + dead), legacy.err());
    }
}
