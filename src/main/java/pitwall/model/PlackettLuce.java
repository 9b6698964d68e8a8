package pitwall.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * A Plackett–Luce distribution over finishing orders, built from per-entrant scores: entrant {@code i} has weight
 * {@code exp(score_i / temperature)}, the winner is drawn in proportion to the weights, then second among the
 * rest, and so on.
 *
 * <p>What is derived, and how:
 * <ul>
 *   <li>win probability: closed form, the softmax of {@code score / temperature} (sums to 1);</li>
 *   <li>podium probability: exact, summing the PL probability of every ordered top three (O(n³), about 7,000
 *       terms for 20 entrants), so it sums to {@code min(3, n)}, is never below the win probability and carries
 *       no sampling noise (cheaper and steadier than estimating it from the samples);</li>
 *   <li>finishing-position interval: the 10th and 90th percentiles of the position over {@code samples} seeded
 *       Monte Carlo orders (Gumbel trick: sorting {@code score / T + Gumbel noise} descending is a PL draw).</li>
 * </ul>
 * The temperature is fitted on training races by {@link #fitTemperature}; the podium may use a temperature of its
 * own ({@link #fitPodiumTemperature}), since one temperature fitted to the winners leaves the top three overconfident.
 *
 * @param temperature        divides the scores for the win probability and the interval; larger means flatter
 * @param samples            Monte Carlo orders per race for the interval
 * @param seed               base seed; each race mixes in its raceId so races draw independent, reproducible noise
 * @param podiumTemperature  divides the scores for the podium probability; 0 (bundles written before it existed)
 *                           means {@code temperature}
 */
public record PlackettLuce(double temperature, int samples, long seed, double podiumTemperature)
        implements Serializable {

    /**
     * Enough for the 10 % and 90 % position quantiles (standard error about 1.3 points of probability) while
     * keeping a 20-entrant prediction near a quarter of a millisecond: the predictor serves thousands a second.
     */
    public static final int DEFAULT_SAMPLES = 500;
    /** Lower and upper quantiles of the position interval: an 80 % central interval. */
    public static final double INTERVAL_LOW = 0.10;
    public static final double INTERVAL_HIGH = 0.90;

    /** One temperature for win and podium. */
    public PlackettLuce(double temperature, int samples, long seed) {
        this(temperature, samples, seed, temperature);
    }

    public PlackettLuce {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a positive finite number, got " + temperature);
        }
        if (podiumTemperature == 0) {
            podiumTemperature = temperature;
        }
        if (!(podiumTemperature > 0) || Double.isInfinite(podiumTemperature)) {
            throw new IllegalArgumentException("podium temperature must be a positive finite number, got "
                    + podiumTemperature);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }
    }

    /** Per-entrant probabilities of one race, in the order of the scores given. */
    public record Odds(double[] win, double[] podium, double[] intervalLow, double[] intervalHigh) {
    }

    /** Win, podium and position interval for one race's scores. */
    public Odds odds(int raceId, double[] scores) {
        double[] win = winProbabilities(scores, temperature);
        double[] podium = podiumProbabilities(scores, podiumTemperature);
        if (podiumTemperature != temperature) {
            atLeastWin(podium, win);
        }
        double[][] interval = positionIntervals(scores, raceSeed(raceId));
        return new Odds(win, podium, interval[0], interval[1]);
    }

    /** Softmax of {@code scores / temperature}, computed stably (max subtracted). */
    public static double[] winProbabilities(double[] scores, double temperature) {
        double[] w = weights(scores, temperature);
        double total = Arrays.stream(w).sum();
        for (int i = 0; i < w.length; i++) {
            w[i] /= total;
        }
        return w;
    }

    /**
     * Exact probability of each entrant finishing in the top three: the sum over ordered (first, second) pairs of
     * P(first) · P(second | first) · P(entrant third | first, second), each conditional a softmax over the entrants
     * left, taken in log space so that a runaway favourite does not underflow everyone else to zero.
     *
     * <p>The log-sum-exps over "everyone but j and k" subtract the largest weight left, which is one of the three
     * largest weights; the terms {@code exp(logW[i] - max)} are therefore computed once per such maximum and summed
     * in the same order as before, so the result is the same to the last bit at half the exponentials.
     */
    public static double[] podiumProbabilities(double[] scores, double temperature) {
        return podium(scores, temperature, false);
    }

    /**
     * The podium probabilities the temperature search compares: {@link #podiumProbabilities(double[], double)} to
     * within rounding, in O(n²) instead of O(n³). The search compares likelihoods on a coarse grid, where rounding
     * cannot change the choice; what is served keeps its bits.
     */
    static double[] searchPodiumProbabilities(double[] scores, double temperature) {
        return podium(scores, temperature, true);
    }

    /**
     * With {@code closedForm}, third place is summed in closed form: given the winner j, every runner-up k but j's
     * strongest rival r leaves r as the largest weight, so with e_i = exp(logW_i − logW_r) and R = Σ_{i≠j} e_i,
     * P(i third | j, k) = e_i / (R − e_k), and the sum over those k of P(k second | j) · P(i third | j, k) is
     * e_i · (Σ_k s_k − s_i) with s_k = P(k second | j) / (R − e_k). R − e_k ≥ 1 (e_r = 1, e_k ≤ 1): no cancellation.
     */
    private static double[] podium(double[] scores, double temperature, boolean closedForm) {
        int n = scores.length;
        double[] logW = logWeights(scores, temperature);
        ExpTerms terms = new ExpTerms(logW);
        double[] podium = new double[n];
        double[] share = new double[n];
        double logTotal = terms.logSumExp(-1, -1);
        for (int j = 0; j < n; j++) {
            double pFirst = Math.exp(logW[j] - logTotal);
            podium[j] += pFirst;
            if (pFirst == 0 || n < 2) {
                continue;
            }
            double logRestJ = terms.logSumExp(j, -1);
            int rival = closedForm ? terms.largestOtherThan(j) : -1;
            double[] e = closedForm ? terms.termsFor(logW[rival]) : null;
            double restJ = closedForm ? terms.sumWithout(e, j, -1) : 0;
            double shares = 0;
            for (int k = 0; k < n; k++) {
                if (k == j) {
                    continue;
                }
                double pSecond = pFirst * Math.exp(logW[k] - logRestJ);
                podium[k] += pSecond;
                if (pSecond == 0 || n < 3) {
                    continue;
                }
                if (closedForm && k != rival) {
                    share[k] = pSecond / (restJ - e[k]);
                    shares += share[k];
                    continue;
                }
                double logRestJK = terms.logSumExp(j, k);
                for (int i = 0; i < n; i++) {
                    if (i != j && i != k) {
                        podium[i] += pSecond * Math.exp(logW[i] - logRestJK);
                    }
                }
            }
            if (closedForm) {
                for (int i = 0; i < n; i++) {
                    if (i != j) {
                        podium[i] += e[i] * (shares - share[i]);
                    }
                }
                Arrays.fill(share, 0);
            }
        }
        return atMostOne(podium);
    }

    private static double[] logWeights(double[] scores, double temperature) {
        double[] logW = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            logW[i] = scores[i] / temperature;
        }
        return logW;
    }

    /** Rounding can take a certain podium a hair past 1. */
    private static double[] atMostOne(double[] podium) {
        for (int i = 0; i < podium.length; i++) {
            podium[i] = Math.min(1.0, podium[i]);
        }
        return podium;
    }

    /**
     * With two temperatures an entrant's podium probability could fall below its win probability: raises each such
     * one to its win probability and takes what that adds from the others in proportion to how far they are above
     * theirs, so the podium still sums to what it did (min(3, n); Σ win = 1 ≤ that, so there is always room).
     */
    static void atLeastWin(double[] podium, double[] win) {
        double deficit = 0;
        double headroom = 0;
        for (int i = 0; i < podium.length; i++) {
            if (podium[i] < win[i]) {
                deficit += win[i] - podium[i];
            } else {
                headroom += podium[i] - win[i];
            }
        }
        if (deficit == 0 || headroom == 0) {
            return;
        }
        double share = deficit / headroom;
        for (int i = 0; i < podium.length; i++) {
            podium[i] = podium[i] < win[i] ? win[i] : podium[i] - share * (podium[i] - win[i]);
        }
    }

    /**
     * log Σ exp(x_i) over i other than {@code skipA} and {@code skipB}, max subtracted for stability, with the terms
     * {@code exp(x_i - max)} kept per maximum (bit for bit what a fresh computation gives: same operands, same
     * order of summation).
     */
    private static final class ExpTerms {
        private final double[] x;
        private final long[] maxBits = new long[4];
        private final double[][] terms = new double[4][];
        private int cached;

        /** Indices of the three largest x (-1 past the end), largest first. */
        private final int[] largest = {-1, -1, -1};

        ExpTerms(double[] x) {
            this.x = x;
            for (int i = 0; i < x.length; i++) {
                int slot = 3;
                while (slot > 0 && (largest[slot - 1] < 0 || Double.compare(x[i], x[largest[slot - 1]]) > 0)) {
                    slot--;
                }
                if (slot < 3) {
                    System.arraycopy(largest, slot, largest, slot + 1, 2 - slot);
                    largest[slot] = i;
                }
            }
        }

        double logSumExp(int skipA, int skipB) {
            double max = maxWithout(skipA, skipB);
            return max + Math.log(sumWithout(termsFor(max), skipA, skipB));
        }

        double sumWithout(double[] e, int skipA, int skipB) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                if (i != skipA && i != skipB) {
                    sum += e[i];
                }
            }
            return sum;
        }

        /** The largest x other than {@code skip}'s (its index). */
        int largestOtherThan(int skip) {
            return largest[0] != skip ? largest[0] : largest[1];
        }

        /** With two entrants left out, the largest of the rest is one of the three largest: no scan needed. */
        private double maxWithout(int skipA, int skipB) {
            for (int i : largest) {
                if (i >= 0 && i != skipA && i != skipB) {
                    return x[i];
                }
            }
            return Double.NEGATIVE_INFINITY;
        }

        private double[] termsFor(double max) {
            long bits = Double.doubleToRawLongBits(max);
            for (int c = 0; c < cached; c++) {
                if (maxBits[c] == bits) {
                    return terms[c];
                }
            }
            double[] e = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                e[i] = Math.exp(x[i] - max);
            }
            if (cached < terms.length) { // at most three distinct maxima occur; the slot count is only a bound
                maxBits[cached] = bits;
                terms[cached++] = e;
            }
            return e;
        }
    }

    /** Row 0: 10th-percentile position, row 1: 90th-percentile position (1 = winner), by seeded sampling. */
    double[][] positionIntervals(double[] scores, long raceSeed) {
        int n = scores.length;
        int[][] counts = new int[n][n];
        SplittableRandom random = new SplittableRandom(raceSeed);
        double[] keys = new double[n];
        double[] scaled = new double[n];
        for (int i = 0; i < n; i++) {
            scaled[i] = scores[i] / temperature;
        }
        int[] order = new int[n];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < n; i++) {
                // Gumbel(0,1) noise is -log(E) with E ~ Exp(1); nextExponential (ziggurat) spares one of the two
                // logarithms of the textbook -log(-log(u)), which dominated the cost of a prediction.
                keys[i] = scaled[i] - Math.log(random.nextExponential());
            }
            sortDescending(keys, order);
            for (int pos = 0; pos < n; pos++) {
                counts[order[pos]][pos]++;
            }
        }
        double[][] interval = new double[2][n];
        for (int i = 0; i < n; i++) {
            interval[0][i] = quantile(counts[i], INTERVAL_LOW * samples);
            interval[1][i] = quantile(counts[i], INTERVAL_HIGH * samples);
        }
        return interval;
    }

    /** Fills {@code order} with indices by key, highest first: insertion sort, fast for a field of ~20. */
    private static void sortDescending(double[] keys, int[] order) {
        for (int i = 0; i < keys.length; i++) {
            int j = i;
            while (j > 0 && keys[order[j - 1]] < keys[i]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
    }

    /** Smallest position whose cumulative count reaches {@code target}. */
    private static int quantile(int[] countsByPosition, double target) {
        int cumulative = 0;
        for (int pos = 0; pos < countsByPosition.length; pos++) {
            cumulative += countsByPosition[pos];
            if (cumulative >= target) {
                return pos + 1;
            }
        }
        return countsByPosition.length;
    }

    private long raceSeed(int raceId) {
        return seed ^ (0x9E3779B97F4A7C15L * (raceId + 1L));
    }

    private static double[] weights(double[] scores, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double[] w = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            w[i] = Math.exp((scores[i] - max) / temperature);
        }
        return w;
    }

    // ---- temperature fitting ----

    /**
     * One training race for calibration: entrant scores, the index of the actual winner among them and, when known,
     * the indices of the actual top three (null: only the winner is known, the podium temperature is not fitted).
     */
    public record Calibration(double[] scores, int winner, int[] podium) {
        public Calibration {
            if (winner < 0 || winner >= scores.length) {
                throw new IllegalArgumentException("winner index " + winner + " outside 0.." + (scores.length - 1));
            }
        }

        public Calibration(double[] scores, int winner) {
            this(scores, winner, null);
        }
    }

    /** Fits the win temperature and then the podium temperature on the same races. */
    public static PlackettLuce fitted(List<Calibration> races, int samples, long seed) {
        double temperature = fitTemperature(races);
        return new PlackettLuce(temperature, samples, seed, fitPodiumTemperature(races, temperature));
    }

    /**
     * The podium temperature maximising the Bernoulli log-likelihood of who finished in the top three (each
     * entrant's podium probability against whether it was there, probabilities clipped to [1e-15, 1 − 1e-15]), over
     * {@code temperature} × 2^(k/4), k = −4..8; ties and races without a known top three keep {@code temperature}.
     */
    public static double fitPodiumTemperature(List<Calibration> races, double temperature) {
        List<Calibration> known = races.stream().filter(r -> r.podium() != null && r.scores().length > 3).toList();
        if (known.isEmpty()) {
            return temperature;
        }
        return mostLikely(temperature, podiumLogLikelihood(known, temperature), temperature, -4, 8,
                t -> podiumLogLikelihood(known, t));
    }

    /** Sum over races and entrants of the log-probability of being in (or out of) the actual top three (search only). */
    static double podiumLogLikelihood(List<Calibration> races, double temperature) {
        double sum = 0;
        for (Calibration race : races) {
            double[] p = searchPodiumProbabilities(race.scores(), temperature);
            boolean[] onPodium = new boolean[p.length];
            for (int i : race.podium()) {
                onPodium[i] = true;
            }
            for (int i = 0; i < p.length; i++) {
                double q = Math.min(Math.max(onPodium[i] ? p[i] : 1 - p[i], 1e-15), 1 - 1e-15);
                sum += Math.log(q);
            }
        }
        return sum;
    }

    /** Temperature used when there is nothing to fit on (no races, or scores that never differ). */
    public static final double DEFAULT_TEMPERATURE = 1.0;

    /**
     * The temperature maximising the summed log-probability of the actual winners, searched over a fixed grid:
     * the score scale (root mean square of within-race deviations) times 2^(k/4), k = −16..12. Deterministic;
     * ties go to the smaller temperature. Scaling the grid by the scores keeps it right for any score unit
     * (grid slots, normalised positions, log-odds).
     */
    public static double fitTemperature(List<Calibration> races) {
        double scale = scoreScale(races);
        if (races.isEmpty() || !(scale > 0)) {
            return DEFAULT_TEMPERATURE;
        }
        return mostLikely(DEFAULT_TEMPERATURE, Double.NEGATIVE_INFINITY, scale, -16, 12,
                t -> winLogLikelihood(races, t));
    }

    /**
     * The grid search of both temperature fits: {@code base} × 2^(k/4) for k = {@code from}..{@code to} in order,
     * starting from {@code best} at {@code bestLogLik}; only a strictly higher log-likelihood moves the best, so ties
     * keep the earlier temperature (and k = 0, {@code base} itself, never displaces a {@code best} equal to it).
     */
    private static double mostLikely(double best, double bestLogLik, double base, int from, int to,
                                     DoubleUnaryOperator logLikelihood) {
        for (int k = from; k <= to; k++) {
            double t = base * Math.pow(2, k / 4.0);
            double logLik = logLikelihood.applyAsDouble(t);
            if (logLik > bestLogLik) {
                bestLogLik = logLik;
                best = t;
            }
        }
        return best;
    }

    /** Sum over races of log P(actual winner wins). */
    public static double winLogLikelihood(List<Calibration> races, double temperature) {
        double sum = 0;
        for (Calibration race : races) {
            double max = Arrays.stream(race.scores()).max().orElse(0);
            double total = 0;
            for (double s : race.scores()) {
                total += Math.exp((s - max) / temperature);
            }
            sum += (race.scores()[race.winner()] - max) / temperature - Math.log(total);
        }
        return sum;
    }

    private static double scoreScale(List<Calibration> races) {
        double squares = 0;
        long count = 0;
        for (Calibration race : races) {
            double mean = Arrays.stream(race.scores()).average().orElse(0);
            for (double s : race.scores()) {
                squares += (s - mean) * (s - mean);
                count++;
            }
        }
        return count == 0 ? 0 : Math.sqrt(squares / count);
    }
}
