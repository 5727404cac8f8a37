import { badUserInput } from './errors.ts';
import { isUuid } from '../db/loaders.ts';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Checks `first` against the server-side cap and returns the page size to use. */
export function pageSize(first: number | null | undefined, max = MAX_PAGE_SIZE): number {
  if (first === null || first === undefined) return Math.min(DEFAULT_PAGE_SIZE, max);
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw badUserInput(`"first" must be between 0 and ${max}.`, 'first');
  }
  return first;
}

/**
 * Keyset cursors: the sort key of the last row seen (newest first), opaque to clients.
 * Keyset (not offset) pagination stays correct and fast while rows are being added.
 */
export interface Position {
  createdAt: Date;
  id: string;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

const CURSOR_ERROR = '"after" is not a cursor this API returned. Use a pageInfo.endCursor or edge cursor.';

/**
 * The position a cursor points at. A cursor is opaque to clients but not trusted: it must be
 * exactly what `encodeCursor` writes (a real date, a UUID), or it is refused before any query.
 */
export function decodeCursor(cursor: string | null | undefined): Position | null {
  if (cursor === null || cursor === undefined) return null;
  let parsed: unknown;
  try {
    parsed = cursor.length <= 200 ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw badUserInput(CURSOR_ERROR, 'after');
  const [createdAt, id] = parsed as unknown[];
  if (typeof createdAt !== 'string' || typeof id !== 'string' || !isUuid(id) || !ISO_INSTANT.test(createdAt))
    throw badUserInput(CURSOR_ERROR, 'after');
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== createdAt || date.getUTCFullYear() < 1)
    throw badUserInput(CURSOR_ERROR, 'after');
  return { createdAt: date, id };
}

/** What `Date.prototype.toISOString` writes for years 0001 to 9999. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/**
 * A count that stops: `count` is exact (`EXACT`) when fewer than the limit matched, or the limit
 * itself (`AT_LEAST`) when counting stopped there. A search box's "100+ matches" costs what
 * 101 rows cost, however many the store holds.
 */
export interface Count {
  count: number;
  precision: 'EXACT' | 'AT_LEAST';
}

export const DEFAULT_COUNT_LIMIT = 100;
export const MAX_COUNT_LIMIT = 10_000;

/** Checks a count's `limit` (1 to MAX_COUNT_LIMIT) and returns the one to use. */
export function countLimit(limit: number | null | undefined): number {
  if (limit === null || limit === undefined) return DEFAULT_COUNT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_COUNT_LIMIT) {
    throw badUserInput(`"limit" must be between 1 and ${MAX_COUNT_LIMIT}.`, 'limit');
  }
  return limit;
}

/** What a count that read at most `limit + 1` rows found, as a `Count`. */
export function countUpTo(counted: number, limit: number): Count {
  return counted > limit ? { count: limit, precision: 'AT_LEAST' } : { count: counted, precision: 'EXACT' };
}

/**
 * How a connection counts its rows: every match (`atMost` left out), or no more than `atMost` of
 * them (the statement stops there; more may exist).
 */
export type RowCounter = (atMost?: number) => Promise<number>;

/**
 * A page whose `totalCount` and `countUpTo` are counted only if a client selects them: graphql-js's
 * default resolver calls them (with the field's arguments), and the count behind them is a
 * DataLoader, so one statement counts for every parent.
 */
export interface CountedConnection<T> extends Connection<T> {
  totalCount: () => Promise<number>;
  countUpTo: (args: { limit?: number | null }) => Promise<Count>;
}

/**
 * `toConnection`, with the total counted on demand by `count`: `totalCount` counts every match,
 * `countUpTo(limit)` asks `count` for at most `limit + 1` rows.
 */
export function toCountedConnection<T extends Position>(
  rows: T[],
  size: number,
  hasPrevious: boolean,
  count: RowCounter,
): CountedConnection<T> {
  return {
    ...toConnection(rows, size, hasPrevious),
    totalCount: () => count(),
    countUpTo: async (args) => {
      const limit = countLimit(args?.limit);
      return countUpTo(await count(limit + 1), limit);
    },
  };
}

/** Builds a connection from `size + 1` fetched rows (the extra row only tells whether a next page exists). */
export function toConnection<T extends Position>(rows: T[], size: number, hasPrevious: boolean): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
