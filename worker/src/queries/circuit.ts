// GET /api/data/circuit/{circuit}/patterns: what history says about a track, as of a cutoff.
import { resolveAsOf, startKeyBound } from "../asof";
import { first, rows, runBatch } from "../db";
import type { AsOfParam, IdOrRef } from "../params";
import { CONSTRUCTOR_COLUMNS, DRIVER_COLUMNS, toConstructor, toDriver } from "../rows";
import { findCircuit } from "./lookup";

/** The circuit's Grand Prix held before the cutoff (upcoming races without results do not count). */
const HELD = `held AS (
  SELECT r.race_id, r.year, r.start_key FROM races r
  WHERE r.circuit_id = ?1 AND r.start_key < ?2 AND EXISTS (SELECT 1 FROM results x WHERE x.race_id = r.race_id))`;

const TOP = 10;

export async function circuitPatterns(db: D1Database, key: IdOrRef, asOfParam: AsOfParam) {
  const [circuit, asOf] = await runBatch(db, [findCircuit(db, key), resolveAsOf(db, asOfParam)]);
  const bind = (sql: string) => db.prepare(sql).bind(circuit.circuitId, startKeyBound(asOf));

  const [summary, topDrivers, topConstructors, recentWinners] = await runBatch(db, [
    // Per race: was it won from pole, and what share of the field was not classified; then averaged.
    first<{ races: number; firstYear: number | null; lastYear: number | null; poleWinRate: number | null; avgDnfRate: number | null }>(
      bind(`WITH ${HELD}, per_race AS (
          SELECT h.race_id, h.year,
                 MAX(CASE WHEN res.position_order = 1 AND res.grid = 1 THEN 1 ELSE 0 END) AS poleWin,
                 AVG(1.0 - res.classified) AS dnfRate
          FROM held h JOIN results res ON res.race_id = h.race_id GROUP BY h.race_id, h.year)
        SELECT COUNT(*) AS races, MIN(year) AS firstYear, MAX(year) AS lastYear,
               AVG(poleWin) AS poleWinRate, AVG(dnfRate) AS avgDnfRate FROM per_race`)),
    rows(bind(`WITH ${HELD}, tally AS (
          SELECT res.driver_id AS id, COUNT(*) AS starts, SUM(res.position_order = 1) AS wins,
                 SUM(res.position_order <= 3) AS podiums
          FROM held h JOIN results res ON res.race_id = h.race_id GROUP BY res.driver_id)
        SELECT ${DRIVER_COLUMNS}, t.starts AS starts, t.wins AS wins, t.podiums AS podiums
        FROM tally t JOIN drivers d ON d.driver_id = t.id
        ORDER BY t.wins DESC, t.podiums DESC, t.starts DESC, t.id LIMIT ${TOP}`)),
    rows(bind(`WITH ${HELD}, tally AS (
          SELECT res.constructor_id AS id, COUNT(*) AS entries, SUM(res.position_order = 1) AS wins,
                 SUM(res.position_order <= 3) AS podiums
          FROM held h JOIN results res ON res.race_id = h.race_id GROUP BY res.constructor_id)
        SELECT ${CONSTRUCTOR_COLUMNS}, t.entries AS entries, t.wins AS wins, t.podiums AS podiums
        FROM tally t JOIN constructors k ON k.constructor_id = t.id
        ORDER BY t.wins DESC, t.podiums DESC, t.entries DESC, t.id LIMIT ${TOP}`)),
    rows(bind(`WITH ${HELD}
        SELECT h.race_id AS raceId, h.year AS year, res.driver_id AS driverId, res.constructor_id AS constructorId,
               res.grid AS grid
        FROM held h JOIN results res ON res.race_id = h.race_id AND res.position_order = 1
        ORDER BY h.start_key DESC LIMIT ${TOP}`)),
  ]);

  return {
    circuit,
    races: summary?.races ?? 0,
    firstYear: summary?.firstYear ?? null,
    lastYear: summary?.lastYear ?? null,
    poleWinRate: summary?.poleWinRate ?? null,
    avgDnfRate: summary?.avgDnfRate ?? null,
    topDrivers: topDrivers.map((r) => ({ driver: toDriver(r), starts: r.starts, wins: r.wins, podiums: r.podiums })),
    topConstructors: topConstructors.map((r) => ({
      constructor: toConstructor(r), entries: r.entries, wins: r.wins, podiums: r.podiums,
    })),
    recentWinners: recentWinners.map((r) => ({
      raceId: r.raceId, year: r.year, driverId: r.driverId, constructorId: r.constructorId, grid: r.grid,
    })),
  };
}
