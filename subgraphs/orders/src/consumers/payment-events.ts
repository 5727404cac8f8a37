import type { ConsumerDefinition } from '@supergraph/service-kit';
import type { OrdersDb } from '../db/index.ts';
import { applyTransition, lockOrder } from '../lifecycle.ts';

type Tx = Parameters<Parameters<OrdersDb['transaction']>[0]>[0];

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
  async apply(db, event) {
    if (event.type !== 'PaymentSucceeded') return;
    const tx = db as unknown as Tx;
    const { orderId } = event.payload as PaymentSucceeded;
    const order = await lockOrder(tx, orderId);
    if (order?.status !== 'PENDING_PAYMENT') return;
    await applyTransition(tx, order, 'CONFIRMED', 'SYSTEM', null);
  },
  // Not a projection: confirmations are state changes that a replay re-checks and skips.
  async reset() {},
};
