package pitwall.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import pitwall.model.PredictedEntrant;
import pitwall.model.RacePrediction;

/**
 * The metrics of one predicted race against its outcome, as docs/metrics.md#one-race defines them. Ranks are
 * 1-based: predicted rank = position in the prediction, actual rank = position by {@code positionOrder} among the
 * race's entrants.
 *
 * <ul>
 *   <li>{@code podium}, {@code top10}: |predicted top k ∩ actual top k| / k with k fixed at 3 and 10;</li>
 *   <li>{@code spearman}: 1 − 6·Σd² / (n(n²−1)), d = predicted rank − actual rank, over all n entrants;</li>
 *   <li>{@code mae}: mean |d|;</li>
 *   <li>{@code winLogLoss}: −ln p_win(actual winner), p clipped to [1e-15, 1 − 1e-15] (scikit-learn's historical
 *       default), probabilities taken as given (not renormalised);</li>
 *   <li>{@code winBrier}: mean over the race's entrants of (p_win − 1[won])², so one race with n entrants weighs the
 *       same as any other; a uniform guess over 20 scores 0.0475;</li>
 *   <li>{@code podiumBrier}: mean over entrants of (p_podium − 1[actual top 3])²;</li>
 *   <li>{@code dnfLogLoss}, {@code dnfBrier}: mean over entrants of the binary log loss (p clipped as above) and
 *       squared error of the served DNF probability against 1[not classified];</li>
 *   <li>{@code dnfBaseLogLoss}, {@code dnfBaseBrier}: the same for the fit's training base rate given to everyone,
 *       the bar the DNF probability has to clear.</li>
 * </ul>
 * Probability metrics are NaN when the model gave a NaN probability for an entrant; DNF metrics also when the
 * outcome's classification or the base rate is not known.
 */
public record RaceMetrics(int raceId, int year, int round, String model, int entrants, boolean winnerHit,
                          double podium, double top10, double spearman, double mae, double winLogLoss,
                          double winBrier, double podiumBrier, double dnfLogLoss, double dnfBrier,
                          double dnfBaseLogLoss, double dnfBaseBrier) {

    /** Probability clip of the win log loss, as scikit-learn's {@code log_loss} did by default. */
    public static final double LOG_LOSS_EPS = 1e-15;

    /**
     * Scores one prediction against the race's outcome.
     *
     * @throws IllegalArgumentException when the prediction is for another race or does not hold exactly the race's
     *                                  entrants
     */
    public static RaceMetrics of(RacePrediction prediction, RaceOutcome outcome) {
        return of(prediction, outcome, Double.NaN);
    }

    /**
     * Scores one prediction, and its DNF probabilities beside {@code dnfBaseRate}, the share of unclassified
     * entrants in the rows the model was fitted on (NaN when not known).
     */
    public static RaceMetrics of(RacePrediction prediction, RaceOutcome outcome, double dnfBaseRate) {
        requireSameEntrants(prediction, outcome);
        List<Integer> predicted = prediction.order();
        List<Integer> actual = outcome.finishingOrder();
        Map<Integer, Integer> actualRank = outcome.ranks();
        int n = actual.size();

        double sumSquared = 0;
        double sumAbs = 0;
        for (int i = 0; i < n; i++) {
            int d = (i + 1) - actualRank.get(predicted.get(i));
            sumSquared += (double) d * d;
            sumAbs += Math.abs(d);
        }
        double spearman = 1 - 6 * sumSquared / ((double) n * ((double) n * n - 1));

        double winnerProb = Double.NaN;
        double winBrier = 0;
        double podiumBrier = 0;
        double dnfLogLoss = 0;
        double dnfBrier = 0;
        double dnfBaseLogLoss = 0;
        double dnfBaseBrier = 0;
        Set<Integer> unclassified = outcome.unclassified();
        for (PredictedEntrant e : prediction.entrants()) {
            int rank = actualRank.get(e.driverId());
            if (rank == 1) {
                winnerProb = e.winProb();
            }
            winBrier += square(e.winProb() - (rank == 1 ? 1 : 0));
            podiumBrier += square(e.podiumProb() - (rank <= 3 ? 1 : 0));
            boolean dnf = unclassified != null && unclassified.contains(e.driverId());
            dnfLogLoss += binaryLogLoss(e.dnfProb(), dnf);
            dnfBrier += square(e.dnfProb() - (dnf ? 1 : 0));
            dnfBaseLogLoss += binaryLogLoss(dnfBaseRate, dnf);
            dnfBaseBrier += square(dnfBaseRate - (dnf ? 1 : 0));
        }
        double known = unclassified == null ? Double.NaN : 1.0;
        return new RaceMetrics(outcome.raceId(), outcome.year(), outcome.round(), prediction.model(), n,
                predicted.getFirst().equals(outcome.winner()),
                overlap(predicted, actual, 3), overlap(predicted, actual, 10),
                spearman, sumAbs / n, logLoss(winnerProb), winBrier / n, podiumBrier / n,
                known * dnfLogLoss / n, known * dnfBrier / n, known * dnfBaseLogLoss / n, known * dnfBaseBrier / n);
    }

    /** −ln p when it happened, −ln(1 − p) when not; p clipped as {@link #logLoss}; NaN for a NaN p. */
    static double binaryLogLoss(double p, boolean happened) {
        return logLoss(happened ? p : 1 - p);
    }

    /** The value of one metric for this race. */
    public double value(Metric metric) {
        return metric.of(this);
    }

    /** |top k of a ∩ top k of b| / k; k stays fixed (a race with fewer than k entrants cannot reach 1). */
    static double overlap(List<Integer> a, List<Integer> b, int k) {
        Set<Integer> top = new HashSet<>(a.subList(0, Math.min(k, a.size())));
        top.retainAll(b.subList(0, Math.min(k, b.size())));
        return top.size() / (double) k;
    }

    static double logLoss(double p) {
        if (Double.isNaN(p)) {
            return Double.NaN;
        }
        return -Math.log(Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS));
    }

    private static double square(double x) {
        return x * x;
    }

    private static void requireSameEntrants(RacePrediction prediction, RaceOutcome outcome) {
        if (prediction.raceId() != outcome.raceId()) {
            throw new IllegalArgumentException("prediction of model " + prediction.model() + " is for race "
                    + prediction.raceId() + " but the outcome is of race " + outcome.raceId());
        }
        Set<Integer> predicted = new TreeSet<>(prediction.order());
        Set<Integer> actual = new TreeSet<>(outcome.finishingOrder());
        if (predicted.size() != prediction.entrants().size() || !predicted.equals(actual)) {
            Set<Integer> extra = new TreeSet<>(predicted);
            extra.removeAll(actual);
            Set<Integer> missing = new TreeSet<>(actual);
            missing.removeAll(predicted);
            throw new IllegalArgumentException("model " + prediction.model() + ", race " + outcome.raceId() + " ("
                    + outcome.label() + "): the prediction must order exactly the race's entrants; predicted "
                    + prediction.entrants().size() + " rows, not entrants " + extra + ", missing " + missing);
        }
    }
}
