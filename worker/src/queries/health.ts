// GET /api/health: is D1 reachable, which schema version, how many rows per table.
import { ApiError } from "../http";

/** API name → table. Fixed literals, interpolated into SQL only from here. */
const TABLES: Record<string, string> = {
  seasons: "seasons", circuits: "circuits", races: "races", drivers: "drivers", constructors: "constructors",
  status: "status", results: "results", sprintResults: "sprint_results", qualifying: "qualifying",
  driverStandings: "driver_standings", constructorStandings: "constructor_standings",
  predictions: "predictions", modelMetrics: "model_metrics",
};

export async function health(db: D1Database) {
  const counts = Object.entries(TABLES).map(([name, table]) => `(SELECT COUNT(*) FROM ${table}) AS ${name}`);
  let row: Record<string, number | null> | null;
  try {
    row = await db.prepare(`SELECT (SELECT MAX(version) FROM schema_version) AS schemaVersion, ${counts.join(", ")}`)
      .first<Record<string, number | null>>();
  } catch (err) {
    console.error("health: D1 query failed:", err instanceof Error ? err.message : String(err));
    throw new ApiError(503, "DATABASE_UNAVAILABLE", "The database is not reachable or not migrated");
  }
  const tables = Object.fromEntries(Object.keys(TABLES).map((name) => [name, row?.[name] ?? 0]));
  return { status: "ok", database: "reachable", schemaVersion: row?.schemaVersion ?? null, tables };
}
