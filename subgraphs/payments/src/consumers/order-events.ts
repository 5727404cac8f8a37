import { eq } from 'drizzle-orm';
import type { ConsumerDefinition } from '@supergraph/service-kit';
import type { PaymentsDb } from '../db/index.ts';
import { orderRecords } from '../db/schema.ts';
import type { PaymentProvider } from '../provider.ts';
import { lockCapturedPayment, refundLocked } from '../refunds.ts';

type Tx = Parameters<Parameters<PaymentsDb['transaction']>[0]>[0];

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
  async apply(db, event) {
    const tx = db as unknown as Tx;
    switch (event.type) {
      case 'OrderPlaced': {
        const p = event.payload as OrderPlaced;
        await tx
          .insert(orderRecords)
          .values({ orderId: p.orderId, customerId: p.customerId, storeId: p.storeId, amountCents: p.totalCents, currency: p.currency, status: 'PENDING_PAYMENT' })
          .onConflictDoNothing();
        return;
      }
      case 'OrderStatusChanged': {
        const p = event.payload as OrderMoved;
        await tx.update(orderRecords).set({ status: p.to!, updatedAt: new Date() }).where(eq(orderRecords.orderId, p.orderId));
        return;
      }
      case 'OrderCancelled': {
        const p = event.payload as OrderMoved;
        await tx.update(orderRecords).set({ status: 'CANCELLED', updatedAt: new Date() }).where(eq(orderRecords.orderId, p.orderId));
        const payment = await lockCapturedPayment(tx, p.orderId);
        if (payment && payment.refundedCents < payment.amountCents) {
          await refundLocked(tx, payment, { amountCents: payment.amountCents - payment.refundedCents, reason: 'Order cancelled', idempotencyKey: 'order-cancelled' }, provider);
        }
        return;
      }
      default:
        return;
    }
  },
  // Order records are a projection; refunds already made stay (their idempotency key prevents a second one).
  async reset(db) {
    await (db as unknown as Tx).delete(orderRecords);
  },
});
