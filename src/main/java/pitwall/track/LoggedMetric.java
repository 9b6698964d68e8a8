package pitwall.track;

/**
 * One logged value of a metric, as MLflow records it (the evaluation metrics themselves are {@code eval.Metric}).
 *
 * @param key       metric name (MLflow's name rules: see {@link MlflowLimits#checkKey})
 * @param value     any double, NaN and infinities included
 * @param timestamp milliseconds since the epoch
 * @param step      e.g. the race index for per-race metrics; 0 for summary metrics
 */
public record LoggedMetric(String key, double value, long timestamp, long step) {
    public LoggedMetric {
        MlflowLimits.checkKey("metric", key);
        if (timestamp < 0) {
            throw new IllegalArgumentException("Metric '" + key + "' has timestamp " + timestamp
                    + "; MLflow needs a non-negative epoch millisecond value");
        }
    }
}
