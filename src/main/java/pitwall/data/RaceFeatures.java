package pitwall.data;

import java.util.List;

/** {@code GET /api/data/race/{raceId}/features}: a race and its entrants' as-of statistics, by driverId. */
public record RaceFeatures(Race race, Circuit circuit, EntrySource entrySource, List<RaceEntry> entries) {

    public RaceFeatures {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
