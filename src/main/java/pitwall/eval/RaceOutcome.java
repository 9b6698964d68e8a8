package pitwall.eval;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import pitwall.features.EntrantRow;

/**
 * What actually happened in one race: its entrants (the race's rows of {@code results.csv}) in finishing order,
 * {@code positionOrder} ascending.
 *
 * @param finishingOrder driverIds, winner first; the actual rank of a driver is its index + 1
 * @param unclassified   driverIds not classified (retired, disqualified, did not start); null when not known, as
 *                       for an outcome read from stored predictions
 */
public record RaceOutcome(int raceId, int year, int round, LocalDateTime start, List<Integer> finishingOrder,
                          Set<Integer> unclassified) {

    /** An outcome whose classification is not known: DNF metrics are NaN. */
    public RaceOutcome(int raceId, int year, int round, LocalDateTime start, List<Integer> finishingOrder) {
        this(raceId, year, round, start, finishingOrder, null);
    }

    public RaceOutcome {
        finishingOrder = List.copyOf(finishingOrder);
        unclassified = unclassified == null ? null : Set.copyOf(unclassified);
        if (finishingOrder.size() < 2) {
            throw new IllegalArgumentException("race " + raceId + " (" + year + " R" + round + ") has "
                    + finishingOrder.size() + " entrants; ranking metrics need at least 2");
        }
        if (finishingOrder.stream().distinct().count() != finishingOrder.size()) {
            throw new IllegalArgumentException("race " + raceId + " lists a driver twice: " + finishingOrder);
        }
    }

    /**
     * The outcome of one race from its rows (all of one raceId, every one with a {@code positionOrder}).
     *
     * @throws IllegalArgumentException naming the race when rows mix races or lack an outcome
     */
    public static RaceOutcome of(List<EntrantRow> race) {
        if (race.isEmpty()) {
            throw new IllegalArgumentException("a race needs at least one entrant row");
        }
        EntrantRow first = race.getFirst();
        for (EntrantRow row : race) {
            if (row.raceId() != first.raceId()) {
                throw new IllegalArgumentException("rows of races " + first.raceId() + " and " + row.raceId()
                        + " mixed in one race");
            }
            if (!row.hasOutcome()) {
                throw new IllegalArgumentException("race " + row.raceId() + " (" + row.year() + " R" + row.round()
                        + "): driver " + row.driverId() + " has no positionOrder; only finished races can be scored");
            }
        }
        // positionOrder is unique within a race in Ergast; driverId only makes a broken tie deterministic.
        List<Integer> order = race.stream()
                .sorted(Comparator.comparingInt(EntrantRow::positionOrder).thenComparingInt(EntrantRow::driverId))
                .map(EntrantRow::driverId)
                .toList();
        boolean classificationKnown = race.stream().allMatch(r -> r.classified() != null);
        Set<Integer> unclassified = classificationKnown ? race.stream()
                .filter(r -> !r.classified()).map(EntrantRow::driverId).collect(Collectors.toSet()) : null;
        return new RaceOutcome(first.raceId(), first.year(), first.round(), first.start(), order, unclassified);
    }

    public int size() {
        return finishingOrder.size();
    }

    public int winner() {
        return finishingOrder.getFirst();
    }

    /** driverId → actual rank (1 = winner). */
    public Map<Integer, Integer> ranks() {
        Map<Integer, Integer> ranks = new HashMap<>();
        for (int i = 0; i < finishingOrder.size(); i++) {
            ranks.put(finishingOrder.get(i), i + 1);
        }
        return ranks;
    }

    /** e.g. {@code 2024 R5}. */
    public String label() {
        return year + " R" + round;
    }
}
