package pitwall.eval;

import java.util.Objects;
import pitwall.model.RacePrediction;

/** One race of a backtest for one variant: what happened, what the variant predicted, and the score. */
public record RaceEvaluation(RaceOutcome outcome, RacePrediction prediction, RaceMetrics metrics) {
    public RaceEvaluation {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** Scores a prediction. */
    public static RaceEvaluation of(RaceOutcome outcome, RacePrediction prediction) {
        return new RaceEvaluation(outcome, prediction, RaceMetrics.of(prediction, outcome));
    }

    /** Scores a prediction, its DNF probabilities beside the training base rate {@code dnfBaseRate}. */
    public static RaceEvaluation of(RaceOutcome outcome, RacePrediction prediction, double dnfBaseRate) {
        return new RaceEvaluation(outcome, prediction, RaceMetrics.of(prediction, outcome, dnfBaseRate));
    }
}
