package pitwall.eval;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * The per-race metrics of docs/metrics.md#one-race, each with its key (the name used in
 * experiment JSON, CSV headers and MLflow) and whether a higher value is better.
 */
public enum Metric {
    WINNER("winner", "winner", true, m -> m.winnerHit() ? 1.0 : 0.0),
    PODIUM("podium", "podium", true, RaceMetrics::podium),
    TOP10("top10", "top-10", true, RaceMetrics::top10),
    SPEARMAN("spearman", "Spearman", true, RaceMetrics::spearman),
    MAE("mae", "MAE", false, RaceMetrics::mae),
    WIN_LOG_LOSS("winLogLoss", "win log loss", false, RaceMetrics::winLogLoss),
    WIN_BRIER("winBrier", "win Brier", false, RaceMetrics::winBrier),
    PODIUM_BRIER("podiumBrier", "podium Brier", false, RaceMetrics::podiumBrier),
    DNF_LOG_LOSS("dnfLogLoss", "DNF log loss", false, RaceMetrics::dnfLogLoss),
    DNF_BRIER("dnfBrier", "DNF Brier", false, RaceMetrics::dnfBrier),
    DNF_BASE_LOG_LOSS("dnfBaseLogLoss", "DNF base log loss", false, RaceMetrics::dnfBaseLogLoss),
    DNF_BASE_BRIER("dnfBaseBrier", "DNF base Brier", false, RaceMetrics::dnfBaseBrier);

    private final String key;
    private final String label;
    private final boolean higherIsBetter;
    private final ToDoubleFunction<RaceMetrics> extractor;

    Metric(String key, String label, boolean higherIsBetter, ToDoubleFunction<RaceMetrics> extractor) {
        this.key = key;
        this.label = label;
        this.higherIsBetter = higherIsBetter;
        this.extractor = extractor;
    }

    /** The machine name: {@code winner}, {@code podium}, {@code top10}, {@code spearman}, {@code mae}, ... */
    public String key() {
        return key;
    }

    /** A human column header, e.g. {@code top-10} or {@code win log loss}. */
    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** This metric's value for one race. */
    public double of(RaceMetrics race) {
        return extractor.applyAsDouble(race);
    }

    /**
     * True when {@code a} is strictly better than {@code b}. NaN (a model without probabilities) is never better
     * and every number is better than NaN.
     */
    public boolean better(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return higherIsBetter ? a > b : a < b;
    }

    /** The metric with this key (case-insensitive), e.g. {@code "spearman"}; fails listing the valid keys. */
    public static Metric of(String key) {
        for (Metric m : values()) {
            if (m.key.equalsIgnoreCase(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + key + "'; use one of "
                + Arrays.stream(values()).map(Metric::key).toList());
    }
}
