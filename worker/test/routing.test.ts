// Envelope, routing, methods and query-parameter hygiene, independent of any one endpoint's data.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { HEALTH_STATEMENTS } from "../src/queries/health";
import { adminHeaders, expectData, expectError, get, post } from "./helpers";

describe("GET /api/health", () => {
  it("reports D1 reachable, schema version and row counts of the fixture", async () => {
    const res = await get("/api/health");
    const data = expectData(res);
    expect(res.body.meta).toEqual({});
    expect(data).toMatchObject({ status: "ok", database: "reachable", schemaVersion: 3 });
    expect(data.tables).toEqual({
      seasons: 4, circuits: 9, races: 11, drivers: 52, constructors: 16, status: 21, results: 182,
      sprintResults: 20, qualifying: 79, driverStandings: 187, constructorStandings: 80, predictions: 0,
      modelMetrics: 0,
    });
  });

  it("counts no table: every statement is a primary-key lookup (EXPLAIN QUERY PLAN)", async () => {
    for (const sql of HEALTH_STATEMENTS) {
      const plan = (await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).all<{ detail: string }>()).results;
      const details = plan.map((p) => p.detail);
      expect(details.length, sql).toBeGreaterThan(0);
      for (const detail of details) expect(detail, sql).toMatch(/^SEARCH (schema_version|table_rows)\b/);
    }
  });

  it("keeps the prediction count exact between loads (triggers)", async () => {
    const predictions = async () => expectData(await get("/api/health")).tables.predictions;
    const before = await predictions();
    const body = (n: number) => ({ raceId: 1124, modelVersion: "health-count", predictions: [830, 844, 1].slice(0, n)
      .map((driverId, i) => ({ driverId, predictedPosition: i + 1, winProb: 0.1, podiumProb: 0.3 })) });
    expectData(await post("/api/admin/predictions", body(3), adminHeaders()));
    expect(await predictions()).toBe(before + 3);
    expectData(await post("/api/admin/predictions", body(2), adminHeaders()));
    expect(await predictions()).toBe(before + 2);
    const counted = await env.DB.prepare("SELECT count(*) AS n FROM predictions").first<{ n: number }>();
    expect(await predictions()).toBe(counted!.n);
  });

  it("accepts a trailing slash and HEAD", async () => {
    expectData(await get("/api/health/"));
    const head = await get("/api/health", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
  });
});

describe("unknown routes are 404 NOT_FOUND", () => {
  for (const path of ["/", "/api", "/api/data", "/api/data/race/1121", "/api/data/race/1121/nope", "/api//health",
    "/api/data/seasons/2024/races", "/api/admin"]) {
    it(path, async () => expectError(await get(path), 404, "NOT_FOUND"));
  }
});

describe("wrong method is 405 with Allow", () => {
  const cases: [string, string, string][] = [
    ["POST", "/api/health", "GET, HEAD"],
    ["DELETE", "/api/data/seasons", "GET, HEAD"],
    ["PUT", "/api/data/race/1121/features", "GET, HEAD"],
    ["GET", "/api/data/ml-prediction-data", "POST"],
    ["GET", "/api/admin/predictions", "POST"],
    ["DELETE", "/api/admin/predictions", "POST"],
  ];
  for (const [method, path, allow] of cases) {
    it(`${method} ${path}`, async () => {
      const res = await get(path, { method, body: method === "GET" || method === "DELETE" ? undefined : "{}" });
      expectError(res, 405, "METHOD_NOT_ALLOWED");
      expect(res.headers.get("allow")).toBe(allow);
    });
  }
});

describe("query parameters", () => {
  it("an unknown parameter is 400, so a misspelt as_of cannot silently leak the future", async () => {
    expectError(await get("/api/data/driver/830?asOf=1121"), 400, "INVALID_PARAMETER");
    expectError(await get("/api/health?verbose=1"), 400, "INVALID_PARAMETER");
    expectError(await get("/api/data/race/1121/features?window=5"), 400, "INVALID_PARAMETER");
  });

  it("a repeated parameter is 400", async () => {
    expectError(await get("/api/data/driver/830?as_of=1121&as_of=1122"), 400, "INVALID_PARAMETER");
  });

  it("broken percent-encoding in a path segment is 400", async () => {
    expectError(await get("/api/data/driver/%E0%A4%A"), 400, "INVALID_PARAMETER");
  });

  it("POST endpoints take no query parameters", async () => {
    expectError(await post("/api/data/ml-prediction-data?x=1", { raceIds: [1121] }), 400, "INVALID_PARAMETER");
  });
});
