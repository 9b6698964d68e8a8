// Stored predictions: key check, validation, all-or-nothing idempotent upsert, and reading them back.
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { requireApiKey } from "../src/auth";
import { ApiError } from "../src/http";
import { adminHeaders, expectData, expectError, get, post } from "./helpers";

const URL_ = "/api/admin/predictions";

const batch = (modelVersion: string, overrides: Record<string, unknown> = {}) => ({
  raceId: 1124,
  modelVersion,
  predictions: [
    { driverId: 830, predictedPosition: 1, winProb: 0.41, podiumProb: 0.8, dnfProb: 0.05, intervalLow: 1, intervalHigh: 3 },
    { driverId: 815, predictedPosition: 2, winProb: 0.2, podiumProb: 0.6, dnfProb: 0.06, intervalLow: 1, intervalHigh: 5 },
    { driverId: 832, predictedPosition: 3, winProb: 0.15, podiumProb: 0.5 },
  ],
  ...overrides,
});

const storedRows = async (raceId: number, modelVersion: string) =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM predictions WHERE race_id = ?1 AND model_version = ?2")
    .bind(raceId, modelVersion).first<{ n: number }>())!.n;

describe("POST /api/admin/predictions: the key", () => {
  it("missing or wrong X-API-Key is 401, checked before the body", async () => {
    expectError(await post(URL_, batch("m-1")), 401, "UNAUTHORIZED");
    expectError(await post(URL_, batch("m-1"), { "x-api-key": "wrong" }), 401, "UNAUTHORIZED");
    expectError(await post(URL_, batch("m-1"), { "x-api-key": `${env.PREDICTIONS_API_KEY}x` }), 401, "UNAUTHORIZED");
    expectError(await post(URL_, batch("m-1"), { "x-api-key": "" }), 401, "UNAUTHORIZED");
    expectError(await post(URL_, "not json", { "x-api-key": "wrong" }), 401, "UNAUTHORIZED");
    expect(await storedRows(1124, "m-1")).toBe(0);
  });

  it("with no secret configured every call is refused, even with an empty key", async () => {
    const request = (key: string) => new Request("https://x/api/admin/predictions", { headers: { "x-api-key": key } });
    for (const secret of [undefined, ""]) {
      const noSecret = { DB: env.DB, PREDICTIONS_API_KEY: secret };
      await expect(requireApiKey(request(""), noSecret)).rejects.toBeInstanceOf(ApiError);
      await expect(requireApiKey(request("anything"), noSecret)).rejects.toMatchObject({ status: 401 });
    }
    await expect(requireApiKey(request(env.PREDICTIONS_API_KEY!), env)).resolves.toBeUndefined();
  });
});

describe("POST /api/admin/predictions: validation", () => {
  it("needs application/json (415) and at most 1 MiB (413)", async () => {
    const res = await get(URL_, { method: "POST", headers: { ...adminHeaders(), "content-type": "text/plain" },
      body: JSON.stringify(batch("m-1")) });
    expectError(res, 415, "UNSUPPORTED_MEDIA_TYPE");
    const huge = JSON.stringify({ ...batch("m-1"), pad: "x".repeat(1024 * 1024 + 1) });
    expectError(await post(URL_, huge, adminHeaders()), 413, "PAYLOAD_TOO_LARGE");
  });

  it("malformed bodies are 400", async () => {
    const p0 = batch("m").predictions[0]!;
    const bodies: unknown[] = [
      batch("has space"), batch(""), batch("x".repeat(101)), batch("m/1"), batch("m", { modelVersion: 7 }),
      batch("m", { raceId: "1124" }), batch("m", { raceId: 0 }), batch("m", { raceId: 11.5 }),
      batch("m", { predictions: [] }), batch("m", { predictions: "none" }),
      batch("m", { predictions: Array.from({ length: 101 }, (_, i) => ({ ...p0, predictedPosition: i + 1 })) }),
      batch("m", { predictions: [{ ...p0, predictedPosition: 0 }] }),
      batch("m", { predictions: [{ ...p0, predictedPosition: 1.5 }] }),
      batch("m", { predictions: [p0, { ...p0, driverId: 815 }] }),            // same predictedPosition
      batch("m", { predictions: [p0, { ...p0, predictedPosition: 2 }] }),     // same driverId
      batch("m", { predictions: [{ ...p0, winProb: 1.5 }] }),
      batch("m", { predictions: [{ ...p0, podiumProb: -0.1 }] }),
      batch("m", { predictions: [{ ...p0, dnfProb: 2 }] }),
      batch("m", { predictions: [{ ...p0, winProb: "0.4" }] }),
      batch("m", { predictions: [{ ...p0, winProb: null }] }),
      batch("m", { predictions: [{ driverId: 830, predictedPosition: 1, podiumProb: 0.5 }] }),
      batch("m", { predictions: [{ ...p0, intervalLow: 5, intervalHigh: 2 }] }),
      batch("m", { predictions: [{ ...p0, driverRef: "max_verstappen" }] }),
      batch("m", { predictions: [null] }),
      batch("m", { extra: true }),
      batch("m", { force: "yes" }), batch("m", { force: 1 }), batch("m", { force: null }),
      { modelVersion: "m", predictions: [p0] },
      [batch("m")],
    ];
    for (const body of bodies) {
      const res = await post(URL_, body, adminHeaders());
      expect(res.status, JSON.stringify(body).slice(0, 200)).toBe(400);
      expectError(res, 400, "BAD_REQUEST");
    }
    expectError(await post(URL_, "{", adminHeaders()), 400, "INVALID_JSON");
  });

  it("unknown race is 404, unknown driver 422 naming it, and then nothing is written", async () => {
    expectError(await post(URL_, batch("m-404", { raceId: 99999 }), adminHeaders()), 404, "RACE_NOT_FOUND");
    const withUnknown = batch("m-422");
    withUnknown.predictions.push({ driverId: 777777, predictedPosition: 4, winProb: 0, podiumProb: 0 });
    const res = await post(URL_, withUnknown, adminHeaders());
    expectError(res, 422, "UNPROCESSABLE");
    expect(res.body.error.message).toContain("777777");
    expect(await storedRows(1124, "m-422")).toBe(0);
  });
});

