package pitwall.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attached Worker: real wrangler dev on a free port, its process tree gone after close(). */
class LocalWorkerTest {

    @Test
    void startsHealthyAndCloseEndsTheWholeTree() throws Exception {
        List<ProcessHandle> tree;
        try (LocalWorker worker = LocalWorker.start(Project.locate())) {
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(worker.url().resolve("/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertTrue(worker.url().toString().startsWith("http://127.0.0.1:"));
            assertEquals(ApiKey.fromEnvironment().value(), worker.apiKey());
            ProcessHandle wrangler = ProcessHandle.of(worker.pid()).orElseThrow();
            tree = java.util.stream.Stream.concat(java.util.stream.Stream.of(wrangler), wrangler.descendants()).toList();
            assertTrue(tree.stream().anyMatch(p -> p.info().commandLine().orElse("").contains("workerd")),
                    "workerd runs under wrangler");
            // the key reaches the Worker through --env-file, never through a command line
            assertTrue(tree.stream().noneMatch(p -> p.info().commandLine().orElse("").contains(worker.apiKey())));
            assertEquals(0, worker.d1().query("SELECT count(*) AS n FROM races").path(0).path("n").asInt());
        }
        for (ProcessHandle p : tree) {
            p.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
            assertFalse(p.isAlive(), p.info().commandLine().orElse("?"));
        }
    }

    @Test
    void portInUseIsAClearMessage() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            LocalException e = assertThrows(LocalException.class,
                    () -> LocalWorker.start(Project.locate(), LocalWorker.Options.defaults().withPort(port)));
            assertEquals("Port " + port + " on 127.0.0.1 is already in use. Is a Worker already running "
                    + "(./pitwall worker status)? Stop it or choose another port with --port.", e.getMessage());
        }
    }
}
