package pitwall.features;

import java.util.HashMap;
import java.util.Map;

/** One driver's Grand Prix record so far, across seasons and teams. Updated by {@link Ledger} only. */
final class DriverHistory {

    /** positionOrder of every entry (a non-qualification counts: it is a result at the back). */
    final Recent finishes = new Recent(10);
    /** (positionOrder − 1) / (entrants − 1): 0 = won, 1 = last, comparable across field sizes. */
    final Recent relativeFinishes = new Recent(5);
    /** Per start: 1 when not classified. */
    final Recent dnfs = new Recent(10);
    /** Per start: the grid slot, a pit-lane start behind the last slot. */
    final Recent grids = new Recent(5);
    /** Per race with a teammate: the share of teammates he finished ahead of. */
    final Recent teammateBeats = new Recent(10);
    int starts;
    private final Map<Integer, CircuitRecord> circuits = new HashMap<>();

    /** His record at one circuit (empty on a first visit). */
    CircuitRecord at(int circuitId) {
        return circuits.getOrDefault(circuitId, CircuitRecord.NONE);
    }

    CircuitRecord recordAt(int circuitId) {
        return circuits.computeIfAbsent(circuitId, k -> new CircuitRecord(5));
    }

    /** Entries and finishes at one circuit. */
    static final class CircuitRecord {
        static final CircuitRecord NONE = new CircuitRecord(1); // read-only: records are added via recordAt

        final Recent finishes;
        int starts;

        CircuitRecord(int window) {
            finishes = new Recent(window);
        }
    }
}
