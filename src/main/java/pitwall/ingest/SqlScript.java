package pitwall.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SQL that replaces all Ergast data in D1 with a dump, in two parts. The staging script fills empty copies of the
 * data tables ({@code staging_*}) with multi-row INSERTs; the served tables are not touched, so a staging run that
 * fails or is killed leaves the served data as it was. The swap then replaces the served data from staging in one
 * statement list that D1 runs as a single batch: deferred foreign keys, DELETE children first, INSERT…SELECT parents
 * first, a check that every table got exactly the dump's row count, predictions whose race or driver is gone dropped
 * (model_metrics and the other predictions stay), the arrival time of results new to D1 recorded, the health counts
 * rewritten, staging dropped.
 */
final class SqlScript {

    /** Rows per INSERT: big enough to be fast, small enough for D1's statement limits. */
    static final int ROWS_PER_INSERT = 100;

    /** Data tables, children first (the DELETE order; INSERTs run in reverse). */
    static final List<String> DELETE_ORDER = List.of("constructor_standings", "driver_standings", "qualifying",
            "sprint_results", "results", "races", "constructors", "drivers", "status", "circuits", "seasons");

    /** Tables the load keeps (kept rows are counted in the report). */
    static final List<String> KEPT_TABLES = List.of("predictions", "model_metrics");

    /** The swap's guard: a row per table, refused (and so the whole swap rolled back) unless actual = expected. */
    static final String CHECK_TABLE = "staging_check";
    static final String CHECK_CONSTRAINT = "swapped_rows_equal_the_dump";

    /** References checked in staging before the swap: child table, column, parent table, parent column. */
    private static final List<List<String>> REFERENCES = List.of(
            List.of("races", "year", "seasons", "year"), List.of("races", "circuit_id", "circuits", "circuit_id"),
            List.of("results", "race_id", "races", "race_id"), List.of("results", "driver_id", "drivers", "driver_id"),
            List.of("results", "constructor_id", "constructors", "constructor_id"),
            List.of("results", "status_id", "status", "status_id"),
            List.of("sprint_results", "race_id", "races", "race_id"),
            List.of("sprint_results", "driver_id", "drivers", "driver_id"),
            List.of("sprint_results", "constructor_id", "constructors", "constructor_id"),
            List.of("sprint_results", "status_id", "status", "status_id"),
            List.of("qualifying", "race_id", "races", "race_id"), List.of("qualifying", "driver_id", "drivers", "driver_id"),
            List.of("qualifying", "constructor_id", "constructors", "constructor_id"),
            List.of("driver_standings", "race_id", "races", "race_id"),
            List.of("driver_standings", "driver_id", "drivers", "driver_id"),
            List.of("constructor_standings", "race_id", "races", "race_id"),
            List.of("constructor_standings", "constructor_id", "constructors", "constructor_id"));

    /**
     * When results first reached D1, per race (worker/migrations/0003_results_arrival.sql): a race that gains
     * results gets this swap's time from D1's own clock, the clock that stamps predictions; a race that has a time
     * keeps it, so a reload of the same results, or of results corrected later, never moves it. Rows of races that
     * are gone are dropped.
     */
    static final String RECORD_ARRIVALS = "DELETE FROM results_arrival WHERE race_id NOT IN (SELECT race_id FROM races);\n"
            + "INSERT INTO results_arrival (race_id, arrived_at) SELECT DISTINCT race_id,"
            + " strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM results"
            + " WHERE race_id NOT IN (SELECT race_id FROM results_arrival);";

    private static final String RESULT_COLUMNS = "result_id, race_id, driver_id, constructor_id, number, grid, "
            + "position, position_text, position_order, points, laps, time, milliseconds, fastest_lap, "
            + "fastest_lap_rank, fastest_lap_time";

    private SqlScript() {
    }

    /** One query returning a single row: the row count of every data table and kept table, by table name. */
    static String countsQuery() {
        return "SELECT " + Stream.concat(DELETE_ORDER.reversed().stream(), KEPT_TABLES.stream())
                .map(t -> "(SELECT count(*) FROM " + t + ") AS " + t)
                .collect(Collectors.joining(", "));
    }

    static String staging(String table) {
        return "staging_" + table;
    }

