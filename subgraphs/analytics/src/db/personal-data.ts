import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { AnalyticsDb } from './index.ts';
import { auditLog, customerFacts, orderFacts } from './schema.ts';
import { auditTrailOf } from '@supergraph/service-kit';

/** What analytics recorded about one customer (at one store, for an admin), and the audit entries about them, for their personal data export. */
export async function personalDataOf(db: AnalyticsDb, customerId: string, storeId: string | null) {
  const factsWhere: SQL[] = [eq(orderFacts.customerId, customerId)];
  const customerWhere: SQL[] = [eq(customerFacts.customerId, customerId)];
  if (storeId) {
    factsWhere.push(eq(orderFacts.storeId, storeId));
    customerWhere.push(eq(customerFacts.storeId, storeId));
  }
  const [registered] = await db
    .select()
    .from(customerFacts)
    .where(and(...customerWhere));
  const facts = await db
    .select()
    .from(orderFacts)
    .where(and(...factsWhere))
    .orderBy(asc(orderFacts.placedAt), asc(orderFacts.orderId));
  return {
    // Who of the store read their figures, and when.
    auditEntries: await auditTrailOf(db, auditLog, { accountId: customerId }),
    registeredAt: registered?.registeredAt.toISOString() ?? null,
    orderFacts: facts.map((f) => ({
      orderId: f.orderId,
      storeId: f.storeId,
      status: f.status,
      totalCents: f.totalCents,
      paidCents: f.paidCents,
      refundedCents: f.refundedCents,
      currency: f.currency,
      placedAt: f.placedAt?.toISOString() ?? null,
    })),
  };
}
