package pitwall.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads a dump directory into a {@link Dump}, checking everything before anything is written: required columns
 * (by header name, any order), value formats, duplicate keys, and references, parents first so each reference is
 * checked against the rows its target file really has.
 */
final class DumpReader {

    private final Path dir;
    private final Problems problems = new Problems();
    /** Files that had problems: references into them are not checked (that would only repeat the problem). */
    private final Set<String> broken = new java.util.HashSet<>();

    private DumpReader(Path dir) {
        this.dir = dir;
    }

    static Dump read(Path dir) {
        if (!Files.isDirectory(dir)) {
            Problems p = new Problems();
            p.add(dir.toString(), 0, null, null, "not a directory; pass the folder holding races.csv, results.csv, …");
            p.throwIfAny(dir);
        }
        return new DumpReader(dir).readAll();
    }

    private Dump readAll() {
        var seasons = table("seasons.csv", SeasonRow.COLUMNS, SeasonRow::from, unique("year", SeasonRow::year));
        var circuits = table("circuits.csv", CircuitRow.COLUMNS, CircuitRow::from,
                unique("circuitId", CircuitRow::circuitId).and(uniqueText("circuitRef", CircuitRow::circuitRef)));
        var status = table("status.csv", StatusRow.COLUMNS, StatusRow::from, unique("statusId", StatusRow::statusId));
        var drivers = table("drivers.csv", DriverRow.COLUMNS, DriverRow::from,
                unique("driverId", DriverRow::driverId).and(uniqueText("driverRef", DriverRow::driverRef)));
        var constructors = table("constructors.csv", ConstructorRow.COLUMNS, ConstructorRow::from,
                unique("constructorId", ConstructorRow::constructorId)
                        .and(uniqueText("constructorRef", ConstructorRow::constructorRef)));

        Set<Integer> years = ids(seasons, SeasonRow::year);
        Set<Integer> circuitIds = ids(circuits, CircuitRow::circuitId);
        var races = table("races.csv", RaceRow.COLUMNS, RaceRow::from,
                unique("raceId", RaceRow::raceId)
                        .and(uniqueText("round", race -> race.year() + " round " + race.round()))
                        .and(refers("year", RaceRow::year, years, "seasons.csv"))
                        .and(refers("circuitId", RaceRow::circuitId, circuitIds, "circuits.csv")));

        Set<Integer> raceIds = ids(races, RaceRow::raceId);
        Set<Integer> driverIds = ids(drivers, DriverRow::driverId);
        Set<Integer> constructorIds = ids(constructors, ConstructorRow::constructorId);
        Set<Integer> statusIds = ids(status, StatusRow::statusId);
        Check<ResultRow> resultRefs = this.<ResultRow>refers("raceId", ResultRow::raceId, raceIds, "races.csv")
                .and(refers("driverId", ResultRow::driverId, driverIds, "drivers.csv"))
                .and(refers("constructorId", ResultRow::constructorId, constructorIds, "constructors.csv"))
                .and(status(statusIds));
        var results = table("results.csv", ResultRow.COLUMNS, r -> ResultRow.from(r, true),
                this.<ResultRow>unique("resultId", ResultRow::resultId).and(resultRefs));
        var sprints = table("sprint_results.csv", ResultRow.SPRINT_COLUMNS, r -> ResultRow.from(r, false),
                this.<ResultRow>unique("resultId", ResultRow::resultId).and(resultRefs));
        var qualifying = table("qualifying.csv", QualifyingRow.COLUMNS, QualifyingRow::from,
                unique("qualifyId", QualifyingRow::qualifyId)
                        .and(refers("raceId", QualifyingRow::raceId, raceIds, "races.csv"))
                        .and(refers("driverId", QualifyingRow::driverId, driverIds, "drivers.csv"))
                        .and(refers("constructorId", QualifyingRow::constructorId, constructorIds,
                                "constructors.csv")));
        var driverStandings = standings("driver_standings.csv", "driverStandingsId", "driverId", raceIds, driverIds,
                "drivers.csv");
        var constructorStandings = standings("constructor_standings.csv", "constructorStandingsId", "constructorId",
                raceIds, constructorIds, "constructors.csv");

        problems.throwIfAny(dir);
        return new Dump(dir, seasons, circuits, races, drivers, constructors, status, results, sprints, qualifying,
                driverStandings, constructorStandings);
    }

