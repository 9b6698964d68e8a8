package pitwall.model;

import java.util.List;

/** A model's prediction for one race: every entrant, ordered by predicted position (1 first). */
public record RacePrediction(int raceId, String model, List<PredictedEntrant> entrants) {
    public RacePrediction {
        entrants = List.copyOf(entrants);
        for (int i = 0; i < entrants.size(); i++) {
            if (entrants.get(i).predictedPosition() != i + 1) {
                throw new IllegalArgumentException("race " + raceId + ", model " + model
                        + ": entrants must be in predicted order 1..n, position " + (i + 1) + " holds "
                        + entrants.get(i).predictedPosition());
            }
        }
    }

    /** Predicted order as driverIds, winner first. */
    public List<Integer> order() {
        return entrants.stream().map(PredictedEntrant::driverId).toList();
    }
}
