package pitwall.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The plain mean of each {@link Metric} over a set of races (every race weighs the same). A metric is NaN when any race
 * has it NaN (a model without probabilities) or when there are no races.
 */
public record MetricSummary(int races, double winner, double podium, double top10, double spearman, double mae,
                            double winLogLoss, double winBrier, double podiumBrier, double dnfLogLoss,
                            double dnfBrier, double dnfBaseLogLoss, double dnfBaseBrier) {

    /** A summary without DNF metrics (NaN): what a source that does not know who was classified gives. */
    public MetricSummary(int races, double winner, double podium, double top10, double spearman, double mae,
                         double winLogLoss, double winBrier, double podiumBrier) {
        this(races, winner, podium, top10, spearman, mae, winLogLoss, winBrier, podiumBrier, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN);
    }

    public static MetricSummary of(List<RaceMetrics> races) {
        return new MetricSummary(races.size(),
                mean(races, Metric.WINNER), mean(races, Metric.PODIUM), mean(races, Metric.TOP10),
                mean(races, Metric.SPEARMAN), mean(races, Metric.MAE), mean(races, Metric.WIN_LOG_LOSS),
                mean(races, Metric.WIN_BRIER), mean(races, Metric.PODIUM_BRIER), mean(races, Metric.DNF_LOG_LOSS),
                mean(races, Metric.DNF_BRIER), mean(races, Metric.DNF_BASE_LOG_LOSS),
                mean(races, Metric.DNF_BASE_BRIER));
    }

    /** A summary from its values by metric, e.g. read back from a recorded comparison. */
    public static MetricSummary of(int races, ToDoubleFunction<Metric> value) {
        return new MetricSummary(races, value.applyAsDouble(Metric.WINNER), value.applyAsDouble(Metric.PODIUM),
                value.applyAsDouble(Metric.TOP10), value.applyAsDouble(Metric.SPEARMAN),
                value.applyAsDouble(Metric.MAE), value.applyAsDouble(Metric.WIN_LOG_LOSS),
                value.applyAsDouble(Metric.WIN_BRIER), value.applyAsDouble(Metric.PODIUM_BRIER),
                value.applyAsDouble(Metric.DNF_LOG_LOSS), value.applyAsDouble(Metric.DNF_BRIER),
                value.applyAsDouble(Metric.DNF_BASE_LOG_LOSS), value.applyAsDouble(Metric.DNF_BASE_BRIER));
    }

    public double value(Metric metric) {
        return switch (metric) {
            case WINNER -> winner;
            case PODIUM -> podium;
            case TOP10 -> top10;
            case SPEARMAN -> spearman;
            case MAE -> mae;
            case WIN_LOG_LOSS -> winLogLoss;
            case WIN_BRIER -> winBrier;
            case PODIUM_BRIER -> podiumBrier;
            case DNF_LOG_LOSS -> dnfLogLoss;
            case DNF_BRIER -> dnfBrier;
            case DNF_BASE_LOG_LOSS -> dnfBaseLogLoss;
            case DNF_BASE_BRIER -> dnfBaseBrier;
        };
    }

    /**
     * Metric key → mean in {@link Metric} order ({@code winner, podium, top10, spearman, mae, winLogLoss, winBrier,
     * podiumBrier, dnfLogLoss, dnfBrier, dnfBaseLogLoss, dnfBaseBrier}); NaN values are kept (callers writing JSON or MLflow decide how to skip them).
     */
    public Map<String, Double> toMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            map.put(m.key(), value(m));
        }
        return map;
    }

    private static double mean(List<RaceMetrics> races, Metric metric) {
        if (races.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (RaceMetrics race : races) {
            sum += metric.of(race);
        }
        return sum / races.size();
    }
}
