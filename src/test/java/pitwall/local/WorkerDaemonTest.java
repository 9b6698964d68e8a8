package pitwall.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detached Worker with a temporary state directory: start, status, stop, and pid safety. */
class WorkerDaemonTest {

    @TempDir
    Path temp;

    @Test
    void startStatusStop() throws IOException {
        WorkerDaemon daemon = new WorkerDaemon(Project.locate(), temp.resolve("state"), temp.resolve("d1"));
        int port = Processes.freePort();
        WorkerDaemon.Status started = daemon.start(port, Duration.ofSeconds(90));
        List<ProcessHandle> tree = List.of();
        try {
            assertTrue(started.running());
            assertEquals("http://127.0.0.1:" + port, started.url().toString());
            assertNotNull(started.health());
            ProcessHandle process = ProcessHandle.of(started.pid()).orElseThrow();
            assertTrue(process.info().commandLine().orElse("").contains("wrangler"), "the pid is wrangler's itself");
            assertEquals(Long.toString(started.pid()), Files.readString(temp.resolve("state/worker.pid")).strip());
            tree = process.descendants().toList();

            WorkerDaemon.Status status = daemon.status();
            assertTrue(status.running());
            assertTrue(status.describe().startsWith("running at http://127.0.0.1:" + port + " (pid " + started.pid()
                    + "), health: "), status.describe());
            LocalException twice = assertThrows(LocalException.class, () -> daemon.start(port, Duration.ofSeconds(5)));
            assertTrue(twice.getMessage().contains("already running"), twice.getMessage());
        } finally {
            WorkerDaemon.Status was = daemon.stop();
            assertTrue(was.running());
        }
        assertFalse(ProcessHandle.of(started.pid()).map(ProcessHandle::isAlive).orElse(false));
        tree.forEach(p -> assertFalse(p.isAlive(), p.info().commandLine().orElse("?")));
        assertEquals("stopped", daemon.status().describe());
        assertFalse(daemon.stop().running(), "stopping a stopped Worker is fine");
        assertFalse(Files.exists(temp.resolve("state/worker.pid")));
        assertFalse(Files.exists(temp.resolve("state/worker.env")));
    }

    @Test
    void aStalePidOfAnotherProgramIsNeverKilled() throws IOException {
        Path state = Files.createDirectories(temp.resolve("state"));
        Files.writeString(state.resolve("worker.pid"), ProcessHandle.current().pid() + "\n");
        WorkerDaemon daemon = new WorkerDaemon(Project.locate(), state, temp.resolve("d1"));
        assertFalse(daemon.status().running());
        assertFalse(daemon.stop().running());
        assertTrue(ProcessHandle.current().isAlive());
    }
}
