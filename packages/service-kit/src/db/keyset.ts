import { and, desc, eq, getTableColumns, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { timestamp, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './database.ts';
import type { Position } from '../graphql/pagination.ts';

/**
 * The creation time of a row listed by cursor, kept to the millisecond: a cursor carries a
 * JavaScript date (milliseconds), and a stored microsecond would make `created_at = cursor` never
 * match, so rows created in the same millisecond as a page's last row were skipped.
 */
export const keysetCreatedAt = () => timestamp('created_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull().defaultNow();

/** Rows strictly after `position` in newest-first order: the keyset condition behind every cursor. */
export function after(createdAt: PgColumn, id: PgColumn, position: Position): SQL {
  return or(lt(createdAt, position.createdAt), and(eq(createdAt, position.createdAt), lt(id, position.id)))!;
}

export interface PagePerParentQuery {
  parent: PgColumn;
  parentIds: readonly string[];
  createdAt: PgColumn;
  id: PgColumn;
  where: SQL[];
  limit: number;
  after: Position | null;
}

/**
 * The newest `limit` rows of each of many parents in one statement (a window per parent), so a
 * list field costs the same however many parents are on the page. Each parent's rows come newest
 * first. One parent (a store's board, a customer's own page) is a plain ordered scan with a limit,
 * which the (parent, created_at desc, id desc) index answers by reading only the page.
 */
export async function pagePerParent<T extends PgTable>(
  db: Database<Record<string, unknown>>,
  table: T,
  query: PagePerParentQuery,
): Promise<T['$inferSelect'][]> {
  const conditions = [inArray(query.parent, [...query.parentIds]), ...query.where];
  if (query.after) conditions.push(after(query.createdAt, query.id, query.after));
  if (query.parentIds.length === 1) {
    return (await db
      .select()
      .from(table as PgTable)
      .where(and(...conditions))
      .orderBy(desc(query.createdAt), desc(query.id))
      .limit(query.limit)) as T['$inferSelect'][];
  }
  // Widened on purpose: drizzle's types cannot follow a generic table through a subquery.
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const ranked = db
    .select({
      ...columns,
      rowRank: sql<number>`row_number() over (partition by ${query.parent} order by ${query.createdAt} desc, ${query.id} desc)`.as(
        'row_rank',
      ),
    })
    .from(table as PgTable)
    .where(and(...conditions))
    .as('ranked');
  // Ordered by rank: a subquery's order is not kept by the query around it unless asked for.
  const rows = await db.select().from(ranked).where(lte(ranked.rowRank, query.limit)).orderBy(ranked.rowRank);
  return rows.map(({ rowRank: _rank, ...row }) => row as unknown as T['$inferSelect']);
}
