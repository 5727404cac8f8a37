import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { AnalyticsDb } from './index.ts';
import { customerFacts, orderFacts } from './schema.ts';

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

const inPeriod = (column: typeof orderFacts.placedAt | typeof customerFacts.registeredAt, period: Period): SQL[] => [
  ...(period.since ? [gte(column, period.since)] : []),
  ...(period.until ? [lt(column, period.until)] : []),
];

/** A store's orders in a period, by status, with money net of refunds. */
export function storeFiguresByStatus(db: AnalyticsDb, storeId: string, period: Period) {
  return db
    .select({
      status: orderFacts.status,
      orders: sql<number>`count(*)::int`,
      netCents: net,
      refundedCents: sql<number>`coalesce(sum(${orderFacts.refundedCents}), 0)::bigint`,
      paidOrders: sql<number>`(count(*) filter (where ${orderFacts.paidCents} > 0))::int`,
      currency: sql<string | null>`min(${orderFacts.currency})`,
    })
    .from(orderFacts)
    .where(and(eq(orderFacts.storeId, storeId), placed, ...inPeriod(orderFacts.placedAt, period)))
    .groupBy(orderFacts.status);
}

export async function newCustomers(db: AnalyticsDb, storeId: string, period: Period): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(customerFacts)
    .where(and(eq(customerFacts.storeId, storeId), ...inPeriod(customerFacts.registeredAt, period)));
  return row?.n ?? 0;
}

/** A store's best customers by money spent (net of refunds) on orders placed since `since`. */
export function topSpenders(db: AnalyticsDb, storeId: string, limit: number, since: Date | null) {
  return db
    .select({
      customerId: orderFacts.customerId,
      totalSpentCents: net,
      orderCount: sql<number>`count(*)::int`,
      currency: sql<string | null>`min(${orderFacts.currency})`,
    })
    .from(orderFacts)
    .where(and(eq(orderFacts.storeId, storeId), placed, ...inPeriod(orderFacts.placedAt, { since, until: null })))
    .groupBy(orderFacts.customerId)
    .orderBy(desc(net), orderFacts.customerId)
    .limit(limit);
}
