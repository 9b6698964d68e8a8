package pitwall.features;

import java.util.HashMap;
import java.util.Map;

/**
 * One constructor's Grand Prix record so far. Per-race values are averaged over the team's cars first, so a race
 * counts once whether the team ran two cars or five (as in the 1950s).
 */
final class TeamHistory {

    /** The team's mean positionOrder in each race. */
    final Recent finishes = new Recent(5);
    /** The share of the team's starting cars not classified, per race in which at least one started. */
    final Recent dnfs = new Recent(10);
    int races;
    private final Map<Integer, Recent> circuits = new HashMap<>();
    private static final Recent NONE = new Recent(1); // read-only: records are added via recordAt

    /** The team's mean finishes at one circuit, newest last (empty on a first visit). */
    Recent at(int circuitId) {
        return circuits.getOrDefault(circuitId, NONE);
    }

    Recent recordAt(int circuitId) {
        return circuits.computeIfAbsent(circuitId, k -> new Recent(3));
    }
}
