package pitwall.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A run being written. Params are immutable (logging a key again with another value fails, as in MLflow);
 * metrics are buffered and sent in log-batch requests of at most 1,000; {@link #end} flushes and sets the status.
 *
 * <p>{@link #close()} ends a run that was not ended explicitly as FAILED: a run counts as FINISHED only when the
 * code that produced it said so. Methods are thread-safe; writing after {@link #end} fails.
 */
public interface TrackedRun extends AutoCloseable {

    String runId();

    String runName();

    Experiment experiment();

    void logParams(Map<String, String> params);

    default void logParam(String key, String value) {
        logParams(Map.of(key, value));
    }

    /** Buffers one metric value; {@code step} is e.g. the race index, {@code timestamp} epoch milliseconds. */
    void logMetric(String key, double value, long step, long timestamp);

    default void logMetric(String key, double value, long step) {
        logMetric(key, value, step, System.currentTimeMillis());
    }

    /** Several metrics at one step and one timestamp, e.g. a race's scores or the summary (step 0). */
    default void logMetrics(Map<String, Double> values, long step) {
        long now = System.currentTimeMillis();
        values.forEach((key, value) -> logMetric(key, value, step, now));
    }

    void setTags(Map<String, String> tags);

    default void setTag(String key, String value) {
        setTags(Map.of(key, value));
    }

    /** Stores {@code content} as the artifact {@code path} (relative, '/'-separated), replacing an earlier one. */
    void logArtifact(String path, byte[] content);

    default void logArtifact(String path, String text) {
        logArtifact(path, text.getBytes(StandardCharsets.UTF_8));
    }

    default void logArtifact(String path, Path file) {
        try {
            logArtifact(path, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read artifact file " + file, e);
        }
    }

    /** Sends buffered metrics now. */
    void flush();

    /** Flushes and sets a terminal status (FINISHED, FAILED or KILLED) with the end time. A second call is a no-op. */
    void end(RunStatus status);

    boolean ended();

    /**
     * True when (part of) this run is kept only locally because the tracking server was unreachable:
     * {@code ./pitwall runs sync} uploads it.
     */
    default boolean pending() {
        return false;
    }

    /** Ends the run as FAILED unless {@link #end} was called. */
    @Override
    default void close() {
        if (!ended()) {
            end(RunStatus.FAILED);
        }
    }
}
