import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { OrdersDb } from './index.ts';
import { orders } from './schema.ts';

/** Every order of one customer (at one store, for an admin), oldest first, for their personal data export. */
export async function personalDataOf(db: OrdersDb, customerId: string, storeId: string | null) {
  const where: SQL[] = [eq(orders.customerId, customerId)];
  if (storeId) where.push(eq(orders.storeId, storeId));
  const rows = await db
    .select()
    .from(orders)
    .where(and(...where))
    .orderBy(asc(orders.createdAt), asc(orders.id));
  return {
    orders: rows.map((o) => ({
      id: o.id,
      orderNumber: `O-${String(o.number).padStart(8, '0')}`,
      storeId: o.storeId,
      status: o.status,
      items: o.items,
      subtotalCents: o.subtotalCents,
      deliveryFeeCents: o.deliveryFeeCents,
      totalCents: o.totalCents,
      currency: o.currency,
      deliveryAddress: o.deliveryAddress,
      cancelReason: o.cancelReason,
      placedAt: o.createdAt.toISOString(),
      updatedAt: o.updatedAt.toISOString(),
    })),
  };
}
