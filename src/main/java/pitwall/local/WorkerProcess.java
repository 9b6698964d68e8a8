package pitwall.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Spawning {@code wrangler dev} and waiting for its health endpoint; shared by the attached and detached modes. */
final class WorkerProcess {

    static final String HOST = "127.0.0.1";
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private WorkerProcess() {
    }

    static URI url(int port) {
        return URI.create("http://" + HOST + ":" + port);
    }

    /**
     * Starts {@code wrangler dev} on 127.0.0.1:port with the local D1 in persistDir, the admin key from envFile,
     * output appended to log. Detached runs in its own session (setsid), so it outlives the JVM and the terminal.
     */
    static Process spawn(Wrangler wrangler, int port, Path persistDir, Path envFile, Path log, boolean detached) {
        List<String> args = List.of("dev", "--ip", HOST, "--port", Integer.toString(port),
                // an explicit inspector port: the default 9229 clashes when several Workers start at once
                "--inspector-port", Integer.toString(Processes.freePort()),
                "--persist-to", persistDir.toString(),
                "--env-file", envFile.toAbsolutePath().toString(),
                "--show-interactive-dev-session=false");
        ProcessBuilder builder = wrangler.processBuilder(args)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (detached && Files.isExecutable(SETSID)) {
            List<String> command = new ArrayList<>(builder.command());
            command.addFirst(SETSID.toString());
            builder.command(command);
        }
        try {
            Files.createDirectories(persistDir);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start wrangler dev: " + e.getMessage(), e);
        }
    }

    /** The body of GET /api/health when it answers 200, else empty. */
    static Optional<String> health(URI base) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/health")).timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Polls the health endpoint until it answers; fails early if the process dies, or after the timeout. */
    static String awaitHealthy(URI base, ProcessHandle process, Duration timeout, Path log) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> body = health(base);
            if (body.isPresent()) {
                return body.get();
            }
            if (!process.isAlive()) {
                throw new LocalException("wrangler dev exited before " + base + "/api/health answered. "
                        + "Last log lines: " + tail(log, 6) + " (full log: " + log + ")");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalException("Interrupted while waiting for the Worker at " + base, e);
            }
        }
        throw new LocalException("The Worker did not answer " + base + "/api/health within " + timeout.toSeconds()
                + " s; it was stopped. Last log lines: " + tail(log, 6) + " (full log: " + log + ")");
    }

    /** The last non-blank lines of a log, joined on one line, for error messages. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Wrangler.stripAnsi(Files.readString(log, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty()).toList();
            return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
