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
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The SQL that replaces all Ergast data in D1 with a dump: deferred foreign keys, DELETE children first, multi-row
 * INSERTs parents first, then drop only the predictions whose race or driver no longer exists (model_metrics and
 * the other predictions stay). Executed as one file, so locally it is one transaction.
 */
final class SqlScript {

    /** Rows per INSERT: big enough to be fast, small enough for D1's statement limits. */
    static final int ROWS_PER_INSERT = 100;

    /** Data tables, children first (the DELETE order; INSERTs run in reverse). */
    static final List<String> DELETE_ORDER = List.of("constructor_standings", "driver_standings", "qualifying",
            "sprint_results", "results", "races", "constructors", "drivers", "status", "circuits", "seasons");

    /** Tables the load keeps (kept rows are counted in the report). */
    static final List<String> KEPT_TABLES = List.of("predictions", "model_metrics");

    private static final String RESULT_COLUMNS = "result_id, race_id, driver_id, constructor_id, number, grid, "
            + "position, position_text, position_order, points, laps, time, milliseconds, fastest_lap, "
            + "fastest_lap_rank, fastest_lap_time";

    private SqlScript() {
    }

    /** One query returning a single row: the row count of every data table and kept table, by table name. */
    static String countsQuery() {
        return "SELECT " + java.util.stream.Stream.concat(DELETE_ORDER.reversed().stream(), KEPT_TABLES.stream())
                .map(t -> "(SELECT count(*) FROM " + t + ") AS " + t)
                .collect(Collectors.joining(", "));
    }

    /**
     * Writes the script; with {@code withCounts} it starts and ends with {@link #countsQuery()}, so the counts before
     * and after are read inside the same transaction (and without two more wrangler start-ups).
     */
    static void write(Dump dump, Path file, boolean withCounts) {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            if (withCounts) {
                out.write(countsQuery() + ";\n");
            }
            write(dump, out);
            if (withCounts) {
                out.write(countsQuery() + ";\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the SQL script " + file + ": " + e.getMessage(), e);
        }
    }

    static void write(Dump dump, Writer out) throws IOException {
        out.write("-- pitwall: replace the Ergast data with the dump in " + dump.dir().getFileName() + "\n");
        // Checked at COMMIT instead of per statement: predictions may point at races that are deleted and re-inserted.
        out.write("PRAGMA defer_foreign_keys = on;\n");
        for (String table : DELETE_ORDER) {
            out.write("DELETE FROM " + table + ";\n");
        }
        inserts(out, "seasons", "year, url", dump.seasons(), s -> row(s.year(), s.url()));
        inserts(out, "circuits", "circuit_id, circuit_ref, name, location, country, lat, lng, alt, url",
                dump.circuits(), c -> row(c.circuitId(), c.circuitRef(), c.name(), c.location(), c.country(),
                        c.lat(), c.lng(), c.alt(), c.url()));
        inserts(out, "status", "status_id, status", dump.status(), s -> row(s.statusId(), s.status()));
        inserts(out, "drivers", "driver_id, driver_ref, number, code, forename, surname, dob, nationality, url",
                dump.drivers(), d -> row(d.driverId(), d.driverRef(), d.number(), d.code(), d.forename(),
                        d.surname(), d.dob(), d.nationality(), d.url()));
        inserts(out, "constructors", "constructor_id, constructor_ref, name, nationality, url", dump.constructors(),
                c -> row(c.constructorId(), c.constructorRef(), c.name(), c.nationality(), c.url()));
        inserts(out, "races", "race_id, year, round, circuit_id, name, date, time, start_key, quali_date, "
                        + "quali_time, sprint_date, sprint_time, url", dump.races(),
                r -> row(r.raceId(), r.year(), r.round(), r.circuitId(), r.name(), r.date(), r.time(), r.startKey(),
                        r.qualiDate(), r.qualiTime(), r.sprintDate(), r.sprintTime(), r.url()));
        inserts(out, "results", RESULT_COLUMNS + ", fastest_lap_speed, status_id, classified", dump.results(),
                r -> result(r, true));
        inserts(out, "sprint_results", RESULT_COLUMNS + ", status_id, classified", dump.sprintResults(),
                r -> result(r, false));
        inserts(out, "qualifying", "qualify_id, race_id, driver_id, constructor_id, number, position, q1_ms, q2_ms, "
                + "q3_ms", dump.qualifying(), q -> row(q.qualifyId(), q.raceId(), q.driverId(), q.constructorId(),
                q.number(), q.position(), q.q1Ms(), q.q2Ms(), q.q3Ms()));
        inserts(out, "driver_standings", "driver_standings_id, race_id, driver_id, points, position, position_text, "
                + "wins", dump.driverStandings(), SqlScript::standing);
        inserts(out, "constructor_standings", "constructor_standings_id, race_id, constructor_id, points, position, "
                + "position_text, wins", dump.constructorStandings(), SqlScript::standing);
        out.write("DELETE FROM predictions WHERE race_id NOT IN (SELECT race_id FROM races)"
                + " OR driver_id NOT IN (SELECT driver_id FROM drivers);\n");
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
