import { inArray } from 'drizzle-orm';
import { recordEvents, type ConsumerDefinition } from '@supergraph/service-kit';
import type { OrdersTx } from '../db/index.ts';
import { orders, outbox } from '../db/schema.ts';
import { statusChanged } from '../events.ts';
import { assertTransition } from '../lifecycle.ts';

/** The shape of the payments subgraph's PaymentSucceeded event this consumer relies on. */
interface PaymentSucceeded {
  orderId: string;
}

/**
 * A successful payment confirms its order. An order that is no longer waiting for payment
 * (already confirmed, or cancelled meanwhile) is left alone: payments refunds a cancelled order.
 */
export const paymentEvents: ConsumerDefinition = {
  name: 'orders',
  aggregateTypes: ['Payment'],
  async apply(db, events) {
    const tx = db as unknown as OrdersTx;
    const orderIds = [...new Set(events.filter((e) => e.type === 'PaymentSucceeded').map((e) => (e.payload as PaymentSucceeded).orderId))];
    if (orderIds.length === 0) return;
    const waiting = (await tx.select().from(orders).where(inArray(orders.id, orderIds)).for('update')).filter(
      (o) => o.status === 'PENDING_PAYMENT',
    );
    if (waiting.length === 0) return;
    const now = new Date();
    for (const order of waiting) assertTransition(order, 'CONFIRMED', 'SYSTEM');
    const confirmed = await tx
      .update(orders)
      .set({ status: 'CONFIRMED', updatedAt: now })
      .where(
        inArray(
          orders.id,
          waiting.map((o) => o.id),
        ),
      )
      .returning();
    await recordEvents(
      tx,
      outbox,
      confirmed.map((o) => statusChanged(o, 'PENDING_PAYMENT', 'SYSTEM', now)),
    );
  },
  // Not a projection: confirmations are state changes that a replay re-checks and skips.
  async reset() {},
};
