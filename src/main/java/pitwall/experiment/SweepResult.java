package pitwall.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import pitwall.eval.CellFormat;
import pitwall.eval.Comparison;
import pitwall.eval.Metric;

/**
 * What a sweep produced: every trial (params, validation metrics, its child run), the best one, and the base spec
 * with the best params as a runnable spec.
 */
public record SweepResult(SweepSpec sweep, ExperimentSpec base, Metric objective, String runId, String trackedIn,
                          List<Trial> trials, long elapsedMillis) {

    /**
     * One trial.
     *
     * @param objective the objective's validation value, NaN when the trial failed
     * @param error     why it failed, null when it ran
     */
    public record Trial(int number, Map<String, Object> params, Map<String, Double> metrics, double objective,
                        String error, String runId, Duration duration) {
        public Trial {
            params = new LinkedHashMap<>(params);
            metrics = new LinkedHashMap<>(metrics);
        }

        public boolean succeeded() {
            return error == null && !Double.isNaN(objective);
        }

        Trial withRunId(String id) {
            return new Trial(number, params, metrics, objective, error, id, duration);
        }
    }

    public SweepResult {
        trials = List.copyOf(trials);
    }

    /** Trials best first by the objective; failed ones last, in number order. */
    public List<Trial> ranked() {
        List<Trial> sorted = new ArrayList<>(trials);
        sorted.sort(Comparator.comparing((Trial t) -> !t.succeeded())
                .thenComparing((a, b) -> objective.better(a.objective(), b.objective()) ? -1
                        : objective.better(b.objective(), a.objective()) ? 1 : 0)
                .thenComparingInt(Trial::number));
        return List.copyOf(sorted);
    }

    /** The best trial that ran; the lowest number among equals. */
    public Optional<Trial> best() {
        return ranked().stream().filter(Trial::succeeded).findFirst();
    }

    /**
     * The base spec with the tuned variant's params set to the best trial's, named {@code <sweep>-best}: {@code
     * experiment run} takes it (all variants, validation and test), {@code model export} exports its winner.
     */
    public Optional<ExperimentSpec> bestSpec() {
        return best().map(b -> {
            List<ExperimentSpec.VariantSpec> variants = base.variants().stream().map(v -> {
                if (!v.name().equals(sweep.variant())) {
                    return v;
                }
                Map<String, Object> params = new LinkedHashMap<>(v.params());
                params.putAll(b.params());
                return new ExperimentSpec.VariantSpec(v.name(), v.kind(), params);
            }).toList();
            String description = "Best trial (" + b.number() + " of " + trials.size() + ") of sweep " + sweep.name()
                    + " (run " + runId + "): " + sweep.variant() + " with " + b.params() + "; validation "
                    + objective.key() + " " + CellFormat.fixed4(b.objective()) + ". Otherwise "
                    + base.name() + " as it was.";
            return new ExperimentSpec(sweep.name() + "-best", description, base.data(), base.featureSet(),
                    base.evaluation(), base.seed(), base.primaryMetric(), variants);
        });
    }

    private Set<String> paramNames() {
        Set<String> names = new LinkedHashSet<>(sweep.space().keySet());
        trials.forEach(t -> names.addAll(t.params().keySet()));
        return names;
    }

    private static final List<String> METRIC_KEYS = java.util.Arrays.stream(Metric.values())
            .map(m -> Comparison.VALIDATION_PREFIX + m.key()).toList();

    /** {@code rank,trial,status,runId,<params>,<validation metrics>,seconds,error}, best first. */
    public String trialsCsv() {
        Set<String> params = paramNames();
        StringBuilder csv = new StringBuilder("rank,trial,status,runId");
        params.forEach(p -> csv.append(',').append(CellFormat.csvText(p)));
        METRIC_KEYS.forEach(k -> csv.append(',').append(k));
        csv.append(",seconds,error\n");
        List<Trial> ranked = ranked();
        for (int i = 0; i < ranked.size(); i++) {
            Trial t = ranked.get(i);
            csv.append(i + 1).append(',').append(t.number()).append(',').append(t.succeeded() ? "ok" : "failed")
                    .append(',').append(t.runId() == null ? "" : t.runId());
            params.forEach(p -> csv.append(',').append(t.params().containsKey(p)
                    ? CellFormat.csvText(String.valueOf(t.params().get(p))) : ""));
            METRIC_KEYS.forEach(k -> csv.append(',').append(CellFormat.csvNumber(
                    t.metrics().getOrDefault(k, Double.NaN))));
            csv.append(',').append(t.duration().toMillis() / 1000.0).append(',')
                    .append(t.error() == null ? "" : CellFormat.csvText(t.error())).append('\n');
        }
        return csv.toString();
    }

    /** The trial table as HTML, best first; the best row has class {@code best}. */
    public String trialsHtml() {
        Set<String> params = paramNames();
        StringBuilder html = new StringBuilder("<table class=\"pitwall-sweep\">\n<caption>sweep ")
                .append(CellFormat.html(sweep.name())).append(" of ").append(CellFormat.html(sweep.variant()))
                .append(", by validation ").append(objective.key()).append("</caption>\n<thead><tr><th>trial</th>");
        params.forEach(p -> html.append("<th>").append(CellFormat.html(p)).append("</th>"));
        for (Metric m : Metric.values()) {
            html.append("<th>").append(CellFormat.html(m.label())).append(m == objective ? " ▼" : "").append("</th>");
        }
        html.append("<th>seconds</th></tr></thead>\n<tbody>\n");
        Trial best = best().orElse(null);
        for (Trial t : ranked()) {
            html.append(t == best ? "<tr class=\"best\">" : "<tr>").append("<td>").append(t.number())
                    .append(t.succeeded() ? "" : " (failed: " + CellFormat.html(t.error()) + ")").append("</td>");
            params.forEach(p -> html.append("<td>").append(CellFormat.html(String.valueOf(
                    t.params().getOrDefault(p, "")))).append("</td>"));
            for (String k : METRIC_KEYS) {
                html.append("<td style=\"text-align:right\">")
                        .append(CellFormat.fixed4(t.metrics().getOrDefault(k, Double.NaN))).append("</td>");
            }
            html.append("<td style=\"text-align:right\">").append(String.format(java.util.Locale.ROOT, "%.1f",
                    t.duration().toMillis() / 1000.0)).append("</td></tr>\n");
        }
        return html.append("</tbody>\n</table>\n").toString();
    }

    /** Best first, as a fixed-width text table for terminals: trial, params, objective. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        List<Trial> ranked = ranked();
        for (Trial t : ranked.subList(0, Math.min(10, ranked.size()))) {
            text.append(String.format(java.util.Locale.ROOT, "  trial %3d  %s %-8s  %s%n", t.number(),
                    Comparison.VALIDATION_PREFIX + objective.key(), CellFormat.fixed4(t.objective()),
                    t.succeeded() ? t.params() : "FAILED " + t.params() + ": " + t.error()));
        }
        if (ranked.size() > 10) {
            text.append("  … ").append(ranked.size() - 10).append(" more in trials.csv\n");
        }
        return text.toString();
    }

    /** {@code {"sweepRunId", "trials": [{"params", "metrics", "runId"}], "best": {...}}}, trials in number order. */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("sweep", sweep.name());
        root.put("sweepRunId", runId);
        root.put("trackedIn", trackedIn);
        root.put("variant", sweep.variant());
        root.put("objective", Comparison.VALIDATION_PREFIX + objective.key());
        root.put("trials", trials.stream().map(SweepResult::trialJson).toList());
        root.put("best", best().map(SweepResult::trialJson).orElse(null));
        root.put("elapsedSeconds", elapsedMillis / 1000.0);
        try {
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write sweep " + sweep.name() + " as JSON", e);
        }
    }

    private static Map<String, Object> trialJson(Trial t) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("trial", t.number());
        row.put("params", t.params());
        Map<String, Object> metrics = new LinkedHashMap<>();
        t.metrics().forEach((k, v) -> metrics.put(k, Double.isNaN(v) ? null : v));
        row.put("metrics", metrics);
        row.put("runId", t.runId());
        row.put("status", t.succeeded() ? "ok" : "failed");
        if (t.error() != null) {
            row.put("error", t.error());
        }
        return row;
    }

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
}
