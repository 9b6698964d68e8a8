// Driver and team as-of statistics. Expected numbers are worked out by hand from the fixture's real
// results (Verstappen: wins in 2021 FRA, 2021 STY, 2023 BHR/AUS/ABU, 2024 BHR/SAU, DNF 2024 AUS).
import { describe, expect, it } from "vitest";
import { CONSTRUCTOR_KEYS, DRIVER_KEYS, DRIVER_STATS_KEYS, TEAM_STATS_KEYS, expectData, expectError, get, keysOf, sorted } from "./helpers";

const stats = async (path: string) => expectData(await get(path)).stats;

describe("GET /api/data/driver/{driver}", () => {
  it("as of Japan 2024 (race 1124): everything up to Australia 2024, nothing later", async () => {
    const data = expectData(await get("/api/data/driver/830?as_of=1124"));
    expect(keysOf(data)).toEqual(["asOf", "driver", "stats"]);
    expect(keysOf(data.driver)).toEqual(sorted(DRIVER_KEYS));
    expect(data.driver).toMatchObject({ driverId: 830, driverRef: "max_verstappen", code: "VER" });
    expect(data.asOf).toEqual({ raceId: 1124, before: "2024-04-07T05:00:00" });
    expect(keysOf(data.stats)).toEqual(sorted(DRIVER_STATS_KEYS));
    expect(data.stats).toEqual({
      races: 8, window: 10, windowRaces: 8,
      recentForm: [19, 1, 1, 1, 1],
      avgFinish: (19 + 7 * 1) / 8, dnfRate: 1 / 8, avgGrid: 1,
      season: 2024, championshipPoints: 51, championshipPosition: 1, wins: 2,
    });
  });

  it("a driverRef gives the same answer as the driverId", async () => {
    expect(await stats("/api/data/driver/max_verstappen?as_of=1124")).toEqual(await stats("/api/data/driver/830?as_of=1124"));
  });

  it("window limits the windowed statistics only", async () => {
    expect(await stats("/api/data/driver/830?as_of=1124&window=3")).toMatchObject({
      races: 8, window: 3, windowRaces: 3, recentForm: [19, 1, 1, 1, 1], avgFinish: 7, dnfRate: 1 / 3, avgGrid: 1,
    });
  });

  it("avgGrid ignores pit-lane starts (Pérez started from the pit lane in Australia 2023)", async () => {
    // Starts before Bahrain 2024: grid 4, 4, 2, 0 (pit lane), 9.
    expect(await stats("/api/data/driver/perez?as_of=1121")).toMatchObject({ races: 5, avgGrid: (4 + 4 + 2 + 9) / 4 });
  });

  it("uses start dates, not raceIds: race 1059 (20 June 2021) precedes race 1058 (27 June 2021)", async () => {
    // As of 1058 the higher-id 1059 counts...
    expect(await stats("/api/data/driver/830?as_of=1058")).toMatchObject({
      races: 1, recentForm: [1], season: 2021, championshipPoints: 131, championshipPosition: 1, wins: 3,
    });
    // ...and as of 1059 the lower-id 1058 does not.
    expect(await stats("/api/data/driver/830?as_of=1059")).toEqual({
      races: 0, window: 10, windowRaces: 0, recentForm: [], avgFinish: null, dnfRate: null, avgGrid: null,
      season: 2021, championshipPoints: 0, championshipPosition: null, wins: 0,
    });
  });

  it("as_of a date means strictly before that day's midnight", async () => {
    // Saudi Arabia 2024 started 2024-03-09T17:00:00.
    const before = expectData(await get("/api/data/driver/830?as_of=2024-03-09"));
    expect(before.asOf).toEqual({ raceId: null, before: "2024-03-09T00:00:00" });
    expect(before.stats.races).toBe(6);
    expect((await stats("/api/data/driver/830?as_of=2024-03-10")).races).toBe(7);
  });

  it("a race with a null start time (1950) starts at 00:00:00", async () => {
    expect((await stats("/api/data/driver/farina?as_of=1950-05-13")).races).toBe(0);
    expect(await stats("/api/data/driver/farina?as_of=1950-05-14")).toMatchObject({ races: 1, recentForm: [1], season: 1950 });
  });

  it("championship fields come from the as_of season only", async () => {
    // Before Bahrain 2024: 2023 standings (575 points) must not be reported for 2024.
    expect(await stats("/api/data/driver/830?as_of=1121")).toMatchObject({
      races: 5, season: 2024, championshipPoints: 0, championshipPosition: null, wins: 0,
    });
  });

  it("without as_of every race counts and the season is the latest", async () => {
    const data = expectData(await get("/api/data/driver/830"));
    expect(data.asOf).toEqual({ raceId: null, before: null });
    expect(data.stats).toMatchObject({ races: 8, season: 2024, championshipPoints: 51, wins: 2 });
  });

  it("malformed input is 400 INVALID_PARAMETER", async () => {
    for (const path of ["/api/data/driver/0", "/api/data/driver/-1", "/api/data/driver/8.5", "/api/data/driver/a%20b",
      "/api/data/driver/x'%20OR%201=1--", "/api/data/driver/" + "a".repeat(65), "/api/data/driver/0830",
      "/api/data/driver/830?as_of=abc", "/api/data/driver/830?as_of=2024-02-30", "/api/data/driver/830?as_of=2024-3-1",
      "/api/data/driver/830?as_of=", "/api/data/driver/830?as_of=-5", "/api/data/driver/830?as_of=1e3",
      "/api/data/driver/830?window=0", "/api/data/driver/830?window=101", "/api/data/driver/830?window=abc",
      "/api/data/driver/830?window=2.5", "/api/data/driver/830?window="]) {
      expectError(await get(path), 400, "INVALID_PARAMETER");
    }
  });

  it("unknown driver is 404 DRIVER_NOT_FOUND, unknown as_of race 404 RACE_NOT_FOUND", async () => {
    expectError(await get("/api/data/driver/99999"), 404, "DRIVER_NOT_FOUND");
    expectError(await get("/api/data/driver/nobody"), 404, "DRIVER_NOT_FOUND");
    const res = await get("/api/data/driver/830?as_of=99999");
    expectError(res, 404, "RACE_NOT_FOUND");
    expect(res.body.error.message).toContain("99999");
  });
});

