package pitwall.features;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import pitwall.data.Circuit;
import pitwall.data.Constructor;
import pitwall.data.ConstructorStanding;
import pitwall.data.Driver;
import pitwall.data.DriverStanding;
import pitwall.data.QualifyingResult;
import pitwall.data.Race;
import pitwall.data.RaceResult;
import pitwall.data.SeasonData;
import pitwall.data.Status;

/** A hand-built season for unit tests: builders for races, results, qualifying and standings. */
final class MiniSeason {

    final int year;
    final List<Race> races = new ArrayList<>();
    final List<RaceResult> results = new ArrayList<>();
    final List<RaceResult> sprints = new ArrayList<>();
    final List<QualifyingResult> qualifying = new ArrayList<>();
    final List<DriverStanding> driverStandings = new ArrayList<>();
    final List<ConstructorStanding> teamStandings = new ArrayList<>();
    private int nextId = 1;

    MiniSeason(int year) {
        this.year = year;
    }

    MiniSeason race(int raceId, int round, int circuitId, LocalDate date) {
        races.add(new Race(raceId, year, round, circuitId, "GP " + raceId, date, LocalTime.of(14, 0), null, null,
                null, null, null));
        return this;
    }

    /** A classified finish ({@code positionText} "R" and unclassified with {@code "R"}, "F" with {@code "F"}). */
    MiniSeason result(int raceId, int driverId, int constructorId, int grid, int positionOrder, String positionText) {
        boolean classified = positionText.chars().allMatch(Character::isDigit);
        results.add(new RaceResult(nextId++, raceId, driverId, constructorId, null, grid,
                classified ? positionOrder : null, positionText, positionOrder, 0, 50, null, null, null, null, null,
                null, classified ? 1 : 3, classified ? "Finished" : "Accident", classified));
        return this;
    }

    MiniSeason sprint(int raceId, int driverId, int constructorId, int positionOrder) {
        sprints.add(new RaceResult(nextId++, raceId, driverId, constructorId, null, positionOrder, positionOrder,
                String.valueOf(positionOrder), positionOrder, 0, 20, null, null, null, null, null, null, 1,
                "Finished", true));
        return this;
    }

    MiniSeason qualifying(int raceId, int driverId, int constructorId, int position, Integer q1, Integer q2) {
        qualifying.add(new QualifyingResult(nextId++, raceId, driverId, constructorId, null, position, q1, q2, null));
        return this;
    }

    MiniSeason standing(int raceId, int driverId, double points, int position) {
        driverStandings.add(new DriverStanding(nextId++, raceId, driverId, points, position,
                String.valueOf(position), 0));
        return this;
    }

    MiniSeason teamStanding(int raceId, int constructorId, double points, int position) {
        teamStandings.add(new ConstructorStanding(nextId++, raceId, constructorId, points, position,
                String.valueOf(position), 0));
        return this;
    }

    SeasonData build() {
        List<Driver> drivers = new ArrayList<>();
        for (int id = 1; id <= 9; id++) {
            drivers.add(new Driver(id, "d" + id, null, null, "D", "River " + id, null, null));
        }
        List<Constructor> teams = List.of(new Constructor(100, "a", "A", null), new Constructor(200, "b", "B", null),
                new Constructor(300, "c", "C", null));
        List<Circuit> circuits = List.of(new Circuit(7, "c7", "Seven", null, null, null, null, null),
                new Circuit(8, "c8", "Eight", null, null, null, null, null));
        return new SeasonData(year, races, results, sprints, qualifying, driverStandings, teamStandings, drivers,
                teams, circuits, List.of(new Status(1, "Finished"), new Status(3, "Accident")));
    }
}