describe("upsert and read back", () => {
  it("is idempotent: posting twice keeps one row per driver with the newest values", async () => {
    const first = await post(URL_, batch("ensembles-20261127-1"), adminHeaders());
    expect(expectData(first)).toEqual({ raceId: 1124, modelVersion: "ensembles-20261127-1", upserted: 3, replaced: 0 });
    expect(first.body.meta).toEqual({});

    const again = batch("ensembles-20261127-1");
    again.predictions[0]!.winProb = 0.5;
    again.predictions[2]!.predictedPosition = 4;
    expect(expectData(await post(URL_, again, adminHeaders())).upserted).toBe(3);
    expect(expectData(await post(URL_, again, adminHeaders())).upserted).toBe(3);
    expect(await storedRows(1124, "ensembles-20261127-1")).toBe(3);

    const data = expectData(await get("/api/data/race/1124/predictions"));
    expect(data.raceId).toBe(1124);
    expect(data.models).toHaveLength(1);
    const [model] = data.models;
    expect(Object.keys(model).sort()).toEqual(["createdAt", "modelVersion", "predictions"]);
    expect(model.modelVersion).toBe("ensembles-20261127-1");
    expect(model.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(model.predictions.map((p: { createdAt: string }) => ({ ...p, createdAt: "t" }))).toEqual([
      { driverId: 830, predictedPosition: 1, winProb: 0.5, podiumProb: 0.8, dnfProb: 0.05, intervalLow: 1, intervalHigh: 3, createdAt: "t" },
      { driverId: 815, predictedPosition: 2, winProb: 0.2, podiumProb: 0.6, dnfProb: 0.06, intervalLow: 1, intervalHigh: 5, createdAt: "t" },
      { driverId: 832, predictedPosition: 4, winProb: 0.15, podiumProb: 0.5, dnfProb: null, intervalLow: null, intervalHigh: null, createdAt: "t" },
    ]);
  });

  it("keeps model versions apart, sorted, and filters by model_version", async () => {
    expectData(await post(URL_, batch("b:2", { raceId: 1125 }), adminHeaders()));
    expectData(await post(URL_, batch("a.1", { raceId: 1125 }), adminHeaders()));
    const all = expectData(await get("/api/data/race/1125/predictions"));
    expect(all.models.map((m: { modelVersion: string }) => m.modelVersion)).toEqual(["a.1", "b:2"]);
    const one = expectData(await get("/api/data/race/1125/predictions?model_version=b:2"));
    expect(one.models.map((m: { modelVersion: string }) => m.modelVersion)).toEqual(["b:2"]);
    expect(expectData(await get("/api/data/race/1125/predictions?model_version=none")).models).toEqual([]);
  });

  it("GET: empty models for a race without predictions, 404 unknown race, 400 malformed", async () => {
    expect(expectData(await get("/api/data/race/1121/predictions")).models).toEqual([]);
    expectError(await get("/api/data/race/99999/predictions"), 404, "RACE_NOT_FOUND");
    expectError(await get("/api/data/race/x/predictions"), 400, "INVALID_PARAMETER");
    expectError(await get("/api/data/race/1121/predictions?model_version=a%20b"), 400, "INVALID_PARAMETER");
    expectError(await get("/api/data/race/1121/predictions?model_version="), 400, "INVALID_PARAMETER");
    expectError(await get("/api/data/race/1121/predictions?modelVersion=a"), 400, "INVALID_PARAMETER");
  });
});

describe("a batch replaces the earlier batch of its race and model version", () => {
  const rowsOf = async (raceId: number, modelVersion: string) =>
    (await env.DB.prepare(`SELECT driver_id AS driverId, predicted_position AS position FROM predictions
        WHERE race_id = ?1 AND model_version = ?2 ORDER BY predicted_position`).bind(raceId, modelVersion).all()).results;
  const two = (modelVersion: string, a: number, b: number, raceId = 1124) => ({ raceId, modelVersion, predictions: [
    { driverId: a, predictedPosition: 1, winProb: 0.4, podiumProb: 0.8 },
    { driverId: b, predictedPosition: 2, winProb: 0.3, podiumProb: 0.7 },
  ] });

  it("a smaller or different batch leaves no stale rows: {830 P1, 844 P2} then {844 P1, 1 P2}", async () => {
    expectData(await post(URL_, two("replace-1", 830, 844), adminHeaders()));
    const second = expectData(await post(URL_, two("replace-1", 844, 1), adminHeaders()));
    expect(second).toEqual({ raceId: 1124, modelVersion: "replace-1", upserted: 2, replaced: 2 });
    expect(await rowsOf(1124, "replace-1")).toEqual([{ driverId: 844, position: 1 }, { driverId: 1, position: 2 }]);
    const read = expectData(await get("/api/data/race/1124/predictions?model_version=replace-1"));
    expect(read.models[0].predictions.map((p: { driverId: number }) => p.driverId)).toEqual([844, 1]);
  });

  it("other model versions and other races are untouched", async () => {
    expectData(await post(URL_, two("replace-2", 830, 844), adminHeaders()));
    expectData(await post(URL_, two("replace-3", 830, 844), adminHeaders()));
    expectData(await post(URL_, two("replace-2", 830, 844, 1125), adminHeaders()));
    expectData(await post(URL_, { ...two("replace-2", 1, 844), predictions: [two("replace-2", 1, 844).predictions[0]] },
      adminHeaders()));
    expect(await rowsOf(1124, "replace-2")).toEqual([{ driverId: 1, position: 1 }]);
    expect(await rowsOf(1124, "replace-3")).toHaveLength(2);
    expect(await rowsOf(1125, "replace-2")).toHaveLength(2);
  });

  it("a refused batch leaves the earlier batch whole", async () => {
    expectData(await post(URL_, two("replace-4", 830, 844), adminHeaders()));
    expectError(await post(URL_, two("replace-4", 844, 777777), adminHeaders()), 422, "UNPROCESSABLE");
    expect(await rowsOf(1124, "replace-4")).toEqual([{ driverId: 830, position: 1 }, { driverId: 844, position: 2 }]);
  });
});

describe("predictions for a race that already has results", () => {
  const forRace = (raceId: number, extra: Record<string, unknown> = {}) => ({ raceId, modelVersion: "hindsight",
    predictions: [{ driverId: 830, predictedPosition: 1, winProb: 0.6, podiumProb: 0.9 }], ...extra });

  it("are refused with 409 RACE_HAS_RESULTS saying how to force, and nothing is written", async () => {
    for (const body of [forRace(1121), forRace(1121, { force: false })]) {
      const res = await post(URL_, body, adminHeaders());
      expectError(res, 409, "RACE_HAS_RESULTS");
      expect(res.body.error.message).toContain("1121");
      expect(res.body.error.message).toContain('"force": true');
    }
    expect(await storedRows(1121, "hindsight")).toBe(0);
  });

  it("are stored with force: true; races without results need no force", async () => {
    expect(expectData(await post(URL_, forRace(1121, { force: true }), adminHeaders())).upserted).toBe(1);
    expect(await storedRows(1121, "hindsight")).toBe(1);
    // 1124 has qualifying only, 1125 sprint results only: neither has Grand Prix results yet.
    for (const raceId of [1124, 1125]) expectData(await post(URL_, forRace(raceId), adminHeaders()));
  });
});
