package pitwall.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import tech.tablesaw.api.Table;

/**
 * Tablesaw tables of a range of seasons, one per Ergast table, with the API's camelCase column names.
 *
 * <p>Types: ids, {@code grid}, {@code positionOrder}, laps and other counts are {@code IntColumn} (nullable ints
 * missing); points, coordinates and speeds {@code DoubleColumn}; dates {@code DateColumn}; race and session start
 * times {@code TimeColumn} (UTC); race times, gaps and lap times as written ({@code StringColumn}, e.g. "+5.478");
 * {@code classified} a {@code BooleanColumn}. Rows follow {@link SeasonData#canonical()} season by season;
 * drivers, constructors, circuits and status appear once each, by id.
 */
public record F1Frames(Table races, Table results, Table sprintResults, Table qualifying, Table drivers,
                       Table constructors, Table circuits, Table driverStandings, Table constructorStandings,
                       Table status) {

    public F1Frames {
        Objects.requireNonNull(races, "races");
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(sprintResults, "sprintResults");
        Objects.requireNonNull(qualifying, "qualifying");
        Objects.requireNonNull(drivers, "drivers");
        Objects.requireNonNull(constructors, "constructors");
        Objects.requireNonNull(circuits, "circuits");
        Objects.requireNonNull(driverStandings, "driverStandings");
        Objects.requireNonNull(constructorStandings, "constructorStandings");
        Objects.requireNonNull(status, "status");
    }

    /** Frames of the given seasons (any order; each checked with {@link SeasonData#checkReferences()}). */
    public static F1Frames of(Collection<SeasonData> seasons) {
        List<SeasonData> ordered = seasons.stream()
                .sorted(Comparator.comparingInt(SeasonData::year))
                .map(s -> s.checkReferences().canonical())
                .toList();
        return new F1Frames(
                RACES.build(concat(ordered, SeasonData::races)),
                RESULTS.build(concat(ordered, SeasonData::results)),
                SPRINT_RESULTS.build(concat(ordered, SeasonData::sprintResults)),
                QUALIFYING.build(concat(ordered, SeasonData::qualifying)),
                DRIVERS.build(unique(ordered, SeasonData::drivers, Driver::driverId)),
                CONSTRUCTORS.build(unique(ordered, SeasonData::constructors, Constructor::constructorId)),
                CIRCUITS.build(unique(ordered, SeasonData::circuits, Circuit::circuitId)),
                DRIVER_STANDINGS.build(concat(ordered, SeasonData::driverStandings)),
                CONSTRUCTOR_STANDINGS.build(concat(ordered, SeasonData::constructorStandings)),
                STATUS.build(unique(ordered, SeasonData::status, Status::statusId)));
    }

    /** All ten tables, by name. */
    public Map<String, Table> tables() {
        var map = new LinkedHashMap<String, Table>();
        for (Table t : List.of(races, results, sprintResults, qualifying, drivers, constructors, circuits,
                driverStandings, constructorStandings, status)) {
            map.put(t.name(), t);
        }
        return map;
    }

    /** Row counts, e.g. "races=24, results=479, …". */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("F1Frames[");
        tables().forEach((name, t) -> s.append(name).append('=').append(t.rowCount()).append(", "));
        s.setLength(s.length() - 2);
        return s.append(']').toString();
    }

    // ---- schemas --------------------------------------------------------------------------------------------

    static final TableSpec<Race> RACES = TableSpec.<Race>named("races")
            .ints("raceId", Race::raceId).ints("year", Race::year).ints("round", Race::round)
            .ints("circuitId", Race::circuitId).strings("name", Race::name)
            .dates("date", Race::date).times("time", Race::time)
            .dates("qualiDate", Race::qualiDate).times("qualiTime", Race::qualiTime)
            .dates("sprintDate", Race::sprintDate).times("sprintTime", Race::sprintTime)
            .strings("url", Race::url);

    static final TableSpec<RaceResult> RESULTS = results("results", true);
    static final TableSpec<RaceResult> SPRINT_RESULTS = results("sprintResults", false);

    private static TableSpec<RaceResult> results(String name, boolean withSpeed) {
        var spec = TableSpec.<RaceResult>named(name)
                .ints("resultId", RaceResult::resultId).ints("raceId", RaceResult::raceId)
                .ints("driverId", RaceResult::driverId).ints("constructorId", RaceResult::constructorId)
                .ints("number", RaceResult::number).ints("grid", RaceResult::grid)
                .ints("position", RaceResult::position).strings("positionText", RaceResult::positionText)
                .ints("positionOrder", RaceResult::positionOrder).doubles("points", RaceResult::points)
                .ints("laps", RaceResult::laps).strings("time", RaceResult::time)
                .ints("milliseconds", RaceResult::milliseconds).ints("fastestLap", RaceResult::fastestLap)
                .ints("fastestLapRank", RaceResult::fastestLapRank)
                .strings("fastestLapTime", RaceResult::fastestLapTime);
        if (withSpeed) {
            spec.doubles("fastestLapSpeed", RaceResult::fastestLapSpeed);
        }
        return spec.ints("statusId", RaceResult::statusId).strings("status", RaceResult::status)
                .booleans("classified", RaceResult::classified);
    }

    static final TableSpec<QualifyingResult> QUALIFYING = TableSpec.<QualifyingResult>named("qualifying")
            .ints("qualifyId", QualifyingResult::qualifyId).ints("raceId", QualifyingResult::raceId)
            .ints("driverId", QualifyingResult::driverId).ints("constructorId", QualifyingResult::constructorId)
            .ints("number", QualifyingResult::number).ints("position", QualifyingResult::position)
            .ints("q1Ms", QualifyingResult::q1Ms).ints("q2Ms", QualifyingResult::q2Ms)
            .ints("q3Ms", QualifyingResult::q3Ms);

    static final TableSpec<Driver> DRIVERS = TableSpec.<Driver>named("drivers")
            .ints("driverId", Driver::driverId).strings("driverRef", Driver::driverRef)
            .ints("number", Driver::number).strings("code", Driver::code)
            .strings("forename", Driver::forename).strings("surname", Driver::surname)
            .dates("dob", Driver::dob).strings("nationality", Driver::nationality);

    static final TableSpec<Constructor> CONSTRUCTORS = TableSpec.<Constructor>named("constructors")
            .ints("constructorId", Constructor::constructorId).strings("constructorRef", Constructor::constructorRef)
            .strings("name", Constructor::name).strings("nationality", Constructor::nationality);

    static final TableSpec<Circuit> CIRCUITS = TableSpec.<Circuit>named("circuits")
            .ints("circuitId", Circuit::circuitId).strings("circuitRef", Circuit::circuitRef)
            .strings("name", Circuit::name).strings("location", Circuit::location)
            .strings("country", Circuit::country).doubles("lat", Circuit::lat).doubles("lng", Circuit::lng)
            .ints("alt", Circuit::alt);

    static final TableSpec<DriverStanding> DRIVER_STANDINGS = TableSpec.<DriverStanding>named("driverStandings")
            .ints("driverStandingsId", DriverStanding::driverStandingsId).ints("raceId", DriverStanding::raceId)
            .ints("driverId", DriverStanding::driverId).doubles("points", DriverStanding::points)
            .ints("position", DriverStanding::position).strings("positionText", DriverStanding::positionText)
            .ints("wins", DriverStanding::wins);

    static final TableSpec<ConstructorStanding> CONSTRUCTOR_STANDINGS = TableSpec
            .<ConstructorStanding>named("constructorStandings")
            .ints("constructorStandingsId", ConstructorStanding::constructorStandingsId)
            .ints("raceId", ConstructorStanding::raceId).ints("constructorId", ConstructorStanding::constructorId)
            .doubles("points", ConstructorStanding::points).ints("position", ConstructorStanding::position)
            .strings("positionText", ConstructorStanding::positionText).ints("wins", ConstructorStanding::wins);

    static final TableSpec<Status> STATUS = TableSpec.<Status>named("status")
            .ints("statusId", Status::statusId).strings("status", Status::status);

    private static <T> List<T> concat(List<SeasonData> seasons, Function<SeasonData, List<T>> rows) {
        List<T> all = new ArrayList<>();
        seasons.forEach(s -> all.addAll(rows.apply(s)));
        return all;
    }

    /** Rows deduplicated by id across seasons, by id; the latest season's copy wins. */
    private static <T> Collection<T> unique(List<SeasonData> seasons, Function<SeasonData, List<T>> rows,
                                            Function<T, Integer> id) {
        Map<Integer, T> byId = new TreeMap<>();
        seasons.forEach(s -> rows.apply(s).forEach(r -> byId.put(id.apply(r), r)));
        return byId.values();
    }
}
