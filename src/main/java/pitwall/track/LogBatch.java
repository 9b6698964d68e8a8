package pitwall.track;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code runs/log-batch} request's worth of data, within MLflow's limits: at most 1,000 metrics, 100 params,
 * 100 tags and 1,000 entities in all.
 */
public record LogBatch(List<LoggedMetric> metrics, List<KeyValue> params, List<KeyValue> tags) {

    /** A param or tag. */
    public record KeyValue(String key, String value) {
    }

    public LogBatch {
        metrics = List.copyOf(metrics);
        params = List.copyOf(params);
        tags = List.copyOf(tags);
    }

    public int size() {
        return metrics.size() + params.size() + tags.size();
    }

    /** Splits into as few batches as the limits allow, keeping the order of each kind (metric order matters). */
    public static List<LogBatch> split(List<LoggedMetric> metrics, Map<String, String> params,
                                       Map<String, String> tags) {
        List<KeyValue> ps = params.entrySet().stream().map(e -> new KeyValue(e.getKey(), e.getValue())).toList();
        List<KeyValue> ts = tags.entrySet().stream().map(e -> new KeyValue(e.getKey(), e.getValue())).toList();
        List<LogBatch> batches = new ArrayList<>();
        int m = 0;
        int p = 0;
        int t = 0;
        while (m < metrics.size() || p < ps.size() || t < ts.size()) {
            int np = Math.min(MlflowLimits.MAX_PARAMS_PER_BATCH, ps.size() - p);
            int nt = Math.min(MlflowLimits.MAX_TAGS_PER_BATCH, ts.size() - t);
            int nm = Math.min(Math.min(MlflowLimits.MAX_METRICS_PER_BATCH,
                    MlflowLimits.MAX_ENTITIES_PER_BATCH - np - nt), metrics.size() - m);
            batches.add(new LogBatch(metrics.subList(m, m + nm), ps.subList(p, p + np), ts.subList(t, t + nt)));
            m += nm;
            p += np;
            t += nt;
        }
        return batches;
    }
}
