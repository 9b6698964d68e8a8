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
    expect(expectData(first)).toEqual({ raceId: 1124, modelVersion: "ensembles-20261127-1", upserted: 3 });
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
    expect(expectData(await get("/api/data/race/1121/predictions"))).toEqual({ raceId: 1121, models: [] });
    expectError(await get("/api/data/race/99999/predictions"), 404, "RACE_NOT_FOUND");
    expectError(await get("/api/data/race/x/predictions"), 400, "INVALID_PARAMETER");
    expectError(await get("/api/data/race/1121/predictions?model_version=a%20b"), 400, "INVALID_PARAMETER");
    expectError(await get("/api/data/race/1121/predictions?model_version="), 400, "INVALID_PARAMETER");
    expectError(await get("/api/data/race/1121/predictions?modelVersion=a"), 400, "INVALID_PARAMETER");
  });
});
