package pitwall.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pitwall.features.EntrantRow;

/** Grouping of training rows by race and the calibration data drawn from them. */
final class Races {

    private Races() {
    }

    /** Rows grouped by raceId, in first-seen (chronological) order. */
    static List<List<EntrantRow>> group(List<EntrantRow> rows) {
        Map<Integer, List<EntrantRow>> byRace = new LinkedHashMap<>();
        for (EntrantRow row : rows) {
            byRace.computeIfAbsent(row.raceId(), k -> new ArrayList<>()).add(row);
        }
        return List.copyOf(byRace.values());
    }

    /** Index of the row with positionOrder 1, or -1 when the race has no known winner. */
    static int winner(List<EntrantRow> race) {
        for (int i = 0; i < race.size(); i++) {
            Integer pos = race.get(i).positionOrder();
            if (pos != null && pos == 1) {
                return i;
            }
        }
        return -1;
    }

    /** The fitted PL temperature for a scorer on races with a known winner (scores taken as they come). */
    static double fitTemperature(RaceScorer scorer, List<List<EntrantRow>> races) {
        List<PlackettLuce.Calibration> calibration = new ArrayList<>();
        for (List<EntrantRow> race : races) {
            int winner = winner(race);
            if (winner >= 0 && race.size() > 1) {
                calibration.add(new PlackettLuce.Calibration(scorer.score(race), winner));
            }
        }
        return PlackettLuce.fitTemperature(calibration);
    }

    /** Checks that rows form one non-empty race. */
    static void requireOneRace(List<EntrantRow> race, String model) {
        if (race.isEmpty()) {
            throw new IllegalArgumentException(model + ": cannot predict a race with no entrants");
        }
        int raceId = race.getFirst().raceId();
        for (EntrantRow row : race) {
            if (row.raceId() != raceId) {
                throw new IllegalArgumentException(model + ": predict takes the rows of one race, got raceIds "
                        + raceId + " and " + row.raceId());
            }
        }
    }
}
