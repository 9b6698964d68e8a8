// The API's record shapes (API.md "Shapes"): the SQL that selects them in camelCase and pickers that
// copy exactly the contract's fields, so an extra helper column in a query never leaks into a response.
import type { Row } from "./db";

export interface Race {
  raceId: number; year: number; round: number; circuitId: number; name: string; date: string;
  time: string | null; qualiDate: string | null; qualiTime: string | null;
  sprintDate: string | null; sprintTime: string | null; url: string | null;
}
export interface Circuit {
  circuitId: number; circuitRef: string; name: string; location: string | null; country: string | null;
  lat: number | null; lng: number | null; alt: number | null;
}
export interface Driver {
  driverId: number; driverRef: string; number: number | null; code: string | null; forename: string;
  surname: string; dob: string | null; nationality: string | null;
}
export interface Constructor { constructorId: number; constructorRef: string; name: string; nationality: string | null }

export const RACE_COLUMNS = `r.race_id AS raceId, r.year AS year, r.round AS round, r.circuit_id AS circuitId,
  r.name AS name, r.date AS date, r.time AS time, r.quali_date AS qualiDate, r.quali_time AS qualiTime,
  r.sprint_date AS sprintDate, r.sprint_time AS sprintTime, r.url AS url`;
const RACE_KEYS = ["raceId", "year", "round", "circuitId", "name", "date", "time", "qualiDate", "qualiTime",
  "sprintDate", "sprintTime", "url"] as const;

export const CIRCUIT_COLUMNS = `c.circuit_id AS circuitId, c.circuit_ref AS circuitRef, c.name AS name,
  c.location AS location, c.country AS country, c.lat AS lat, c.lng AS lng, c.alt AS alt`;
const CIRCUIT_KEYS = ["circuitId", "circuitRef", "name", "location", "country", "lat", "lng", "alt"] as const;

export const DRIVER_COLUMNS = `d.driver_id AS driverId, d.driver_ref AS driverRef, d.number AS number,
  d.code AS code, d.forename AS forename, d.surname AS surname, d.dob AS dob, d.nationality AS nationality`;
const DRIVER_KEYS = ["driverId", "driverRef", "number", "code", "forename", "surname", "dob", "nationality"] as const;

export const CONSTRUCTOR_COLUMNS = `k.constructor_id AS constructorId, k.constructor_ref AS constructorRef,
  k.name AS name, k.nationality AS nationality`;
const CONSTRUCTOR_KEYS = ["constructorId", "constructorRef", "name", "nationality"] as const;

/** Grand Prix and sprint results share a layout; sprints have no fastest-lap speed. `position` is
 *  re-derived from `classified` so a numeric position on a retirement (2025 rows) never escapes. */
export const resultColumns = (table: "results" | "sprint_results") => `res.result_id AS resultId,
  res.race_id AS raceId, res.driver_id AS driverId, res.constructor_id AS constructorId, res.number AS number,
  res.grid AS grid, CASE WHEN res.classified = 1 THEN res.position END AS position,
  res.position_text AS positionText, res.position_order AS positionOrder, res.points AS points, res.laps AS laps,
  res.time AS time, res.milliseconds AS milliseconds, res.fastest_lap AS fastestLap,
  res.fastest_lap_rank AS fastestLapRank, res.fastest_lap_time AS fastestLapTime,
  ${table === "results" ? "res.fastest_lap_speed AS fastestLapSpeed," : ""}
  res.status_id AS statusId, s.status AS status, res.classified AS classified`;
const RESULT_KEYS = ["resultId", "raceId", "driverId", "constructorId", "number", "grid", "position",
  "positionText", "positionOrder", "points", "laps", "time", "milliseconds", "fastestLap", "fastestLapRank",
  "fastestLapTime", "fastestLapSpeed", "statusId", "status"] as const;
const SPRINT_RESULT_KEYS = RESULT_KEYS.filter((k) => k !== "fastestLapSpeed");

export const QUALIFYING_COLUMNS = `q.qualify_id AS qualifyId, q.race_id AS raceId, q.driver_id AS driverId,
  q.constructor_id AS constructorId, q.number AS number, q.position AS position, q.q1_ms AS q1Ms,
  q.q2_ms AS q2Ms, q.q3_ms AS q3Ms`;
const QUALIFYING_KEYS = ["qualifyId", "raceId", "driverId", "constructorId", "number", "position", "q1Ms", "q2Ms",
  "q3Ms"] as const;

export const DRIVER_STANDING_COLUMNS = `ds.driver_standings_id AS driverStandingsId, ds.race_id AS raceId,
  ds.driver_id AS driverId, ds.points AS points, ds.position AS position, ds.position_text AS positionText,
  ds.wins AS wins`;
const DRIVER_STANDING_KEYS = ["driverStandingsId", "raceId", "driverId", "points", "position", "positionText",
  "wins"] as const;

export const CONSTRUCTOR_STANDING_COLUMNS = `cs.constructor_standings_id AS constructorStandingsId,
  cs.race_id AS raceId, cs.constructor_id AS constructorId, cs.points AS points, cs.position AS position,
  cs.position_text AS positionText, cs.wins AS wins`;
const CONSTRUCTOR_STANDING_KEYS = ["constructorStandingsId", "raceId", "constructorId", "points", "position",
  "positionText", "wins"] as const;

function pick<K extends string>(row: object, keys: readonly K[]): Record<K, unknown> {
  const out = {} as Record<K, unknown>;
  for (const k of keys) out[k] = (row as Row)[k] ?? null;
  return out;
}

export const toRace = (row: object) => pick(row, RACE_KEYS) as unknown as Race;
export const toCircuit = (row: Row) => pick(row, CIRCUIT_KEYS) as unknown as Circuit;
export const toDriver = (row: Row) => pick(row, DRIVER_KEYS) as unknown as Driver;
export const toConstructor = (row: Row) => pick(row, CONSTRUCTOR_KEYS) as unknown as Constructor;
export const toResult = (row: Row) => ({ ...pick(row, RESULT_KEYS), classified: row.classified === 1 });
export const toSprintResult = (row: Row) => ({ ...pick(row, SPRINT_RESULT_KEYS), classified: row.classified === 1 });
export const toQualifying = (row: Row) => pick(row, QUALIFYING_KEYS);
export const toDriverStanding = (row: Row) => pick(row, DRIVER_STANDING_KEYS);
export const toConstructorStanding = (row: Row) => pick(row, CONSTRUCTOR_STANDING_KEYS);
