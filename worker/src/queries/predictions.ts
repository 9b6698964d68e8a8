// Stored predictions: GET /api/data/race/{raceId}/predictions, GET /api/data/seasons/{year}/predictions and
// POST /api/admin/predictions.
import { ApiError, badBody } from "../http";
import { batch as d1Batch, first, groupBy, idList, rows, runBatch, type Row } from "../db";
import { RACE_COLUMNS, toRace } from "../rows";
import { asObject, onlyKeys, optionalNumber, positiveInt, probability } from "../validate";

export interface PredictionInput {
  driverId: number;
  predictedPosition: number;
  winProb: number;
  podiumProb: number;
  dnfProb: number | null;
  intervalLow: number | null;
  intervalHigh: number | null;
}

export interface PredictionBatch {
  raceId: number;
  modelVersion: string;
  predictions: PredictionInput[];
  /** Store even though the race already has results (a prediction made with hindsight). */
  force: boolean;
}

export const MODEL_VERSION = /^[A-Za-z0-9._:-]{1,100}$/;
const MAX_PREDICTIONS = 100;

function raceExists(db: D1Database, raceId: number) {
  return first(db.prepare("SELECT 1 AS yes FROM races WHERE race_id = ?1").bind(raceId));
}

/** At most this many prediction rows in one season answer; one model version always fits (25 races × 100). */
export const MAX_SEASON_PREDICTIONS = 10_000;

interface StoredRow {
  raceId: number; modelVersion: string; driverId: number; predictedPosition: number; winProb: number;
  podiumProb: number; dnfProb: number | null; intervalLow: number | null; intervalHigh: number | null;
  createdAt: string;
}

const STORED_COLUMNS = `p.race_id AS raceId, p.model_version AS modelVersion, p.driver_id AS driverId,
  p.predicted_position AS predictedPosition, p.win_prob AS winProb, p.podium_prob AS podiumProb,
  p.dnf_prob AS dnfProb, p.interval_low AS intervalLow, p.interval_high AS intervalHigh, p.created_at AS createdAt`;
const STORED_ORDER = "p.model_version, p.predicted_position, p.driver_id";

/**
 * Whether the race has Grand Prix results now and when they first reached the database (results_arrival, written by
 * the data load). The arrival is null when none have arrived, and also, with resultsArrivedBeforeTracking, when the
 * race already had results before arrival times were recorded (schema version 3).
 */
const RESULTS_STATE = `EXISTS (SELECT 1 FROM results x WHERE x.race_id = r.race_id) AS hasResults,
  a.arrived_at AS resultsArrivedAt, (a.race_id IS NOT NULL AND a.arrived_at IS NULL) AS arrivedBeforeTracking`;

interface ResultsState { hasResults: number; resultsArrivedAt: string | null; arrivedBeforeTracking: number }

const resultsState = (r: ResultsState) => ({
  hasResults: r.hasResults === 1,
  resultsArrivedAt: r.resultsArrivedAt,
  resultsArrivedBeforeTracking: r.arrivedBeforeTracking === 1,
});

/** One race's rows (in STORED_ORDER) as models by modelVersion, each with the time of its latest write. */
function modelsOf(stored: readonly StoredRow[]) {
  return [...groupBy(stored, (p) => p.modelVersion)].map(([version, list]) => ({
    modelVersion: version,
    createdAt: list.map((p) => p.createdAt).reduce((a, b) => (b > a ? b : a)),
    predictions: list.map(({ modelVersion: _, raceId: __, ...p }) => p),
  }));
}