    private List<StandingRow> standings(String file, String idColumn, String entrantColumn, Set<Integer> raceIds,
                                        Set<Integer> entrantIds, String entrantFile) {
        return table(file, StandingRow.columns(idColumn, entrantColumn),
                r -> StandingRow.from(r, idColumn, entrantColumn),
                this.<StandingRow>unique(idColumn, StandingRow::standingsId)
                        .and(refers("raceId", StandingRow::raceId, raceIds, "races.csv"))
                        .and(refers(entrantColumn, StandingRow::entrantId, entrantIds, entrantFile)));
    }

    /** Reads one file: header check, then each row parsed and checked. */
    private <T> List<T> table(String file, List<String> columns, Function<TypedRow, T> parse, Check<T> check) {
        int before = problems.total();
        List<T> rows = rows(file, columns, parse, check);
        if (problems.total() > before) {
            broken.add(file);
        }
        return rows;
    }

    private <T> List<T> rows(String file, List<String> columns, Function<TypedRow, T> parse, Check<T> check) {
        CsvTable table = CsvReader.read(dir.resolve(file), problems);
        if (table.header().isEmpty()) {
            return List.of();
        }
        List<String> missing = TypedRow.missingColumns(table, columns);
        for (String column : missing) {
            problems.add(file, 1, column, null, "required column '" + column + "' is missing from the header "
                    + table.header() + " (renamed or misspelt? the columns may be in any order)");
        }
        if (!missing.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> index = new HashMap<>();
        columns.forEach(c -> index.put(c, table.column(c)));
        List<T> rows = new ArrayList<>(table.rows().size());
        for (CsvTable.Row row : table.rows()) {
            TypedRow typed = new TypedRow(table, row, index, problems);
            int before = problems.total();
            T value = parse.apply(typed);
            if (problems.total() == before) {
                check.check(typed, value);
                rows.add(value);
            }
        }
        return List.copyOf(rows);
    }

    /** A check of one parsed row, reporting through the row. */
    @FunctionalInterface
    private interface Check<T> {
        void check(TypedRow row, T value);

        default Check<T> and(Check<T> next) {
            return (row, value) -> {
                check(row, value);
                next.check(row, value);
            };
        }
    }

    private <T> Check<T> unique(String column, Function<T, Integer> key) {
        Map<Integer, Integer> firstLine = new HashMap<>();
        return (row, value) -> {
            Integer first = firstLine.putIfAbsent(key.apply(value), row.line());
            if (first != null) {
                row.problem(column, key.apply(value).toString(),
                        "duplicate " + column + " (first on line " + first + "); ids must be unique");
            }
        };
    }

    private <T> Check<T> uniqueText(String column, Function<T, String> key) {
        Map<String, Integer> firstLine = new HashMap<>();
        return (row, value) -> {
            Integer first = firstLine.putIfAbsent(key.apply(value), row.line());
            if (first != null) {
                row.problem(column, key.apply(value),
                        "duplicate " + column + " (first on line " + first + "); must be unique");
            }
        };
    }

    private <T> Check<T> refers(String column, Function<T, Integer> key, Set<Integer> targets, String targetFile) {
        return (row, value) -> {
            Integer id = key.apply(value);
            if (!targets.contains(id) && !broken.contains(targetFile)) {
                row.problem(column, id.toString(), column + " " + id + " is not in " + targetFile
                        + " (a row missing there, or files from different dumps?)");
            }
        };
    }

    /** statusId gets its own message: a newer results file with an older status.csv is the usual cause. */
    private Check<ResultRow> status(Set<Integer> statusIds) {
        return (row, value) -> {
            if (!statusIds.contains(value.statusId()) && !broken.contains("status.csv")) {
                TreeSet<Integer> known = new TreeSet<>(statusIds);
                row.problem("statusId", Integer.toString(value.statusId()), "unknown statusId "
                        + value.statusId() + ": status.csv has no such status (it has " + known.size() + " ids"
                        + (known.isEmpty() ? "" : ", " + known.first() + "-" + known.last())
                        + "); use the status.csv from the same dump as this file");
            }
        };
    }

    private static <T> Set<Integer> ids(List<T> rows, Function<T, Integer> key) {
        Set<Integer> ids = new java.util.HashSet<>();
        rows.forEach(r -> ids.add(key.apply(r)));
        return ids;
    }
}
