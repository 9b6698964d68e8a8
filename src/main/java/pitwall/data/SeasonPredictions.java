package pitwall.data;

import java.time.Instant;
import java.util.List;
import pitwall.data.StoredPredictions.ModelPredictions;

/**
 * {@code GET /api/data/seasons/{year}/predictions}: every race of a season by round, with its scheduled start, its
 * results state and the predictions stored for it (the material of a track record).
 */
public record SeasonPredictions(int year, List<RacePredictions> races) {

    public SeasonPredictions {
        races = races == null ? List.of() : List.copyOf(races);
    }

    /**
     * One race.
     *
     * @param start                        scheduled start, UTC (a null race time counts as midnight)
     * @param resultsArrivedAt             when its Grand Prix results first reached D1; null while none arrived,
     *                                     or when they came before arrival tracking
     * @param resultsArrivedBeforeTracking it had results before arrival times were recorded (time unknown)
     */
    public record RacePredictions(Race race, Instant start, boolean hasResults, Instant resultsArrivedAt,
                                  boolean resultsArrivedBeforeTracking, List<ModelPredictions> models) {
        public RacePredictions {
            models = models == null ? List.of() : List.copyOf(models);
        }
    }
}
