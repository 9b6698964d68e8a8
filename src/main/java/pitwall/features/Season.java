package pitwall.features;

import java.util.HashMap;
import java.util.Map;
import pitwall.data.ConstructorStanding;
import pitwall.data.DriverStanding;

/**
 * What is known of the current season: the championship standings after its latest race with standings, and each
 * driver's and team's results so far. Replaced by a fresh one when a new season starts.
 */
final class Season {

    final int year;
    /** Grands Prix of this season already run (with results). */
    int racesRun;
    Map<Integer, DriverStanding> driverStandings = Map.of();
    Map<Integer, ConstructorStanding> teamStandings = Map.of();
    private final Map<Integer, Form> drivers = new HashMap<>();
    private final Map<Integer, Integer> teamRaces = new HashMap<>();

    Season(int year) {
        this.year = year;
    }

    /** A driver's results this season (empty before his first race of it). */
    Form driver(int driverId) {
        return drivers.getOrDefault(driverId, Form.NONE);
    }

    Form recordFor(int driverId) {
        return drivers.computeIfAbsent(driverId, k -> new Form());
    }

    int teamRaces(int constructorId) {
        return teamRaces.getOrDefault(constructorId, 0);
    }

    void countTeamRace(int constructorId) {
        teamRaces.merge(constructorId, 1, Integer::sum);
    }

    /** Sums of one driver's Grand Prix and sprint results in the season. */
    static final class Form {
        static final Form NONE = new Form(); // read-only: forms are added via recordFor

        double finishSum;
        int entries;
        int starts;
        double sprintFinishSum;
        int sprints;
    }
}
