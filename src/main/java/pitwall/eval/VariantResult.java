package pitwall.eval;

import java.util.List;
import pitwall.model.RacePrediction;

/** The backtest of one variant: every scored race in chronological order, the fits behind them, the summary. */
public record VariantResult(String name, Variant.Kind kind, List<RaceEvaluation> races, List<Fit> fits,
                            MetricSummary summary) {

    public VariantResult {
        races = List.copyOf(races);
        fits = List.copyOf(fits);
    }

    /** Builds the result and its summary (the plain mean over {@code races}). */
    public static VariantResult of(String name, Variant.Kind kind, List<RaceEvaluation> races, List<Fit> fits) {
        return new VariantResult(name, kind, races, fits,
                MetricSummary.of(races.stream().map(RaceEvaluation::metrics).toList()));
    }

    public List<RaceMetrics> metrics() {
        return races.stream().map(RaceEvaluation::metrics).toList();
    }

    public List<RacePrediction> predictions() {
        return races.stream().map(RaceEvaluation::prediction).toList();
    }

    /** Reliability bins and ECE of the win and podium probabilities over every race of this backtest. */
    public Calibration calibration() {
        return Calibration.of(races);
    }

    /** This variant's per-race metrics as CSV (same columns as {@link BacktestResult#raceMetricsCsv()}). */
    public String raceMetricsCsv() {
        return BacktestCsv.raceMetrics(List.of(this));
    }

    /** This variant's per-entrant predictions beside the actual rank, as CSV. */
    public String predictionsCsv() {
        return BacktestCsv.predictions(List.of(this));
    }

    public boolean isBaseline() {
        return kind == Variant.Kind.BASELINE;
    }
}