describe("GET /api/data/team/{team}", () => {
  it("Red Bull as of Japan 2024: both cars over its last races", async () => {
    const data = expectData(await get("/api/data/team/red_bull?as_of=1124"));
    expect(keysOf(data)).toEqual(["asOf", "constructor", "stats"]);
    expect(keysOf(data.constructor)).toEqual(sorted(CONSTRUCTOR_KEYS));
    expect(data.constructor).toMatchObject({ constructorId: 9, constructorRef: "red_bull", name: "Red Bull" });
    expect(keysOf(data.stats)).toEqual(sorted(TEAM_STATS_KEYS));
    // 8 races, 16 entries: positionOrders sum to 53, one retirement.
    expect(data.stats).toMatchObject({
      races: 8, window: 10, windowRaces: 8, avgPosition: 53 / 16, dnfRate: 1 / 16,
      season: 2024, championshipPoints: 97, championshipPosition: 1, wins: 2,
    });
    expect(data.stats.drivers.map((d: { driverId: number }) => d.driverId)).toEqual([815, 830]);
    expect(keysOf(data.stats.drivers[0])).toEqual(sorted(DRIVER_KEYS));
  });

  it("window counts races, not cars", async () => {
    // Last two races: Saudi Arabia 2024 (1, 2) and Australia 2024 (5, 19 retired).
    expect(await stats("/api/data/team/9?as_of=1124&window=2")).toMatchObject({
      races: 8, windowRaces: 2, avgPosition: (1 + 2 + 5 + 19) / 4, dnfRate: 1 / 4,
    });
  });

  it("drivers are those who drove for it in the season before as_of (Bearman from Saudi Arabia 2024)", async () => {
    const ids = async (asOf: number) =>
      (await stats(`/api/data/team/ferrari?as_of=${asOf}`)).drivers.map((d: { driverId: number }) => d.driverId);
    expect(await ids(1122)).toEqual([832, 844]);
    expect(await ids(1124)).toEqual([832, 844, 860]);
    expect(await ids(1121)).toEqual([]);
  });

  it("uses start dates, not raceIds", async () => {
    expect(await stats("/api/data/team/9?as_of=1058")).toMatchObject({ races: 1, avgPosition: 2, championshipPoints: 215 });
    expect(await stats("/api/data/team/9?as_of=1059")).toMatchObject({ races: 0, avgPosition: null, dnfRate: null, drivers: [] });
  });

  it("errors", async () => {
    expectError(await get("/api/data/team/99999"), 404, "TEAM_NOT_FOUND");
    expectError(await get("/api/data/team/brabham_bt46"), 404, "TEAM_NOT_FOUND");
    expectError(await get("/api/data/team/9?as_of=99999"), 404, "RACE_NOT_FOUND");
    expectError(await get("/api/data/team/red%20bull"), 400, "INVALID_PARAMETER");
    expectError(await get("/api/data/team/9?as_of=2024-13-01"), 400, "INVALID_PARAMETER");
    expectError(await get("/api/data/team/9?window=1000"), 400, "INVALID_PARAMETER");
  });
});
