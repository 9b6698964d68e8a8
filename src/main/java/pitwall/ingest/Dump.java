package pitwall.ingest;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated Ergast-format dump: every value parsed, every key unique, every reference resolved. pit_stops.csv and
 * constructor_results.csv are not read (the D1 schema has no tables for them).
 */
public record Dump(Path dir, List<SeasonRow> seasons, List<CircuitRow> circuits, List<RaceRow> races,
                   List<DriverRow> drivers, List<ConstructorRow> constructors, List<StatusRow> status,
                   List<ResultRow> results, List<ResultRow> sprintResults, List<QualifyingRow> qualifying,
                   List<StandingRow> driverStandings, List<StandingRow> constructorStandings) {

    /** Files of the Ergast layout that are deliberately not loaded. */
    public static final List<String> NOT_LOADED = List.of("pit_stops.csv", "constructor_results.csv");

    /** Reads and validates the dump in {@code dir}; throws {@link DumpException} listing what is wrong. */
    public static Dump read(Path dir) {
        return DumpReader.read(dir);
    }

    /** Rows per D1 table, parents before children (the insert order). */
    public Map<String, Integer> rowCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("seasons", seasons.size());
        counts.put("circuits", circuits.size());
        counts.put("status", status.size());
        counts.put("drivers", drivers.size());
        counts.put("constructors", constructors.size());
        counts.put("races", races.size());
        counts.put("results", results.size());
        counts.put("sprint_results", sprintResults.size());
        counts.put("qualifying", qualifying.size());
        counts.put("driver_standings", driverStandings.size());
        counts.put("constructor_standings", constructorStandings.size());
        return counts;
    }
}
