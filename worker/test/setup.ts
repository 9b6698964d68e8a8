// Before each test file (each file gets its own isolated D1): the schema from the real migrations,
// then a small sample of real Ergast rows (see the header of fixtures/ergast-sample.sql).
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import fixtureSql from "./fixtures/ergast-sample.sql?raw";
import { TABLES } from "../src/queries/health";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
const seeded = await env.DB.prepare("SELECT COUNT(*) AS n FROM races").first<{ n: number }>();
if (!seeded?.n) {
  const sql = fixtureSql.split("\n").filter((line) => !line.startsWith("--")).join("\n");
  const statements = sql.split(";\n").map((s) => s.trim()).filter(Boolean);
  // The row counts the data load writes in the batch that swaps its data in.
  const counts = Object.values(TABLES).map((t) =>
    `INSERT OR REPLACE INTO table_rows (table_name, row_count) SELECT '${t}', count(*) FROM ${t}`);
  // And, as the load does, the arrival of every race's results (the time of this batch).
  const arrivals = ["INSERT INTO results_arrival (race_id, arrived_at) SELECT DISTINCT race_id, "
    + "strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM results"];
  await env.DB.batch([...statements, ...counts, ...arrivals].map((s) => env.DB.prepare(s)));
}
