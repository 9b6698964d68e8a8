package pitwall.serve;

import java.time.Duration;
import java.util.Objects;
import pitwall.export.ModelBundle;

/**
 * Keeps the served model on what its source points at (e.g. {@code models:/pitwall-ensembles@champion}): every
 * interval it asks the source which version that is now (cheap), and only when it changed loads and verifies that
 * version and swaps it into the {@link Predictor}. Requests under way finish on the old model; the next ones answer
 * with the new {@code modelVersion}. A version that fails to load or verify is refused: the old one keeps serving, the
 * failure is logged and counted in {@code /metrics}, and the next check tries again.
 */
public final class ModelWatcher implements AutoCloseable {

    /** Where the served model comes from. */
    public interface Source {
        /** The version the source points at now, e.g. a registry version number; one cheap look-up. */
        String currentVersion();

        /** That version's bundle, downloaded and verified; throws when it cannot be loaded or verified. */
        ModelBundle load(String version);
    }

    private final Predictor predictor;
    private final Source source;
    private final Duration every;
    private final ServeMetrics metrics;
    private final Thread thread;
    private volatile String serving;
    private volatile String lastFailure;
    private volatile boolean closed;

    private ModelWatcher(Predictor predictor, Source source, Duration every, ServeMetrics metrics, String serving) {
        this.predictor = predictor;
        this.source = source;
        this.every = every;
        this.metrics = metrics;
        this.serving = serving;
        this.thread = Thread.ofVirtual().name("pitwall-model-watch").unstarted(this::loop);
    }

    /** Starts watching; the source's current version is taken to be the one being served. */
    static ModelWatcher start(Predictor predictor, Source source, Duration every, ServeMetrics metrics) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the watch interval must be positive, got " + every);
        }
        ModelWatcher w = new ModelWatcher(predictor, source, every, metrics,
                Objects.requireNonNull(source.currentVersion(), "currentVersion"));
        w.thread.start();
        return w;
    }

    /** The source's version being served. */
    public String serving() {
        return serving;
    }

    /** Why the last check or swap failed, or null. */
    public String lastFailure() {
        return lastFailure;
    }

    /** One check: swaps when the source points at another version; true when it swapped. */
    boolean check() {
        String current;
        try {
            current = source.currentVersion();
        } catch (RuntimeException e) {
            failed("cannot resolve the model source: " + e.getMessage());
            return false;
        }
        if (current == null || current.equals(serving)) {
            return false;
        }
        try {
            ModelBundle next = source.load(current);
            predictor.swap(next);
            serving = current;
            lastFailure = null;
            metrics.modelSwapped();
            System.err.println("pitwall serve: now serving " + RaceForecast.modelVersion(next) + " (version "
                    + current + ")");
            return true;
        } catch (RuntimeException e) {
            failed("version " + current + " refused, still serving version " + serving + ": " + e.getMessage());
            return false;
        }
    }

    private void failed(String why) {
        if (!why.equals(lastFailure)) {
            System.err.println("pitwall serve: " + why);
        }
        lastFailure = why;
        metrics.modelSwapFailed();
    }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                check();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
