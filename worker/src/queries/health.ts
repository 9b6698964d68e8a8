// GET /api/health: is D1 reachable, which schema version, how many rows per table.
import { batch } from "../db";

/** API name → table. Fixed literals, interpolated into SQL only from here. */
export const TABLES: Record<string, string> = {
  seasons: "seasons", circuits: "circuits", races: "races", drivers: "drivers", constructors: "constructors",
  status: "status", results: "results", sprintResults: "sprint_results", qualifying: "qualifying",
  driverStandings: "driver_standings", constructorStandings: "constructor_standings",
  predictions: "predictions", modelMetrics: "model_metrics",
};

/**
 * Row counts come from table_rows (written by the data load in the batch that swaps the data in, and kept by
 * triggers for predictions and model_metrics), looked up by primary key: a health check never counts a table.
 * MAX of the INTEGER PRIMARY KEY is one b-tree lookup.
 */
export const HEALTH_STATEMENTS = [
  "SELECT MAX(version) AS version FROM schema_version",
  `SELECT table_name AS tableName, row_count AS rowCount FROM table_rows
    WHERE table_name IN (${Object.values(TABLES).map((t) => `'${t}'`).join(", ")})`,
] as const;

export async function health(db: D1Database) {
  const [schema, counted] = await batch(db, HEALTH_STATEMENTS.map((sql) => db.prepare(sql)));
  const version = (schema?.results?.[0] as { version?: number | null } | undefined)?.version ?? null;
  const rows = (counted?.results ?? []) as { tableName: string; rowCount: number }[];
  const counts = new Map(rows.map((r) => [r.tableName, r.rowCount]));
  const tables = Object.fromEntries(Object.entries(TABLES).map(([name, table]) => [name, counts.get(table) ?? 0]));
  return { status: "ok", database: "reachable", schemaVersion: version, tables };
}
