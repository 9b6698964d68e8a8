package pitwall.track;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A run read back from a store: its metadata, params, the latest value of each metric and its tags.
 *
 * @param info    metadata
 * @param params  all params (immutable once written)
 * @param metrics per key, the value at the largest step (then latest timestamp), as MLflow's getRun returns
 * @param tags    all tags, system tags ({@code mlflow.*}) included
 */
public record RunRecord(RunInfo info, Map<String, String> params, Map<String, LoggedMetric> metrics,
                        Map<String, String> tags) {
    public RunRecord {
        Objects.requireNonNull(info, "info");
        params = Map.copyOf(params);
        metrics = Map.copyOf(metrics);
        tags = Map.copyOf(tags);
    }

    public String runId() {
        return info.runId();
    }

    public Optional<String> param(String key) {
        return Optional.ofNullable(params.get(key));
    }

    public Optional<String> tag(String key) {
        return Optional.ofNullable(tags.get(key));
    }

    public OptionalDouble metric(String key) {
        LoggedMetric m = metrics.get(key);
        return m == null ? OptionalDouble.empty() : OptionalDouble.of(m.value());
    }

    /** The {@code mlflow.parentRunId} tag: set on child runs (one per variant). */
    public Optional<String> parentRunId() {
        return tag(MlflowTags.PARENT_RUN_ID);
    }
}
