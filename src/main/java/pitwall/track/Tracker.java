package pitwall.track;

import java.util.List;
import java.util.Optional;

/**
 * Where experiment runs are recorded: an MLflow tracking server ({@link MlflowServerTracker}) or a local directory
 * in MLflow's file-store layout ({@link LocalMlflowStore}). Get one with {@link Trackers#fromEnv()}.
 *
 * <p>Writing: {@link #experiment(String)} then {@link #startRun}; a run of an experiment is a parent run, each
 * variant a child run. Reading: {@link #getRun}, {@link #metricHistory}, {@link #searchRuns}, artifacts.
 */
public interface Tracker extends AutoCloseable {

    /** Human-readable target, e.g. "MLflow at http://127.0.0.1:5000" or "local MLflow store /…/mlruns". */
    String describe();

    /** The active experiment of this name, created if missing. */
    Experiment experiment(String name);

    /** Active experiments, newest first. */
    List<Experiment> experiments();

    /** The experiment with this id (e.g. a run's {@code info().experimentId()}), if the store has it. */
    Optional<Experiment> experimentById(String id);

    /**
     * Starts a run. {@code parentRunId} (nullable) makes it a child run: MLflow's UI nests it under the parent
     * through the {@code mlflow.parentRunId} tag. {@code runName} null lets the store pick one.
     */
    TrackedRun startRun(Experiment experiment, String runName, String parentRunId);

    default TrackedRun startRun(Experiment experiment, String runName) {
        return startRun(experiment, runName, null);
    }

    /** A child run of {@code parent}, in the parent's experiment. */
    default TrackedRun startChildRun(TrackedRun parent, String runName) {
        return startRun(parent.experiment(), runName, parent.runId());
    }

    /** Metadata, params, latest metrics and tags of a run; {@link TrackingException} RESOURCE_DOES_NOT_EXIST if none. */
    RunRecord getRun(String runId);

    /** Every logged value of one metric, in logging order (empty if never logged). */
    List<LoggedMetric> metricHistory(String runId, String key);

    /** The experiment's active runs that match, newest first. */
    List<RunRecord> searchRuns(Experiment experiment, RunFilter filter);

    /** Every artifact file of the run, recursively, sorted by path. */
    List<ArtifactFile> listArtifacts(String runId);

    /** One artifact's bytes. */
    byte[] readArtifact(String runId, String path);

    @Override
    void close();
}