    /**
     * One query returning a single row: the row count of every staging table by table name, and
     * {@code dangling}, the number of staged references to a row that is not staged.
     */
    static String stagingChecksQuery() {
        String counts = DELETE_ORDER.reversed().stream()
                .map(t -> "(SELECT count(*) FROM " + staging(t) + ") AS " + t)
                .collect(Collectors.joining(", "));
        String dangling = REFERENCES.stream()
                .map(r -> "(SELECT count(*) FROM " + staging(r.get(0)) + " WHERE " + r.get(1) + " NOT IN (SELECT "
                        + r.get(3) + " FROM " + staging(r.get(2)) + "))")
                .collect(Collectors.joining(" + "));
        return "SELECT " + counts + ", " + dangling + " AS dangling";
    }

    /** Drops every staging table (those of a load that failed or was killed). */
    static String dropStaging() {
        return Stream.concat(DELETE_ORDER.stream().map(SqlScript::staging), Stream.of(CHECK_TABLE))
                .map(t -> "DROP TABLE IF EXISTS " + t + ";")
                .collect(Collectors.joining("\n"));
    }

    /** Writes the staging script; with {@code withChecks} it ends with {@link #stagingChecksQuery()}. */
    static void writeStaging(Dump dump, Path file, boolean withChecks) {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            writeStaging(dump, out);
            if (withChecks) {
                out.write(stagingChecksQuery() + ";\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the SQL script " + file + ": " + e.getMessage(), e);
        }
    }

    static void writeStaging(Dump dump, Writer out) throws IOException {
        out.write("-- pitwall: stage the dump in " + dump.dir().getFileName() + " beside the served data\n");
        out.write(dropStaging() + "\n");
        // Same columns and affinities as the served tables, no constraints: those are checked by the swap.
        for (String table : DELETE_ORDER.reversed()) {
            out.write("CREATE TABLE " + staging(table) + " AS SELECT * FROM " + table + " LIMIT 0;\n");
        }
        out.write("CREATE TABLE " + CHECK_TABLE + " (table_name TEXT PRIMARY KEY, expected INTEGER NOT NULL,"
                + " actual INTEGER NOT NULL, CONSTRAINT " + CHECK_CONSTRAINT + " CHECK (actual = expected));\n");
        inserts(out, staging("seasons"), "year, url", dump.seasons(), s -> row(s.year(), s.url()));
        inserts(out, staging("circuits"), "circuit_id, circuit_ref, name, location, country, lat, lng, alt, url",
                dump.circuits(), c -> row(c.circuitId(), c.circuitRef(), c.name(), c.location(), c.country(),
                        c.lat(), c.lng(), c.alt(), c.url()));
        inserts(out, staging("status"), "status_id, status", dump.status(), s -> row(s.statusId(), s.status()));
        inserts(out, staging("drivers"), "driver_id, driver_ref, number, code, forename, surname, dob, nationality, url",
                dump.drivers(), d -> row(d.driverId(), d.driverRef(), d.number(), d.code(), d.forename(),
                        d.surname(), d.dob(), d.nationality(), d.url()));
        inserts(out, staging("constructors"), "constructor_id, constructor_ref, name, nationality, url",
                dump.constructors(), c -> row(c.constructorId(), c.constructorRef(), c.name(), c.nationality(), c.url()));
        inserts(out, staging("races"), "race_id, year, round, circuit_id, name, date, time, start_key, quali_date, "
                        + "quali_time, sprint_date, sprint_time, url", dump.races(),
                r -> row(r.raceId(), r.year(), r.round(), r.circuitId(), r.name(), r.date(), r.time(), r.startKey(),
                        r.qualiDate(), r.qualiTime(), r.sprintDate(), r.sprintTime(), r.url()));
        inserts(out, staging("results"), RESULT_COLUMNS + ", fastest_lap_speed, status_id, classified", dump.results(),
                r -> result(r, true));
        inserts(out, staging("sprint_results"), RESULT_COLUMNS + ", status_id, classified", dump.sprintResults(),
                r -> result(r, false));
        inserts(out, staging("qualifying"), "qualify_id, race_id, driver_id, constructor_id, number, position, q1_ms, "
                + "q2_ms, q3_ms", dump.qualifying(), q -> row(q.qualifyId(), q.raceId(), q.driverId(),
                q.constructorId(), q.number(), q.position(), q.q1Ms(), q.q2Ms(), q.q3Ms()));
        inserts(out, staging("driver_standings"), "driver_standings_id, race_id, driver_id, points, position, "
                + "position_text, wins", dump.driverStandings(), SqlScript::standing);
        inserts(out, staging("constructor_standings"), "constructor_standings_id, race_id, constructor_id, points, "
                + "position, position_text, wins", dump.constructorStandings(), SqlScript::standing);
    }

