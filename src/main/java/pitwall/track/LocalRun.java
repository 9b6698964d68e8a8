package pitwall.track;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run of a {@link LocalMlflowStore}: every call writes straight to the run's files. */
final class LocalRun implements TrackedRun {

    private final LocalMlflowStore store;
    private final Experiment experiment;
    private final Path dir;
    private RunInfo info;
    private boolean ended;

    LocalRun(LocalMlflowStore store, Experiment experiment, Path dir, RunInfo info) {
        this.store = store;
        this.experiment = experiment;
        this.dir = dir;
        this.info = info;
    }

    @Override
    public String runId() {
        return info.runId();
    }

    @Override
    public synchronized String runName() {
        return info.runName();
    }

    @Override
    public Experiment experiment() {
        return experiment;
    }

    synchronized RunInfo info() {
        return info;
    }

    @Override
    public synchronized void logParams(Map<String, String> params) {
        checkOpen();
        params.forEach(MlflowLimits::checkParam);
        // Params are immutable: the same value again is fine, another value is refused (MLflow's wording).
        params.forEach((key, value) -> {
            Path file = dir.resolve("params").resolve(key);
            if (Files.isRegularFile(file)) {
                String current = StoreFiles.read(file);
                if (!current.equals(value)) {
                    throw TrackingException.invalid("Changing param values is not allowed. Param with key='" + key
                            + "' was already logged with value='" + current + "' for run ID='" + runId()
                            + "'. Attempted logging new value '" + value + "'.");
                }
            }
        });
        params.forEach((key, value) -> StoreFiles.write(dir.resolve("params").resolve(key), value));
    }

    @Override
    public void logMetric(String key, double value, long step, long timestamp) {
        appendMetrics(List.of(new LoggedMetric(key, value, timestamp, step)));
    }

    /** Appends metric lines, one file write per key. */
    synchronized void appendMetrics(List<LoggedMetric> metrics) {
        checkOpen();
        Map<String, StringBuilder> lines = new LinkedHashMap<>();
        for (LoggedMetric m : metrics) {
            lines.computeIfAbsent(m.key(), k -> new StringBuilder())
                    .append(m.timestamp()).append(' ').append(PyFloat.repr(m.value())).append(' ').append(m.step())
                    .append('\n');
        }
        lines.forEach((key, text) -> StoreFiles.append(dir.resolve("metrics").resolve(key), text.toString()));
    }

    @Override
    public synchronized void setTags(Map<String, String> tags) {
        checkOpen();
        tags.forEach(MlflowLimits::checkTag);
        tags.forEach((key, value) -> StoreFiles.write(dir.resolve("tags").resolve(key), value));
        String newName = tags.get(MlflowTags.RUN_NAME);
        if (newName != null && !newName.equals(info.runName())) {
            // MLflow keeps meta.yaml's run_name in step with the mlflow.runName tag.
            info = new RunInfo(info.runId(), info.experimentId(), newName, info.status(), info.startTime(),
                    info.endTime(), info.artifactUri(), info.userId(), info.lifecycleStage());
            StoreFiles.write(dir.resolve(LocalMlflowStore.META), MetaYaml.run(info, false));
        }
    }

    @Override
    public synchronized void logArtifact(String path, byte[] content) {
        checkOpen();
        MlflowLimits.checkArtifactPath(path);
        StoreFiles.write(dir.resolve("artifacts").resolve(path), content);
    }

    @Override
    public void flush() {
        // Nothing buffered.
    }

    @Override
    public synchronized void end(RunStatus status) {
        if (ended) {
            return;
        }
        if (!status.terminal()) {
            throw new IllegalArgumentException("A run ends FINISHED, FAILED or KILLED, not " + status);
        }
        info = new RunInfo(info.runId(), info.experimentId(), info.runName(), status, info.startTime(),
                System.currentTimeMillis(), info.artifactUri(), info.userId(), info.lifecycleStage());
        StoreFiles.write(dir.resolve(LocalMlflowStore.META), MetaYaml.run(info, false));
        ended = true;
    }

    @Override
    public synchronized boolean ended() {
        return ended;
    }

    private void checkOpen() {
        if (ended) {
            throw new IllegalStateException("Run " + runId() + " (" + info.runName() + ") has ended; start a new run"
                    + " to log more");
        }
    }

    @Override
    public String toString() {
        return "run " + runId() + " in " + store.root();
    }
}
