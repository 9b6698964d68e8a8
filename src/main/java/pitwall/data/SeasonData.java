package pitwall.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * {@code GET /api/data/seasons/{year}}: every row of one season needed to build training frames. Drivers,
 * constructors, circuits and status are those the season's rows refer to.
 */
public record SeasonData(int year, List<Race> races, List<RaceResult> results, List<RaceResult> sprintResults,
                         List<QualifyingResult> qualifying, List<DriverStanding> driverStandings,
                         List<ConstructorStanding> constructorStandings, List<Driver> drivers,
                         List<Constructor> constructors, List<Circuit> circuits, List<Status> status) {

    public SeasonData {
        races = copy(races);
        results = copy(results);
        sprintResults = copy(sprintResults);
        qualifying = copy(qualifying);
        driverStandings = copy(driverStandings);
        constructorStandings = copy(constructorStandings);
        drivers = copy(drivers);
        constructors = copy(constructors);
        circuits = copy(circuits);
        status = copy(status);
    }

    /** Row count per list, named as the JSON fields (the Worker's {@code meta.counts}). */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("races", races.size());
        counts.put("results", results.size());
        counts.put("sprintResults", sprintResults.size());
        counts.put("qualifying", qualifying.size());
        counts.put("driverStandings", driverStandings.size());
        counts.put("constructorStandings", constructorStandings.size());
        counts.put("drivers", drivers.size());
        counts.put("constructors", constructors.size());
        counts.put("circuits", circuits.size());
        counts.put("status", status.size());
        return counts;
    }

    /** This season as a {@link SeasonSummary}, computed from its rows. */
    public SeasonSummary summary() {
        int racesWithResults = (int) results.stream().mapToInt(RaceResult::raceId).distinct().count();
        var dates = races.stream().map(Race::date).sorted().toList();
        return new SeasonSummary(year, races.size(), racesWithResults, results.size(),
                dates.isEmpty() ? null : dates.getFirst(), dates.isEmpty() ? null : dates.getLast());
    }

    /**
     * The same season in the API's documented order, ties broken by id: races by round; results, sprint results
     * and qualifying by (round, position order); standings by (round, position, nulls last); the rest by id.
     * Snapshots and frames use this order, so they do not depend on how the Worker happened to sort.
     */
    public SeasonData canonical() {
        Map<Integer, Integer> round = races.stream().collect(Collectors.toMap(Race::raceId, Race::round, (a, b) -> a));
        ToIntFunction<Integer> roundOf = raceId -> round.getOrDefault(raceId, Integer.MAX_VALUE);
        Comparator<RaceResult> byResult = Comparator.<RaceResult>comparingInt(r -> roundOf.applyAsInt(r.raceId()))
                .thenComparingInt(RaceResult::positionOrder).thenComparingInt(RaceResult::resultId);
        Comparator<QualifyingResult> byQualifying = Comparator
                .<QualifyingResult>comparingInt(q -> roundOf.applyAsInt(q.raceId()))
                .thenComparingInt(QualifyingResult::position).thenComparingInt(QualifyingResult::qualifyId);
        Comparator<DriverStanding> byDriverStanding = Comparator
                .<DriverStanding>comparingInt(s -> roundOf.applyAsInt(s.raceId()))
                .thenComparing(DriverStanding::position, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingInt(DriverStanding::driverStandingsId);
        Comparator<ConstructorStanding> byConstructorStanding = Comparator
                .<ConstructorStanding>comparingInt(s -> roundOf.applyAsInt(s.raceId()))
                .thenComparing(ConstructorStanding::position, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingInt(ConstructorStanding::constructorStandingsId);
        return new SeasonData(year,
                sorted(races, Comparator.comparingInt(Race::round).thenComparingInt(Race::raceId)),
                sorted(results, byResult),
                sorted(sprintResults, byResult),
                sorted(qualifying, byQualifying),
                sorted(driverStandings, byDriverStanding),
                sorted(constructorStandings, byConstructorStanding),
                sorted(drivers, Comparator.comparingInt(Driver::driverId)),
                sorted(constructors, Comparator.comparingInt(Constructor::constructorId)),
                sorted(circuits, Comparator.comparingInt(Circuit::circuitId)),
                sorted(status, Comparator.comparingInt(Status::statusId)));
    }

    /**
     * Checks that every id a row refers to resolves within the season (races, drivers, constructors, circuits,
     * status) and that every race belongs to {@link #year}.
     *
     * @throws IllegalStateException naming the season, the row and the missing id
     */
    public SeasonData checkReferences() {
        for (Race race : races) {
            if (race.year() != year) {
                throw new IllegalStateException("season " + year + ": race " + race.raceId() + " has year "
                        + race.year());
            }
        }
        var raceIds = ids(races, Race::raceId);
        var driverIds = ids(drivers, Driver::driverId);
        var constructorIds = ids(constructors, Constructor::constructorId);
        var circuitIds = ids(circuits, Circuit::circuitId);
        var statusIds = ids(status, Status::statusId);
        for (Race r : races) {
            require(circuitIds, r.circuitId(), "race", r.raceId(), "circuitId");
        }
        for (boolean sprint : new boolean[] {false, true}) {
            String row = sprint ? "sprint result" : "result";
            for (RaceResult r : sprint ? sprintResults : results) {
                require(raceIds, r.raceId(), row, r.resultId(), "raceId");
                require(driverIds, r.driverId(), row, r.resultId(), "driverId");
                require(constructorIds, r.constructorId(), row, r.resultId(), "constructorId");
                require(statusIds, r.statusId(), row, r.resultId(), "statusId");
            }
        }
        for (QualifyingResult q : qualifying) {
            require(raceIds, q.raceId(), "qualifying", q.qualifyId(), "raceId");
            require(driverIds, q.driverId(), "qualifying", q.qualifyId(), "driverId");
            require(constructorIds, q.constructorId(), "qualifying", q.qualifyId(), "constructorId");
        }
        for (DriverStanding s : driverStandings) {
            require(raceIds, s.raceId(), "driver standing", s.driverStandingsId(), "raceId");
            require(driverIds, s.driverId(), "driver standing", s.driverStandingsId(), "driverId");
        }
        for (ConstructorStanding s : constructorStandings) {
            require(raceIds, s.raceId(), "constructor standing", s.constructorStandingsId(), "raceId");
            require(constructorIds, s.constructorId(), "constructor standing", s.constructorStandingsId(),
                    "constructorId");
        }
        return this;
    }

    private void require(Set<Integer> known, int id, String row, int rowId, String field) {
        if (!known.contains(id)) {
            throw new IllegalStateException("season " + year + ": " + row + " " + rowId + " refers to " + field + " "
                    + id + ", which is not in the season's data; the Worker's season response is incomplete");
        }
    }

    private static <T> Set<Integer> ids(List<T> rows, ToIntFunction<T> id) {
        return rows.stream().map(r -> id.applyAsInt(r)).collect(Collectors.toUnmodifiableSet());
    }

    private static <T> List<T> sorted(List<T> rows, Comparator<T> order) {
        List<T> copy = new ArrayList<>(rows);
        copy.sort(order);
        return copy;
    }

    private static <T> List<T> copy(List<T> rows) {
        return rows == null ? List.of() : List.copyOf(rows);
    }
}
