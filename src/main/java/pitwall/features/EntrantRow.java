package pitwall.features;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One entrant of one Grand Prix: who, when, its pre-race feature values (in the order of its {@link FeatureSet}),
 * and the outcome when the race has been run. {@code positionOrder} and {@code classified} are labels, never inputs:
 * they are null for a race without results (an upcoming race).
 *
 * @param grid the starting grid slot (0 = pit lane) when the race has results, else null; an input only for
 *             post-qualifying feature sets, where it also appears among the features
 */
public record EntrantRow(int raceId, int year, int round, LocalDateTime start, int driverId, int constructorId,
                         Integer grid, Integer positionOrder, Boolean classified, double[] features) {
    public EntrantRow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(features, "features");
    }

    /** True when the outcome (finishing order) is known. */
    public boolean hasOutcome() {
        return positionOrder != null;
    }
}