    /**
     * The swap: one list of statements that must run as one D1 batch. It starts with the predictions count before and
     * ends with {@link #countsQuery()}, so the report reads both from the swap's own results. {@code expected} is the
     * dump's row count per data table: any other count fails the check constraint, which rolls the whole swap back.
     */
    static String swap(Map<String, Integer> expected) {
        StringBuilder sql = new StringBuilder();
        // Checked at the end of the batch instead of per statement: predictions point at races deleted and re-inserted.
        sql.append("PRAGMA defer_foreign_keys = on;\n");
        sql.append("SELECT count(*) AS predictions FROM predictions;\n");
        for (String table : DELETE_ORDER) {
            sql.append("DELETE FROM ").append(table).append(";\n");
        }
        for (String table : DELETE_ORDER.reversed()) {
            sql.append("INSERT INTO ").append(table).append(" SELECT * FROM ").append(staging(table)).append(";\n");
        }
        for (String table : DELETE_ORDER.reversed()) {
            sql.append("INSERT INTO ").append(CHECK_TABLE).append(" (table_name, expected, actual) SELECT '")
                    .append(table).append("', ").append(expected.get(table)).append(", count(*) FROM ").append(table)
                    .append(";\n");
        }
        sql.append("DELETE FROM predictions WHERE race_id NOT IN (SELECT race_id FROM races)"
                + " OR driver_id NOT IN (SELECT driver_id FROM drivers);\n");
        sql.append(RECORD_ARRIVALS).append('\n');
        // The counts GET /api/health serves, written with the data they describe.
        for (String table : Stream.concat(DELETE_ORDER.reversed().stream(), KEPT_TABLES.stream())
                .toList()) {
            sql.append("INSERT OR REPLACE INTO table_rows (table_name, row_count) SELECT '").append(table)
                    .append("', count(*) FROM ").append(table).append(";\n");
        }
        sql.append(dropStaging()).append('\n');
        sql.append(countsQuery()).append(";\n");
        return sql.toString();
    }

    private static String result(ResultRow r, boolean withSpeed) {
        Object[] values = {r.resultId(), r.raceId(), r.driverId(), r.constructorId(), r.number(), r.grid(),
                r.position(), r.positionText(), r.positionOrder(), r.points(), r.laps(), r.time(), r.milliseconds(),
                r.fastestLap(), r.fastestLapRank(), r.fastestLapTime()};
        String common = row(values);
        String tail = withSpeed ? row(r.fastestLapSpeed(), r.statusId(), r.classified())
                : row(r.statusId(), r.classified());
        return common.substring(0, common.length() - 1) + ", " + tail.substring(1);
    }

    private static String standing(StandingRow s) {
        return row(s.standingsId(), s.raceId(), s.entrantId(), s.points(), s.position(), s.positionText(), s.wins());
    }

    private static <T> void inserts(Writer out, String table, String columns, List<T> rows,
                                    Function<T, String> values) throws IOException {
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            out.write("INSERT INTO " + table + " (" + columns + ") VALUES\n");
            List<T> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            for (int i = 0; i < chunk.size(); i++) {
                out.write(values.apply(chunk.get(i)));
                out.write(i + 1 < chunk.size() ? ",\n" : ";\n");
            }
        }
    }

    /** A parenthesised tuple of SQL literals. */
    static String row(Object... values) {
        return Arrays.stream(values).map(SqlScript::literal).collect(Collectors.joining(", ", "(", ")"));
    }

    /** A SQL literal: NULL, a number, 0/1 for booleans, or a single-quoted string with quotes doubled. */
    static String literal(Object value) {
        return switch (value) {
            case null -> "NULL";
            case Boolean b -> b ? "1" : "0";
            case Double d -> BigDecimal.valueOf(d).stripTrailingZeros().toPlainString(); // REAL affinity keeps 26 a real
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case String s -> "'" + s.replace("'", "''") + "'";
            default -> throw new IllegalArgumentException("no SQL literal for " + value.getClass().getName());
        };
    }
}
