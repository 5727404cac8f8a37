import { sql } from 'drizzle-orm';
import type { OrdersDb } from './db/index.ts';
import { menuItems, orders, storeSettings, type Address, type OrderStatus } from './db/schema.ts';
import { priceOrder } from './pricing.ts';

/** Demo data in this subgraph's own terms; the platform generates it deterministically. */
export interface OrdersDemoData {
  stores: { storeId: string; currency: string; deliveryFeeCents: number }[];
  menuItems: { id: string; storeId: string; name: string; description: string; category: string; priceCents: number; currency: string }[];
  orders: {
    id: string;
    customerId: string;
    storeId: string;
    status: OrderStatus;
    lines: { menuItemId: string; quantity: number }[];
    deliveryAddress: Address;
    createdAt: Date;
  }[];
}

/** Loads demo data once (nothing happens when menus exist). Orders are priced by the same code as `placeOrder`. */
export async function seedDemo(db: OrdersDb, data: OrdersDemoData): Promise<boolean> {
  const [{ count } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(storeSettings);
  if (count > 0) return false;
  const settingsByStore = new Map(data.stores.map((s) => [s.storeId, { ...s }]));
  const menuByStore = new Map<string, (typeof menuItems.$inferSelect)[]>();
  for (const item of data.menuItems) {
    menuByStore.set(item.storeId, [...(menuByStore.get(item.storeId) ?? []), { ...item, available: true }]);
  }
  await db.transaction(async (tx) => {
    await tx.insert(storeSettings).values(data.stores);
    await tx.insert(menuItems).values(data.menuItems);
    for (let i = 0; i < data.orders.length; i += 500) {
      await tx.insert(orders).values(
        data.orders.slice(i, i + 500).map((o) => ({
          id: o.id,
          customerId: o.customerId,
          storeId: o.storeId,
          status: o.status,
          ...priceOrder(o.lines, menuByStore.get(o.storeId) ?? [], settingsByStore.get(o.storeId)!),
          deliveryAddress: o.deliveryAddress,
          idempotencyKey: `demo-${o.id}`,
          requestHash: 'demo',
          createdAt: o.createdAt,
          updatedAt: o.createdAt,
        })),
      );
    }
  });
  return true;
}
