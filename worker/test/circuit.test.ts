import { describe, expect, it } from "vitest";
import { CIRCUIT_KEYS, CONSTRUCTOR_KEYS, DRIVER_KEYS, expectData, expectError, get, keysOf, sorted } from "./helpers";

describe("GET /api/data/circuit/{circuit}/patterns", () => {
  it("Albert Park: two Grands Prix, one won from pole", async () => {
    const data = expectData(await get("/api/data/circuit/albert_park/patterns"));
    expect(keysOf(data)).toEqual(sorted(["circuit", "races", "firstYear", "lastYear", "poleWinRate", "avgDnfRate",
      "topDrivers", "topConstructors", "recentWinners"]));
    expect(keysOf(data.circuit)).toEqual(sorted(CIRCUIT_KEYS));
    // 2023: 3 of 20 not classified, Verstappen from pole; 2024: 2 of 19, Sainz from grid 2.
    expect(data).toMatchObject({ races: 2, firstYear: 2023, lastYear: 2024, poleWinRate: 0.5 });
    expect(data.avgDnfRate).toBeCloseTo((3 / 20 + 2 / 19) / 2, 12);
    expect(data.recentWinners).toEqual([
      { raceId: 1123, year: 2024, driverId: 832, constructorId: 6, grid: 2 },
      { raceId: 1100, year: 2023, driverId: 830, constructorId: 9, grid: 1 },
    ]);
    // Ties on wins and podiums: more starts, then lower driverId first.
    expect(data.topDrivers[0]).toMatchObject({ driver: { driverId: 830 }, starts: 2, wins: 1, podiums: 1 });
    expect(data.topDrivers[1]).toMatchObject({ driver: { driverId: 832 }, starts: 2, wins: 1, podiums: 1 });
    expect(data.topDrivers).toHaveLength(10);
    expect(keysOf(data.topDrivers[0].driver)).toEqual(sorted(DRIVER_KEYS));
    expect(data.topConstructors[0]).toMatchObject({ constructor: { constructorId: 6 }, entries: 4, wins: 1, podiums: 2 });
    expect(data.topConstructors[1]).toMatchObject({ constructor: { constructorId: 9 }, entries: 4, wins: 1, podiums: 1 });
    expect(keysOf(data.topConstructors[0].constructor)).toEqual(sorted(CONSTRUCTOR_KEYS));
  });

  it("as_of excludes the race itself and everything after it", async () => {
    const data = expectData(await get("/api/data/circuit/1/patterns?as_of=1123"));
    expect(data).toMatchObject({ races: 1, firstYear: 2023, lastYear: 2023, poleWinRate: 1 });
    expect(data.recentWinners.map((w: { raceId: number }) => w.raceId)).toEqual([1100]);
    const none = expectData(await get("/api/data/circuit/albert_park/patterns?as_of=2023-01-01"));
    expect(none).toMatchObject({ races: 0, firstYear: null, lastYear: null, poleWinRate: null, avgDnfRate: null,
      topDrivers: [], topConstructors: [], recentWinners: [] });
  });

  it("an upcoming race does not count as held (Shanghai 2024 has no results)", async () => {
    expect(expectData(await get("/api/data/circuit/shanghai/patterns"))).toMatchObject({ races: 0, poleWinRate: null });
  });

  it("errors", async () => {
    expectError(await get("/api/data/circuit/monza/patterns"), 404, "CIRCUIT_NOT_FOUND");
    expectError(await get("/api/data/circuit/999/patterns"), 404, "CIRCUIT_NOT_FOUND");
    expectError(await get("/api/data/circuit/1/patterns?as_of=99999"), 404, "RACE_NOT_FOUND");
    expectError(await get("/api/data/circuit/1/patterns?as_of=yesterday"), 400, "INVALID_PARAMETER");
    expectError(await get("/api/data/circuit/1/patterns?window=3"), 400, "INVALID_PARAMETER");
    expectError(await get("/api/data/circuit/albert%2Fpark/patterns"), 400, "INVALID_PARAMETER");
  });
});
