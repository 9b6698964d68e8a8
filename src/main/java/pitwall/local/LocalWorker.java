package pitwall.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A local Worker ({@code wrangler dev}) attached to this JVM, for tests and notebooks: started on a free port with
 * a local D1, migrations applied, healthy on return; {@link #close()} ends its whole process tree and removes its
 * temporary directory. Use in try-with-resources.
 */
public final class LocalWorker implements AutoCloseable {

    private final Process process;
    private final URI url;
    private final ApiKey apiKey;
    private final D1 d1;
    private final Path tempDir;
    private final Path log;
    private boolean closed;

    private LocalWorker(Process process, URI url, ApiKey apiKey, D1 d1, Path tempDir, Path log) {
        this.process = process;
        this.url = url;
        this.apiKey = apiKey;
        this.d1 = d1;
        this.tempDir = tempDir;
        this.log = log;
    }

    /**
     * How to start it.
     *
     * @param port         0 for a free port
     * @param persistDir   the local D1 directory; null for a fresh one in a temporary directory (removed on close)
     * @param startTimeout how long to wait for /api/health
     */
    public record Options(int port, Path persistDir, Duration startTimeout) {
        public Options {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, was " + port);
            }
            if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
            }
        }

        public static Options defaults() {
            return new Options(0, null, Duration.ofSeconds(90));
        }

        public Options withPort(int newPort) {
            return new Options(newPort, persistDir, startTimeout);
        }

        public Options withPersistDir(Path dir) {
            return new Options(port, dir, startTimeout);
        }
    }

    /** Starts a Worker on a free port with a fresh temporary D1 (schema applied, no data). */
    public static LocalWorker start(Project project) {
        return start(project, Options.defaults());
    }

    public static LocalWorker start(Project project, Options options) {
        Wrangler wrangler = Wrangler.of(project);
        int port = options.port() == 0 ? Processes.freePort() : options.port();
        Processes.requireFreePort(port);
        Path tempDir = createTempDir();
        Process process = null;
        try {
            Path persist = options.persistDir() != null ? options.persistDir() : tempDir.resolve("d1");
            D1 d1 = D1.local(wrangler, persist);
            d1.migrate();
            ApiKey key = ApiKey.fromEnvironment();
            Path log = tempDir.resolve("worker.log");
            process = WorkerProcess.spawn(wrangler, port, persist, key.writeEnvFile(tempDir.resolve("worker.env")),
                    log, false);
            URI url = WorkerProcess.url(port);
            WorkerProcess.awaitHealthy(url, process.toHandle(), options.startTimeout(), log);
            return new LocalWorker(process, url, key, d1, tempDir, log);
        } catch (RuntimeException e) {
            if (process != null) {
                Processes.killTree(process.toHandle(), Duration.ofSeconds(5));
            }
            deleteTree(tempDir);
            throw e;
        }
    }

    /** Base URL, e.g. {@code http://127.0.0.1:40123}. */
    public URI url() {
        return url;
    }

    /** The admin key the Worker was started with (the value for header X-API-Key). */
    public String apiKey() {
        return apiKey.value();
    }

    /** The Worker's D1, for loading data while it runs (the Worker sees the changes immediately). */
    public D1 d1() {
        return d1;
    }

    public Path log() {
        return log;
    }

    /** The pid of wrangler (the root of the process tree that {@link #close()} ends). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return !closed && process.isAlive();
    }

    /** Ends wrangler and its workerd children, then removes the temporary directory; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Processes.killTree(process.toHandle(), Duration.ofSeconds(10));
        deleteTree(tempDir);
    }

    @Override
    public String toString() {
        return "LocalWorker[" + url + (isAlive() ? ", running" : ", stopped") + "]";
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("pitwall-worker-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory: " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temp dir is not worth failing a test run
        }
    }
}
