package pitwall.model;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureDef;
import pitwall.features.FeatureSet;

/**
 * Synthetic seasons where the finish is a noisy function of a hidden driver pace: qualifying (and so the grid)
 * reflects the pace with little noise, the race with more. Features mimic the real post-qualifying set, plus
 * pure-noise columns to reach a realistic width.
 */
final class Synthetic {

    static final List<String> CORE = List.of("grid", "qualiPosition", "championshipPoints", "championshipPosition",
            "lastFinish", "starts");
    static final int RACES_PER_SEASON = 20;
    private static final double[] POINTS = {25, 18, 15, 12, 10, 8, 6, 4, 2, 1};

    static final FeatureSet GRID_SET = set(0);

    private Synthetic() {
    }

    /** The synthetic feature set: the core features, then {@code noise} columns named noise1, noise2, … */
    static FeatureSet set(int noise) {
        List<FeatureDef> defs = new ArrayList<>();
        for (String name : CORE) {
            defs.add(new FeatureDef(name, "synthetic " + name, "synthetic", "none"));
        }
        for (int k = 1; k <= noise; k++) {
            defs.add(new FeatureDef("noise" + k, "pure noise", "none", "none"));
        }
        return new FeatureSet("synthetic-" + noise, defs);
    }

    static List<EntrantRow> gridRaces(int races, int entrants, long seed) {
        return races(races, entrants, 0, seed);
    }

    /** {@code races} consecutive races of {@code entrants} drivers, seasons of 20 races, from 2000 on. */
    static List<EntrantRow> races(int races, int entrants, int noise, long seed) {
        return races(races, entrants, noise, 1.0, seed);
    }

    /**
     * Like {@link #races(int, int, int, long)} with the race-day noise given: the finish ranks pace + raceNoise ·
     * N(0,1) (pace itself is N(0,1) per driver), qualifying ranks pace + 0.3 · N(0,1).
     */
    static List<EntrantRow> races(int races, int entrants, int noise, double raceNoise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] pace = new double[entrants];
        for (int d = 0; d < entrants; d++) {
            pace[d] = random.nextGaussian();
        }
        double[] points = new double[entrants];
        double[] lastFinish = new double[entrants];
        Arrays.fill(lastFinish, entrants / 2.0);
        List<EntrantRow> rows = new ArrayList<>();
        for (int r = 0; r < races; r++) {
            int year = 2000 + r / RACES_PER_SEASON;
            int round = r % RACES_PER_SEASON + 1;
            if (round == 1) {
                Arrays.fill(points, 0);
            }
            int[] quali = ranks(pace, 0.3, random);
            int[] finish = ranks(pace, raceNoise, random);
            int[] championship = ranks(points, 0.0, random);
            LocalDateTime start = LocalDateTime.of(year, 3, 1, 14, 0).plusWeeks(round);
            for (int d = 0; d < entrants; d++) {
                double[] features = new double[CORE.size() + noise];
                features[0] = quali[d];
                features[1] = quali[d];
                features[2] = points[d];
                features[3] = championship[d];
                features[4] = lastFinish[d];
                features[5] = r;
                for (int k = 0; k < noise; k++) {
                    features[CORE.size() + k] = random.nextGaussian();
                }
                boolean classified = random.nextDouble() > 0.1 + 0.01 * quali[d];
                rows.add(new EntrantRow(1000 + r, year, round, start, 1 + d, 1 + d / 2, quali[d], finish[d],
                        classified, features));
            }
            for (int d = 0; d < entrants; d++) {
                points[d] += finish[d] <= POINTS.length ? POINTS[finish[d] - 1] : 0;
                lastFinish[d] = finish[d];
            }
        }
        return rows;
    }

    /** 1-based ranks of value + noise, highest first. */
    private static int[] ranks(double[] value, double noise, SplittableRandom random) {
        int n = value.length;
        double[] key = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            key[i] = value[i] + noise * random.nextGaussian();
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> key[i]).reversed());
        int[] rank = new int[n];
        for (int pos = 0; pos < n; pos++) {
            rank[order[pos]] = pos + 1;
        }
        return rank;
    }
}
