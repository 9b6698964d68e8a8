package pitwall.data;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/data/race/{raceId}/predictions}: stored predictions per model version (empty when none), and the
 * race's results state: whether it has results and when they first reached D1 (worker/API.md). Every time here is
 * the database's clock, so {@code createdAt} and {@code resultsArrivedAt} compare.
 *
 * @param resultsArrivedAt             null while no results arrived, or when they came before arrival tracking
 * @param resultsArrivedBeforeTracking the race had results before arrival times were recorded (time unknown)
 */
public record StoredPredictions(int raceId, boolean hasResults, Instant resultsArrivedAt,
                                boolean resultsArrivedBeforeTracking, List<ModelPredictions> models) {

    public StoredPredictions {
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** The predictions of one model version, if stored. */
    public Optional<ModelPredictions> model(String modelVersion) {
        return models.stream().filter(m -> m.modelVersion().equals(modelVersion)).findFirst();
    }

    /** One model version's predictions for the race, by predicted position. */
    public record ModelPredictions(String modelVersion, Instant createdAt, List<StoredPrediction> predictions) {
        public ModelPredictions {
            predictions = predictions == null ? List.of() : List.copyOf(predictions);
        }
    }

    /** A stored prediction row. */
    public record StoredPrediction(int driverId, int predictedPosition, double winProb, double podiumProb,
                                   Double dnfProb, Double intervalLow, Double intervalHigh, Instant createdAt) {}
}