export async function readPredictions(db: D1Database, raceId: number, modelVersion: string | null) {
  const [race, stored] = await runBatch(db, [
    first<ResultsState>(db.prepare(`SELECT ${RESULTS_STATE} FROM races r
        LEFT JOIN results_arrival a ON a.race_id = r.race_id WHERE r.race_id = ?1`).bind(raceId)),
    rows<StoredRow>(db.prepare(`SELECT ${STORED_COLUMNS} FROM predictions p
        WHERE p.race_id = ?1 AND (?2 IS NULL OR p.model_version = ?2) ORDER BY ${STORED_ORDER}`)
      .bind(raceId, modelVersion)),
  ]);
  if (race === null) throw new ApiError(404, "RACE_NOT_FOUND", `Race ${raceId} does not exist`);
  return { raceId, ...resultsState(race), models: modelsOf(stored) };
}

/**
 * Every race of a season, by round, with its scheduled start, its results state and its stored predictions: the
 * material of a track record. Bounded: more than MAX_SEASON_PREDICTIONS rows is a 422 asking for one model version.
 */
export async function seasonPredictions(db: D1Database, year: number, modelVersion: string | null) {
  const [known, races, stored] = await runBatch(db, [
    first(db.prepare("SELECT 1 AS yes WHERE EXISTS (SELECT 1 FROM seasons WHERE year = ?1) OR EXISTS (SELECT 1 FROM races WHERE year = ?1)").bind(year)),
    rows<Row & ResultsState & { start: string }>(db.prepare(`SELECT ${RACE_COLUMNS}, r.start_key || 'Z' AS start,
        ${RESULTS_STATE} FROM races r LEFT JOIN results_arrival a ON a.race_id = r.race_id
        WHERE r.year = ?1 ORDER BY r.round`).bind(year)),
    rows<StoredRow>(db.prepare(`SELECT ${STORED_COLUMNS} FROM predictions p JOIN races r ON r.race_id = p.race_id
        WHERE r.year = ?1 AND (?2 IS NULL OR p.model_version = ?2) ORDER BY r.round, ${STORED_ORDER}
        LIMIT ${MAX_SEASON_PREDICTIONS + 1}`).bind(year, modelVersion)),
  ]);
  if (known === null) throw new ApiError(404, "SEASON_NOT_FOUND", `Season ${year} does not exist`);
  if (stored.length > MAX_SEASON_PREDICTIONS) {
    throw new ApiError(422, "UNPROCESSABLE", `Season ${year} holds more than ${MAX_SEASON_PREDICTIONS} stored `
      + "predictions; ask for one model version at a time (?model_version=)");
  }
  const byRace = groupBy(stored, (p) => p.raceId);
  const data = {
    year,
    races: races.map((r) => ({
      race: toRace(r), start: r.start, ...resultsState(r), models: modelsOf(byRace.get(r.raceId as number) ?? []),
    })),
  };
  const meta = {
    races: races.length,
    modelVersions: new Set(stored.map((p) => p.modelVersion)).size,
    predictions: stored.length,
  };
  return { data, meta };
}

