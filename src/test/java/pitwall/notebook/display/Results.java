package pitwall.notebook.display;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pitwall.eval.BacktestOptions;
import pitwall.eval.BacktestResult;
import pitwall.eval.Metric;
import pitwall.eval.RaceEvaluation;
import pitwall.eval.RaceOutcome;
import pitwall.eval.Variant;
import pitwall.eval.VariantResult;
import pitwall.experiment.ExperimentResult;
import pitwall.experiment.ExperimentSpec;
import pitwall.features.EntrantRow;
import pitwall.model.PredictedEntrant;
import pitwall.model.RacePrediction;

/** Small hand-made backtest results (three four-car races) for the display tests. */
final class Results {

    private Results() {
    }

    /** A variant that predicts the order {@code 1, 2, 3, 4} in each race; with probabilities unless a baseline. */
    static VariantResult variant(String name, Variant.Kind kind) {
        List<RaceEvaluation> races = new ArrayList<>();
        int[][] finishes = {{1, 2, 3, 4}, {2, 1, 3, 4}, {4, 3, 2, 1}};
        for (int r = 0; r < finishes.length; r++) {
            int raceId = 1121 + r;
            LocalDateTime start = LocalDateTime.of(2024, 3, 2 + 7 * r, 15, 0);
            List<EntrantRow> rows = new ArrayList<>();
            for (int driver = 1; driver <= 4; driver++) {
                int position = indexOf(finishes[r], driver) + 1;
                rows.add(new EntrantRow(raceId, 2024, r + 1, start, driver, 100 + driver, driver, position, true,
                        new double[0]));
            }
            List<PredictedEntrant> predicted = new ArrayList<>();
            for (int driver = 1; driver <= 4; driver++) {
                double win = kind == Variant.Kind.BASELINE ? Double.NaN : 0.25;
                double podium = kind == Variant.Kind.BASELINE ? Double.NaN : 0.75;
                predicted.add(new PredictedEntrant(driver, 100 + driver, driver, 5 - driver, win, podium, 0.05,
                        driver, driver + 1));
            }
            races.add(RaceEvaluation.of(RaceOutcome.of(rows), new RacePrediction(raceId, name, predicted)));
        }
        return VariantResult.of(name, kind, races, List.of());
    }

    /** The ensembles spec with a grid baseline and one model, tracked in a local store. */
    static ExperimentResult experiment() {
        ExperimentSpec spec = ExperimentSpec.read(Path.of(System.getProperty("pitwall.root", "."))
                .resolve("experiments/ensembles.json"));
        List<VariantResult> variants = List.of(variant("grid", Variant.Kind.BASELINE),
                variant("rf-position <tuned>", Variant.Kind.MODEL));
        BacktestResult backtest = new BacktestResult(BacktestOptions.defaults(), spec.featureSet(), variants,
                Duration.ofSeconds(3));
        return new ExperimentResult(spec, "0123456789abcdef0123", "./mlruns", "1", "run-42",
                Map.of("grid", "run-43", "rf-position <tuned>", "run-44"), backtest, null, backtest.compare(Metric.SPEARMAN),
                23_456);
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        throw new IllegalArgumentException(value + " not in the finishing order");
    }
}
