package pitwall.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import pitwall.model.PredictedEntrant;

/**
 * How well one kind of probability (win or podium) is calibrated over a backtest's races: every entrant of every
 * race is one forecast, put in one of {@link #BINS} equal-width bins of its predicted probability
 * ([0, 0.1), [0.1, 0.2), … [0.9, 1]); per bin the count, the mean predicted probability and the observed frequency.
 * The expected calibration error is {@code ECE = Σ_bins count / N · |observed − mean predicted|} (docs/metrics.md).
 *
 * @param event what the probability is of: {@code win} or {@code podium}
 * @param bins  all {@link #BINS} bins, empty ones included (count 0, means NaN)
 * @param ece   NaN when there is no forecast or any probability is NaN
 */
public record Reliability(String event, List<Bin> bins, int forecasts, double ece) {

    public static final int BINS = 10;

    public Reliability {
        bins = List.copyOf(bins);
    }

    /** One bin: forecasts with lower ≤ p < upper (the last bin includes 1). */
    public record Bin(int index, double lower, double upper, int count, double meanPredicted, double observed) {
    }

    /** Win probabilities against the actual winners. */
    public static Reliability win(List<RaceEvaluation> races) {
        return of("win", races, PredictedEntrant::winProb, 1);
    }

    /** Podium probabilities against the actual top three. */
    public static Reliability podium(List<RaceEvaluation> races) {
        return of("podium", races, PredictedEntrant::podiumProb, 3);
    }

    /** The reliability of {@code probability} for the event "actual rank ≤ {@code topK}". */
    static Reliability of(String event, List<RaceEvaluation> races, ToDoubleFunction<PredictedEntrant> probability,
                          int topK) {
        int[] count = new int[BINS];
        double[] predicted = new double[BINS];
        int[] happened = new int[BINS];
        int forecasts = 0;
        boolean unknown = false;
        for (RaceEvaluation race : races) {
            Map<Integer, Integer> ranks = race.outcome().ranks();
            for (PredictedEntrant e : race.prediction().entrants()) {
                double p = probability.applyAsDouble(e);
                forecasts++;
                if (Double.isNaN(p)) {
                    unknown = true;
                    continue;
                }
                int bin = bin(p);
                count[bin]++;
                predicted[bin] += p;
                happened[bin] += ranks.get(e.driverId()) <= topK ? 1 : 0;
            }
        }
        List<Bin> bins = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            double mean = count[b] == 0 ? Double.NaN : predicted[b] / count[b];
            double observed = count[b] == 0 ? Double.NaN : (double) happened[b] / count[b];
            bins.add(new Bin(b, (double) b / BINS, (double) (b + 1) / BINS, count[b], mean, observed));
            if (count[b] > 0) {
                ece += (double) count[b] / forecasts * Math.abs(observed - mean);
            }
        }
        return new Reliability(event, bins, forecasts, unknown || forecasts == 0 ? Double.NaN : ece);
    }

    /** The bin of a probability: floor(10 p), with 1 in the last bin (and anything outside [0, 1] clamped). */
    static int bin(double p) {
        return Math.clamp((int) Math.floor(p * BINS), 0, BINS - 1);
    }
}
