import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { type BulkProgress, type BulkRows, bulkTransaction, writeInChunks } from '@supergraph/service-kit';
import type { OrdersDb } from './db/index.ts';
import { menuItems, orders, storeDrivers, storeSettings } from './db/schema.ts';

/**
 * A bulk load of orders into one store (`npm run seed:scale`), in this subgraph's terms. The rows
 * are computed in the database (see BulkRows); each has the columns id, customer_id, store_id,
 * status, items (the priced lines, as an order keeps them), subtotal_cents, delivery_fee_cents,
 * total_cents, currency, delivery_address, driver_id, cancel_reason, placed_at and updated_at.
 */
export interface OrdersScaleData {
  orders: BulkRows;
}

/**
 * What the load needs to know of a store, from this subgraph: how it sells (currency, delivery
 * fee), what it sells (the items on its menu now, with their prices) and its drivers. Null when
 * the store is not set up to sell.
 */
export async function storeForScale(db: OrdersDb, storeId: string) {
  const [settings] = await db.select().from(storeSettings).where(eq(storeSettings.storeId, storeId));
  if (!settings) return null;
  const menu = await db
    .select({ id: menuItems.id, name: menuItems.name, priceCents: menuItems.priceCents })
    .from(menuItems)
    .where(
      and(
        eq(menuItems.storeId, storeId),
        eq(menuItems.currency, settings.currency),
        eq(menuItems.available, true),
        isNull(menuItems.removedAt),
      ),
    )
    .orderBy(asc(menuItems.name), asc(menuItems.id));
  const drivers = await db
    .select({ id: storeDrivers.driverId })
    .from(storeDrivers)
    .where(eq(storeDrivers.storeId, storeId))
    .orderBy(asc(storeDrivers.since), asc(storeDrivers.driverId));
  return { currency: settings.currency, deliveryFeeCents: settings.deliveryFeeCents, menu, drivers: drivers.map((d) => d.id) };
}

/**
 * Writes the orders, set-based, in one transaction, each under a system idempotency key
 * (`seed-<order id>`, key source `system`: no client's key can meet it). No event is recorded:
 * the orders are loaded, not placed (see the seed's documentation for what that means).
 */
export async function seedScale(db: OrdersDb, data: OrdersScaleData, progress: BulkProgress): Promise<void> {
  await bulkTransaction(db, async (tx) => {
    await writeInChunks(
      data.orders,
      'orders',
      (range) =>
        tx.execute(sql`
          insert into ${orders} (id, customer_id, store_id, status, items, subtotal_cents, delivery_fee_cents, total_cents, currency,
                                 delivery_address, idempotency_key, key_source, request_hash, cancel_reason, driver_id, created_at, updated_at)
          select id, customer_id, store_id, status::orders.order_status, items, subtotal_cents, delivery_fee_cents, total_cents, currency,
                 delivery_address, 'seed-' || id, 'system', 'seed', cancel_reason, driver_id, placed_at, updated_at
          from (${range}) as r`),
      progress,
    );
  });
}

/** What the store has in this subgraph's tables, for the load's summary: its orders. */
export async function scaleCounts(db: OrdersDb, storeId: string): Promise<Record<string, number>> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(orders).where(eq(orders.storeId, storeId));
  return { orders: row?.n ?? 0 };
}
