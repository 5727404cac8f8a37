import { and, eq, inArray } from 'drizzle-orm';
import { recordEvents } from '@supergraph/service-kit';
import type { PaymentsDb } from './db/index.ts';
import { orderRecords, outbox, payments } from './db/schema.ts';
import { paymentSettled } from './events.ts';

/**
 * Pays demo orders with the test Visa card, as `payOrder` would: a captured payment of exactly the
 * order's total and a PaymentSucceeded event each. Only orders payments has heard of (from
 * OrderPlaced) and that are still waiting for payment.
 */
export async function payDemoOrders(db: PaymentsDb, orderIds: string[]): Promise<number> {
  let paid = 0;
  for (let i = 0; i < orderIds.length; i += 500) {
    await db.transaction(async (tx) => {
      const records = await tx
        .select()
        .from(orderRecords)
        .where(and(inArray(orderRecords.orderId, orderIds.slice(i, i + 500)), eq(orderRecords.status, 'PENDING_PAYMENT')));
      if (records.length === 0) return;
      const now = new Date();
      const rows = await tx
        .insert(payments)
        .values(
          records.map((r) => ({
            orderId: r.orderId,
            customerId: r.customerId,
            storeId: r.storeId,
            amountCents: r.amountCents,
            currency: r.currency,
            status: 'SUCCEEDED' as const,
            methodBrand: 'visa',
            methodLast4: '4242',
            providerReference: `ch_demo_${r.orderId.replaceAll('-', '')}`,
            idempotencyKey: `demo-${r.orderId}`,
            keySource: 'system' as const,
            requestHash: 'demo',
            createdAt: now,
            processedAt: now,
          })),
        )
        .onConflictDoNothing()
        .returning();
      await recordEvents(tx, outbox, rows.map(paymentSettled));
      paid += rows.length;
    });
  }
  return paid;
}
