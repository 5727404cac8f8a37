import { inArray, sql } from 'drizzle-orm';
import type { ConsumerDefinition } from '@supergraph/service-kit';
import type { PaymentsTx } from '../db/index.ts';
import { orderRecords } from '../db/schema.ts';
import type { PaymentProvider } from '../provider.ts';
import { cancellationRefund, lockCapturedPayment, refundLocked } from '../refunds.ts';

/** The parts of the orders subgraph's events this consumer relies on. */
interface OrderPlaced {
  orderId: string;
  customerId: string;
  storeId: string;
  totalCents: number;
  currency: string;
}
interface OrderMoved {
  orderId: string;
  to?: string;
}

/**
 * Keeps payments' own record of each order (owner, amount, status) from order events, and
 * refunds a paid order in full when it is cancelled, in the same transaction.
 */
export const orderEvents = (provider: PaymentProvider): ConsumerDefinition => ({
  name: 'payments',
  aggregateTypes: ['Order'],
  async apply(db, events) {
    const tx = db as unknown as PaymentsTx;
    const placed = events.filter((e) => e.type === 'OrderPlaced').map((e) => e.payload as OrderPlaced);
    if (placed.length > 0) {
      await tx
        .insert(orderRecords)
        .values(
          placed.map((p) => ({
            orderId: p.orderId,
            customerId: p.customerId,
            storeId: p.storeId,
            amountCents: p.totalCents,
            currency: p.currency,
            status: 'PENDING_PAYMENT',
          })),
        )
        .onConflictDoNothing();
    }
    // Each order's last status in the batch wins (its events are in sequence).
    const latest = new Map<string, string>();
    const cancelled: string[] = [];
    for (const event of events) {
      const p = event.payload as OrderMoved;
      if (event.type === 'OrderStatusChanged') latest.set(p.orderId, p.to!);
      if (event.type === 'OrderCancelled') {
        latest.set(p.orderId, 'CANCELLED');
        cancelled.push(p.orderId);
      }
    }
    const byStatus = new Map<string, string[]>();
    for (const [orderId, status] of latest) byStatus.set(status, [...(byStatus.get(status) ?? []), orderId]);
    for (const [status, orderIds] of byStatus) {
      await tx.update(orderRecords).set({ status, updatedAt: sql`now()` }).where(inArray(orderRecords.orderId, orderIds));
    }
    for (const orderId of cancelled) {
      const payment = await lockCapturedPayment(tx, orderId);
      if (payment && payment.refundedCents < payment.amountCents) {
        await refundLocked(tx, payment, cancellationRefund(payment), provider);
      }
    }
  },
  // Order records are a projection; refunds already made stay (their idempotency key prevents a second one).
  async reset(db) {
    await (db as unknown as PaymentsTx).delete(orderRecords);
  },
});
