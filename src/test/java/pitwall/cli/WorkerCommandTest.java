package pitwall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import pitwall.local.Project;
import pitwall.local.WorkerDaemon;

/**
 * {@code pitwall worker …} through picocli. Only paths that leave the project's own .pitwall state alone: status,
 * and a start that fails before touching anything (start/stop themselves are covered by WorkerDaemonTest).
 */
class WorkerCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new WorkerCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void statusSaysRunningOrStopped() {
        assertEquals(0, run("status"), err.toString());
        assertTrue(out.toString().matches("(?s)Worker (stopped|running at http://127\\.0\\.0\\.1:\\d+ .*)\\n"),
                out.toString());
    }

    @Test
    void portInUseIsOneLineAndExitCode1() throws IOException {
        if (new WorkerDaemon(Project.locate()).status().running()) {
            return; // a developer's Worker runs: start would only say so
        }
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(1, run("start", "--port", Integer.toString(taken.getLocalPort())));
            assertEquals("error: Port " + taken.getLocalPort() + " on 127.0.0.1 is already in use. Is a Worker already "
                    + "running (./pitwall worker status)? Stop it or choose another port with --port.\n", err.toString());
        }
    }

    @Test
    void usageWithoutSubcommand() {
        assertEquals(0, run());
        assertTrue(out.toString().contains("start") && out.toString().contains("stop") && out.toString().contains("status"));
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        assertEquals(2, run("restart"));
        assertTrue(err.toString().startsWith("Unmatched argument at index 0: 'restart'"), err.toString());
    }
}
