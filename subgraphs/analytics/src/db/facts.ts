import { and, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnalyticsDb } from './index.ts';
import { customerFacts, customerTotals, orderFacts, storeDayStatuses, storeDays, storeHourStatuses, storeHours } from './schema.ts';

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
const HOUR_MS = 3_600_000;
const floorTo = (t: Date, grain: number) => new Date(Math.floor(t.getTime() / grain) * grain);
const ceilTo = (t: Date, grain: number) => new Date(Math.ceil(t.getTime() / grain) * grain);
const isoDay = (t: Date) => t.toISOString().slice(0, 10);

/**
 * The whole UTC buckets (`grain` long: a day or an hour) inside a period, as the period they span,
 * and the pieces left before the first and after the last (shorter than a bucket each).
 */
function wholeBuckets(period: Period, grain: number): { whole: Period | null; rest: Period[] } {
  const from = period.since ? ceilTo(period.since, grain) : null;
  const to = period.until ? floorTo(period.until, grain) : null;
  // A period starting in the last day ISO-8601 writes with four digits (9999-12-31) has no whole day after it.
  if ((from && to && from >= to) || (from && from.getUTCFullYear() > 9999)) return { whole: null, rest: [period] };
  const rest: Period[] = [];
  if (period.since && from && period.since < from) rest.push({ since: period.since, until: from });
  if (period.until && to && to < period.until) rest.push({ since: to, until: period.until });
  return { whole: { since: from, until: to }, rest };
}

/**
 * A period split into whole UTC days (read from the daily read models), the whole UTC hours of the
 * partial days at either end (from the hourly read models, fewer than 48 in all), and the instants
 * before the first and after the last whole hour (from the facts, under two hours in all, over the
 * (store, time) indexes), so a boundary inside an hour stays exact to the millisecond.
 */
export function splitPeriod(period: Period) {
  const byDay = wholeBuckets(period, DAY_MS);
  const hours: Period[] = [];
  const edges: Period[] = [];
  for (const piece of byDay.rest) {
    const byHour = wholeBuckets(piece, HOUR_MS);
    if (byHour.whole) hours.push(byHour.whole);
    edges.push(...byHour.rest);
  }
  const days = byDay.whole && {
    from: byDay.whole.since && isoDay(byDay.whole.since),
    to: byDay.whole.until && isoDay(byDay.whole.until),
  };
  return { days, hours, edges };
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

/** `column` within any of the periods. */
const withinAny = (column: SQL, periods: Period[]): SQL =>
  sql`(${sql.join(
    periods.map((p) => sql`(${within(column, p)})`),
    sql` or `,
  )})`;

/**
 * A store's orders placed in a period, by current status, with money taken, refunded and paid
 * orders, plus customers registered in it: one statement over the days' and hours' read models and
 * the facts of the partial hours at either end. Rows with a status carry that status's orders (and
 * the money of the partial hours' orders); the row without one carries the whole days' and hours'
 * money and registrations. Sum every row for the period's totals.
 */
export function storeFiguresByStatus(db: AnalyticsDb, storeId: string, period: Period) {
  const { days, hours, edges } = splitPeriod(period);
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
  if (hours.length > 0) {
    parts.push(sql`
      select s.status, s.orders, 0, 0::bigint, 0::bigint, 0, null::text
      from ${storeHourStatuses} as s where s.store_id = ${storeId} and ${withinAny(sql`s.hour`, hours)} and s.orders <> 0`);
    parts.push(sql`
      select null, 0, h.paid_orders, h.paid_cents, h.refunded_cents, h.new_customers, h.currency
      from ${storeHours} as h where h.store_id = ${storeId} and ${withinAny(sql`h.hour`, hours)}`);
  }
  if (edges.length > 0) {
    parts.push(sql`
      select coalesce(f.status, 'UNKNOWN'), 1, (f.paid_cents > 0)::int, f.paid_cents, f.refunded_cents, 0, f.currency
      from ${orderFacts} as f where f.store_id = ${storeId} and f.placed_at is not null and ${withinAny(sql`f.placed_at`, edges)}`);
    parts.push(sql`
      select null, 0, 0, 0, 0, 1, null
      from ${customerFacts} as c where c.store_id = ${storeId} and ${withinAny(sql`c.registered_at`, edges)}`);
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
