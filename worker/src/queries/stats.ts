// As-of driver and team statistics for a set of drivers / constructors at once: a few set-based
// statements with window functions instead of a handful of queries per entrant.
import { combine, groupBy, idList, map, rows, type Query } from "../db";
import { DRIVER_COLUMNS, toDriver, type Driver } from "../rows";

export interface StatsScope {
  /** Only races with start_key < this bound count. */
  startKeyBefore: string;
  /** Championship year for the standings fields; null when the database has no races. */
  season: number | null;
  window: number;
}

export interface DriverStats {
  races: number;
  window: number;
  windowRaces: number;
  recentForm: number[];
  avgFinish: number | null;
  dnfRate: number | null;
  avgGrid: number | null;
  season: number | null;
  championshipPoints: number;
  championshipPosition: number | null;
  wins: number;
}

export interface TeamStats {
  races: number;
  window: number;
  windowRaces: number;
  avgPosition: number | null;
  dnfRate: number | null;
  season: number | null;
  championshipPoints: number;
  championshipPosition: number | null;
  wins: number;
  drivers: Driver[];
}

const RECENT_FORM = 5;

interface Standing { id: number; points: number; position: number | null; wins: number }

/** Each driver's (or constructor's) latest championship standing of `season` before the cutoff. */
function latestStandings(db: D1Database, kind: "driver" | "constructor", ids: number[], scope: StatsScope) {
  const [table, col] = kind === "driver" ? ["driver_standings", "driver_id"] : ["constructor_standings", "constructor_id"];
  // Table and column names come from the two literals above, never from input.
  const sql = `SELECT id, points, position, wins FROM (
      SELECT st.${col} AS id, st.points AS points, st.position AS position, st.wins AS wins,
             ROW_NUMBER() OVER (PARTITION BY st.${col} ORDER BY r.start_key DESC) AS recency
      FROM ${table} st JOIN races r ON r.race_id = st.race_id
      WHERE st.${col} IN (SELECT value FROM json_each(?1)) AND r.year = ?2 AND r.start_key < ?3)
    WHERE recency = 1`;
  return map(rows<Standing>(db.prepare(sql).bind(idList(ids), scope.season, scope.startKeyBefore)),
    (list) => new Map(list.map((s) => [s.id, s])));
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function driverStats(db: D1Database, driverIds: number[], scope: StatsScope): Query<Map<number, DriverStats>> {
  // The most recent max(window, 5) starts of each driver, newest first, with the driver's total starts.
  const starts = db.prepare(`SELECT driverId, races, recency, positionOrder, grid, classified FROM (
      SELECT res.driver_id AS driverId, res.position_order AS positionOrder, res.grid AS grid,
             res.classified AS classified,
             ROW_NUMBER() OVER (PARTITION BY res.driver_id ORDER BY r.start_key DESC, res.result_id DESC) AS recency,
             COUNT(*) OVER (PARTITION BY res.driver_id) AS races
      FROM results res JOIN races r ON r.race_id = res.race_id
      WHERE res.driver_id IN (SELECT value FROM json_each(?1)) AND r.start_key < ?2)
    WHERE recency <= ?3 ORDER BY driverId, recency`)
    .bind(idList(driverIds), scope.startKeyBefore, Math.max(scope.window, RECENT_FORM));
  type Start = { driverId: number; races: number; recency: number; positionOrder: number; grid: number; classified: number };
  const startsQ = rows<Start>(starts);
  const standingsQ = latestStandings(db, "driver", driverIds, scope);

  return combine([startsQ, standingsQ], ([all, standings]) => {
    const byDriver = groupBy(all, (s) => s.driverId);
    const out = new Map<number, DriverStats>();
    for (const id of driverIds) {
      const list = byDriver.get(id) ?? [];
      const inWindow = list.filter((s) => s.recency <= scope.window);
      const standing = standings.get(id);
      out.set(id, {
        races: list[0]?.races ?? 0,
        window: scope.window,
        windowRaces: inWindow.length,
        recentForm: list.filter((s) => s.recency <= RECENT_FORM).map((s) => s.positionOrder),
        avgFinish: mean(inWindow.map((s) => s.positionOrder)),
        dnfRate: mean(inWindow.map((s) => 1 - s.classified)),
        avgGrid: mean(inWindow.filter((s) => s.grid > 0).map((s) => s.grid)),
        season: scope.season,
        championshipPoints: standing?.points ?? 0,
        championshipPosition: standing?.position ?? null,
        wins: standing?.wins ?? 0,
      });
    }
    return out;
  });
}

export function teamStats(db: D1Database, constructorIds: number[], scope: StatsScope): Query<Map<number, TeamStats>> {
  // A team's window is its last `window` races (all of its cars in them), ranked by start time.
  const aggregates = rows<{ id: number; races: number; windowRaces: number; avgPosition: number | null; dnfRate: number | null }>(
    db.prepare(`WITH entries AS (
        SELECT res.constructor_id AS id, res.race_id AS raceId, res.position_order AS positionOrder,
               res.classified AS classified,
               DENSE_RANK() OVER (PARTITION BY res.constructor_id ORDER BY r.start_key DESC, r.race_id DESC) AS recency
        FROM results res JOIN races r ON r.race_id = res.race_id
        WHERE res.constructor_id IN (SELECT value FROM json_each(?1)) AND r.start_key < ?2)
      SELECT id, MAX(recency) AS races,
             COUNT(DISTINCT CASE WHEN recency <= ?3 THEN raceId END) AS windowRaces,
             AVG(CASE WHEN recency <= ?3 THEN positionOrder END) AS avgPosition,
             AVG(CASE WHEN recency <= ?3 THEN 1.0 - classified END) AS dnfRate
      FROM entries GROUP BY id`).bind(idList(constructorIds), scope.startKeyBefore, scope.window));
  const standingsQ = latestStandings(db, "constructor", constructorIds, scope);
  // Who drove for the team in `season` before the cutoff.
  const driversQ = rows(db.prepare(`SELECT DISTINCT t.constructor_id AS teamId, ${DRIVER_COLUMNS}
      FROM results t JOIN races r ON r.race_id = t.race_id JOIN drivers d ON d.driver_id = t.driver_id
      WHERE t.constructor_id IN (SELECT value FROM json_each(?1)) AND r.year = ?2 AND r.start_key < ?3
      ORDER BY teamId, driverId`).bind(idList(constructorIds), scope.season, scope.startKeyBefore));

  return combine([aggregates, standingsQ, driversQ], ([aggRows, standings, driverRows]) => {
    const agg = new Map(aggRows.map((a) => [a.id, a]));
    const drivers = groupBy(driverRows, (row) => row.teamId as number);
    const out = new Map<number, TeamStats>();
    for (const id of constructorIds) {
      const a = agg.get(id);
      const standing = standings.get(id);
      out.set(id, {
        races: a?.races ?? 0,
        window: scope.window,
        windowRaces: a?.windowRaces ?? 0,
        avgPosition: a?.avgPosition ?? null,
        dnfRate: a?.dnfRate ?? null,
        season: scope.season,
        championshipPoints: standing?.points ?? 0,
        championshipPosition: standing?.position ?? null,
        wins: standing?.wins ?? 0,
        drivers: (drivers.get(id) ?? []).map(toDriver),
      });
    }
    return out;
  });
}
