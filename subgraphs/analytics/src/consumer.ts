import { sql } from 'drizzle-orm';
import type { ConsumerDefinition } from '@supergraph/service-kit';
import type { AnalyticsDb } from './db/index.ts';
import { customerFacts, orderFacts } from './db/schema.ts';

type Tx = Parameters<Parameters<AnalyticsDb['transaction']>[0]>[0];

/** The parts of other subgraphs' events analytics relies on (their public event contracts). */
interface OrderPlaced { orderId: string; customerId: string; storeId: string; totalCents: number; currency: string; placedAt: string }
interface OrderMoved { orderId: string; customerId: string; storeId: string; to?: string }
interface PaymentFacts { orderId: string; customerId: string; storeId: string; amountCents: number; currency: string }
interface PaymentRefunded extends PaymentFacts { refundedCents: number }
interface CustomerRegistered { customerId: string; storeId: string; registeredAt: string }

type OrderKey = { orderId: string; customerId: string; storeId: string };

/**
 * Creates the order's row if it is new, or changes it: events of one order come from two
 * aggregates (the order and its payment) whose relative order is not guaranteed, so every
 * update commutes with the others.
 */
async function upsertFact(tx: Tx, key: OrderKey, values: Partial<typeof orderFacts.$inferInsert>, onExisting: Record<string, unknown> = values) {
  await tx
    .insert(orderFacts)
    .values({ orderId: key.orderId, customerId: key.customerId, storeId: key.storeId, ...values })
    .onConflictDoUpdate({ target: orderFacts.orderId, set: { ...onExisting, updatedAt: new Date() } });
}

/**
 * The analytics read model, built only from events: order facts (status, amount, paid, refunded)
 * and customer registrations. Every figure analytics serves is a sum over these facts.
 */
export const analyticsConsumer: ConsumerDefinition = {
  name: 'analytics',
  aggregateTypes: ['Order', 'Payment', 'Customer'],
  async apply(db, event) {
    const tx = db as unknown as Tx;
    switch (event.type) {
      case 'OrderPlaced': {
        const p = event.payload as OrderPlaced;
        await upsertFact(tx, p, { status: 'PENDING_PAYMENT', totalCents: p.totalCents, currency: p.currency, placedAt: new Date(p.placedAt) });
        return;
      }
      case 'OrderStatusChanged':
      case 'OrderCancelled': {
        const p = event.payload as OrderMoved;
        await upsertFact(tx, p, { status: event.type === 'OrderCancelled' ? 'CANCELLED' : p.to! });
        return;
      }
      case 'PaymentSucceeded': {
        const p = event.payload as PaymentFacts;
        await upsertFact(tx, p, { paidCents: p.amountCents }, { paidCents: sql`${orderFacts.paidCents} + ${p.amountCents}` });
        return;
      }
      case 'PaymentRefunded': {
        const p = event.payload as PaymentRefunded;
        await upsertFact(tx, p, { refundedCents: p.refundedCents }, { refundedCents: sql`${orderFacts.refundedCents} + ${p.refundedCents}` });
        return;
      }
      case 'CustomerRegistered': {
        const p = event.payload as CustomerRegistered;
        await tx.insert(customerFacts).values({ customerId: p.customerId, storeId: p.storeId, registeredAt: new Date(p.registeredAt) }).onConflictDoNothing();
        return;
      }
      default:
        return; // PaymentFailed, and event types added later: nothing to count
    }
  },
  async reset(db) {
    const tx = db as unknown as Tx;
    await tx.delete(orderFacts);
    await tx.delete(customerFacts);
  },
};
