// Parsing of path segments and query parameters. Everything a client sends is checked here, so the
// query modules only ever see numbers and known-safe strings (and still bind them as SQL parameters).
import { badParam } from "./http";

const ID = /^[1-9][0-9]{0,8}$/;
/** Ergast refs: a letter, then letters, digits, '_' and '-' (max_verstappen, red_bull, Cannoc). */
const REF = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type IdOrRef = { id: number } | { ref: string };

/** Decodes one path segment; a broken %-escape is a client error, not a crash. */
export function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw badParam("Path segment is not valid percent-encoding");
  }
}

export function parseId(raw: string, what: string): number {
  if (!ID.test(raw)) throw badParam(`${what} must be a positive integer, got '${clip(raw)}'`);
  return Number(raw);
}

/** A numeric Ergast id or the entity's ref (`830` or `max_verstappen`). */
export function parseIdOrRef(raw: string, what: string): IdOrRef {
  if (/^[0-9]+$/.test(raw)) return { id: parseId(raw, what) };
  if (!REF.test(raw)) throw badParam(`${what} must be an id or a ref like 'max_verstappen', got '${clip(raw)}'`);
  return { ref: raw };
}

export function parseYear(raw: string): number {
  if (!/^[0-9]{4}$/.test(raw)) throw badParam(`Season year must have four digits, got '${clip(raw)}'`);
  return Number(raw);
}

export const DEFAULT_WINDOW = 10;
export const MAX_WINDOW = 100;

export function parseWindow(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_WINDOW;
  if (!/^[0-9]{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_WINDOW) {
    throw badParam(`window must be an integer from 1 to ${MAX_WINDOW}, got '${clip(raw)}'`);
  }
  return Number(raw);
}

export type AsOfParam = { raceId: number } | { date: string } | null;

/** `as_of` is a raceId (`1150`) or a calendar date (`2025-05-04`). */
export function parseAsOf(raw: string | undefined): AsOfParam {
  if (raw === undefined) return null;
  if (ID.test(raw)) return { raceId: Number(raw) };
  const m = DATE.exec(raw);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = new Date(Date.UTC(y, mo - 1, d));
    // Reject dates like 2025-02-30 that Date would silently roll over.
    if (t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d) return { date: raw };
  }
  throw badParam(`as_of must be a raceId or a date YYYY-MM-DD, got '${clip(raw)}'`);
}

/**
 * Returns the query parameters, refusing unknown or repeated ones: a misspelt `asOf=` silently
 * ignored would hand the client statistics that leak the future.
 */
export function queryParams(url: URL, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (!allowed.includes(name)) {
      const hint = allowed.length ? `; allowed: ${allowed.join(", ")}` : "; this endpoint takes none";
      throw badParam(`Unknown query parameter '${clip(name)}'${hint}`);
    }
    if (name in out) throw badParam(`Query parameter '${name}' is given more than once`);
    out[name] = value;
  }
  return out;
}

/** Echoed input is clipped so an error message never balloons with what the client sent. */
export function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
