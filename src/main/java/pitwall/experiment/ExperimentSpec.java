package pitwall.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import pitwall.data.DataSnapshot;
import pitwall.eval.BacktestOptions;
import pitwall.eval.Metric;
import pitwall.features.FeatureCatalogue;
import pitwall.features.FeatureSet;
import pitwall.model.ModelCatalog;

/**
 * An experiment: which data, which feature set, which variants with which hyperparameters, how they are evaluated,
 * the seed and the metric that picks the winner. The unit of reproducible reruns: a run records its resolved spec
 * (with the data snapshot hash filled in) and {@code experiment rerun} executes exactly that again.
 *
 * <pre>{@code
 * {"name": "ensembles", "data": {"fromYear": 2010, "toYear": 2025},
 *  "featureSet": "post-qualifying", "seed": 42, "primaryMetric": "spearman",
 *  "evaluation": {"validateFrom": 2016, "validateTo": 2021, "testFrom": 2022, "testTo": 2025, "retrain": "season"},
 *  "variants": [{"name": "grid", "kind": "grid"}, {"name": "gbt", "kind": "gbt-position", "params": {"trees": 300}}]}
 * }</pre>
 */
@JsonPropertyOrder({"name", "description", "data", "featureSet", "evaluation", "seed", "primaryMetric", "variants"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentSpec(String name, String description, DataRange data, String featureSet,
                             Evaluation evaluation, Long seed, String primaryMetric, List<VariantSpec> variants) {

    /** Seasons loaded: features of the first ones warm up the as-of history. {@code snapshot} pins the data. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DataRange(Integer fromYear, Integer toYear, String snapshot) {
    }

    /**
     * Walk-forward protocol: validation seasons (where variants are compared and the winner is chosen), test seasons
     * (reported, never chosen on), retraining per season or per race, first training season. Without a validation
     * range the test range also chooses, as in runs recorded before validation ranges existed.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"validateFrom", "validateTo", "testFrom", "testTo", "retrain", "trainFrom"})
    public record Evaluation(Integer validateFrom, Integer validateTo, Integer testFrom, Integer testTo,
                             String retrain, Integer trainFrom) {

        /** True when the spec names a validation range apart from its test range. */
        public boolean validates() {
            return validateFrom != null;
        }
    }

    /** One contestant: a ModelCatalog kind with its params (baseline kinds make baselines). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VariantSpec(String name, String kind, Map<String, Object> params) {
        public VariantSpec {
            params = params == null ? Map.of() : new LinkedHashMap<>(params);
        }
    }

    /** Kinds that are reference baselines rather than learned models. */
    public static final Set<String> BASELINE_KINDS = Set.of("grid", "standings", "previous-race");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** Reads and validates a spec file; every problem names the file and the field. */
    public static ExperimentSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SpecException("experiment spec " + file + " does not exist (specs live in experiments/*.json)");
        } catch (IOException e) {
            throw new SpecException("cannot read experiment spec " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses and validates spec JSON; {@code origin} names it in errors. */
    public static ExperimentSpec parse(String json, String origin) {
        ExperimentSpec spec;
        try {
            spec = JSON.readValue(json, ExperimentSpec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new SpecException(origin + ": unknown field '" + path(e) + "'; known fields there: "
                    + e.getKnownPropertyIds());
        } catch (MismatchedInputException e) {
            throw new SpecException(origin + ": field '" + path(e) + "' has the wrong type: "
                    + e.getOriginalMessage().split("\n")[0]);
        } catch (JsonProcessingException e) {
            throw new SpecException(origin + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (spec == null) {
            throw new SpecException(origin + ": empty spec");
        }
        spec.validate(origin);
        return spec;
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** Checks every field before any work starts; throws naming the first bad field. */
    public void validate(String origin) {
        require(name != null && name.matches("[A-Za-z0-9._-]{1,100}"), origin, "name",
                "1-100 letters, digits, '.', '_' or '-'", name);
        require(data != null, origin, "data", "an object {\"fromYear\": …, \"toYear\": …}", null);
        require(data.fromYear() != null && data.fromYear() >= 1950, origin, "data.fromYear", "a season from 1950",
                data.fromYear());
        require(data.toYear() != null && data.toYear() >= data.fromYear(), origin, "data.toYear",
                "a season not before data.fromYear (" + data.fromYear() + ")", data.toYear());
        require(data.snapshot() == null || DataSnapshot.isHash(data.snapshot()), origin, "data.snapshot",
                "a 64-hex-digit snapshot hash", data.snapshot());
        require(featureSet != null, origin, "featureSet",
                "'" + FeatureCatalogue.PRE_QUALIFYING + "' or '" + FeatureCatalogue.POST_QUALIFYING + "'", null);
        try {
            FeatureCatalogue.set(featureSet);
        } catch (IllegalArgumentException e) {
            throw new SpecException(origin + ": featureSet: " + e.getMessage());
        }
        require(evaluation != null, origin, "evaluation", "an object {\"testFrom\": …, \"testTo\": …}", null);
        require(evaluation.testFrom() != null && evaluation.testFrom() > data.fromYear(), origin,
                "evaluation.testFrom", "a season after data.fromYear (" + data.fromYear()
                        + "), so there is history to train on", evaluation.testFrom());
        require(evaluation.testTo() != null && evaluation.testTo() >= evaluation.testFrom()
                        && evaluation.testTo() <= data.toYear(), origin, "evaluation.testTo",
                "a season from evaluation.testFrom (" + evaluation.testFrom() + ") to data.toYear ("
                        + data.toYear() + ")", evaluation.testTo());
        require((evaluation.validateFrom() == null) == (evaluation.validateTo() == null), origin,
                "evaluation.validateFrom and evaluation.validateTo", "given together or not at all",
                evaluation.validateFrom() == null ? evaluation.validateTo() : evaluation.validateFrom());
        if (evaluation.validates()) {
            require(evaluation.validateFrom() > data.fromYear(), origin, "evaluation.validateFrom",
                    "a season after data.fromYear (" + data.fromYear() + "), so there is history to train on",
                    evaluation.validateFrom());
            require(evaluation.validateTo() >= evaluation.validateFrom()
                            && evaluation.validateTo() < evaluation.testFrom(), origin, "evaluation.validateTo",
                    "a season from evaluation.validateFrom (" + evaluation.validateFrom()
                            + ") to before evaluation.testFrom (" + evaluation.testFrom()
                            + "): the races a choice is made on are never the ones reported", evaluation.validateTo());
        }
        require(evaluation.retrain() == null || evaluation.retrain().equals("season")
                        || evaluation.retrain().equals("race"), origin, "evaluation.retrain", "'season' or 'race'",
                evaluation.retrain());
        int firstScored = evaluation.validates() ? evaluation.validateFrom() : evaluation.testFrom();
        require(evaluation.trainFrom() == null || (evaluation.trainFrom() >= data.fromYear()
                        && evaluation.trainFrom() < firstScored), origin, "evaluation.trainFrom",
                "a season from data.fromYear to before the first scored season (" + firstScored + ")",
                evaluation.trainFrom());
        require(seed != null, origin, "seed", "an integer", null);
        try {
            Metric.of(primaryMetric == null ? "" : primaryMetric);
        } catch (IllegalArgumentException e) {
            throw new SpecException(origin + ": primaryMetric: " + e.getMessage());
        }
        require(variants != null && !variants.isEmpty(), origin, "variants", "a non-empty list", variants);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < variants.size(); i++) {
            VariantSpec v = variants.get(i);
            String field = "variants[" + i + "]";
            require(v != null, origin, field, "an object {\"name\": …, \"kind\": …}", null);
            require(v.kind() != null && ModelCatalog.kinds().contains(v.kind()), origin, field + ".kind",
                    "one of " + ModelCatalog.kinds(), v.kind());
            require(v.name() != null && v.name().matches("[A-Za-z0-9._-]{1,60}"), origin, field + ".name",
                    "1-60 letters, digits, '.', '_' or '-'", v.name());
            require(names.add(v.name()), origin, field + ".name", "a name no other variant has", v.name());
            try {
                ModelCatalog.create(v.kind(), withSeed(v.params()));
            } catch (IllegalArgumentException e) {
                throw new SpecException(origin + ": " + field + ".params (" + v.name() + "): " + e.getMessage());
            }
        }
    }

    private static void require(boolean ok, String origin, String field, String expected, Object value) {
        if (!ok) {
            throw new SpecException(origin + ": " + field + " must be " + expected + ", got "
                    + (value == null ? "nothing" : "'" + value + "'"));
        }
    }

    /** The variant's params with the experiment seed added unless the variant sets its own. */
    public Map<String, Object> withSeed(Map<String, Object> params) {
        Map<String, Object> merged = new LinkedHashMap<>(params);
        merged.putIfAbsent("seed", seed);
        return merged;
    }

    public FeatureSet features() {
        return FeatureCatalogue.set(featureSet);
    }

    public Metric primary() {
        return Metric.of(primaryMetric);
    }

    public boolean isBaseline(VariantSpec variant) {
        return BASELINE_KINDS.contains(variant.kind());
    }

    /** Walk-forward options of the test range (threads as the machine allows; they do not change results). */
    public BacktestOptions backtestOptions() {
        return backtestOptions(evaluation.testFrom(), evaluation.testTo());
    }

    /** Walk-forward options of the validation range, when the spec has one. */
    public Optional<BacktestOptions> validationOptions() {
        return evaluation.validates()
                ? Optional.of(backtestOptions(evaluation.validateFrom(), evaluation.validateTo()))
                : Optional.empty();
    }

    private BacktestOptions backtestOptions(int from, int to) {
        List<Integer> seasons = new ArrayList<>();
        for (int y = from; y <= to; y++) {
            seasons.add(y);
        }
        return BacktestOptions.defaults()
                .withTestSeasons(seasons)
                .withRetrain("race".equals(evaluation.retrain()) ? BacktestOptions.Retrain.PER_RACE
                        : BacktestOptions.Retrain.PER_SEASON)
                .withTrainFromYear(evaluation.trainFrom());
    }

    /** Suffix of the name of a {@link #validationOnly()} spec: its runs are an experiment of their own. */
    public static final String VALIDATION_ONLY_SUFFIX = "-validation";

    /**
     * The spec that backtests this one's validation range and nothing else, for trying ideas without seeing the
     * test range: the validation seasons become its only (and so choosing) range. It is named {@code <name>}{@value
     * #VALIDATION_ONLY_SUFFIX}, so its runs are tracked, listed and exported apart from the spec's own and never
     * stand in for them (the README table reads the spec's own name). Fails for a spec without a validation range.
     */
    public ExperimentSpec validationOnly() {
        if (!evaluation.validates()) {
            throw new SpecException("spec " + name + " has no validation range (evaluation.validateFrom/validateTo)"
                    + " to run alone");
        }
        return new ExperimentSpec(name + VALIDATION_ONLY_SUFFIX, description, data, featureSet,
                new Evaluation(null, null, evaluation.validateFrom(), evaluation.validateTo(), evaluation.retrain(),
                        evaluation.trainFrom()), seed, primaryMetric, variants);
    }

    /** The same spec with its data pinned to a snapshot: what a run records and a rerun executes. */
    public ExperimentSpec pinnedTo(String snapshotHash) {
        return new ExperimentSpec(name, description, new DataRange(data.fromYear(), data.toYear(), snapshotHash),
                featureSet, evaluation, seed, primaryMetric, variants);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write spec " + name + " as JSON", e);
        }
    }

    /** Flat params for MLflow (spec.* keys), values as text. */
    public Map<String, String> toParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spec.name", name);
        p.put("spec.featureSet", featureSet);
        p.put("spec.data.fromYear", String.valueOf(data.fromYear()));
        p.put("spec.data.toYear", String.valueOf(data.toYear()));
        if (evaluation.validates()) {
            p.put("spec.evaluation.validateFrom", String.valueOf(evaluation.validateFrom()));
            p.put("spec.evaluation.validateTo", String.valueOf(evaluation.validateTo()));
        }
        p.put("spec.evaluation.testFrom", String.valueOf(evaluation.testFrom()));
        p.put("spec.evaluation.testTo", String.valueOf(evaluation.testTo()));
        p.put("spec.evaluation.retrain", evaluation.retrain() == null ? "season" : evaluation.retrain());
        p.put("spec.evaluation.trainFrom", String.valueOf(evaluation.trainFrom()));
        p.put("spec.seed", String.valueOf(seed));
        p.put("spec.primaryMetric", primaryMetric);
        p.put("spec.variants", variants.stream().map(VariantSpec::name).collect(Collectors.joining(",")));
        return p;
    }
}
