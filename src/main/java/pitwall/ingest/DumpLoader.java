package pitwall.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import pitwall.local.D1;
import pitwall.local.LocalException;

/**
 * Replaces the Ergast data in a D1 with a dump, so that a failure at any point leaves the previous data served.
 * Nothing is written unless the whole dump validates. Then the dump is staged into {@code staging_*} tables beside the
 * served ones (one {@code --file} run), the staged row counts are compared with the dump and every staged reference
 * checked, and only then is the staged data swapped in by one {@code --command} run that D1 executes as a single
 * batch, i.e. one transaction, locally and remotely alike; the swap also fails, and rolls back whole, unless every
 * table ends with exactly the dump's row count.
 */
public final class DumpLoader {

    /** The points between which a load can be interrupted. */
    enum Step { STAGE, CHECK, SWAP }

    private final D1 d1;
    private final boolean migrate;
    private final Consumer<Step> beforeStep;

    /** A loader for a D1 whose schema exists (migrations applied). */
    public DumpLoader(D1 d1) {
        this(d1, false);
    }

    /** With {@code migrate}, pending migrations are applied after validation, before the load. */
    public DumpLoader(D1 d1, boolean migrate) {
        this(d1, migrate, step -> { });
    }

    /** {@code beforeStep} runs before each step; a test throws from it to stop a load at that point. */
    DumpLoader(D1 d1, boolean migrate, Consumer<Step> beforeStep) {
        this.d1 = d1;
        this.migrate = migrate;
        this.beforeStep = beforeStep;
    }

    /** Validates the whole dump, and only then touches D1 (migrations if asked, then the load). */
    public LoadReport load(Path dumpDir) {
        long start = System.nanoTime();
        Dump dump = Dump.read(dumpDir);
        Duration validation = since(start);
        return load(dump, start, validation);
    }

    /** Loads an already validated dump. */
    public LoadReport load(Dump dump) {
        return load(dump, System.nanoTime(), Duration.ZERO);
    }

    private LoadReport load(Dump dump, long start, Duration validation) {
        if (migrate) {
            d1.migrate();
        }
        Path sql = tempFile();
        try {
            long loadStart = System.nanoTime();
            beforeStep.accept(Step.STAGE);
            // Locally the file's results include the checks query at its end; a remote import prints none.
            SqlScript.writeStaging(dump, sql, true);
            List<JsonNode> staged = stage(sql);
            beforeStep.accept(Step.CHECK);
            Map<String, Long> checks = staged.size() >= 2 ? counts(staged.getLast())
                    : counts(d1.query(SqlScript.stagingChecksQuery()));
            checkStaging(dump, checks);
            beforeStep.accept(Step.SWAP);
            List<JsonNode> swapped = swap(dump);
            Duration load = since(loadStart);
            // The swap's first statement with rows counts the predictions before it, its last one every table after.
            List<JsonNode> withRows = swapped.stream().filter(r -> r.size() > 0).toList();
            Map<String, Long> after = withRows.size() >= 2 ? counts(withRows.getLast()) : counts();
            long before = withRows.size() >= 2 ? withRows.getFirst().path(0).path("predictions").asLong() : -1;
            Map<String, Long> rows = verify(dump, after);
            long kept = after.get("predictions");
            return new LoadReport(dump.dir(), d1.target().describe(), rows, kept,
                    before < 0 ? 0 : Math.max(0, before - kept), validation, load, since(start));
        } catch (LocalException e) {
            throw schemaHint(e);
        } finally {
            try {
                Files.deleteIfExists(sql);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }

    /** Fills the staging tables; the served tables are not touched, whatever happens. */
    private List<JsonNode> stage(Path sql) {
        try {
            return d1.executeFile(sql);
        } catch (LocalException e) {
            dropStaging();
            throw new LocalException(e.getMessage() + ". Only the staging tables were written: the data served by "
                    + d1.target().describe() + " is unchanged", e);
        }
    }

    private void checkStaging(Dump dump, Map<String, Long> staged) {
        String problems = stagingProblems(dump.rowCounts(), staged);
        if (problems != null) {
            dropStaging();
            throw new LocalException("The staged data does not match the dump:" + problems + " nothing was swapped in,"
                    + " the served data is unchanged; re-run the load");
        }
    }

    /** What is wrong with the staged data ({@link SqlScript#stagingChecksQuery()}), or null if nothing. */
    static String stagingProblems(Map<String, Integer> expected, Map<String, Long> staged) {
        StringBuilder wrong = new StringBuilder();
        expected.forEach((table, rows) -> {
            long actual = staged.getOrDefault(table, -1L);
            if (actual != rows) {
                wrong.append(String.format(" %s has %,d rows staged, the dump %,d;", table, actual, rows));
            }
        });
        long dangling = staged.getOrDefault("dangling", -1L);
        if (dangling != 0) {
            wrong.append(String.format(" %,d staged references point at rows that are not staged;", dangling));
        }
        return wrong.isEmpty() ? null : wrong.toString();
    }

    /*
     * Why --command for the swap: locally wrangler splits a --command (like a --file) into statements and sends them as
     * one D1 batch, a single transaction; remotely a --command is one request to D1's query API, which D1 runs inside
     * one implicit transaction (deferred foreign keys hold across its statements), with no upload and no window in
     * which the database refuses queries, as a remote --file import has. The swap is a few dozen statements, so it
     * fits a command line; the bulky INSERTs stay in the staging file, where atomicity does not matter.
     */
    private List<JsonNode> swap(Dump dump) {
        try {
            return d1.execute(SqlScript.swap(dump.rowCounts()));
        } catch (LocalException e) {
            dropStaging();
            throw new LocalException(e.getMessage() + ". The swap is one D1 batch and was rolled back whole: "
                    + d1.target().describe() + " serves its previous data", e);
        }
    }

    /** Best effort: a leftover staging table only costs space, and the next load drops it first. */
    private void dropStaging() {
        try {
            d1.execute(SqlScript.dropStaging());
        } catch (LocalException ignored) {
            // the load's own failure is the one to report
        }
    }

    /** Row counts of the data tables and the kept tables, by table. */
    public Map<String, Long> counts() {
        try {
            return counts(d1.query(SqlScript.countsQuery()));
        } catch (LocalException e) {
            throw schemaHint(e);
        }
    }

    static Map<String, Long> counts(JsonNode rows) {
        Map<String, Long> counts = new LinkedHashMap<>();
        rows.path(0).properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    private LocalException schemaHint(LocalException e) {
        if (e.getMessage().contains("no such table")) {
            return new LocalException("The D1 schema is missing in " + d1.target().describe() + " ("
                    + e.getMessage() + "); apply the migrations first (wrangler d1 migrations apply)", e);
        }
        return e;
    }

    private static Map<String, Long> verify(Dump dump, Map<String, Long> after) {
        Map<String, Long> rows = new LinkedHashMap<>();
        StringBuilder wrong = new StringBuilder();
        dump.rowCounts().forEach((table, expected) -> {
            long actual = after.getOrDefault(table, -1L);
            rows.put(table, actual);
            if (actual != expected) {
                wrong.append(String.format(" %s has %,d rows, the dump %,d;", table, actual, expected));
            }
        });
        if (!wrong.isEmpty()) {
            throw new LocalException("The swapped-in data does not match the dump:" + wrong + " re-run the load: it"
                    + " replaces all data, so a second run converges");
        }
        return rows;
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("pitwall-load-", ".sql");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary SQL file: " + e.getMessage(), e);
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
