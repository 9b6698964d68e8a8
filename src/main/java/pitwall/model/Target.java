package pitwall.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import pitwall.features.EntrantRow;

/** What a tree model learns from a finishing order. */
public enum Target {
    /**
     * Regression on the normalised finishing position {@code (positionOrder − 1) / (n − 1)}: 0 for the winner,
     * 1 for last, so races with 20 and 26 entrants share one scale. Score = −prediction.
     */
    POSITION,
    /** Classification of "won the race". Score = log-odds of winning. */
    WIN,
    /** Classification of "finished in the top three". Score = log-odds of a podium. */
    PODIUM;

    boolean isRegression() {
        return this == POSITION;
    }

    /** Normalised positions of training rows, race by race (n = entrants of that race in the rows). */
    static double[] normalisedPositions(List<EntrantRow> rows) {
        Map<Integer, Integer> entrants = new HashMap<>();
        for (EntrantRow row : rows) {
            entrants.merge(row.raceId(), 1, Integer::sum);
        }
        double[] y = new double[rows.size()];
        for (int i = 0; i < y.length; i++) {
            EntrantRow row = rows.get(i);
            int n = entrants.get(row.raceId());
            y[i] = n == 1 ? 0 : Math.min(1.0, (row.positionOrder() - 1) / (double) (n - 1));
        }
        return y;
    }

    /** 0/1 labels of training rows for a classification target. */
    int[] labels(List<EntrantRow> rows) {
        int cutoff = this == WIN ? 1 : 3;
        int[] y = new int[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i).positionOrder() <= cutoff ? 1 : 0;
        }
        return y;
    }
}