/** Validates the admin body; every problem is a 400 naming the field. */
export function parsePredictionBatch(body: unknown): PredictionBatch {
  const obj = asObject(body, "body");
  onlyKeys(obj, ["raceId", "modelVersion", "predictions", "force"], "body");
  if (obj.force !== undefined && typeof obj.force !== "boolean") throw badBody("force must be true or false");
  const raceId = positiveInt(obj.raceId, "raceId");
  if (typeof obj.modelVersion !== "string" || !MODEL_VERSION.test(obj.modelVersion)) {
    throw badBody("modelVersion must be 1-100 characters of A-Z a-z 0-9 . _ : -");
  }
  if (!Array.isArray(obj.predictions) || obj.predictions.length < 1 || obj.predictions.length > MAX_PREDICTIONS) {
    throw badBody(`predictions must be an array of 1 to ${MAX_PREDICTIONS} items`);
  }
  const drivers = new Set<number>();
  const positions = new Set<number>();
  const predictions = obj.predictions.map((item: unknown, i: number): PredictionInput => {
    const at = `predictions[${i}]`;
    const p = asObject(item, at);
    onlyKeys(p, ["driverId", "predictedPosition", "winProb", "podiumProb", "dnfProb", "intervalLow", "intervalHigh"], at);
    const driverId = positiveInt(p.driverId, `${at}.driverId`);
    const predictedPosition = positiveInt(p.predictedPosition, `${at}.predictedPosition`);
    if (drivers.has(driverId)) throw badBody(`${at}.driverId ${driverId} appears more than once`);
    if (positions.has(predictedPosition)) throw badBody(`${at}.predictedPosition ${predictedPosition} appears more than once`);
    drivers.add(driverId);
    positions.add(predictedPosition);
    const intervalLow = optionalNumber(p.intervalLow, `${at}.intervalLow`);
    const intervalHigh = optionalNumber(p.intervalHigh, `${at}.intervalHigh`);
    if (intervalLow !== null && intervalHigh !== null && intervalLow > intervalHigh) {
      throw badBody(`${at}.intervalLow must not exceed intervalHigh`);
    }
    return {
      driverId,
      predictedPosition,
      winProb: probability(p.winProb, `${at}.winProb`, true),
      podiumProb: probability(p.podiumProb, `${at}.podiumProb`, true),
      dnfProb: probability(p.dnfProb, `${at}.dnfProb`, false),
      intervalLow,
      intervalHigh,
    };
  });
  return { raceId, modelVersion: obj.modelVersion, predictions, force: obj.force === true };
}

/**
 * Stores a batch as the whole of its (race, model version): the earlier rows of that pair are deleted and the new
 * ones inserted in one D1 batch, which D1 runs as one transaction, so a smaller batch leaves no stale rows and a
 * reader sees either the old batch or the new one. A race with results is refused unless forced.
 */
export async function storePredictions(db: D1Database, batch: PredictionBatch) {
  const [race, hasResults, knownDrivers] = await runBatch(db, [
    raceExists(db, batch.raceId),
    first(db.prepare("SELECT 1 AS yes FROM results WHERE race_id = ?1 LIMIT 1").bind(batch.raceId)),
    rows<{ driverId: number }>(db.prepare(
      "SELECT driver_id AS driverId FROM drivers WHERE driver_id IN (SELECT value FROM json_each(?1))")
      .bind(idList(batch.predictions.map((p) => p.driverId)))),
  ]);
  if (race === null) throw new ApiError(404, "RACE_NOT_FOUND", `Race ${batch.raceId} does not exist`);
  if (hasResults !== null && !batch.force) {
    throw new ApiError(409, "RACE_HAS_RESULTS", `Race ${batch.raceId} already has results, so these predictions `
      + `would be stored with hindsight; send "force": true in the body to store them anyway`);
  }
  const known = new Set(knownDrivers.map((d) => d.driverId));
  const unknown = batch.predictions.map((p) => p.driverId).filter((id) => !known.has(id));
  if (unknown.length) throw new ApiError(422, "UNPROCESSABLE", `Unknown driverId ${unknown.join(", ")}`);

  const insert = db.prepare(`INSERT INTO predictions (race_id, driver_id, model_version, predicted_position, win_prob,
        podium_prob, dnf_prob, interval_low, interval_high)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`);
  const [removed] = await d1Batch(db, [
    // RETURNING counts the rows themselves: D1's meta.changes also counts what the row-count triggers change.
    db.prepare("DELETE FROM predictions WHERE race_id = ?1 AND model_version = ?2 RETURNING driver_id")
      .bind(batch.raceId, batch.modelVersion),
    ...batch.predictions.map((p) => insert.bind(batch.raceId, p.driverId, batch.modelVersion, p.predictedPosition,
      p.winProb, p.podiumProb, p.dnfProb, p.intervalLow, p.intervalHigh)),
  ]);
  return { raceId: batch.raceId, modelVersion: batch.modelVersion, upserted: batch.predictions.length,
    replaced: removed?.results.length ?? 0 };
}
