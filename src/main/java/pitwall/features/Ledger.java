package pitwall.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import pitwall.data.ConstructorStanding;
import pitwall.data.DriverStanding;
import pitwall.data.Race;
import pitwall.data.RaceResult;

/**
 * The running record of every driver, team and the current season, updated one race at a time in start order.
 * Features of a race are read from it before that race is {@linkplain #apply applied}, which is what makes them
 * point in time.
 */
final class Ledger {

    /** DNF share assumed before any race is known (1950 round 1 only); about the 1950s' rate. */
    static final double PRIOR_DNF_RATE = 0.35;

    private final Map<Integer, DriverHistory> drivers = new HashMap<>();
    private final Map<Integer, TeamHistory> teams = new HashMap<>();
    /** Per race: the share of starters not classified; the prior for drivers and teams without history. */
    private final Recent fieldDnfs = new Recent(20);
    private Season season = new Season(Integer.MIN_VALUE);

    DriverHistory driver(int driverId) {
        return drivers.computeIfAbsent(driverId, k -> new DriverHistory());
    }

    TeamHistory team(int constructorId) {
        return teams.computeIfAbsent(constructorId, k -> new TeamHistory());
    }

    /** The season of {@code year}: the current one, or a fresh one when {@code year} starts a new season. */
    Season season(int year) {
        if (season.year != year) {
            season = new Season(year);
        }
        return season;
    }

    /** Share of starters not classified over the last 20 Grands Prix. */
    double fieldDnfRate() {
        return fieldDnfs.mean(PRIOR_DNF_RATE);
    }

    /** Adds the race's results, its weekend's sprint and the standings after it. */
    void apply(Race race, Timeline timeline) {
        Season current = season(race.year());
        List<RaceResult> results = timeline.results(race.raceId());
        if (!results.isEmpty()) {
            applyResults(race, results, current);
            current.racesRun++;
        }
        for (RaceResult sprint : timeline.sprints(race.raceId())) {
            Season.Form form = current.recordFor(sprint.driverId());
            form.sprintFinishSum += sprint.positionOrder();
            form.sprints++;
        }
        List<DriverStanding> driverStandings = timeline.driverStandings(race.raceId());
        if (!driverStandings.isEmpty()) { // standings after a race list every scorer so far: replace, not merge
            current.driverStandings = driverStandings.stream()
                    .collect(Collectors.toMap(DriverStanding::driverId, s -> s, (a, b) -> a));
        }
        List<ConstructorStanding> teamStandings = timeline.constructorStandings(race.raceId());
        if (!teamStandings.isEmpty()) {
            current.teamStandings = teamStandings.stream()
                    .collect(Collectors.toMap(ConstructorStanding::constructorId, s -> s, (a, b) -> a));
        }
    }

    /** "F" (did not (pre)qualify) and "W" (withdrew) entries never took the start. */
    static boolean started(RaceResult r) {
        return !"F".equals(r.positionText()) && !"W".equals(r.positionText());
    }

    /** The grid slot of a start; a pit-lane start (0) goes behind the last slot of the field. */
    static int gridSlot(int grid, int fieldSize) {
        return grid == 0 ? fieldSize + 1 : grid;
    }

    private void applyResults(Race race, List<RaceResult> results, Season current) {
        int field = results.size();
        int starters = 0, dnfs = 0;
        for (RaceResult r : results) {
            DriverHistory d = driver(r.driverId());
            d.finishes.add(r.positionOrder());
            d.relativeFinishes.add(field == 1 ? 0 : (r.positionOrder() - 1.0) / (field - 1));
            DriverHistory.CircuitRecord atCircuit = d.recordAt(race.circuitId());
            atCircuit.finishes.add(r.positionOrder());
            Season.Form form = current.recordFor(r.driverId());
            form.finishSum += r.positionOrder();
            form.entries++;
            if (started(r)) {
                d.starts++;
                d.dnfs.add(r.classified() ? 0 : 1);
                d.grids.add(gridSlot(r.grid(), field));
                atCircuit.starts++;
                form.starts++;
                starters++;
                dnfs += r.classified() ? 0 : 1;
            }
        }
        if (starters > 0) {
            fieldDnfs.add((double) dnfs / starters);
        }
        Map<Integer, List<RaceResult>> byTeam = results.stream()
                .collect(Collectors.groupingBy(RaceResult::constructorId, HashMap::new, Collectors.toList()));
        byTeam.forEach((constructorId, cars) -> applyTeam(race, constructorId, cars, current));
    }

    private void applyTeam(Race race, int constructorId, List<RaceResult> cars, Season current) {
        TeamHistory team = team(constructorId);
        double mean = cars.stream().mapToInt(RaceResult::positionOrder).average().orElseThrow();
        team.finishes.add(mean);
        team.recordAt(race.circuitId()).add(mean);
        List<RaceResult> starters = cars.stream().filter(Ledger::started).toList();
        if (!starters.isEmpty()) {
            team.dnfs.add(starters.stream().filter(r -> !r.classified()).count() / (double) starters.size());
        }
        team.races++;
        current.countTeamRace(constructorId);
        if (cars.size() > 1) {
            for (RaceResult car : cars) {
                long beaten = cars.stream().filter(o -> o.positionOrder() > car.positionOrder()).count();
                driver(car.driverId()).teammateBeats.add(beaten / (double) (cars.size() - 1));
            }
        }
    }
}
