package pitwall.serve;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters and a latency histogram, written in the Prometheus text exposition format.
 *
 * <p>Every label value comes from a closed set: the method is one of {@link #METHODS} or {@code OTHER}, the path a
 * route template or {@code unmatched}, the status a number the server itself chose. Whatever a client sends, the
 * text stays valid and the number of series stays bounded.
 */
final class ServeMetrics {

    /** Methods counted under their own name; any other (however spelled) counts as {@code OTHER}. */
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    static final String UNMATCHED = "unmatched";

    static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private record Key(String method, String path, int status) {
    }

    private final Map<Key, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final LongAdder predictions = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder modelSwaps = new LongAdder();
    private final LongAdder modelSwapFailures = new LongAdder();

    private static final class Histogram {
        final LongAdder[] counts = new LongAdder[BUCKETS.length];
        final LongAdder count = new LongAdder();
        final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    counts[i].increment();
                }
            }
            count.increment();
            sum.add(seconds);
        }
    }

    /**
     * One finished exchange; {@code route} is the route template (or {@link #UNMATCHED}), never the raw path, so ids
     * and probes do not grow the label set.
     */
    void record(String method, String route, int status, long nanos) {
        String m = METHODS.contains(method) ? method : "OTHER";
        String path = route == null ? UNMATCHED : route;
        requests.computeIfAbsent(new Key(m, path, status), k -> new LongAdder()).increment();
        latency.computeIfAbsent(path, k -> new Histogram()).observe(nanos / 1e9);
        if (status >= 500) {
            errors.increment();
        }
    }

    /** Predicted entrant rows (a race of 20 counts 20). */
    void predicted(int rows) {
        predictions.add(rows);
    }

    void stored(int rows) {
        stored.add(rows);
    }

    void modelSwapped() {
        modelSwaps.increment();
    }

    void modelSwapFailed() {
        modelSwapFailures.increment();
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP pitwall_http_requests_total HTTP requests by method, route and status.\n");
        out.append("# TYPE pitwall_http_requests_total counter\n");
        new TreeMap<String, Long>(requests.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> "method=\"" + e.getKey().method() + "\",path=\"" + e.getKey().path() + "\",status=\""
                        + e.getKey().status() + "\"", e -> e.getValue().sum())))
                .forEach((labels, n) -> out.append("pitwall_http_requests_total{").append(labels).append("} ")
                        .append(n).append('\n'));
        out.append("# HELP pitwall_http_request_duration_seconds Request latency by route.\n");
        out.append("# TYPE pitwall_http_request_duration_seconds histogram\n");
        new TreeMap<>(latency).forEach((path, h) -> {
            for (int i = 0; i < BUCKETS.length; i++) {
                out.append("pitwall_http_request_duration_seconds_bucket{path=\"").append(path).append("\",le=\"")
                        .append(format(BUCKETS[i])).append("\"} ").append(h.counts[i].sum()).append('\n');
            }
            out.append("pitwall_http_request_duration_seconds_bucket{path=\"").append(path).append("\",le=\"+Inf\"} ")
                    .append(h.count.sum()).append('\n');
            out.append("pitwall_http_request_duration_seconds_sum{path=\"").append(path).append("\"} ")
                    .append(format(h.sum.sum())).append('\n');
            out.append("pitwall_http_request_duration_seconds_count{path=\"").append(path).append("\"} ")
                    .append(h.count.sum()).append('\n');
        });
        counter(out, "pitwall_predictions_total", "Entrant rows predicted.", predictions.sum());
        counter(out, "pitwall_predictions_stored_total", "Entrant rows written to D1 through the Worker.",
                stored.sum());
        counter(out, "pitwall_http_errors_total", "Responses with a 5xx status.", errors.sum());
        counter(out, "pitwall_model_swaps_total", "Newly promoted model versions swapped in (serve --watch).",
                modelSwaps.sum());
        counter(out, "pitwall_model_swap_failures_total", "Model versions refused or sources not resolved "
                + "(serve --watch); the previous model kept serving.", modelSwapFailures.sum());
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
