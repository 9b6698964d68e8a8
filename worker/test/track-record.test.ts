// The track record's raw material: when results arrived, when predictions were stored (both by D1's clock only),
// and GET /api/data/seasons/{year}/predictions.
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { MAX_SEASON_PREDICTIONS } from "../src/queries/predictions";
import { RACE_KEYS, adminHeaders, expectData, expectError, get, keysOf, post, sorted } from "./helpers";

const ADMIN = "/api/admin/predictions";
const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
// What the data load's swap runs after it has swapped the results in (pitwall.ingest.SqlScript).
const RECORD_ARRIVALS = `INSERT INTO results_arrival (race_id, arrived_at) SELECT DISTINCT race_id, ${NOW}
  FROM results WHERE race_id NOT IN (SELECT race_id FROM results_arrival)`;

const forecast = (raceId: number, modelVersion: string, extra: Record<string, unknown> = {}) => ({
  raceId, modelVersion, ...extra, predictions: [
    { driverId: 830, predictedPosition: 1, winProb: 0.5, podiumProb: 0.9 },
    { driverId: 815, predictedPosition: 2, winProb: 0.3, podiumProb: 0.7 },
  ],
});

const sql = (statement: string, ...binds: unknown[]) => env.DB.prepare(statement).bind(...binds).run();
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe("times are the database's, never the client's", () => {
  it("a body carrying createdAt is refused, at the batch and at a prediction", async () => {
    const past = "2020-01-01T00:00:00.000Z";
    expectError(await post(ADMIN, forecast(1124, "t-1", { createdAt: past }), adminHeaders()), 400, "BAD_REQUEST");
    const row = { ...forecast(1124, "t-1").predictions[0], createdAt: past };
    expectError(await post(ADMIN, { raceId: 1124, modelVersion: "t-1", predictions: [row] }, adminHeaders()),
      400, "BAD_REQUEST");
  });

  it("D1 itself refuses a backdated or moved created_at and a backdated or moved arrival", async () => {
    await expect(sql(`INSERT INTO predictions (race_id, driver_id, model_version, predicted_position, win_prob,
        podium_prob, created_at) VALUES (1124, 830, 't-2', 1, 0.5, 0.9, '2020-01-01T00:00:00.000Z')`))
      .rejects.toThrow(/created_at is the time of the insert/);
    expectData(await post(ADMIN, forecast(1124, "t-2"), adminHeaders()));
    await expect(sql("UPDATE predictions SET created_at = '2020-01-01T00:00:00.000Z' WHERE model_version = 't-2'"))
      .rejects.toThrow(/never changed/);
    await expect(sql("INSERT INTO results_arrival (race_id, arrived_at) VALUES (1124, '2020-01-01T00:00:00.000Z')"))
      .rejects.toThrow(/arrived_at is the time of the insert/);
    await expect(sql("INSERT INTO results_arrival (race_id, arrived_at) VALUES (1124, NULL)"))
      .rejects.toThrow(/arrived_at is the time of the insert/);
    await expect(sql("UPDATE results_arrival SET arrived_at = '2020-01-01T00:00:00.000Z' WHERE race_id = 1121"))
      .rejects.toThrow(/first arrival stands/);
  });

  it("a replacing batch carries the time of its own write, not the earlier one's", async () => {
    expectData(await post(ADMIN, forecast(1124, "t-3"), adminHeaders()));
    const before = expectData(await get("/api/data/race/1124/predictions?model_version=t-3")).models[0].createdAt;
    await new Promise((r) => setTimeout(r, 5));
    expectData(await post(ADMIN, forecast(1124, "t-3"), adminHeaders()));
    const after = expectData(await get("/api/data/race/1124/predictions?model_version=t-3")).models[0];
    expect(after.createdAt).toMatch(ISO);
    expect(after.createdAt > before).toBe(true);
    for (const p of after.predictions) expect(p.createdAt > before).toBe(true);
  });
});

