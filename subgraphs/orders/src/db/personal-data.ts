import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { OrdersDb } from './index.ts';
import { auditLog, orders } from './schema.ts';
import { auditTrailOf } from '@supergraph/service-kit';

/** Every order of one customer (at one store, for an admin), oldest first, and the audit entries about them, for their personal data export. */
export async function personalDataOf(db: OrdersDb, customerId: string, storeId: string | null) {
  const where: SQL[] = [eq(orders.customerId, customerId)];
  if (storeId) where.push(eq(orders.storeId, storeId));
  const rows = await db
    .select()
    .from(orders)
    .where(and(...where))
    .orderBy(asc(orders.createdAt), asc(orders.id));
  // Entries about them: staff's, admins' and drivers' reads of their orders.
  const auditEntries = await auditTrailOf(db, auditLog, { accountId: customerId, targetIds: rows.map((o) => o.id) });
  return {
    auditEntries,
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
      driverId: o.driverId,
      placedAt: o.createdAt.toISOString(),
      updatedAt: o.updatedAt.toISOString(),
    })),
  };
}
