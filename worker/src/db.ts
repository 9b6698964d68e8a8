// Composable queries: each logical query carries its statements and a decoder, so an endpoint can
// send the statements of several of them to D1 in one batch (one round trip) and decode each part.
import { ApiError } from "./http";

export interface Query<T> {
  statements: D1PreparedStatement[];
  decode(results: D1Result[]): T;
}

type Decoded<Q> = Q extends Query<infer T> ? T : never;
type DecodedAll<Q extends readonly Query<unknown>[]> = { [K in keyof Q]: Decoded<Q[K]> };

export type Row = Record<string, unknown>;

/** One query made of several: their statements in order, their decoded values handed to `f`. */
export function combine<Q extends readonly Query<unknown>[], R>(
  queries: [...Q],
  f: (values: DecodedAll<Q>) => R,
): Query<R> {
  return {
    statements: queries.flatMap((q) => q.statements),
    decode(results) {
      let offset = 0;
      const values = queries.map((q) => {
        const part = results.slice(offset, offset + q.statements.length);
        offset += q.statements.length;
        return q.decode(part);
      });
      return f(values as DecodedAll<Q>);
    },
  };
}

/** Runs several queries in one D1 batch (a single round trip, one implicit transaction). */
export async function runBatch<Q extends readonly Query<unknown>[]>(db: D1Database, queries: [...Q]): Promise<DecodedAll<Q>> {
  const all = combine(queries, (values) => values);
  return all.decode(all.statements.length ? await batch(db, all.statements) : []);
}

/**
 * Every D1 call goes through here: a failing D1 (unreachable, overloaded, not migrated) is a 503 the client may
 * retry, since a failed batch changed nothing; the D1 message goes to the log only.
 */
export async function batch(db: D1Database, statements: D1PreparedStatement[]): Promise<D1Result[]> {
  try {
    return await db.batch(statements);
  } catch (err) {
    console.error("D1 batch failed:", err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    throw new ApiError(503, "DATABASE_UNAVAILABLE",
      "The database did not answer (unreachable, overloaded or not migrated); nothing was changed, retry later");
  }
}

/** All rows of one statement. */
export function rows<T = Row>(statement: D1PreparedStatement): Query<T[]> {
  return { statements: [statement], decode: ([r]) => (r?.results ?? []) as T[] };
}

/** The first row of one statement, or null. */
export function first<T = Row>(statement: D1PreparedStatement): Query<T | null> {
  return { statements: [statement], decode: ([r]) => ((r?.results ?? [])[0] as T | undefined) ?? null };
}

/** A value known without asking the database, so it batches like any other query. */
export function constant<T>(value: T): Query<T> {
  return { statements: [], decode: () => value };
}

export function map<A, B>(q: Query<A>, f: (a: A) => B): Query<B> {
  return { statements: q.statements, decode: (r) => f(q.decode(r)) };
}

/** Binds a list of ids as one JSON parameter, used as `IN (SELECT value FROM json_each(?))`:
 *  D1 caps bound parameters per statement; a JSON array is a single one. */
export const idList = (ids: Iterable<number>) => JSON.stringify([...new Set(ids)]);

/** Groups rows by a key, keeping their order. */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
