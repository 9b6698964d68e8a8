package pitwall.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The feature rows of many races under one {@link FeatureSet}, in chronological race order (entrants of a race
 * together, by driverId). Immutable; filters return new matrices.
 */
public record FeatureMatrix(FeatureSet set, List<EntrantRow> rows) {
    public FeatureMatrix {
        Objects.requireNonNull(set, "set");
        rows = List.copyOf(rows);
        for (EntrantRow row : rows) {
            if (row.features().length != set.size()) {
                throw new IllegalArgumentException("race " + row.raceId() + " driver " + row.driverId() + " has "
                        + row.features().length + " feature values, feature set " + set.name() + " has " + set.size());
            }
        }
    }

    /** Rows grouped by race, races in chronological order. */
    public List<List<EntrantRow>> races() {
        Map<Integer, List<EntrantRow>> byRace = new LinkedHashMap<>();
        for (EntrantRow row : rows) {
            byRace.computeIfAbsent(row.raceId(), k -> new ArrayList<>()).add(row);
        }
        return List.copyOf(byRace.values());
    }

    /** The value of one feature for one row. */
    public double value(EntrantRow row, String feature) {
        return row.features()[set.index(feature)];
    }
}
