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
import pitwall.local.D1;
import pitwall.local.LocalException;

/**
 * Replaces the Ergast data in a D1 with a dump. Nothing is written unless the whole dump validates; then one SQL
 * file runs (locally one transaction: a failure leaves the previous data as it was), and the row counts are read
 * back and compared with the dump, so a partial load can never pass silently.
 */
public final class DumpLoader {

    private final D1 d1;
    private final boolean migrate;

    /** A loader for a D1 whose schema exists (migrations applied). */
    public DumpLoader(D1 d1) {
        this(d1, false);
    }

    /** With {@code migrate}, pending migrations are applied after validation, before the load. */
    public DumpLoader(D1 d1, boolean migrate) {
        this.d1 = d1;
        this.migrate = migrate;
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
        // Locally the file is one transaction, so it can read the counts itself, before and after, atomically.
        // Remotely (D1's import) that is not documented, so the counts are separate queries around it.
        boolean local = d1.target() instanceof D1.Target.Local;
        Path sql = tempFile();
        try {
            SqlScript.write(dump, sql, local);
            Map<String, Long> before = local ? null : counts();
            long loadStart = System.nanoTime();
            List<JsonNode> results = execute(sql);
            Duration load = since(loadStart);
            boolean inFile = local && results.size() >= 2;
            if (before == null) {
                before = inFile ? counts(results.getFirst()) : Map.of("predictions", 0L);
            }
            Map<String, Long> after = inFile ? counts(results.getLast()) : counts();
            Map<String, Long> rows = verify(dump, after);
            long kept = after.get("predictions");
            return new LoadReport(dump.dir(), d1.target().describe(), rows, kept,
                    Math.max(0, before.get("predictions") - kept), validation, load, since(start));
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

    private List<JsonNode> execute(Path sql) {
        try {
            return d1.executeFile(sql);
        } catch (LocalException e) {
            if (d1.target() instanceof D1.Target.Remote) {
                throw new LocalException(e.getMessage() + ". D1's remote import is not documented as one "
                        + "transaction: check the counts (GET /api/health) and re-run the load, which replaces all data",
                        e);
            }
            throw new LocalException(e.getMessage() + ". The local D1 rolled the whole file back: its data is as before",
                    e);
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

    private static Map<String, Long> counts(JsonNode rows) {
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
            throw new LocalException("The load is incomplete:" + wrong + " re-run the load: it replaces all data,"
                    + " so a second run converges");
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
