package pitwall.data;

import java.util.Map;

/** {@code GET /api/health}: D1 reachable, schema version, row count per table. */
public record Health(String status, String database, Integer schemaVersion, Map<String, Long> tables) {

    public Health {
        tables = tables == null ? Map.of() : Map.copyOf(tables);
    }

    /** True when the Worker reports itself healthy. */
    public boolean ok() {
        return "ok".equals(status);
    }
}
