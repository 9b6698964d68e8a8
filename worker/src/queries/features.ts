// GET /api/data/race/{raceId}/features and POST /api/data/ml-prediction-data: a race's entry list with
// as-of statistics computed only from races that started strictly before it. Two round trips per race:
// the race and its candidate entry lists, then the statistics of all entrants at once.
import { ApiError } from "../http";
import { combine, first, groupBy, idList, rows, runBatch, type Query } from "../db";
import { DEFAULT_WINDOW } from "../params";
import {
  CIRCUIT_COLUMNS, CONSTRUCTOR_COLUMNS, DRIVER_COLUMNS, RACE_COLUMNS, toCircuit, toConstructor, toDriver, toRace,
  type Circuit, type Constructor, type Driver, type Race,
} from "../rows";
import { driverStats, teamStats, type DriverStats, type TeamStats } from "./stats";

export type EntrySource = "results" | "qualifying" | "previous_race";

export interface Entry {
  driver: Driver;
  constructor: Constructor;
  grid: number | null;
  qualifyingPosition: number | null;
  q1Ms: number | null;
  q2Ms: number | null;
  q3Ms: number | null;
  driverStats: DriverStats;
  teamStats: TeamStats;
}

export interface RaceFeatures {
  race: Race;
  circuit: Circuit;
  entrySource: EntrySource;
  entries: Entry[];
}

interface Entrant { driverId: number; constructorId: number; grid: number | null }
interface QualifyingRow { driverId: number; constructorId: number; position: number; q1Ms: number | null; q2Ms: number | null; q3Ms: number | null }

interface RaceSetup {
  race: Race & { startKey: string };
  circuit: Circuit;
  entrySource: EntrySource;
  entrants: Entrant[];
  qualifying: Map<number, QualifyingRow>;
}

/** The race, its circuit, and the three candidate entry lists (own results, own qualifying, previous race). */
function raceSetup(db: D1Database, raceId: number): Query<RaceSetup> {
  const race = first<Race & { startKey: string }>(
    db.prepare(`SELECT ${RACE_COLUMNS}, r.start_key AS startKey FROM races r WHERE r.race_id = ?1`).bind(raceId));
  const circuit = first(db.prepare(
    `SELECT ${CIRCUIT_COLUMNS} FROM circuits c JOIN races r ON r.circuit_id = c.circuit_id WHERE r.race_id = ?1`).bind(raceId));
  // Only who started where: the race's own positions, points and status are never read here.
  const results = rows<Entrant>(db.prepare(`SELECT driver_id AS driverId, constructor_id AS constructorId, grid
      FROM results WHERE race_id = ?1 ORDER BY driver_id, result_id`).bind(raceId));
  const qualifying = rows<QualifyingRow>(db.prepare(`SELECT driver_id AS driverId, constructor_id AS constructorId,
      position, q1_ms AS q1Ms, q2_ms AS q2Ms, q3_ms AS q3Ms
      FROM qualifying WHERE race_id = ?1 ORDER BY driver_id, position`).bind(raceId));
  // An upcoming race: the field of the latest earlier race that has results.
  const previous = rows<Entrant>(db.prepare(`SELECT driver_id AS driverId, constructor_id AS constructorId, NULL AS grid
      FROM results WHERE race_id = (
        SELECT p.race_id FROM races p JOIN races me ON me.race_id = ?1
        WHERE p.start_key < me.start_key AND EXISTS (SELECT 1 FROM results x WHERE x.race_id = p.race_id)
        ORDER BY p.start_key DESC LIMIT 1)
      ORDER BY driver_id, result_id`).bind(raceId));

  return combine([race, circuit, results, qualifying, previous], ([raceRow, circuitRow, own, quali, prev]) => {
    if (raceRow === null || circuitRow === null) throw new ApiError(404, "RACE_NOT_FOUND", `Race ${raceId} does not exist`);
    const entrySource: EntrySource = own.length ? "results" : quali.length ? "qualifying" : "previous_race";
    const source: Entrant[] = entrySource === "results" ? own
      : entrySource === "qualifying" ? quali.map((q) => ({ driverId: q.driverId, constructorId: q.constructorId, grid: null }))
      : prev;
    // One entry per driver (1950s drivers sometimes shared several cars in one race): the first row wins.
    const entrants = [...groupBy(source, (e) => e.driverId).values()].map(([e]) => e!);
    const qualifying = new Map([...groupBy(quali, (q) => q.driverId)].map(([id, [q]]) => [id, q!]));
    return { race: raceRow, circuit: toCircuit(circuitRow), entrySource, entrants, qualifying };
  });
}

export async function raceFeatures(db: D1Database, raceId: number, window = DEFAULT_WINDOW): Promise<RaceFeatures> {
  const [setup] = await runBatch(db, [raceSetup(db, raceId)]);
  const driverIds = setup.entrants.map((e) => e.driverId);
  const constructorIds = [...new Set(setup.entrants.map((e) => e.constructorId))];
  const scope = { startKeyBefore: setup.race.startKey, season: setup.race.year, window };

  const [drivers, constructors, dStats, tStats] = await runBatch(db, [
    rows(db.prepare(`SELECT ${DRIVER_COLUMNS} FROM drivers d WHERE d.driver_id IN (SELECT value FROM json_each(?1))`)
      .bind(idList(driverIds))),
    rows(db.prepare(`SELECT ${CONSTRUCTOR_COLUMNS} FROM constructors k
      WHERE k.constructor_id IN (SELECT value FROM json_each(?1))`).bind(idList(constructorIds))),
    driverStats(db, driverIds, scope),
    teamStats(db, constructorIds, scope),
  ]);
  const driverById = new Map(drivers.map((row) => [row.driverId as number, toDriver(row)]));
  const constructorById = new Map(constructors.map((row) => [row.constructorId as number, toConstructor(row)]));

  const entries = setup.entrants.map((e): Entry => {
    const q = setup.qualifying.get(e.driverId);
    return {
      driver: driverById.get(e.driverId)!,
      constructor: constructorById.get(e.constructorId)!,
      grid: e.grid,
      qualifyingPosition: q?.position ?? null,
      q1Ms: q?.q1Ms ?? null,
      q2Ms: q?.q2Ms ?? null,
      q3Ms: q?.q3Ms ?? null,
      driverStats: dStats.get(e.driverId)!,
      teamStats: tStats.get(e.constructorId)!,
    };
  });
  return { race: toRace(setup.race), circuit: setup.circuit, entrySource: setup.entrySource, entries };
}

/** Features of several races in the order asked; an unknown raceId is a 404 naming the first one. */
export async function manyRaceFeatures(db: D1Database, raceIds: number[]): Promise<RaceFeatures[]> {
  const [known] = await runBatch(db, [
    rows<{ raceId: number }>(db.prepare("SELECT race_id AS raceId FROM races WHERE race_id IN (SELECT value FROM json_each(?1))")
      .bind(idList(raceIds))),
  ]);
  const knownIds = new Set(known.map((r) => r.raceId));
  const missing = raceIds.find((id) => !knownIds.has(id));
  if (missing !== undefined) throw new ApiError(404, "RACE_NOT_FOUND", `Race ${missing} does not exist`);
  return Promise.all(raceIds.map((id) => raceFeatures(db, id)));
}
