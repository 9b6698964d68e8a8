// What clients see when D1 itself fails. This file breaks its own (per-file, isolated) database.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { adminHeaders, expectError, get, post } from "./helpers";

describe("database faults", () => {
  beforeAll(async () => {
    await env.DB.prepare("DROP TABLE model_metrics").run();
    await env.DB.prepare("DROP TABLE driver_standings").run();
    await env.DB.prepare("DROP TABLE table_rows").run();
  });

  it("health answers 503 DATABASE_UNAVAILABLE", async () => {
    expectError(await get("/api/health"), 503, "DATABASE_UNAVAILABLE");
  });

  it("other endpoints answer 503 DATABASE_UNAVAILABLE as JSON, without any detail", async () => {
    for (const res of [await get("/api/data/driver/830"), await get("/api/data/seasons/2024"),
      await post("/api/data/ml-prediction-data", { raceIds: [1121] })]) {
      expectError(res, 503, "DATABASE_UNAVAILABLE");
      // Neither the SQL nor the D1 message reaches the client.
      expect(res.body.error.message).not.toMatch(/driver_standings|SQLITE|D1_/i);
    }
  });

  it("a write whose batch fails is 503 and leaves nothing behind", async () => {
    // The row-count trigger of predictions writes to the dropped table_rows, so the insert batch fails midway.
    const body = { raceId: 1124, modelVersion: "fails", predictions: [
      { driverId: 830, predictedPosition: 1, winProb: 0.4, podiumProb: 0.8 }] };
    expectError(await post("/api/admin/predictions", body, adminHeaders()), 503, "DATABASE_UNAVAILABLE");
    const n = await env.DB.prepare("SELECT count(*) AS n FROM predictions").first<{ n: number }>();
    expect(n!.n).toBe(0);
  });
});
