package pitwall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import pitwall.local.Project;

/**
 * {@code pitwall quickstart}: its argument handling and the failures that must come before minutes of work (the whole
 * run is what {@code ./pitwall quickstart} itself exercises).
 */
class QuickstartCommandTest {

    @Test
    void aMissingSpecFailsBeforeTheWorkerIsTouched() {
        Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> Cli.run("quickstart", "--experiment", "experiments/no-such.json"));
        assertEquals(1, r.code(), r.both());
        assertEquals("error: experiment spec " + Project.locate().root().resolve("experiments/no-such.json")
                + " does not exist (specs live in experiments/*.json)\n", r.err());
        assertTrue(r.out().isEmpty(), "no step started: " + r.out());
    }

    @Test
    void aMissingPreQualifyingSpecToo() {
        Cli.Result r = Cli.run("quickstart", "--pre-qualifying", "nowhere/pre.json");
        assertEquals(1, r.code(), r.both());
        assertTrue(r.err().startsWith("error: experiment spec ") && r.err().contains("nowhere/pre.json"), r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }

    @Test
    void argumentMistakesAreUsageErrors() {
        Cli.Result port = Cli.run("quickstart", "--port", "-1");
        assertEquals(2, port.code(), port.both());
        assertTrue(port.err().startsWith("Invalid value for option '--port': '-1' is not a port"), port.err());
        Cli.Result season = Cli.run("quickstart", "--season", "last");
        assertEquals(2, season.code(), season.both());
        assertTrue(season.err().startsWith("Invalid value for option '--season': 'last' is not an int"),
                season.err());
        Cli.Result extra = Cli.run("quickstart", "now");
        assertEquals(2, extra.code(), extra.both());
        assertTrue(extra.err().startsWith("Unmatched argument at index 1: 'now'"), extra.err());
    }

    @Test
    void helpListsTheSharedOptions() {
        String help = Cli.run("quickstart", "--help").out();
        for (String option : new String[] {"--port=<port>", "--tracking-uri=URI", "--no-progress", "-v, --verbose",
                "--experiment=<experiment>"}) {
            assertTrue(help.contains(option), option + " in " + help);
        }
    }
}
