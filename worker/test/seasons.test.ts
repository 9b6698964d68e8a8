import { describe, expect, it } from "vitest";
import { CIRCUIT_KEYS, CONSTRUCTOR_KEYS, DRIVER_KEYS, RACE_KEYS, RESULT_KEYS, expectData, expectError, get, keysOf, sorted } from "./helpers";

describe("GET /api/data/seasons", () => {
  it("lists seasons ascending with race and result counts", async () => {
    const res = await get("/api/data/seasons");
    const data = expectData(res);
    expect(res.body.meta).toEqual({ count: 4 });
    expect(data).toEqual([
      { year: 1950, races: 1, racesWithResults: 1, results: 23, firstDate: "1950-05-13", lastDate: "1950-05-13" },
      { year: 2021, races: 2, racesWithResults: 2, results: 40, firstDate: "2021-06-20", lastDate: "2021-06-27" },
      { year: 2023, races: 3, racesWithResults: 3, results: 60, firstDate: "2023-03-05", lastDate: "2023-11-26" },
      { year: 2024, races: 5, racesWithResults: 3, results: 59, firstDate: "2024-03-02", lastDate: "2024-04-21" },
    ]);
  });
});

describe("GET /api/data/seasons/{year}", () => {
  it("returns every table of the season in the documented order and shapes", async () => {
    const res = await get("/api/data/seasons/2024");
    const data = expectData(res);
    expect(res.body.meta.counts).toEqual({
      races: 5, results: 59, sprintResults: 20, qualifying: 79, driverStandings: 62, constructorStandings: 30,
      drivers: 21, constructors: 10, circuits: 5, status: 8,
    });
    expect(data.year).toBe(2024);
    expect(data.races.map((r: { round: number }) => r.round)).toEqual([1, 2, 3, 4, 5]);
    expect(keysOf(data.races[0])).toEqual(sorted(RACE_KEYS));
    expect(data.races[4]).toMatchObject({ raceId: 1125, qualiTime: "07:00:00", sprintDate: "2024-04-20", sprintTime: "03:00:00" });

    // Results by (round, positionOrder).
    const order = data.results.map((r: { raceId: number; positionOrder: number }) => [r.raceId, r.positionOrder]);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    expect(keysOf(data.results[0])).toEqual(sorted(RESULT_KEYS));
    // Verstappen retired in Australia 2024: not classified, so no position.
    const ver = data.results.find((r: { raceId: number; driverId: number }) => r.raceId === 1123 && r.driverId === 830);
    expect(ver).toMatchObject({ grid: 1, position: null, positionText: "R", positionOrder: 19, points: 0, classified: false });
    expect(typeof ver.status).toBe("string");
    expect(data.results[0]).toMatchObject({ raceId: 1121, driverId: 830, position: 1, points: 26, classified: true,
      fastestLapSpeed: 210.383, milliseconds: 5504742, status: "Finished" });

    expect(keysOf(data.sprintResults[0])).toEqual(sorted(RESULT_KEYS.filter((k) => k !== "fastestLapSpeed")));
    expect(data.sprintResults[0]).toMatchObject({ raceId: 1125, driverId: 830, position: 1, points: 8 });

    const verQuali = data.qualifying.find((q: { raceId: number; driverId: number }) => q.raceId === 1124 && q.driverId === 830);
    expect(verQuali).toEqual({ qualifyId: 10132, raceId: 1124, driverId: 830, constructorId: 9, number: 1, position: 1,
      q1Ms: 88866, q2Ms: 88740, q3Ms: 88197 });

    expect(data.driverStandings[0]).toEqual({ driverStandingsId: expect.any(Number), raceId: 1121, driverId: 830,
      points: 26, position: 1, positionText: "1", wins: 1 });
    expect(keysOf(data.constructorStandings[0])).toEqual(sorted(["constructorStandingsId", "raceId", "constructorId",
      "points", "position", "positionText", "wins"]));

    // Referenced entities only, by id: Bearman (one race for Ferrari) yes, 1950's Farina no.
    const driverIds = data.drivers.map((d: { driverId: number }) => d.driverId);
    expect(driverIds).toEqual([...driverIds].sort((a, b) => a - b));
    expect(driverIds).toContain(860);
    expect(driverIds).not.toContain(642);
    expect(keysOf(data.drivers[0])).toEqual(sorted(DRIVER_KEYS));
    expect(keysOf(data.constructors[0])).toEqual(sorted(CONSTRUCTOR_KEYS));
    expect(keysOf(data.circuits[0])).toEqual(sorted(CIRCUIT_KEYS));
    expect(data.status).toContainEqual({ statusId: 1, status: "Finished" });
  });

  it("keeps a null start time of 1950 as null", async () => {
    const data = expectData(await get("/api/data/seasons/1950"));
    expect(data.races).toHaveLength(1);
    expect(data.races[0]).toMatchObject({ raceId: 833, date: "1950-05-13", time: null });
    expect(data.constructorStandings).toEqual([]);
  });

  it("unknown year is 404, malformed year 400", async () => {
    expectError(await get("/api/data/seasons/1900"), 404, "SEASON_NOT_FOUND");
    for (const bad of ["20x4", "abc", "12345", "202", "-2024", "2024.0"]) {
      expectError(await get(`/api/data/seasons/${bad}`), 400, "INVALID_PARAMETER");
    }
  });
});
