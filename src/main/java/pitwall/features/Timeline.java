package pitwall.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import pitwall.data.ConstructorStanding;
import pitwall.data.DriverStanding;
import pitwall.data.QualifyingResult;
import pitwall.data.Race;
import pitwall.data.RaceResult;
import pitwall.data.SeasonData;

/**
 * Seasons of data re-indexed for one chronological pass: every Grand Prix ordered by its start (date and time; never
 * by raceId, which is not chronological), and each race's rows by raceId.
 */
final class Timeline {

    /** Chronological order; the tie-breaks only make the order total (no two Grands Prix share a start). */
    static final Comparator<Race> BY_START = Comparator.comparing(Race::start).thenComparingInt(Race::year)
            .thenComparingInt(Race::round).thenComparingInt(Race::raceId);

    private final List<Race> races;
    private final Map<Integer, Race> byId;
    private final Map<Integer, List<RaceResult>> results;
    private final Map<Integer, List<RaceResult>> sprints;
    private final Map<Integer, List<QualifyingResult>> qualifying;
    private final Map<Integer, List<DriverStanding>> driverStandings;
    private final Map<Integer, List<ConstructorStanding>> constructorStandings;

    private Timeline(Collection<SeasonData> seasons) {
        List<Race> all = new ArrayList<>();
        byId = new HashMap<>();
        for (SeasonData season : seasons) {
            for (Race race : season.races()) {
                Race before = byId.put(race.raceId(), race);
                if (before != null) {
                    throw new IllegalArgumentException("race " + race.raceId() + " appears twice in the history ("
                            + before.year() + " round " + before.round() + " and " + race.year() + " round "
                            + race.round() + "); pass each season once");
                }
                all.add(race);
            }
        }
        all.sort(BY_START);
        races = List.copyOf(all);
        results = onePerDriver(group(seasons, SeasonData::results, RaceResult::raceId));
        sprints = onePerDriver(group(seasons, SeasonData::sprintResults, RaceResult::raceId));
        qualifying = group(seasons, SeasonData::qualifying, QualifyingResult::raceId);
        driverStandings = group(seasons, SeasonData::driverStandings, DriverStanding::raceId);
        constructorStandings = group(seasons, SeasonData::constructorStandings, ConstructorStanding::raceId);
    }

    static Timeline of(Collection<SeasonData> seasons) {
        return new Timeline(seasons);
    }

    /** Every race of the history, earliest start first. */
    List<Race> races() {
        return races;
    }

    /** The race, or an exception naming the id and the seasons loaded. */
    Race race(int raceId) {
        Race race = byId.get(raceId);
        if (race == null) {
            throw new IllegalArgumentException("race " + raceId + " is not in the history ("
                    + (races.isEmpty() ? "no races" : races.getFirst().year() + "-" + races.getLast().year())
                    + "); load the season it belongs to");
        }
        return race;
    }

    /** Grand Prix results, one row per driver (the best positionOrder when a 1950s–70s driver shared cars). */
    List<RaceResult> results(int raceId) {
        return results.getOrDefault(raceId, List.of());
    }

    /** Sprint results of the race's weekend, one row per driver. */
    List<RaceResult> sprints(int raceId) {
        return sprints.getOrDefault(raceId, List.of());
    }

    List<QualifyingResult> qualifying(int raceId) {
        return qualifying.getOrDefault(raceId, List.of());
    }

    List<DriverStanding> driverStandings(int raceId) {
        return driverStandings.getOrDefault(raceId, List.of());
    }

    List<ConstructorStanding> constructorStandings(int raceId) {
        return constructorStandings.getOrDefault(raceId, List.of());
    }

    /**
     * The race's entry list as far as the data knows it: its results; without results its qualifying; without either
     * {@code previous}, the entry list of the latest earlier race. By driverId.
     */
    List<Entrant> entrants(Race race, List<Entrant> previous) {
        List<RaceResult> rows = results(race.raceId());
        if (!rows.isEmpty()) {
            return sorted(rows.stream().map(r -> new Entrant(r.driverId(), r.constructorId(), r.grid())).toList());
        }
        Map<Integer, Entrant> qualified = new LinkedHashMap<>();
        for (QualifyingResult q : qualifying(race.raceId())) {
            qualified.putIfAbsent(q.driverId(), new Entrant(q.driverId(), q.constructorId(), null));
        }
        if (!qualified.isEmpty()) {
            return sorted(qualified.values());
        }
        // An upcoming race: the latest line-up, but its grid is not this race's.
        return sorted(previous.stream().map(e -> new Entrant(e.driverId(), e.constructorId(), null)).toList());
    }

    static List<Entrant> sorted(Collection<Entrant> entrants) {
        return entrants.stream().sorted(Comparator.comparingInt(Entrant::driverId)).toList();
    }

    private static <T> Map<Integer, List<T>> group(Collection<SeasonData> seasons,
                                                   Function<SeasonData, List<T>> rows,
                                                   ToIntFunction<T> raceId) {
        Map<Integer, List<T>> byRace = new HashMap<>();
        for (SeasonData season : seasons) {
            for (T row : rows.apply(season)) {
                byRace.computeIfAbsent(raceId.applyAsInt(row), k -> new ArrayList<>()).add(row);
            }
        }
        return byRace;
    }

    private static Map<Integer, List<RaceResult>> onePerDriver(Map<Integer, List<RaceResult>> byRace) {
        Map<Integer, List<RaceResult>> deduplicated = new HashMap<>();
        byRace.forEach((raceId, rows) -> {
            Map<Integer, RaceResult> best = new HashMap<>();
            for (RaceResult r : rows) {
                best.merge(r.driverId(), r, (a, b) -> a.positionOrder() <= b.positionOrder() ? a : b);
            }
            deduplicated.put(raceId, best.values().stream()
                    .sorted(Comparator.comparingInt(RaceResult::positionOrder)).toList());
        });
        return deduplicated;
    }
}
