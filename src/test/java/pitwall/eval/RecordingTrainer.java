package pitwall.eval;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import pitwall.features.EntrantRow;
import pitwall.features.FeatureSet;
import pitwall.model.PredictedEntrant;
import pitwall.model.RacePrediction;
import pitwall.model.RankingModel;
import pitwall.model.RankingTrainer;

/**
 * A trainer whose models remember what they were trained on and what they predicted. The models order entrants by
 * grid (pit lane and unknown last, ties by driverId) with uniform probabilities.
 */
final class RecordingTrainer implements RankingTrainer {

    /** One prediction and the training it rested on. */
    record Use(int raceId, LocalDateTime raceStart, Set<Integer> trainedRaceIds, List<LocalDateTime> trainedStarts,
               boolean sawOutcome) {
    }

    private final String name;
    final List<Use> uses = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> fitSizes = Collections.synchronizedList(new ArrayList<>());

    RecordingTrainer(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RankingModel fit(FeatureSet set, List<EntrantRow> training) {
        fitSizes.add(training.size());
        Set<Integer> raceIds = new TreeSet<>();
        List<LocalDateTime> starts = new ArrayList<>();
        for (EntrantRow row : training) {
            if (raceIds.add(row.raceId())) {
                starts.add(row.start());
            }
        }
        return new RankingModel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public RacePrediction predict(List<EntrantRow> race) {
                boolean sawOutcome = race.stream().anyMatch(r -> r.positionOrder() != null || r.classified() != null);
                uses.add(new Use(race.getFirst().raceId(), race.getFirst().start(), raceIds, starts, sawOutcome));
                return gridOrder(name, race);
            }
        };
    }

    /** Grid ascending, 0 (pit lane) and null last, ties by driverId; win 1/n, podium 3/n. */
    static RacePrediction gridOrder(String model, List<EntrantRow> race) {
        List<EntrantRow> sorted = new ArrayList<>(race);
        sorted.sort(Comparator.comparingInt((EntrantRow r) -> r.grid() == null || r.grid() == 0
                ? Integer.MAX_VALUE : r.grid()).thenComparingInt(EntrantRow::driverId));
        int n = sorted.size();
        List<PredictedEntrant> entrants = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            EntrantRow r = sorted.get(i);
            entrants.add(new PredictedEntrant(r.driverId(), r.constructorId(), i + 1, n - i, 1.0 / n,
                    Math.min(3, n) / (double) n, 0.1, 1, n));
        }
        return new RacePrediction(race.getFirst().raceId(), model, entrants);
    }
}
