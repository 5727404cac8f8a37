import { eq, sql } from 'drizzle-orm';
import { type BulkProgress, type BulkRows, bulkTransaction, lockConsumer, writeInChunks } from '@supergraph/service-kit';
import type { AnalyticsDb } from './db/index.ts';
import { ANALYTICS_CONSUMER, rebuildAnalyticsReadModels } from './db/read-models.ts';
import { customerFacts, orderFacts } from './db/schema.ts';

/**
 * A bulk load of a store's customers and orders (`npm run seed:scale`), in this subgraph's terms.
 * The rows are computed in the database (see BulkRows). Customers: id, store_id, created_at.
 * Orders: id, customer_id, store_id, status, total_cents, currency, placed_at, updated_at,
 * driver_id, paid_cents (what the payment captured, 0 without one), refunded_cents.
 */
export interface AnalyticsScaleData {
  customers: BulkRows;
  orders: BulkRows;
}

/**
 * Writes the facts the events of those customers and orders would have left (a registration per
 * customer; per order its status, total, money paid and refunded, driver), then rebuilds the read
 * models from the facts, all in one transaction that holds the analytics consumer's lock: no batch
 * of events interleaves, and readers see the store's figures before the load or after it, never
 * half of it.
 */
export async function seedScale(db: AnalyticsDb, data: AnalyticsScaleData, progress: BulkProgress): Promise<void> {
  await bulkTransaction(db, async (tx) => {
    await lockConsumer(tx as unknown as AnalyticsDb, ANALYTICS_CONSUMER);
    await writeInChunks(
      data.customers,
      'customer facts',
      (range) =>
        tx.execute(sql`
          insert into ${customerFacts} (customer_id, store_id, registered_at)
          select id, store_id, created_at from (${range}) as r`),
      progress,
    );
    await writeInChunks(
      data.orders,
      'order facts',
      (range) =>
        tx.execute(sql`
          insert into ${orderFacts} (order_id, customer_id, store_id, status, total_cents, currency, placed_at, paid_cents, refunded_cents, driver_id, updated_at)
          select id, customer_id, store_id, status, total_cents, currency, placed_at, paid_cents, refunded_cents, driver_id, updated_at
          from (${range}) as r`),
      progress,
    );
    await rebuildAnalyticsReadModels(tx as unknown as AnalyticsDb);
    progress('read models rebuilt from the facts', 1, 1);
  });
}

/** What the store has in this subgraph's tables, for the load's summary: its order facts and registrations. */
export async function scaleCounts(db: AnalyticsDb, storeId: string): Promise<Record<string, number>> {
  const [facts] = await db.select({ n: sql<number>`count(*)::int` }).from(orderFacts).where(eq(orderFacts.storeId, storeId));
  const [registered] = await db.select({ n: sql<number>`count(*)::int` }).from(customerFacts).where(eq(customerFacts.storeId, storeId));
  return { orders: facts?.n ?? 0, customers: registered?.n ?? 0 };
}
