// Small validators for JSON bodies; every failure is a 400 BAD_REQUEST naming the field.
import { badBody } from "./http";
import { clip } from "./params";

export function asObject(v: unknown, at: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw badBody(`${at} must be a JSON object`);
  return v as Record<string, unknown>;
}

/** Unknown fields are refused so a misspelt one is not silently dropped. */
export function onlyKeys(obj: Record<string, unknown>, allowed: readonly string[], at: string): void {
  const extra = Object.keys(obj).find((k) => !allowed.includes(k));
  if (extra !== undefined) throw badBody(`${at} has an unknown field '${clip(extra)}'; allowed: ${allowed.join(", ")}`);
}

/** A positive integer that fits Ergast's (SQLite INTEGER, Java int) ids. */
export function positiveInt(v: unknown, at: string): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 1 || v > 2_147_483_647) {
    throw badBody(`${at} must be a positive integer`);
  }
  return v;
}

export function optionalNumber(v: unknown, at: string): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "number" || !Number.isFinite(v)) throw badBody(`${at} must be a number or null`);
  return v;
}

export function probability(v: unknown, at: string, required: true): number;
export function probability(v: unknown, at: string, required: false): number | null;
export function probability(v: unknown, at: string, required: boolean): number | null {
  if (!required && (v === undefined || v === null)) return null;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 1) {
    throw badBody(`${at} must be a probability in [0, 1]${required ? "" : " or null"}`);
  }
  return v;
}
