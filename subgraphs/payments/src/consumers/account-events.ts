import { inArray, sql } from 'drizzle-orm';
import { type ConsumerDefinition, redactAudit } from '@supergraph/service-kit';
import type { PaymentsTx } from '../db/index.ts';
import { auditLog, erasedCustomers, outbox, parkedEvents, payments, refunds } from '../db/schema.ts';

/** The shape of the customers subgraph's CustomerErased event this consumer relies on. */
interface CustomerErased {
  customerId: string;
  erasedAt: string;
}

/**
 * The right to erasure, for what payments keeps: an erased customer's payments keep their
 * amounts, currencies, statuses, card brand and times (the store's accounts) and lose the card's
 * last four digits and the keys the client chose; their refunds lose their reason; the audit
 * entries about those payments lose their details and client address; the outbox's and the
 * set-aside events' copies lose any reason. The account may pay nothing more. All in the
 * consumer's transaction, and idempotent: applied again, it writes the same values.
 */
export const accountEvents: ConsumerDefinition = {
  name: 'payments-accounts',
  aggregateTypes: ['Customer'],
  async apply(db, events) {
    const tx = db as unknown as PaymentsTx;
    const erased = events.filter((e) => e.type === 'CustomerErased').map((e) => e.payload as CustomerErased);
    if (erased.length === 0) return;
    const customerIds = erased.map((e) => e.customerId);
    await tx
      .insert(erasedCustomers)
      .values(erased.map((e) => ({ customerId: e.customerId, erasedAt: new Date(e.erasedAt) })))
      .onConflictDoNothing();
    const theirs = await tx
      .update(payments)
      .set({
        methodLast4: null,
        idempotencyKey: sql`case when ${payments.keySource} = 'client' then 'erased:' || ${payments.id}::text else ${payments.idempotencyKey} end`,
        requestHash: 'erased',
      })
      .where(inArray(payments.customerId, customerIds))
      .returning({ id: payments.id, customerId: payments.customerId });
    const paymentIds = theirs.map((p) => p.id);
    if (paymentIds.length > 0) {
      await tx
        .update(refunds)
        .set({
          reason: null,
          idempotencyKey: sql`case when ${refunds.keySource} = 'client' then 'erased:' || ${refunds.id}::text else ${refunds.idempotencyKey} end`,
          requestHash: 'erased',
        })
        .where(inArray(refunds.paymentId, paymentIds));
    }
    for (const customerId of customerIds) {
      const targetIds = theirs.filter((p) => p.customerId === customerId).map((p) => p.id);
      await redactAudit(tx, auditLog, { accountId: customerId, targetIds });
    }
    for (const table of [outbox, parkedEvents]) {
      await tx
        .update(table)
        .set({ payload: sql`jsonb_set(${table.payload}, '{reason}', 'null')` })
        .where(sql`${table.payload}->>'customerId' in ${customerIds} and ${table.payload} ? 'reason'`);
    }
  },
  // The projection is the erasure itself, kept; a replay applies the same erasures again.
  async reset() {},
};
