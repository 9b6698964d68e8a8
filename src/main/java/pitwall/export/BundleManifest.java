package pitwall.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a model bundle: what the model is, which features it reads in which order, what it was
 * trained on, how it scored beside the baselines, where it was tracked, and the sha256 of every other file.
 *
 * @param format  bundle format version ({@value #FORMAT}); a loader refuses other versions
 * @param name    the experiment spec's name (the bundle lives in {@code models/<name>/<version>})
 * @param version the model version, also written with stored predictions
 */
@JsonPropertyOrder({"format", "name", "version", "createdAt", "model", "featureSet", "training", "evaluation",
        "tracking", "provenance", "files"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BundleManifest(int format, String name, String version, String createdAt, ModelInfo model,
                             FeatureSetInfo featureSet, Training training, Evaluation evaluation, Tracking tracking,
                             ProvenanceInfo provenance, Map<String, String> files) {

    public static final int FORMAT = 1;

    /** The variant exported: its name in the spec, ModelCatalog kind, params, and the Java class of the model. */
    public record ModelInfo(String variant, String kind, Map<String, String> params, String className) {
    }

    /** The feature set: name and every column in input order. */
    public record FeatureSetInfo(String name, List<FeatureColumn> features) {
        public List<String> names() {
            return features.stream().map(FeatureColumn::name).toList();
        }
    }

    /** One input column; every pitwall feature is a finite double. */
    public record FeatureColumn(String name, String type, String meaning) {
    }

    /**
     * What the model was fitted on: the history seasons read ({@code historyFromYear} warms up the as-of statistics,
     * and a predictor must read history from the same year to build the same rows), the first training season, and
     * the races with results it saw.
     */
    public record Training(int historyFromYear, int historyToYear, Integer trainFrom, int races, int rows,
                           String firstRace, String lastRace, String dataSnapshot) {
    }

    /**
     * Backtest summary metrics of every variant of the run (baselines included), the primary metric first, and
     * whether the exported variant's DNF probability is served (null in bundles written before the gate existed).
     *
     * @param againstBaseline the exported variant against the run's best baseline race by race on the test range
     *                        ({@link pitwall.eval.PairedComparison#toText()}); null without a baseline, for runs
     *                        recorded without {@code race-metrics.csv}, and in bundles written before it existed
     */
    public record Evaluation(String primaryMetric, String winner, String exported, List<VariantMetrics> variants,
                             DnfVerdict dnf, String againstBaseline) {
    }

    /**
     * The DNF gate: the exported variant's DNF probability is served only when its backtest DNF log loss beats the
     * log loss of the training base rate over the same races.
     *
     * @param logLoss     the variant's {@code dnfLogLoss} in its run, null when the run has none
     * @param baseLogLoss its {@code dnfBaseLogLoss}, null likewise
     * @param verdict     one line for people, e.g. "served: log loss 0.3712 vs base rate 0.3940"
     */
    public record DnfVerdict(boolean served, Double logLoss, Double baseLogLoss, String verdict) {

        /** The verdict on a variant's backtest figures (either may be null when the run did not record it). */
        public static DnfVerdict of(Double logLoss, Double baseLogLoss) {
            if (logLoss == null || baseLogLoss == null || logLoss.isNaN() || baseLogLoss.isNaN()) {
                return new DnfVerdict(false, logLoss, baseLogLoss,
                        "not served: the run recorded no DNF log loss to compare with the base rate");
            }
            String figures = "log loss " + String.format(java.util.Locale.ROOT, "%.4f", logLoss) + " vs base rate "
                    + String.format(java.util.Locale.ROOT, "%.4f", baseLogLoss);
            return logLoss < baseLogLoss
                    ? new DnfVerdict(true, logLoss, baseLogLoss, "served: " + figures)
                    : new DnfVerdict(false, logLoss, baseLogLoss, "not served: does not beat the base rate ("
                    + figures + ")");
        }
    }

    public record VariantMetrics(String name, String kind, Map<String, Double> metrics) {
    }

    /** Where the experiment was tracked. */
    public record Tracking(String runId, String experimentId, String trackingUri, String variantRunId) {
    }

    public record ProvenanceInfo(String gitCommit, String java, String os, String arch, long seed,
                                 Map<String, String> libraries) {
    }

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new BundleException("cannot write the manifest of " + name + " " + version, e);
        }
    }

    /**
     * Builds the manifest's reader ahead of the first {@link #parse}: Jackson's introspection of these records is
     * most of a parse on a cold JVM (about 0.15 s), which a caller can overlap with other start-up work.
     */
    public static void prepare() {
        try {
            JSON.readValue("{}", BundleManifest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the manifest reader cannot read {}", e);
        }
    }

    public static BundleManifest parse(String json, String origin) {
        try {
            BundleManifest m = JSON.readValue(json, BundleManifest.class);
            if (m == null || m.featureSet() == null || m.model() == null || m.files() == null
                    || m.provenance() == null || m.training() == null) {
                throw new BundleException(origin + " lacks model, featureSet, training, provenance or files");
            }
            return m;
        } catch (JsonProcessingException e) {
            throw new BundleException(origin + " is not a valid bundle manifest: " + e.getOriginalMessage(), e);
        }
    }
}
