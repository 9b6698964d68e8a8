// Race features: the entry list and as-of statistics of each entrant, computed strictly before the race.
import { describe, expect, it } from "vitest";
import {
  CIRCUIT_KEYS, CONSTRUCTOR_KEYS, DRIVER_KEYS, DRIVER_STATS_KEYS, RACE_KEYS, TEAM_STATS_KEYS, expectData, expectError,
  get, keysOf, post, sorted,
} from "./helpers";

const ENTRY_KEYS = ["driver", "constructor", "grid", "qualifyingPosition", "q1Ms", "q2Ms", "q3Ms", "driverStats", "teamStats"];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON under test
type Json = any;
const features = async (raceId: number) => expectData(await get(`/api/data/race/${raceId}/features`));
const entryOf = (data: Json, driverId: number) => data.entries.find((e: Json) => e.driver.driverId === driverId);

describe("GET /api/data/race/{raceId}/features", () => {
  it("a race with results (Australia 2024): shapes, grid and qualifying, its own result never used", async () => {
    const data = await features(1123);
    expect(keysOf(data)).toEqual(["circuit", "entries", "entrySource", "race"]);
    expect(keysOf(data.race)).toEqual(sorted(RACE_KEYS));
    expect(keysOf(data.circuit)).toEqual(sorted(CIRCUIT_KEYS));
    expect(data.race).toMatchObject({ raceId: 1123, year: 2024, round: 3, time: "04:00:00" });
    expect(data.circuit).toMatchObject({ circuitId: 1, circuitRef: "albert_park" });
    expect(data.entrySource).toBe("results");
    expect(data.entries).toHaveLength(19);
    const ids = data.entries.map((e: Json) => e.driver.driverId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    for (const e of data.entries) {
      expect(keysOf(e)).toEqual(sorted(ENTRY_KEYS));
      expect(keysOf(e.driver)).toEqual(sorted(DRIVER_KEYS));
      expect(keysOf(e.constructor)).toEqual(sorted(CONSTRUCTOR_KEYS));
      expect(keysOf(e.driverStats)).toEqual(sorted(DRIVER_STATS_KEYS));
      expect(keysOf(e.teamStats)).toEqual(sorted(TEAM_STATS_KEYS));
    }
    const ver = entryOf(data, 830);
    expect(ver).toMatchObject({ grid: 1, qualifyingPosition: 1, constructor: { constructorId: 9 } });
    // His retirement in this very race (positionOrder 19) is not in his form: 7 wins before it.
    expect(ver.driverStats).toMatchObject({ races: 7, recentForm: [1, 1, 1, 1, 1], avgFinish: 1, dnfRate: 0,
      season: 2024, championshipPoints: 51, championshipPosition: 1, wins: 2 });
    // Sainz won this race (after missing Saudi Arabia); his stats know nothing of it.
    expect(entryOf(data, 832).driverStats).toMatchObject({ races: 6, recentForm: [3, 18, 12, 4, 6],
      championshipPoints: 15, championshipPosition: 6, wins: 0 });
  });

  it("every entrant's statistics equal the driver and team endpoints as of the race", async () => {
    for (const raceId of [1123, 1058]) {
      const data = await features(raceId);
      for (const e of data.entries) {
        const driver = expectData(await get(`/api/data/driver/${e.driver.driverId}?as_of=${raceId}`));
        expect(e.driverStats).toEqual(driver.stats);
        const team = expectData(await get(`/api/data/team/${e.constructor.constructorId}?as_of=${raceId}`));
        expect(e.teamStats).toEqual(team.stats);
      }
    }
  });

  it("a race with qualifying only (Japan 2024): entries from qualifying, no grid, hand-checked statistics", async () => {
    const data = await features(1124);
    expect(data.entrySource).toBe("qualifying");
    expect(data.entries).toHaveLength(20);
    const ver = entryOf(data, 830);
    expect(ver).toMatchObject({ grid: null, qualifyingPosition: 1, q1Ms: 88866, q2Ms: 88740, q3Ms: 88197 });
    expect(ver.driverStats).toEqual({
      races: 8, window: 10, windowRaces: 8, recentForm: [19, 1, 1, 1, 1], avgFinish: 26 / 8, dnfRate: 1 / 8, avgGrid: 1,
      season: 2024, championshipPoints: 51, championshipPosition: 1, wins: 2,
    });
    expect(ver.teamStats).toMatchObject({ races: 8, windowRaces: 8, avgPosition: 53 / 16, dnfRate: 1 / 16,
      championshipPoints: 97, championshipPosition: 1, wins: 2 });
    expect(ver.teamStats.drivers.map((d: Json) => d.driverId)).toEqual([815, 830]);
  });

  it("an upcoming race (China 2024, only its sprint is in): the field of the latest earlier race with results", async () => {
    const data = await features(1125);
    expect(data.entrySource).toBe("previous_race");
    // Japan 2024 has no results in the fixture, so the field is Australia 2024's 19 starters.
    expect(data.entries).toHaveLength(19);
    for (const e of data.entries) {
      expect(e).toMatchObject({ grid: null, qualifyingPosition: null, q1Ms: null, q2Ms: null, q3Ms: null });
    }
    // Now Australia 2024 counts (and the sprint of this weekend does not: Grand Prix starts only).
    expect(entryOf(data, 830).driverStats).toMatchObject({ races: 8, recentForm: [19, 1, 1, 1, 1] });
  });

  it("orders races by start date, not raceId (2021: race 1059 ran a week before race 1058)", async () => {
    expect(entryOf(await features(1058), 830).driverStats).toMatchObject({ races: 1, recentForm: [1] });
    expect(entryOf(await features(1059), 830).driverStats).toMatchObject({ races: 0, recentForm: [], avgFinish: null });
  });

  it("1950 British GP: null start time, no earlier history", async () => {
    const data = await features(833);
    expect(data.race).toMatchObject({ year: 1950, time: null, qualiDate: null, sprintDate: null });
    expect(data.entries).toHaveLength(23);
    for (const e of data.entries) {
      expect(e.driverStats).toMatchObject({ races: 0, avgFinish: null, season: 1950, championshipPoints: 0 });
      expect(e.teamStats).toMatchObject({ races: 0, drivers: [] });
    }
  });

  it("errors", async () => {
    const res = await get("/api/data/race/99999/features");
    expectError(res, 404, "RACE_NOT_FOUND");
    expect(res.body.error.message).toContain("99999");
    for (const bad of ["abc", "0", "-3", "1.5", "1e3", "9999999999"]) {
      expectError(await get(`/api/data/race/${bad}/features`), 400, "INVALID_PARAMETER");
    }
  });
});

describe("POST /api/data/ml-prediction-data", () => {
  it("returns the features of each race in the order asked", async () => {
    const res = await post("/api/data/ml-prediction-data", { raceIds: [1124, 1058, 1123] });
    const data = expectData(res);
    expect(res.body.meta).toEqual({ count: 3 });
    expect(data.map((f: Json) => f.race.raceId)).toEqual([1124, 1058, 1123]);
    expect(data[0]).toEqual(await features(1124));
    expect(data[2]).toEqual(await features(1123));
  });

  it("an unknown raceId is 404 naming it", async () => {
    const res = await post("/api/data/ml-prediction-data", { raceIds: [1123, 424242] });
    expectError(res, 404, "RACE_NOT_FOUND");
    expect(res.body.error.message).toContain("424242");
  });

  it("malformed bodies are 400", async () => {
    const bad: [unknown, string][] = [
      [{}, "BAD_REQUEST"],
      [{ raceIds: [] }, "BAD_REQUEST"],
      [{ raceIds: Array.from({ length: 26 }, (_, i) => 1000 + i) }, "BAD_REQUEST"],
      [{ raceIds: [1123, 1123] }, "BAD_REQUEST"],
      [{ raceIds: [1123.5] }, "BAD_REQUEST"],
      [{ raceIds: ["1123"] }, "BAD_REQUEST"],
      [{ raceIds: [0] }, "BAD_REQUEST"],
      [{ raceIds: [-1] }, "BAD_REQUEST"],
      [{ raceIds: 1123 }, "BAD_REQUEST"],
      [{ raceIds: [1123], window: 5 }, "BAD_REQUEST"],
      [[1123], "BAD_REQUEST"],
      [null, "BAD_REQUEST"],
      ["{raceIds: [1123]}", "INVALID_JSON"],
      ['{"raceIds": [1123]', "INVALID_JSON"],
      ["", "INVALID_JSON"],
    ];
    for (const [body, code] of bad) {
      const res = await post("/api/data/ml-prediction-data", typeof body === "string" ? body : JSON.stringify(body));
      expectError(res, 400, code);
    }
  });

  it("needs Content-Type application/json (415)", async () => {
    const body = JSON.stringify({ raceIds: [1123] });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/jsonx"]) {
      const res = await get("/api/data/ml-prediction-data", { method: "POST", headers: { "content-type": type }, body });
      expectError(res, 415, "UNSUPPORTED_MEDIA_TYPE");
    }
    expectError(await get("/api/data/ml-prediction-data", { method: "POST", body }), 415, "UNSUPPORTED_MEDIA_TYPE");
    // Parameters after the media type are fine.
    expectData(await get("/api/data/ml-prediction-data", {
      method: "POST", headers: { "content-type": "application/json; charset=utf-8" }, body,
    }));
  });

  it("bodies over 1 MiB are 413", async () => {
    const padded = JSON.stringify({ raceIds: [1123], pad: "x".repeat(1024 * 1024) });
    expectError(await post("/api/data/ml-prediction-data", padded), 413, "PAYLOAD_TOO_LARGE");
    // Also when streamed without a Content-Length.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 17; i++) controller.enqueue(new TextEncoder().encode(" ".repeat(64 * 1024)));
        controller.close();
      },
    });
    const res = await get("/api/data/ml-prediction-data", {
      method: "POST", headers: { "content-type": "application/json" }, body: stream,
    });
    expectError(res, 413, "PAYLOAD_TOO_LARGE");
  });
});
