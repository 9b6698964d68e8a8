package pitwall.eval;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A whole walk-forward backtest: the options, the feature set it ran on, and one result per variant in the order the
 * variants were given.
 */
public record BacktestResult(BacktestOptions options, String featureSet, List<VariantResult> variants,
                             Duration elapsed) {

    public BacktestResult {
        variants = List.copyOf(variants);
    }

    /** The result of one variant by name; fails listing the names there are. */
    public VariantResult variant(String name) {
        return variants.stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no variant '" + name + "' in this backtest; it has "
                        + variants.stream().map(VariantResult::name).toList()));
    }

    /** Every variant side by side, the winner chosen by {@code primary}. */
    public Comparison compare(Metric primary) {
        return Comparison.of(variants, primary);
    }

    /** Per-race metrics of every variant as CSV (one row per variant and race). */
    public String raceMetricsCsv() {
        return BacktestCsv.raceMetrics(variants);
    }

    /** Per-entrant predictions of every variant beside the actual finishing rank, as CSV. */
    public String predictionsCsv() {
        return BacktestCsv.predictions(variants);
    }
}
