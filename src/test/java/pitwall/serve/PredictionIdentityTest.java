package pitwall.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import pitwall.model.PlackettLuce;

/**
 * The predictor's speed-ups must not move a single bit of a prediction. The Plackett–Luce odds (the bulk of a
 * prediction's cost) are compared here with the implementation they replaced, kept below verbatim as the
 * reference; {@link PredictionServerTest} compares the served answers with the bundle's own predictions.
 */
class PredictionIdentityTest {

    @Test
    void plackettLuceOddsAreBitForBitThoseOfTheReferenceImplementation() {
        SplittableRandom random = new SplittableRandom(20251005);
        double[] temperatures = {0.03, 0.08, 0.25, 1.0, 3.7};
        int cases = 0;
        for (int n = 1; n <= 26; n++) {
            for (double temperature : temperatures) {
                for (int variant = 0; variant < 3; variant++) {
                    double[] scores = new double[n];
                    for (int i = 0; i < n; i++) {
                        scores[i] = switch (variant) {
                            case 0 -> random.nextDouble(); // normalised ranks, as the average ensemble gives
                            case 1 -> random.nextGaussian() * 3; // log-odds
                            default -> Math.floor(random.nextDouble() * 4); // many exact ties
                        };
                    }
                    int raceId = 900 + n;
                    PlackettLuce pl = new PlackettLuce(temperature, 500, 42);
                    PlackettLuce.Odds odds = pl.odds(raceId, scores);
                    String where = "n " + n + ", temperature " + temperature + ", variant " + variant;
                    assertBits(Reference.winProbabilities(scores, temperature), odds.win(), "win, " + where);
                    assertBits(Reference.podiumProbabilities(scores, temperature), odds.podium(), "podium, " + where);
                    assertBits(Reference.podiumProbabilities(scores, temperature),
                            PlackettLuce.podiumProbabilities(scores, temperature), "podium (static), " + where);
                    double[][] interval = Reference.positionIntervals(scores, temperature, 500,
                            Reference.raceSeed(42, raceId));
                    assertBits(interval[0], odds.intervalLow(), "interval low, " + where);
                    assertBits(interval[1], odds.intervalHigh(), "interval high, " + where);
                    cases++;
                }
            }
        }
        assertEquals(26 * 5 * 3, cases);
    }

    private static void assertBits(double[] expected, double[] actual, String what) {
        assertArrayEquals(Arrays.stream(expected).mapToLong(Double::doubleToRawLongBits).toArray(),
                Arrays.stream(actual).mapToLong(Double::doubleToRawLongBits).toArray(), what);
    }

    /** {@code pitwall.model.PlackettLuce} as it was before the predictor was profiled (commit 717f09d). */
    private static final class Reference {

        static double[] winProbabilities(double[] scores, double temperature) {
            double max = Double.NEGATIVE_INFINITY;
            for (double s : scores) {
                max = Math.max(max, s);
            }
            double[] w = new double[scores.length];
            for (int i = 0; i < scores.length; i++) {
                w[i] = Math.exp((scores[i] - max) / temperature);
            }
            double total = Arrays.stream(w).sum();
            for (int i = 0; i < w.length; i++) {
                w[i] /= total;
            }
            return w;
        }

        static double[] podiumProbabilities(double[] scores, double temperature) {
            int n = scores.length;
            double[] logW = new double[n];
            for (int i = 0; i < n; i++) {
                logW[i] = scores[i] / temperature;
            }
            double[] podium = new double[n];
            double logTotal = logSumExp(logW, -1, -1);
            for (int j = 0; j < n; j++) {
                double pFirst = Math.exp(logW[j] - logTotal);
                podium[j] += pFirst;
                if (pFirst == 0 || n < 2) {
                    continue;
                }
                double logRestJ = logSumExp(logW, j, -1);
                for (int k = 0; k < n; k++) {
                    if (k == j) {
                        continue;
                    }
                    double pSecond = pFirst * Math.exp(logW[k] - logRestJ);
                    podium[k] += pSecond;
                    if (pSecond == 0 || n < 3) {
                        continue;
                    }
                    double logRestJK = logSumExp(logW, j, k);
                    for (int i = 0; i < n; i++) {
                        if (i != j && i != k) {
                            podium[i] += pSecond * Math.exp(logW[i] - logRestJK);
                        }
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                podium[i] = Math.min(1.0, podium[i]);
            }
            return podium;
        }

        private static double logSumExp(double[] x, int skipA, int skipB) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < x.length; i++) {
                if (i != skipA && i != skipB) {
                    max = Math.max(max, x[i]);
                }
            }
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                if (i != skipA && i != skipB) {
                    sum += Math.exp(x[i] - max);
                }
            }
            return max + Math.log(sum);
        }

        static double[][] positionIntervals(double[] scores, double temperature, int samples, long raceSeed) {
            int n = scores.length;
            int[][] counts = new int[n][n];
            SplittableRandom random = new SplittableRandom(raceSeed);
            int[] order = new int[n];
            double[] keys = new double[n];
            for (int s = 0; s < samples; s++) {
                for (int i = 0; i < n; i++) {
                    keys[i] = scores[i] / temperature - Math.log(random.nextExponential());
                }
                for (int i = 0; i < keys.length; i++) {
                    int j = i;
                    while (j > 0 && keys[order[j - 1]] < keys[i]) {
                        order[j] = order[j - 1];
                        j--;
                    }
                    order[j] = i;
                }
                for (int pos = 0; pos < n; pos++) {
                    counts[order[pos]][pos]++;
                }
            }
            double[][] interval = new double[2][n];
            for (int i = 0; i < n; i++) {
                interval[0][i] = quantile(counts[i], PlackettLuce.INTERVAL_LOW * samples);
                interval[1][i] = quantile(counts[i], PlackettLuce.INTERVAL_HIGH * samples);
            }
            return interval;
        }

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

        static long raceSeed(long seed, int raceId) {
            return seed ^ (0x9E3779B97F4A7C15L * (raceId + 1L));
        }
    }
}
