package pitwall.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The detached local Worker behind {@code ./pitwall worker start|stop|status}: it outlives the JVM; its pid, URL and
 * log live in the state directory ({@code .pitwall/worker.pid}, {@code worker.url}, {@code worker.log}), its D1 in
 * {@code .pitwall/d1}.
 */
public final class WorkerDaemon {

    public static final int DEFAULT_PORT = 8787;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

    private final Wrangler wrangler;
    private final Path stateDir;
    private final Path persistDir;

    public WorkerDaemon(Project project) {
        this(project, project.stateDir(), project.localD1());
    }

    /** A daemon with its own state and D1 directories (tests use temporary ones). */
    public WorkerDaemon(Project project, Path stateDir, Path persistDir) {
        this.wrangler = Wrangler.of(project);
        this.stateDir = stateDir.toAbsolutePath().normalize();
        this.persistDir = persistDir.toAbsolutePath().normalize();
    }

    /**
     * Whether the Worker runs, where, and what its health endpoint says.
     *
     * @param running true when the recorded process is alive
     * @param pid     the recorded pid, or -1
     * @param url     the recorded URL, or null
     * @param health  the /api/health body, or null when it does not answer
     * @param log     the log file
     */
    public record Status(boolean running, long pid, URI url, String health, Path log) {

        /** One line for the CLI. */
        public String describe() {
            if (!running) {
                return "stopped";
            }
            return "running at " + url + " (pid " + pid + "), health: "
                    + (health == null ? "not answering (see " + log + ")" : summary(health));
        }

        /** "ok, schema 1, races 1149, results 27118, predictions 0" from the health JSON, else the raw body. */
        static String summary(String body) {
            try {
                var data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("data");
                var tables = data.path("tables");
                if (data.path("status").isTextual() && tables.isObject()) {
                    return data.path("status").asText() + ", schema " + data.path("schemaVersion").asText()
                            + ", races " + tables.path("races").asText() + ", results " + tables.path("results").asText()
                            + ", predictions " + tables.path("predictions").asText();
                }
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                // not JSON: show it as it is
            }
            String flat = body.strip().replaceAll("\\s+", " ");
            return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
        }
    }

    public Path log() {
        return stateDir.resolve("worker.log");
    }

    public Path persistDir() {
        return persistDir;
    }

    /** Applies migrations, starts wrangler dev in the background and waits for /api/health. */
    public Status start(int port, Duration timeout) {
        Status current = status();
        if (current.running()) {
            throw new LocalException("The Worker is already " + current.describe() + "; ./pitwall worker stop first");
        }
        Processes.requireFreePort(port);
        D1.local(wrangler, persistDir).migrate();
        ApiKey key = ApiKey.fromEnvironment();
        Path envFile = key.writeEnvFile(stateDir.resolve("worker.env"));
        truncate(log());
        Process process = WorkerProcess.spawn(wrangler, port, persistDir, envFile, log(), true);
        URI url = WorkerProcess.url(port);
        write(pidFile(), Long.toString(process.pid()));
        write(urlFile(), url.toString());
        try {
            String health = WorkerProcess.awaitHealthy(url, process.toHandle(), timeout, log());
            return new Status(true, process.pid(), url, health, log());
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Stops the recorded Worker and its children; returns the status it had. Stopping a stopped Worker is fine. */
    public Status stop() {
        Status before = status();
        recorded().ifPresent(p -> Processes.killTree(p, Duration.ofSeconds(10)));
        for (Path file : new Path[] {pidFile(), urlFile(), stateDir.resolve("worker.env")}) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not remove " + file + ": " + e.getMessage(), e);
            }
        }
        return before;
    }

    /** The URL of the recorded Worker if its process is alive, without asking it for its health. */
    public Optional<URI> url() {
        return recorded().flatMap(process -> read(urlFile())).map(URI::create);
    }

    public Status status() {
        Optional<ProcessHandle> process = recorded();
        if (process.isEmpty()) {
            return new Status(false, -1, null, null, log());
        }
        URI url = read(urlFile()).map(URI::create).orElse(null);
        String health = url == null ? null : WorkerProcess.health(url).orElse(null);
        return new Status(true, process.get().pid(), url, health, log());
    }

    /** The recorded process if it is alive and still a wrangler (a reused pid must never be killed). */
    private Optional<ProcessHandle> recorded() {
        return read(pidFile()).flatMap(WorkerDaemon::parsePid).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("wrangler")).orElse(true));
    }

    private static Optional<Long> parsePid(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Path pidFile() {
        return stateDir.resolve("worker.pid");
    }

    private Path urlFile() {
        return stateDir.resolve("worker.url");
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void truncate(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
