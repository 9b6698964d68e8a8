// Calls the Worker's fetch handler in-process (same workerd isolate, real local D1).
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";

const BASE = "https://pitwall.test";

export interface ApiResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON under test
  body: any;
}

async function call(path: string, init?: RequestInit): Promise<ApiResponse> {
  const res = await exports.default.fetch(new Request(BASE + path, init));
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

export const get = (path: string, init?: RequestInit) => call(path, init);

export function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
  return call(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export const adminHeaders = () => ({ "x-api-key": env.PREDICTIONS_API_KEY! });

/** Asserts the error envelope: exactly {error: {code, message}}, and nothing that looks like a stack. */
export function expectError(res: ApiResponse, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(Object.keys(res.body)).toEqual(["error"]);
  expect(Object.keys(res.body.error).sort()).toEqual(["code", "message"]);
  expect(typeof res.body.error.message).toBe("string");
  expect(res.body.error.message).not.toMatch(/\n\s+at |\.ts:\d+/);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
}

/** Asserts the success envelope and returns `data`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON under test
export function expectData(res: ApiResponse): any {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(Object.keys(res.body).sort()).toEqual(["data", "meta"]);
  return res.body.data;
}

export const RACE_KEYS = ["raceId", "year", "round", "circuitId", "name", "date", "time", "qualiDate", "qualiTime",
  "sprintDate", "sprintTime", "url"];
export const CIRCUIT_KEYS = ["circuitId", "circuitRef", "name", "location", "country", "lat", "lng", "alt"];
export const DRIVER_KEYS = ["driverId", "driverRef", "number", "code", "forename", "surname", "dob", "nationality"];
export const CONSTRUCTOR_KEYS = ["constructorId", "constructorRef", "name", "nationality"];
export const RESULT_KEYS = ["resultId", "raceId", "driverId", "constructorId", "number", "grid", "position",
  "positionText", "positionOrder", "points", "laps", "time", "milliseconds", "fastestLap", "fastestLapRank",
  "fastestLapTime", "fastestLapSpeed", "statusId", "status", "classified"];
export const DRIVER_STATS_KEYS = ["races", "window", "windowRaces", "recentForm", "avgFinish", "dnfRate", "avgGrid",
  "season", "championshipPoints", "championshipPosition", "wins"];
export const TEAM_STATS_KEYS = ["races", "window", "windowRaces", "avgPosition", "dnfRate", "season",
  "championshipPoints", "championshipPosition", "wins", "drivers"];

export const keysOf = (o: object) => Object.keys(o).sort();
export const sorted = (keys: string[]) => [...keys].sort();
