package pitwall.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import pitwall.features.EntrantRow;

/** Spearman correlation of a predicted order with the actual one (docs/metrics.md#spearman). */
final class Spearman {

    private Spearman() {
    }

    static double of(RacePrediction prediction, List<EntrantRow> race) {
        Map<Integer, Integer> actual = new HashMap<>();
        for (EntrantRow row : race) {
            actual.put(row.driverId(), row.positionOrder());
        }
        List<Integer> order = prediction.order();
        int n = order.size();
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = (i + 1) - actual.get(order.get(i));
            squares += d * d;
        }
        return 1 - 6 * squares / (n * ((double) n * n - 1));
    }

    /** Mean Spearman of a model over races. */
    static double mean(RankingModel model, List<List<EntrantRow>> races) {
        return races.stream().mapToDouble(race -> of(model.predict(race), race)).average().orElseThrow();
    }
}
