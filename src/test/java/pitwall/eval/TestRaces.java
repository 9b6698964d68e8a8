package pitwall.eval;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureDef;
import pitwall.features.FeatureSet;
import pitwall.model.PredictedEntrant;
import pitwall.model.RacePrediction;

/** Hand-made races and predictions for the metric and walk-forward tests. */
final class TestRaces {

    static final FeatureSet NO_FEATURES = new FeatureSet("none", List.of());
    static final FeatureSet GRID_ONLY = new FeatureSet("grid-only",
            List.of(new FeatureDef("grid", "starting slot", "this race", "pit lane = 0")));

    private TestRaces() {}

    /** A finished race; drivers listed in finishing order, grid slot = driverId, rows sorted by driverId. */
    static List<EntrantRow> finished(int raceId, int year, int round, LocalDateTime start, int... finishingOrder) {
        List<EntrantRow> rows = new ArrayList<>();
        for (int i = 0; i < finishingOrder.length; i++) {
            int driver = finishingOrder[i];
            rows.add(new EntrantRow(raceId, year, round, start, driver, 100 + driver, driver, i + 1, true,
                    new double[0]));
        }
        rows.sort(Comparator.comparingInt(EntrantRow::driverId));
        return rows;
    }

    /** An upcoming race: entrants known, no outcome. */
    static List<EntrantRow> upcoming(int raceId, int year, int round, LocalDateTime start, int... drivers) {
        List<EntrantRow> rows = new ArrayList<>();
        for (int driver : drivers) {
            rows.add(new EntrantRow(raceId, year, round, start, driver, 100 + driver, null, null, null,
                    new double[0]));
        }
        return rows;
    }

    static RaceOutcome outcome(int raceId, int... finishingOrder) {
        return RaceOutcome.of(finished(raceId, 2024, 1, LocalDateTime.of(2024, 3, 2, 15, 0), finishingOrder));
    }

    /** A prediction in the given order with uniform probabilities (win 1/n, podium 3/n). */
    static RacePrediction predicted(int raceId, int... order) {
        double n = order.length;
        double[] win = new double[order.length];
        double[] podium = new double[order.length];
        java.util.Arrays.fill(win, 1 / n);
        java.util.Arrays.fill(podium, Math.min(3, n) / n);
        return predicted(raceId, order, win, podium);
    }

    /** A prediction in the given order with the given probabilities (index = predicted position − 1). */
    static RacePrediction predicted(int raceId, int[] order, double[] win, double[] podium) {
        List<PredictedEntrant> entrants = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            entrants.add(new PredictedEntrant(order[i], 100 + order[i], i + 1, -i, win[i], podium[i], 0.1,
                    Math.max(1, i - 1), i + 3));
        }
        return new RacePrediction(raceId, "test", entrants);
    }

    static int[] range(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).toArray();
    }

    static int[] reversed(int[] order) {
        int[] r = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            r[i] = order[order.length - 1 - i];
        }
        return r;
    }
}
