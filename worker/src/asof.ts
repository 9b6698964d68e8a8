// "As of": statistics only use races whose start_key (date 'T' time, null time = 00:00:00) is strictly
// earlier than the cutoff. Chronology is always start_key, never raceId (raceIds are not chronological).
import { ApiError } from "./http";
import { constant, first, map, type Query } from "./db";
import type { AsOfParam } from "./params";

export interface AsOf {
  /** The as_of race, when as_of was a raceId. */
  raceId: number | null;
  /** Races with start_key < before count; null = every race in the database counts. */
  before: string | null;
  /** Championship year the standings refer to: the as_of race's (or date's) year, else the latest season. */
  season: number | null;
}

/** Upper bound for `start_key < ?` when there is no as_of: later than any real race start. */
const OPEN_END = "9999-12-31T23:59:59";

export const startKeyBound = (asOf: Pick<AsOf, "before">) => asOf.before ?? OPEN_END;

/** The `asOf` object of driver and team responses. */
export const asOfJson = (asOf: AsOf) => ({ raceId: asOf.raceId, before: asOf.before });

export function resolveAsOf(db: D1Database, param: AsOfParam): Query<AsOf> {
  if (param === null) {
    return map(first<{ year: number | null }>(db.prepare("SELECT MAX(year) AS year FROM races")), (row) => ({
      raceId: null,
      before: null,
      season: row?.year ?? null,
    }));
  }
  if ("date" in param) {
    // Strictly before that date's midnight (UTC).
    return constant({ raceId: null, before: `${param.date}T00:00:00`, season: Number(param.date.slice(0, 4)) });
  }
  const lookup = db
    .prepare("SELECT race_id AS raceId, year, start_key AS startKey FROM races WHERE race_id = ?1")
    .bind(param.raceId);
  return map(first<{ raceId: number; year: number; startKey: string }>(lookup), (race) => {
    if (race === null) throw new ApiError(404, "RACE_NOT_FOUND", `Race ${param.raceId} does not exist`);
    return { raceId: race.raceId, before: race.startKey, season: race.year };
  });
}
