import { type SQL, sql } from 'drizzle-orm';
import type { Database } from './database.ts';

/**
 * Rows a bulk load writes with set-based statements (INSERT … SELECT over generate_series) rather
 * than one by one: `range(from, to)` is a subquery of the rows numbered from..to-1, computed in
 * the database from the load's parameters alone, so that every database given the same rows
 * computes the very same values (another subgraph's database included).
 */
export interface BulkRows {
  count: number;
  /** A subquery (for `select … from (${range(a, b)}) as r`) of rows a to b-1. */
  range(from: number, to: number): SQL;
}

/** Told after each chunk of a bulk load: what was written, and how far it is. */
export type BulkProgress = (what: string, done: number, total: number) => void;

/**
 * Writes `rows` a chunk at a time (`write` runs one statement over `range(from, to)`), telling
 * `progress` after each chunk: a load of millions of rows reports as it goes, and no statement
 * holds millions of rows' worth of work at once.
 */
export async function writeInChunks(
  rows: BulkRows,
  what: string,
  write: (range: SQL) => Promise<unknown>,
  progress: BulkProgress,
  chunk = Math.max(50_000, Math.ceil(rows.count / 10)),
): Promise<void> {
  for (let from = 0; from < rows.count; from += chunk) {
    const to = Math.min(rows.count, from + chunk);
    await write(rows.range(from, to));
    progress(what, to, rows.count);
  }
}

/**
 * Runs a bulk load in one transaction, with PostgreSQL's JIT compilation off for it: a set-based
 * statement over many rows is costed high enough to be compiled, and compiling these (wide,
 * computed) statements took longer than running them.
 */
export function bulkTransaction<D extends Database<Record<string, unknown>>, T>(
  db: D,
  work: (tx: Parameters<Parameters<D['transaction']>[0]>[0]) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return work(tx as never);
  }) as Promise<T>;
}
