package pitwall.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pitwall.eval.BacktestResult;
import pitwall.eval.Comparison;
import pitwall.eval.Metric;
import pitwall.eval.PairedComparison;
import pitwall.eval.VariantResult;

/**
 * What an experiment run produced: the spec as run (pinned to its data snapshot), the test backtest, the validation
 * backtest (null when the spec has no validation range), the comparison, and the tracking ids of the parent run and
 * of every variant's child run.
 */
public record ExperimentResult(ExperimentSpec spec, String snapshotHash, String trackedIn, String experimentId,
                               String runId, Map<String, String> variantRunIds, BacktestResult backtest,
                               BacktestResult validation, Comparison comparison, long elapsedMillis) {

    public ExperimentResult {
        variantRunIds = Collections.unmodifiableMap(new LinkedHashMap<>(variantRunIds));
    }

    /** Summary metrics of one variant by the metric keys of {@link Metric} ({@code winner}, {@code spearman}, …). */
    public static Map<String, Double> summaryOf(VariantResult variant) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            metrics.put(m.key(), variant.summary().value(m));
        }
        metrics.putAll(variant.calibration().summary());
        return metrics;
    }

    /**
     * Summary metrics as a run logs them: the test range's by their keys, the validation range's (when {@code
     * validation} is not null) as {@code validation.<key>}.
     */
    public static Map<String, Double> summaryOf(VariantResult test, VariantResult validation) {
        Map<String, Double> metrics = summaryOf(test);
        if (validation != null) {
            summaryOf(validation).forEach((key, value) -> metrics.put(Comparison.VALIDATION_PREFIX + key, value));
        }
        return metrics;
    }

    /**
     * The variant {@code model export} picks (the best learned model on the choice range) against the best
     * baseline, race by race on the test range; empty when the spec has no learned model or no baseline.
     */
    public Optional<PairedComparison> pairedOnTest() {
        return comparison.bestModel().flatMap(model -> comparison.bestBaseline().map(baseline -> PairedComparison.of(
                model.name(), backtest.variant(model.name()).metrics(), baseline.name(),
                backtest.variant(baseline.name()).metrics(), PairedComparison.HEADLINE)));
    }

    /** {@link #pairedOnTest()} as one paragraph, starting "test range: " when a validation range chose the model. */
    public Optional<String> pairedSummary() {
        return pairedOnTest().map(p -> (validation == null ? "" : "test range: ") + p.toText());
    }

    /** Every summary metric of one variant of this run, test and validation (see above). */
    public Map<String, Double> metricsOf(String variant) {
        return summaryOf(backtest.variant(variant), validation == null ? null : validation.variant(variant));
    }

    /**
     * The comparison as JSON: run ids, and every variant's kind, child run id and summary metrics (test, and
     * {@code validation} when there is a validation range); the winner, chosen on validation when there is one.
     */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("experiment", spec.name());
        root.put("experimentRunId", runId);
        root.put("experimentId", experimentId);
        root.put("trackedIn", trackedIn);
        root.put("dataSnapshot", snapshotHash);
        root.put("featureSet", spec.featureSet());
        root.put("primaryMetric", comparison.primary().key());
        if (validation != null) {
            root.put("validationSeasons", validation.options().testSeasons());
        }
        root.put("testSeasons", backtest.options().testSeasons());
        root.put("chosenOn", validation != null ? "validation" : "test");
        root.put("winner", comparison.winner().name());
        root.put("bestModel", comparison.bestModel().map(Comparison.Row::name).orElse(null));
        List<Map<String, Object>> variants = backtest.variants().stream().map(v -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", v.name());
            row.put("kind", v.isBaseline() ? "baseline" : "model");
            row.put("runId", variantRunIds.get(v.name()));
            row.put("races", v.summary().races());
            row.put("metrics", summaryOf(v));
            if (validation != null) {
                VariantResult val = validation.variant(v.name());
                row.put("validation", Map.of("races", val.summary().races(), "metrics", summaryOf(val)));
            }
            return row;
        }).toList();
        root.put("variants", variants);
        root.put("elapsedSeconds", elapsedMillis / 1000.0);
        try {
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the comparison of " + spec.name() + " as JSON", e);
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
}
