// Whatever a client sends is answered with a 4xx JSON error naming the problem, never a 5xx.
import { describe, expect, it } from "vitest";
import { adminHeaders, expectError, get, post } from "./helpers";

const paths = [
  "/api/data/seasons/0000", "/api/data/seasons/9999", "/api/data/seasons/-1", "/api/data/seasons/20245",
  "/api/data/driver/0", "/api/data/driver/999999999", "/api/data/driver/1234567890", "/api/data/driver/%00",
  "/api/data/driver/a%27%20OR%201%3D1", "/api/data/driver/%F0%9F%8F%8E", `/api/data/driver/${"x".repeat(5000)}`,
  "/api/data/driver/830?as_of=0", "/api/data/driver/830?as_of=99999999", "/api/data/driver/830?as_of=0000-01-01",
  "/api/data/driver/830?as_of=2025-02-30", "/api/data/driver/830?as_of=1e3", "/api/data/driver/830?window=0",
  "/api/data/driver/830?window=101", "/api/data/driver/830?window=-5", "/api/data/driver/830?window=5.5",
  "/api/data/team/9?as_of=", "/api/data/team/-1", "/api/data/circuit/%2e%2e/patterns", "/api/data/circuit/0/patterns",
  "/api/data/race/0/features", "/api/data/race/1e3/features", "/api/data/race/99999999/features",
  "/api/data/race/1121/predictions?model_version=%00", `/api/data/race/1121/predictions?model_version=${"v".repeat(101)}`,
  "/api/data/seasons?%zz=1", "/api/health?=", "/%", "/api/data/race/%/features",
];

const bodies: unknown[] = [
  "[]", "null", "0", "\"raceIds\"", "{\"raceIds\": null}", "{\"raceIds\": [1e400]}", "{\"raceIds\": [-0]}",
  "{\"raceIds\": [1121, \"1122\"]}", "{\"raceIds\": [99999999999]}", "{\"__proto__\": {\"raceIds\": [1121]}}",
  "{\"raceIds\": [1121], \"raceIds\": [\"x\"]}", `{"raceIds": ${"[".repeat(5000)}${"]".repeat(5000)}}`,
  `{"raceIds": [${Array.from({ length: 26 }, (_, i) => 1100 + i).join(",")}]}`,
  "{\"raceIds\": [424242]}",
];

describe("hostile input gets a 4xx JSON error", () => {
  it("in paths and query strings", async () => {
    for (const path of paths) {
      const res = await get(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expectError(res, res.status, res.body.error.code);
    }
  });

  it("in POST bodies", async () => {
    for (const body of bodies) {
      for (const [url, headers] of [["/api/data/ml-prediction-data", {}], ["/api/admin/predictions", adminHeaders()]] as const) {
        const res = await post(url, body as string, headers);
        expect(res.status, `${url} ${String(body).slice(0, 80)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${url} ${String(body).slice(0, 80)}`).toBeLessThan(500);
        expectError(res, res.status, res.body.error.code);
      }
    }
  });

  it("in predictions: numbers at the edges", async () => {
    const p = { driverId: 830, predictedPosition: 1, winProb: 0.4, podiumProb: 0.8 };
    for (const row of [{ ...p, predictedPosition: 2 ** 31 }, { ...p, driverId: 2 ** 53 }, { ...p, intervalLow: 1e308,
      intervalHigh: -1e308 }, { ...p, winProb: 5e-324 - 1 }]) {
      const res = await post("/api/admin/predictions", { raceId: 1124, modelVersion: "edge", predictions: [row] },
        adminHeaders());
      expect(res.status, JSON.stringify(row)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(row)).toBeLessThan(500);
    }
  });
});
