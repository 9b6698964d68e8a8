// Finding one driver, constructor or circuit by Ergast id or ref; unknown ones are 404s.
import { ApiError } from "../http";
import { first, map, type Query } from "../db";
import type { IdOrRef } from "../params";
import {
  CIRCUIT_COLUMNS, CONSTRUCTOR_COLUMNS, DRIVER_COLUMNS, toCircuit, toConstructor, toDriver,
  type Circuit, type Constructor, type Driver,
} from "../rows";

const describe = (key: IdOrRef) => ("id" in key ? String(key.id) : `'${key.ref}'`);
const value = (key: IdOrRef) => ("id" in key ? key.id : key.ref);

export function findDriver(db: D1Database, key: IdOrRef): Query<Driver> {
  const where = "id" in key ? "d.driver_id = ?1" : "d.driver_ref = ?1";
  return map(first(db.prepare(`SELECT ${DRIVER_COLUMNS} FROM drivers d WHERE ${where}`).bind(value(key))), (row) => {
    if (row === null) throw new ApiError(404, "DRIVER_NOT_FOUND", `Driver ${describe(key)} does not exist`);
    return toDriver(row);
  });
}

export function findConstructor(db: D1Database, key: IdOrRef): Query<Constructor> {
  const where = "id" in key ? "k.constructor_id = ?1" : "k.constructor_ref = ?1";
  return map(first(db.prepare(`SELECT ${CONSTRUCTOR_COLUMNS} FROM constructors k WHERE ${where}`).bind(value(key))), (row) => {
    if (row === null) throw new ApiError(404, "TEAM_NOT_FOUND", `Team ${describe(key)} does not exist`);
    return toConstructor(row);
  });
}

export function findCircuit(db: D1Database, key: IdOrRef): Query<Circuit> {
  const where = "id" in key ? "c.circuit_id = ?1" : "c.circuit_ref = ?1";
  return map(first(db.prepare(`SELECT ${CIRCUIT_COLUMNS} FROM circuits c WHERE ${where}`).bind(value(key))), (row) => {
    if (row === null) throw new ApiError(404, "CIRCUIT_NOT_FOUND", `Circuit ${describe(key)} does not exist`);
    return toCircuit(row);
  });
}
