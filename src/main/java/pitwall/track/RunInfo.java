package pitwall.track;

import java.util.Objects;

/**
 * The metadata of a run, as in MLflow's RunInfo.
 *
 * @param runId          32 hex digits in MLflow's stores
 * @param experimentId   the experiment's id in the same store
 * @param runName        display name (also the {@code mlflow.runName} tag)
 * @param status         current status
 * @param startTime      epoch milliseconds
 * @param endTime        epoch milliseconds, or null while running
 * @param artifactUri    where the run's artifacts live
 * @param userId         who ran it
 * @param lifecycleStage "active" or "deleted"
 */
public record RunInfo(String runId, String experimentId, String runName, RunStatus status, long startTime,
                      Long endTime, String artifactUri, String userId, String lifecycleStage) {
    public RunInfo {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(experimentId, "experimentId");
        Objects.requireNonNull(status, "status");
    }
}
