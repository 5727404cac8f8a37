import { and, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnalyticsDb } from './index.ts';
import { customerFacts, customerTotals, orderFacts, storeDayStatuses, storeDays } from './schema.ts';

const net = sql<number>`coalesce(sum(${orderFacts.paidCents} - ${orderFacts.refundedCents}), 0)::bigint`;
const placed = sql`${orderFacts.placedAt} is not null`;

/** Figures per customer (only orders at `storeId` when given), in one statement for many customers. */
export function customerFigures(db: AnalyticsDb, customerIds: readonly string[], storeId: string | null) {
  const where: SQL[] = [inArray(orderFacts.customerId, [...customerIds]), placed];
  if (storeId) where.push(eq(orderFacts.storeId, storeId));
  return db
    .select({
      customerId: orderFacts.customerId,
      totalOrders: sql<number>`count(*)::int`,
      completedOrders: sql<number>`(count(*) filter (where ${orderFacts.status} = 'DELIVERED'))::int`,
      cancelledOrders: sql<number>`(count(*) filter (where ${orderFacts.status} = 'CANCELLED'))::int`,
      totalSpentCents: net,
      paidOrders: sql<number>`(count(*) filter (where ${orderFacts.paidCents} > 0))::int`,
      currency: sql<string | null>`min(${orderFacts.currency})`,
      firstOrderAt: sql<Date | null>`min(${orderFacts.placedAt})`,
      lastOrderAt: sql<Date | null>`max(${orderFacts.placedAt})`,
    })
    .from(orderFacts)
    .where(and(...where))
    .groupBy(orderFacts.customerId);
}

export interface Period {
  since: Date | null;
  until: Date | null;
}

const DAY_MS = 86_400_000;
/** The UTC midnight at or before `t`. */
const dayFloor = (t: Date) => new Date(Math.floor(t.getTime() / DAY_MS) * DAY_MS);
/** The UTC midnight at or after `t`. */
const dayCeil = (t: Date) => new Date(Math.ceil(t.getTime() / DAY_MS) * DAY_MS);
const isoDay = (t: Date) => t.toISOString().slice(0, 10);

/**
 * A period split into whole UTC days (read from the daily read models) and the instants before the
 * first and after the last whole day (read from the facts, at most a day each, over the
 * (store, time) indexes), so a boundary inside a day stays exact.
 */
export function splitPeriod(period: Period) {
  const from = period.since ? dayCeil(period.since) : null;
  const to = period.until ? dayFloor(period.until) : null;
  if (from && to && from >= to) {
    // No whole day inside: all of it from the facts.
    return { days: null, edges: [{ since: period.since, until: period.until }] };
  }
  const edges: Period[] = [];
  if (period.since && from && period.since < from) edges.push({ since: period.since, until: from });
  if (period.until && to && to < period.until) edges.push({ since: to, until: period.until });
  return { days: { from: from && isoDay(from), to: to && isoDay(to) }, edges };
}

const within = (column: SQL, { since, until }: Period): SQL =>
  sql.join(
    [
      ...(since ? [sql`${column} >= ${since.toISOString()}::timestamptz`] : []),
      ...(until ? [sql`${column} < ${until.toISOString()}::timestamptz`] : []),
      sql`true`,
    ],
    sql` and `,
  );

/**
 * A store's orders placed in a period, by current status, with money taken, refunded and paid
 * orders, plus customers registered in it: one statement over the days' read models and the facts
 * of the partial days at either end. Rows with a status carry that status's orders (and the money of
 * the partial days' orders); the row without one carries the whole days' money and registrations.
 * Sum every row for the period's totals.
 */
export function storeFiguresByStatus(db: AnalyticsDb, storeId: string, period: Period) {
  const { days, edges } = splitPeriod(period);
  const parts: SQL[] = [];
  if (days) {
    const inDays = (day: SQL) =>
      sql.join(
        [...(days.from ? [sql`${day} >= ${days.from}::date`] : []), ...(days.to ? [sql`${day} < ${days.to}::date`] : []), sql`true`],
        sql` and `,
      );
    parts.push(sql`
      select s.status, s.orders, 0, 0::bigint, 0::bigint, 0, null::text
      from ${storeDayStatuses} as s where s.store_id = ${storeId} and ${inDays(sql`s.day`)} and s.orders <> 0`);
    parts.push(sql`
      select null, 0, d.paid_orders, d.paid_cents, d.refunded_cents, d.new_customers, d.currency
      from ${storeDays} as d where d.store_id = ${storeId} and ${inDays(sql`d.day`)}`);
  }
  if (edges.length > 0) {
    const anyEdge = (column: SQL) =>
      sql`(${sql.join(
        edges.map((e) => sql`(${within(column, e)})`),
        sql` or `,
      )})`;
    parts.push(sql`
      select coalesce(f.status, 'UNKNOWN'), 1, (f.paid_cents > 0)::int, f.paid_cents, f.refunded_cents, 0, f.currency
      from ${orderFacts} as f where f.store_id = ${storeId} and f.placed_at is not null and ${anyEdge(sql`f.placed_at`)}`);
    parts.push(sql`
      select null, 0, 0, 0, 0, 1, null
      from ${customerFacts} as c where c.store_id = ${storeId} and ${anyEdge(sql`c.registered_at`)}`);
  }
  return db
    .select({
      status: sql<string | null>`status`,
      orders: sql<number>`sum(orders)::int`,
      paidOrders: sql<number>`sum(paid_orders)::int`,
      netCents: sql<number>`sum(paid_cents - refunded_cents)::bigint`.mapWith(Number),
      refundedCents: sql<number>`sum(refunded_cents)::bigint`.mapWith(Number),
      newCustomers: sql<number>`sum(new_customers)::int`,
      currency: sql<string | null>`min(currency)`,
    })
    .from(
      sql`(${sql.join(parts, sql` union all `)}) as x (status, orders, paid_orders, paid_cents, refunded_cents, new_customers, currency)`,
    )
    .groupBy(sql`status`);
}

/**
 * A store's best customers by money spent (net of refunds). All time (`since` null): the first
 * `limit` rows of the customer totals' (store, spend) index. Since a moment: summed from the facts
 * of the orders placed since then, over the (store, placed_at) index.
 */
export function topSpenders(db: AnalyticsDb, storeId: string, limit: number, since: Date | null) {
  if (!since) {
    return db
      .select({
        customerId: customerTotals.customerId,
        totalSpentCents: customerTotals.spentCents,
        orderCount: customerTotals.orders,
        currency: customerTotals.currency,
      })
      .from(customerTotals)
      .where(eq(customerTotals.storeId, storeId))
      .orderBy(sql`${customerTotals.spentCents} desc nulls last`, customerTotals.customerId)
      .limit(limit);
  }
  return db
    .select({
      customerId: orderFacts.customerId,
      totalSpentCents: net,
      orderCount: sql<number>`count(*)::int`,
      currency: sql<string | null>`min(${orderFacts.currency})`,
    })
    .from(orderFacts)
    .where(and(eq(orderFacts.storeId, storeId), placed, gte(orderFacts.placedAt, since)))
    .groupBy(orderFacts.customerId)
    .orderBy(desc(net), orderFacts.customerId)
    .limit(limit);
}
