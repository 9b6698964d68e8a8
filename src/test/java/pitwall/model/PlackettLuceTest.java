package pitwall.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlackettLuceTest {

    private static final double[] SCORES = {3.0, 2.5, 1.0, 0.0, -0.5, -2.0, 0.7};

    @Test
    void winIsTheSoftmaxAndSumsToOne() {
        double[] win = PlackettLuce.winProbabilities(SCORES, 1.0);
        double total = Arrays.stream(SCORES).map(Math::exp).sum();
        for (int i = 0; i < SCORES.length; i++) {
            assertEquals(Math.exp(SCORES[i]) / total, win[i], 1e-12);
        }
        assertEquals(1.0, Arrays.stream(win).sum(), 1e-12);
    }

    @Test
    void podiumIsExactSumsToThreeAndMatchesSampling() {
        double[] podium = PlackettLuce.podiumProbabilities(SCORES, 1.5);
        assertEquals(3.0, Arrays.stream(podium).sum(), 1e-9);

        // Monte Carlo check of the exact formula with the Gumbel trick.
        double[] hits = new double[SCORES.length];
        SplittableRandom random = new SplittableRandom(5);
        int draws = 200_000;
        for (int s = 0; s < draws; s++) {
            double[] keys = new double[SCORES.length];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = SCORES[i] / 1.5 - Math.log(-Math.log(random.nextDouble()));
            }
            double third = Arrays.stream(keys).sorted().toArray()[keys.length - 3];
            for (int i = 0; i < keys.length; i++) {
                hits[i] += keys[i] >= third ? 1.0 / draws : 0;
            }
        }
        assertArrayEquals(hits, podium, 0.005);
    }

    /** The temperature search's cheaper podium: the served probabilities to within rounding, ties and runaways too. */
    @Test
    void theSearchPodiumIsTheServedOneToWithinRounding() {
        SplittableRandom random = new SplittableRandom(2025);
        for (int n = 1; n <= 24; n++) {
            for (double temperature : new double[] {0.01, 0.3, 1.0, 4.0}) {
                double[] scores = new double[n];
                for (int i = 0; i < n; i++) {
                    scores[i] = n % 3 == 0 ? Math.floor(random.nextDouble() * 3) : random.nextGaussian() * 5;
                }
                if (n % 4 == 0) {
                    scores[0] = 1e4; // a runaway favourite: everyone else underflows in linear space
                }
                double[] served = PlackettLuce.podiumProbabilities(scores, temperature);
                double[] searched = PlackettLuce.searchPodiumProbabilities(scores, temperature);
                assertArrayEquals(served, searched, 1e-12, "n " + n + ", temperature " + temperature);
                assertEquals(Math.min(3, n), Arrays.stream(searched).sum(), 1e-9);
            }
        }
    }

    @Test
    void smallFieldsPutEveryoneOnThePodium() {
        assertArrayEquals(new double[] {1, 1}, PlackettLuce.podiumProbabilities(new double[] {5, -5}, 1), 1e-12);
        assertArrayEquals(new double[] {1}, PlackettLuce.podiumProbabilities(new double[] {0}, 1), 1e-12);
    }

    @Test
    void extremeScoresStayFiniteAndCoherent() {
        double[] scores = {1e6, 0, -1e6, 3};
        PlackettLuce.Odds odds = new PlackettLuce(0.01, 500, 1).odds(1, scores);
        assertEquals(1.0, Arrays.stream(odds.win()).sum(), 1e-12);
        assertEquals(3.0, Arrays.stream(odds.podium()).sum(), 1e-9);
        assertEquals(1.0, odds.win()[0]);
        assertEquals(1.0, odds.intervalLow()[0]);
        assertEquals(1.0, odds.intervalHigh()[0]);
        assertEquals(4.0, odds.intervalLow()[2]);
    }

    @Test
    void intervalsAreSeededPerRace() {
        PlackettLuce pl = new PlackettLuce(2.0, 2_000, 42);
        PlackettLuce.Odds a = pl.odds(7, SCORES);
        PlackettLuce.Odds b = pl.odds(7, SCORES);
        assertArrayEquals(a.intervalLow(), b.intervalLow());
        assertArrayEquals(a.intervalHigh(), b.intervalHigh());
        for (int i = 0; i < SCORES.length; i++) {
            assertTrue(a.intervalLow()[i] <= a.intervalHigh()[i]);
        }
        // the favourite's interval starts at the front, the outsider's ends at the back
        assertEquals(1.0, a.intervalLow()[0]);
        assertEquals(SCORES.length, a.intervalHigh()[5]);
    }

    @Test
    void fitTemperatureRecoversTheTemperatureThatGeneratedTheWinners() {
        SplittableRandom random = new SplittableRandom(11);
        double trueTemperature = 2.0;
        List<PlackettLuce.Calibration> races = new ArrayList<>();
        for (int r = 0; r < 3_000; r++) {
            double[] scores = new double[20];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = 3 * random.nextGaussian();
            }
            double[] win = PlackettLuce.winProbabilities(scores, trueTemperature);
            double u = random.nextDouble();
            int winner = 0;
            for (double cumulative = win[0]; cumulative < u && winner < scores.length - 1; ) {
                cumulative += win[++winner];
            }
            races.add(new PlackettLuce.Calibration(scores, winner));
        }
        double fitted = PlackettLuce.fitTemperature(races);
        assertEquals(trueTemperature, fitted, trueTemperature * 0.2, "fitted " + fitted);
    }

    @Test
    void fitTemperatureWithoutDataIsTheDefault() {
        assertEquals(PlackettLuce.DEFAULT_TEMPERATURE, PlackettLuce.fitTemperature(List.of()));
        assertEquals(PlackettLuce.DEFAULT_TEMPERATURE,
                PlackettLuce.fitTemperature(List.of(new PlackettLuce.Calibration(new double[] {1, 1}, 0))));
    }

    @Test
    void rejectsBadSettings() {
        var error = assertThrows(IllegalArgumentException.class, () -> new PlackettLuce(0, 10, 1));
        assertTrue(error.getMessage().contains("temperature"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PlackettLuce(Double.NaN, 10, 1));
        var samples = assertThrows(IllegalArgumentException.class, () -> new PlackettLuce(1, 0, 1));
        assertTrue(samples.getMessage().contains("samples"), samples.getMessage());
    }
}