describe("results arrival", () => {
  it("races loaded with results carry their arrival; a race without results has none", async () => {
    const done = expectData(await get("/api/data/race/1121/predictions"));
    expect(done).toMatchObject({ raceId: 1121, hasResults: true, resultsArrivedBeforeTracking: false });
    expect(done.resultsArrivedAt).toMatch(ISO);
    expect(expectData(await get("/api/data/race/1124/predictions"))).toMatchObject(
      { raceId: 1124, hasResults: false, resultsArrivedAt: null, resultsArrivedBeforeTracking: false });
  });

  it("a race that had results before arrivals were recorded says so, with no time", async () => {
    // Only migration 3 writes such a row (NULL for races already with results); its trigger refuses one later.
    const trigger = await env.DB.prepare("SELECT sql FROM sqlite_master WHERE name = 'results_arrival_now'")
      .first<{ sql: string }>();
    await env.DB.batch([
      env.DB.prepare("DROP TRIGGER results_arrival_now"),
      env.DB.prepare("DELETE FROM results_arrival WHERE race_id = 1122"),
      env.DB.prepare("INSERT INTO results_arrival (race_id, arrived_at) VALUES (1122, NULL)"),
      env.DB.prepare(trigger!.sql),
    ]);
    expect(expectData(await get("/api/data/race/1122/predictions"))).toMatchObject(
      { hasResults: true, resultsArrivedAt: null, resultsArrivedBeforeTracking: true });
    const season = expectData(await get("/api/data/seasons/2024/predictions"));
    expect(season.races[1]).toMatchObject({ resultsArrivedAt: null, resultsArrivedBeforeTracking: true });
    await env.DB.batch([env.DB.prepare(RECORD_ARRIVALS)]);
    expect(expectData(await get("/api/data/race/1122/predictions")).resultsArrivedBeforeTracking).toBe(true);
  });

  it("results arriving after a forecast: the forecast is earlier, a forced write later, a reload keeps the time", async () => {
    expectData(await post(ADMIN, forecast(1125, "before"), adminHeaders()));
    await new Promise((r) => setTimeout(r, 5));
    await env.DB.batch([
      env.DB.prepare(`INSERT INTO results (result_id, race_id, driver_id, constructor_id, grid, position,
          position_text, position_order, points, laps, status_id, classified)
        SELECT 900000 + driver_id, 1125, driver_id, constructor_id, grid, position, position_text, position_order,
          points, laps, status_id, classified FROM results WHERE race_id = 1123`),
      env.DB.prepare(RECORD_ARRIVALS),
    ]);
    const arrived = expectData(await get("/api/data/race/1125/predictions"));
    expect(arrived).toMatchObject({ hasResults: true, resultsArrivedBeforeTracking: false });
    expect(arrived.resultsArrivedAt).toMatch(ISO);
    expect(arrived.models[0].createdAt < arrived.resultsArrivedAt).toBe(true);

    expectError(await post(ADMIN, forecast(1125, "after"), adminHeaders()), 409, "RACE_HAS_RESULTS");
    expectData(await post(ADMIN, forecast(1125, "after", { force: true }), adminHeaders()));
    await env.DB.batch([env.DB.prepare(RECORD_ARRIVALS)]);
    const later = expectData(await get("/api/data/race/1125/predictions"));
    expect(later.resultsArrivedAt).toBe(arrived.resultsArrivedAt);
    const after = later.models.find((m: { modelVersion: string }) => m.modelVersion === "after");
    expect(after.createdAt > later.resultsArrivedAt).toBe(true);
  });
});

describe("GET /api/data/seasons/{year}/predictions", () => {
  it("lists every race of the season by round with its start, results state and stored models", async () => {
    expectData(await post(ADMIN, forecast(1124, "season-a"), adminHeaders()));
    const res = await get("/api/data/seasons/2024/predictions");
    const data = expectData(res);
    expect(keysOf(data)).toEqual(["races", "year"]);
    expect(data.year).toBe(2024);
    expect(data.races.map((r: { race: { round: number } }) => r.race.round)).toEqual([1, 2, 3, 4, 5]);
    for (const r of data.races) {
      expect(keysOf(r)).toEqual(sorted(["race", "start", "hasResults", "resultsArrivedAt",
        "resultsArrivedBeforeTracking", "models"]));
      expect(keysOf(r.race)).toEqual(sorted(RACE_KEYS));
    }
    const [bahrain, , , japan] = data.races;
    expect(bahrain).toMatchObject({ start: "2024-03-02T15:00:00Z", hasResults: true, models: [] });
    expect(japan.start).toBe("2024-04-07T05:00:00Z");
    expect(japan.hasResults).toBe(false);
    const a = japan.models.find((m: { modelVersion: string }) => m.modelVersion === "season-a");
    expect(a.createdAt).toMatch(ISO);
    expect(a.predictions.map((p: object) => keysOf(p))[0]).toEqual(sorted(["driverId", "predictedPosition",
      "winProb", "podiumProb", "dnfProb", "intervalLow", "intervalHigh", "createdAt"]));
    expect(a.predictions.map((p: { driverId: number }) => p.driverId)).toEqual([830, 815]);
    const rowsInSeason = data.races.reduce((n: number, r: { models: { predictions: unknown[] }[] }) =>
      n + r.models.reduce((m, x) => m + x.predictions.length, 0), 0);
    expect(res.body.meta).toMatchObject({ races: 5, predictions: rowsInSeason });
  });

  it("filters by model_version; 404 unknown season; 400 malformed year, model_version or parameter", async () => {
    expectData(await post(ADMIN, forecast(1124, "season-b"), adminHeaders()));
    const one = expectData(await get("/api/data/seasons/2024/predictions?model_version=season-b"));
    const versions = one.races.flatMap((r: { models: { modelVersion: string }[] }) => r.models.map((m) => m.modelVersion));
    expect(versions).toEqual(["season-b"]);
    expectError(await get("/api/data/seasons/1900/predictions"), 404, "SEASON_NOT_FOUND");
    expectError(await get("/api/data/seasons/24/predictions"), 400, "INVALID_PARAMETER");
    expectError(await get("/api/data/seasons/2024/predictions?model_version=a%20b"), 400, "INVALID_PARAMETER");
    expectError(await get("/api/data/seasons/2024/predictions?modelVersion=a"), 400, "INVALID_PARAMETER");
    expectError(await get("/api/data/seasons/2024/predictions", { method: "POST" }), 405, "METHOD_NOT_ALLOWED");
  });

  it(`is bounded: over ${MAX_SEASON_PREDICTIONS} rows is 422 asking for one model version, which still answers`,
    async () => {
      await sql(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i <= ${MAX_SEASON_PREDICTIONS})
        INSERT INTO predictions (race_id, driver_id, model_version, predicted_position, win_prob, podium_prob)
        SELECT 1124, 830, 'bulk-' || i, 1, 0.1, 0.2 FROM n`);
      const res = await get("/api/data/seasons/2024/predictions");
      expectError(res, 422, "UNPROCESSABLE");
      expect(res.body.error.message).toContain("model_version");
      const one = await get("/api/data/seasons/2024/predictions?model_version=bulk-7");
      expect(one.body.meta.predictions).toBe(1);
    });
});
