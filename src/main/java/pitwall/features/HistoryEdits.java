package pitwall.features;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import pitwall.data.ConstructorStanding;
import pitwall.data.DriverStanding;
import pitwall.data.Race;
import pitwall.data.RaceResult;
import pitwall.data.SeasonData;

/**
 * Edited copies of a history, to check that features are point in time ({@link LeakageCheck}, the leakage tests):
 * the history as it stood before a race started, and the history with other outcomes for some races. The calendar,
 * drivers, teams and circuits never change.
 */
public final class HistoryEdits {

    private HistoryEdits() {}

    /**
     * The history as it stood before {@code race} started: results, sprint results, standings and qualifying of it
     * and of every race starting at or after it removed. {@code keepQualifying} keeps the race's own qualifying (it
     * is known before the start, and post-qualifying features read it).
     */
    public static List<SeasonData> before(List<SeasonData> history, Race race, boolean keepQualifying) {
        Map<Integer, LocalDateTime> start = starts(history);
        Predicate<Integer> known = raceId -> start.get(raceId).isBefore(race.start());
        Predicate<Integer> qualifyingKnown = raceId -> known.test(raceId)
                || (keepQualifying && raceId == race.raceId());
        return history.stream().map(s -> new SeasonData(s.year(), s.races(),
                filter(s.results(), r -> known.test(r.raceId())),
                filter(s.sprintResults(), r -> known.test(r.raceId())),
                filter(s.qualifying(), q -> qualifyingKnown.test(q.raceId())),
                filter(s.driverStandings(), d -> known.test(d.raceId())),
                filter(s.constructorStandings(), c -> known.test(c.raceId())),
                s.drivers(), s.constructors(), s.circuits(), s.status())).toList();
    }

    /**
     * The history with another outcome for every race {@code rewrite} accepts (by raceId): the finishing order of
     * its Grand Prix and sprint reversed, every classification flipped, a point more for everyone, and 7 more
     * championship points (one place lower) in the standings after it. What is known before the start stays: grid
     * slots and qualifying are unchanged.
     */
    public static List<SeasonData> withOtherOutcomes(List<SeasonData> history, Predicate<Integer> rewrite) {
        return history.stream().map(s -> {
            Map<Integer, Integer> field = fieldSizes(s.results());
            Map<Integer, Integer> sprintField = fieldSizes(s.sprintResults());
            return new SeasonData(s.year(), s.races(),
                    s.results().stream().map(r -> rewrite.test(r.raceId()) ? reversed(r, field) : r).toList(),
                    s.sprintResults().stream().map(r -> rewrite.test(r.raceId()) ? reversed(r, sprintField) : r)
                            .toList(),
                    s.qualifying(),
                    s.driverStandings().stream().map(d -> rewrite.test(d.raceId()) ? morePoints(d) : d).toList(),
                    s.constructorStandings().stream().map(c -> rewrite.test(c.raceId()) ? morePoints(c) : c)
                            .toList(),
                    s.drivers(), s.constructors(), s.circuits(), s.status());
        }).toList();
    }

    private static RaceResult reversed(RaceResult r, Map<Integer, Integer> fieldSize) {
        int order = fieldSize.get(r.raceId()) + 1 - r.positionOrder();
        boolean classified = !r.classified();
        return new RaceResult(r.resultId(), r.raceId(), r.driverId(), r.constructorId(), r.number(), r.grid(),
                classified ? order : null, classified ? String.valueOf(order) : "R", order, r.points() + 1,
                r.laps(), r.time(), r.milliseconds(), r.fastestLap(), r.fastestLapRank(), r.fastestLapTime(),
                r.fastestLapSpeed(), r.statusId(), r.status(), classified);
    }

    private static DriverStanding morePoints(DriverStanding d) {
        return new DriverStanding(d.driverStandingsId(), d.raceId(), d.driverId(), d.points() + 7,
                d.position() == null ? 1 : d.position() + 1, d.positionText(), d.wins());
    }

    private static ConstructorStanding morePoints(ConstructorStanding c) {
        return new ConstructorStanding(c.constructorStandingsId(), c.raceId(), c.constructorId(), c.points() + 7,
                c.position() == null ? 1 : c.position() + 1, c.positionText(), c.wins());
    }

    /** Rows per race: positionOrder runs 1..n within a race in Ergast. */
    private static Map<Integer, Integer> fieldSizes(List<RaceResult> results) {
        Map<Integer, Integer> size = new HashMap<>();
        results.forEach(r -> size.merge(r.raceId(), 1, Integer::sum));
        return size;
    }

    private static Map<Integer, LocalDateTime> starts(List<SeasonData> history) {
        Map<Integer, LocalDateTime> start = new HashMap<>();
        history.forEach(s -> s.races().forEach(r -> start.put(r.raceId(), r.start())));
        return start;
    }

    private static <T> List<T> filter(List<T> rows, Predicate<T> keep) {
        return rows.stream().filter(keep).toList();
    }
}
