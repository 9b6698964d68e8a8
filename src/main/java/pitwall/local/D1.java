package pitwall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The project's D1 database ({@value Wrangler#DATABASE}), local or remote, driven through wrangler. */
public final class D1 {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Wrangler wrangler;
    private final Target target;

    public D1(Wrangler wrangler, Target target) {
        this.wrangler = wrangler;
        this.target = target;
    }

    /** The local D1 persisted under {@code persistDir} (the layout {@code wrangler dev --persist-to} uses). */
    public static D1 local(Wrangler wrangler, Path persistDir) {
        return new D1(wrangler, new Target.Local(persistDir));
    }

    public Target target() {
        return target;
    }

    /** Applies pending migrations from worker/migrations (a no-op when all are applied). */
    public void migrate() {
        List<String> args = new ArrayList<>(List.of("d1", "migrations", "apply", Wrangler.DATABASE));
        args.addAll(target.flags());
        wrangler.run(args).orThrow("Applying D1 migrations to " + target.describe());
    }

    /**
     * Executes a SQL file. Locally wrangler sends the whole file as one D1 batch, which is one transaction: a failing
     * statement rolls back every statement of the file. Remotely it is D1's import (upload, then ingest), during which
     * the database serves no queries. Returns each statement's result rows (empty when wrangler printed none, as
     * remote imports do).
     */
    public List<JsonNode> executeFile(Path sql) {
        List<String> args = new ArrayList<>(List.of("d1", "execute", Wrangler.DATABASE));
        args.addAll(target.flags());
        args.addAll(List.of("--file", sql.toAbsolutePath().toString(), "--yes", "--json"));
        Wrangler.Result result = wrangler.run(args).orThrow("Executing " + sql.getFileName() + " on " + target.describe());
        try {
            return statements(result);
        } catch (LocalException e) {
            return List.of(); // it succeeded (exit 0); remote imports may print progress instead of per-statement rows
        }
    }

    /** Runs one SQL command and returns the rows of its last statement. */
    public JsonNode query(String sql) {
        List<JsonNode> results = execute(sql);
        return results.isEmpty() ? JSON.createArrayNode() : results.getLast();
    }

    /**
     * Runs SQL statements given on the command line and returns each statement's result rows. Locally wrangler sends
     * them as one D1 batch, remotely as one request to D1's query API: either way one transaction, so a failing
     * statement rolls back all of them.
     */
    public List<JsonNode> execute(String sql) {
        List<String> args = new ArrayList<>(List.of("d1", "execute", Wrangler.DATABASE));
        args.addAll(target.flags());
        args.addAll(List.of("--command", sql, "--yes", "--json"));
        return statements(wrangler.run(args).orThrow("Executing SQL on " + target.describe()));
    }

    private static List<JsonNode> statements(Wrangler.Result result) {
        try {
            JsonNode root = JSON.readTree(result.stdout());
            List<JsonNode> rows = new ArrayList<>();
            for (JsonNode statement : root) {
                rows.add(statement.path("results"));
            }
            return rows;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new LocalException("wrangler printed no JSON result: " + Wrangler.stripAnsi(result.stdout()).strip());
        }
    }

    /** Which D1: the local one in a persist directory, or the production one (wrangler's own credentials). */
    public sealed interface Target {

        List<String> flags();

        String describe();

        /** The local D1 persisted in {@code persistDir}. */
        record Local(Path persistDir) implements Target {
            public Local {
                persistDir = persistDir.toAbsolutePath().normalize();
            }

            @Override
            public List<String> flags() {
                return List.of("--local", "--persist-to", persistDir.toString());
            }

            @Override
            public String describe() {
                return "the local D1 in " + persistDir;
            }
        }

        /** The production D1 named in wrangler.toml. */
        record Remote() implements Target {
            @Override
            public List<String> flags() {
                return List.of("--remote");
            }

            @Override
            public String describe() {
                return "the remote (production) D1";
            }
        }
    }
}
