package pitwall.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import pitwall.data.QualifyingResult;

/**
 * One race's qualifying: each driver's position and best lap. The best lap is the fastest of his Q1, Q2 and Q3
 * times (single-session formats have only Q1), so a driver out in Q1 is compared on his one time, and a wet Q3
 * does not hide a faster dry Q1. The pole time is the fastest best lap of the field. A session run in other
 * conditions still shows: everyone out in a wet Q1 is far off a dry Q3 pole.
 *
 * <p>A best lap over twice the pole time counts as no time: no real qualifying lap is that slow, but the data has
 * such typos (e.g. 15:04.617 at Suzuka 1995).
 */
record QualifyingField(Map<Integer, Integer> positions, Map<Integer, Integer> bestMs, int poleMs) {

    static final QualifyingField NONE = new QualifyingField(Map.of(), Map.of(), 0);

    static QualifyingField of(List<QualifyingResult> rows) {
        Map<Integer, Integer> positions = new HashMap<>();
        Map<Integer, Integer> best = new HashMap<>();
        for (QualifyingResult q : rows) {
            positions.merge(q.driverId(), q.position(), Math::min);
            Integer time = fastest(q.q1Ms(), fastest(q.q2Ms(), q.q3Ms()));
            if (time != null && time > 0) {
                best.merge(q.driverId(), time, Math::min);
            }
        }
        int pole = best.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        best.values().removeIf(time -> time > 2L * pole);
        return new QualifyingField(Map.copyOf(positions), Map.copyOf(best), pole);
    }

    /** True when at least one driver set a time. */
    boolean hasTimes() {
        return poleMs > 0;
    }

    /** The driver's gap to pole in ms, or null without a time. */
    Double gapMs(int driverId) {
        Integer best = bestMs.get(driverId);
        return best == null ? null : (double) (best - poleMs);
    }

    /** The driver's gap in percent of the pole time, or null without a time. */
    Double gapPct(int driverId) {
        Double gap = gapMs(driverId);
        return gap == null ? null : 100.0 * gap / poleMs;
    }

    /** The largest gap of any driver with a time (0 without times): where a driver without a time is put. */
    double slowestGapMs() {
        return bestMs.values().stream().mapToInt(Integer::intValue).max().orElse(poleMs) - poleMs;
    }

    double slowestGapPct() {
        return hasTimes() ? 100.0 * slowestGapMs() / poleMs : 0;
    }

    private static Integer fastest(Integer a, Integer b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.min(a, b);
    }
}
