// GET /api/data/driver/{driver} and GET /api/data/team/{team}: one entity's as-of statistics.
import { asOfJson, resolveAsOf, startKeyBound, type AsOf } from "../asof";
import { runBatch } from "../db";
import type { AsOfParam, IdOrRef } from "../params";
import { findConstructor, findDriver } from "./lookup";
import { driverStats, teamStats, type StatsScope } from "./stats";

const scopeOf = (asOf: AsOf, window: number): StatsScope => ({
  startKeyBefore: startKeyBound(asOf),
  season: asOf.season,
  window,
});

export async function driverProfile(db: D1Database, key: IdOrRef, asOfParam: AsOfParam, window: number) {
  const [driver, asOf] = await runBatch(db, [findDriver(db, key), resolveAsOf(db, asOfParam)]);
  const [stats] = await runBatch(db, [driverStats(db, [driver.driverId], scopeOf(asOf, window))]);
  return { driver, asOf: asOfJson(asOf), stats: stats.get(driver.driverId)! };
}

export async function teamProfile(db: D1Database, key: IdOrRef, asOfParam: AsOfParam, window: number) {
  const [constructor, asOf] = await runBatch(db, [findConstructor(db, key), resolveAsOf(db, asOfParam)]);
  const [stats] = await runBatch(db, [teamStats(db, [constructor.constructorId], scopeOf(asOf, window))]);
  return { constructor, asOf: asOfJson(asOf), stats: stats.get(constructor.constructorId)! };
}
