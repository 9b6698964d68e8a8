// GET /api/data/seasons and GET /api/data/seasons/{year}: the raw material of training frames.
import { ApiError } from "../http";
import { first, rows, runBatch } from "../db";
import {
  CIRCUIT_COLUMNS, CONSTRUCTOR_COLUMNS, CONSTRUCTOR_STANDING_COLUMNS, DRIVER_COLUMNS, DRIVER_STANDING_COLUMNS,
  QUALIFYING_COLUMNS, RACE_COLUMNS, resultColumns, toCircuit, toConstructor, toConstructorStanding, toDriver,
  toDriverStanding, toQualifying, toRace, toResult, toSprintResult,
} from "../rows";

export async function seasonList(db: D1Database) {
  // Seasons with or without races; a race year missing from `seasons` is listed too.
  const [list] = await runBatch(db, [
    rows(db.prepare(`WITH years AS (SELECT year FROM seasons UNION SELECT year FROM races),
        per_race AS (SELECT race_id, COUNT(*) AS n FROM results GROUP BY race_id)
      SELECT y.year AS year, COUNT(r.race_id) AS races, COUNT(pr.race_id) AS racesWithResults,
             COALESCE(SUM(pr.n), 0) AS results, MIN(r.date) AS firstDate, MAX(r.date) AS lastDate
      FROM years y LEFT JOIN races r ON r.year = y.year LEFT JOIN per_race pr ON pr.race_id = r.race_id
      GROUP BY y.year ORDER BY y.year`)),
  ]);
  return list;
}

export async function seasonDetail(db: D1Database, year: number) {
  const q = (sql: string) => rows(db.prepare(sql).bind(year));
  // Rows of the season's races; every statement selects by year through the races table.
  const inSeason = (alias: string) => `JOIN races r ON r.race_id = ${alias}.race_id WHERE r.year = ?1`;
  const [known, races, results, sprintResults, qualifying, driverStandings, constructorStandings, drivers,
    constructors, circuits, status] = await runBatch(db, [
    first(db.prepare("SELECT 1 AS yes WHERE EXISTS (SELECT 1 FROM seasons WHERE year = ?1) OR EXISTS (SELECT 1 FROM races WHERE year = ?1)").bind(year)),
    q(`SELECT ${RACE_COLUMNS} FROM races r WHERE r.year = ?1 ORDER BY r.round`),
    q(`SELECT ${resultColumns("results")} FROM results res LEFT JOIN status s ON s.status_id = res.status_id
       ${inSeason("res")} ORDER BY r.round, res.position_order`),
    q(`SELECT ${resultColumns("sprint_results")} FROM sprint_results res LEFT JOIN status s ON s.status_id = res.status_id
       ${inSeason("res")} ORDER BY r.round, res.position_order`),
    q(`SELECT ${QUALIFYING_COLUMNS} FROM qualifying q ${inSeason("q")} ORDER BY r.round, q.position`),
    q(`SELECT ${DRIVER_STANDING_COLUMNS} FROM driver_standings ds ${inSeason("ds")}
       ORDER BY r.round, ds.position IS NULL, ds.position, ds.driver_id`),
    q(`SELECT ${CONSTRUCTOR_STANDING_COLUMNS} FROM constructor_standings cs ${inSeason("cs")}
       ORDER BY r.round, cs.position IS NULL, cs.position, cs.constructor_id`),
    q(`SELECT ${DRIVER_COLUMNS} FROM drivers d WHERE d.driver_id IN (
         SELECT x.driver_id FROM results x ${inSeason("x")}
         UNION SELECT x.driver_id FROM sprint_results x ${inSeason("x")}
         UNION SELECT x.driver_id FROM qualifying x ${inSeason("x")}
         UNION SELECT x.driver_id FROM driver_standings x ${inSeason("x")})
       ORDER BY d.driver_id`),
    q(`SELECT ${CONSTRUCTOR_COLUMNS} FROM constructors k WHERE k.constructor_id IN (
         SELECT x.constructor_id FROM results x ${inSeason("x")}
         UNION SELECT x.constructor_id FROM sprint_results x ${inSeason("x")}
         UNION SELECT x.constructor_id FROM qualifying x ${inSeason("x")}
         UNION SELECT x.constructor_id FROM constructor_standings x ${inSeason("x")})
       ORDER BY k.constructor_id`),
    q(`SELECT ${CIRCUIT_COLUMNS} FROM circuits c WHERE c.circuit_id IN (SELECT circuit_id FROM races WHERE year = ?1)
       ORDER BY c.circuit_id`),
    q(`SELECT s.status_id AS statusId, s.status AS status FROM status s WHERE s.status_id IN (
         SELECT x.status_id FROM results x ${inSeason("x")}
         UNION SELECT x.status_id FROM sprint_results x ${inSeason("x")})
       ORDER BY s.status_id`),
  ]);
  if (known === null) throw new ApiError(404, "SEASON_NOT_FOUND", `Season ${year} does not exist`);

  const data = {
    year,
    races: races.map(toRace),
    results: results.map(toResult),
    sprintResults: sprintResults.map(toSprintResult),
    qualifying: qualifying.map(toQualifying),
    driverStandings: driverStandings.map(toDriverStanding),
    constructorStandings: constructorStandings.map(toConstructorStanding),
    drivers: drivers.map(toDriver),
    constructors: constructors.map(toConstructor),
    circuits: circuits.map(toCircuit),
    status: status.map((s) => ({ statusId: s.statusId, status: s.status })),
  };
  const counts = Object.fromEntries(
    Object.entries(data).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [k, (v as unknown[]).length]));
  return { data, counts };
}
