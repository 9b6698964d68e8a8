package pitwall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import pitwall.testing.LiveWorker;
import pitwall.testing.RealDump;

/** {@code pitwall data …} through picocli: exit codes and one-line messages. */
class DataCommandTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new DataCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void checkValidatesWithoutWriting() {
        assertEquals(0, run("load", "--check", "--dump", RealDump.dir().toString()), err.toString());
        assertTrue(out.toString().contains("Valid: {seasons=76, circuits=77"), out.toString());
    }

    @Test
    void anInvalidDumpIsOneLineAndExitCode1() {
        Path broken = RealDump.copyWith(temp.resolve("d"), "results.csv", RealDump.replaceLine("1,18,",
                "1,18,1,1,22,1,1,1,1,10,58,1:34:50.616,5690616,39,2,1:27.452,218.3,142"));
        Path d1 = temp.resolve("d1");
        assertEquals(1, run("load", "--dump", broken.toString(), "--persist-to", d1.toString()));
        assertTrue(!java.nio.file.Files.exists(d1), "nothing is written, not even the schema, before validation");
        String message = err.toString();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("error: Invalid dump " + broken + ": results.csv line 2, column statusId, "
                + "value '142': unknown statusId 142"), message);
        assertTrue(!message.contains("\tat "), "no stack trace without --verbose");
    }

    @Test
    void verboseShowsTheStackTrace() {
        assertEquals(1, run("load", "--check", "--verbose", "--dump", temp.resolve("none").toString()));
        assertTrue(err.toString().contains("\tat pitwall."), err.toString());
    }

    @Test
    void pullFromAMirror() {
        Path dest = temp.resolve("cache");
        assertEquals(0, run("pull", "--base-url", RealDump.dir().toUri().toString(), "--dest", dest.toString()),
                err.toString());
        assertTrue(out.toString().contains("13 file(s) downloaded"), out.toString());
        Path tampered = RealDump.copyWith(temp.resolve("mirror"), "seasons.csv", t -> t + "1949,\"x\"\n");
        assertEquals(1, run("pull", "--base-url", tampered.toUri().toString(), "--dest", temp.resolve("c2").toString()));
        assertTrue(err.toString().startsWith("error: Checksum mismatch for seasons.csv"), err.toString());
    }

    @Test
    void loadIntoALocalD1() {
        assertEquals(0, run("load", "--dump", RealDump.dir().toString(), "--persist-to", temp.resolve("d1").toString()),
                err.toString());
        assertTrue(out.toString().contains("results                   27,118"), out.toString());
    }

    /** Without --to the frames run to the latest season the data holds: the Worker's, then the snapshot's. */
    @Test
    void framesRunToTheLatestSeasonThroughTheWorkerAndFromTheSnapshot() {
        String worker = LiveWorker.shared().url().toString();
        assertEquals(0, run("frames", "--worker-url", worker, "--from", "2024"), err.toString());
        Matcher written = Pattern.compile("snapshot ([0-9a-f]+) written to").matcher(out.toString());
        assertTrue(out.toString().startsWith("frames 2024-2025 through ") && written.find(), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("frames", "--snapshot", written.group(1), "--from", "2025"), err.toString());
        assertTrue(out.toString().startsWith("frames 2025-2025 from snapshot " + written.group(1)), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("frames", "--snapshot", written.group(1), "--to", "2024"), err.toString());
        assertTrue(out.toString().startsWith("frames 2014-2024 from snapshot "), out.toString());
        assertTrue(out.toString().contains("races=24,"), "2024 only, the snapshot's first season: " + out);
    }

    @Test
    void aDumpFolderThatDoesNotExistIsNamed() {
        Path missing = temp.resolve("no-such-dump");
        assertEquals(1, run("load", "--check", "--dump", missing.toString()));
        assertTrue(err.toString().startsWith("error: ") && err.toString().contains(missing.toString()), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void framesFromAWorkerThatIsNotRunning() throws Exception {
        String dead = Cli.deadWorker().toString();
        assertEquals(1, run("frames", "--worker-url", dead, "--from", "2024", "--to", "2024"));
        assertTrue(err.toString().startsWith("error: ") && err.toString().contains("cannot connect to " + dead)
                && err.toString().contains("is the Worker running?"), err.toString());
    }

    @Test
    void framesFromASnapshotThatDoesNotExist() {
        assertEquals(1, run("frames", "--snapshot", "0000000000000000"));
        assertTrue(err.toString().startsWith("error: ") && err.toString().contains("0000000000000000"),
                err.toString());
    }
}
