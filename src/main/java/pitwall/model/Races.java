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

    /** Indices of the rows with positionOrder 1 to 3, or null when the race does not have all three. */
    static int[] podium(List<EntrantRow> race) {
        int[] podium = new int[3];
        int found = 0;
        for (int i = 0; i < race.size(); i++) {
            Integer pos = race.get(i).positionOrder();
            if (pos != null && pos >= 1 && pos <= 3) {
                podium[found++] = i;
                if (found == 3) {
                    return podium;
                }
            }
        }
        return null;
    }

    /** The calibration races of a scorer: every race with a known winner, scores taken as they come. */
    static List<PlackettLuce.Calibration> calibration(RaceScorer scorer, List<List<EntrantRow>> races) {
        List<PlackettLuce.Calibration> calibration = new ArrayList<>();
        for (List<EntrantRow> race : races) {
            int winner = winner(race);
            if (winner >= 0 && race.size() > 1) {
                calibration.add(new PlackettLuce.Calibration(scorer.score(race), winner, podium(race)));
            }
        }
        return calibration;
    }

    /**
     * The PL distribution of a rule baseline: one temperature for win and podium. A podium temperature of its own,
     * fitted in-sample, left the baselines' podium ECE and Brier slightly worse on the 2016–2021 validation races
     * (grid 0.0278 → 0.0307), so rules keep one.
     */
    static PlackettLuce fitDistribution(RaceScorer scorer, List<List<EntrantRow>> races, int samples, long seed) {
        return new PlackettLuce(PlackettLuce.fitTemperature(calibration(scorer, races)), samples, seed);
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
