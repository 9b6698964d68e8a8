package pitwall.track;

/**
 * One metric value as MLflow records it.
 *
 * @param key       metric name (MLflow's name rules: see {@link MlflowLimits#checkKey})
 * @param value     any double, NaN and infinities included
 * @param timestamp milliseconds since the epoch
 * @param step      e.g. the race index for per-race metrics; 0 for summary metrics
 */
public record Metric(String key, double value, long timestamp, long step) {
    public Metric {
        MlflowLimits.checkKey("metric", key);
        if (timestamp < 0) {
            throw new IllegalArgumentException("Metric '" + key + "' has timestamp " + timestamp
                    + "; MLflow needs a non-negative epoch millisecond value");
        }
    }
}
