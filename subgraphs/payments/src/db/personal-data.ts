import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { PaymentsDb } from './index.ts';
import { auditLog, payments, refunds } from './schema.ts';
import { auditTrailOf } from '@supergraph/service-kit';

/** Every payment of one customer (at one store, for an admin) with its refunds, oldest first, and the audit entries about them, for their personal data export. */
export async function personalDataOf(db: PaymentsDb, customerId: string, storeId: string | null) {
  const where: SQL[] = [eq(payments.customerId, customerId)];
  if (storeId) where.push(eq(payments.storeId, storeId));
  const rows = await db
    .select()
    .from(payments)
    .where(and(...where))
    .orderBy(asc(payments.createdAt), asc(payments.id));
  const refundRows =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(refunds)
          .where(
            inArray(
              refunds.paymentId,
              rows.map((p) => p.id),
            ),
          )
          .orderBy(asc(refunds.createdAt), asc(refunds.id));
  // Entries about them: their refunds and payments, and staff's reads of their payments.
  const auditEntries = await auditTrailOf(db, auditLog, { accountId: customerId, targetIds: rows.map((p) => p.id) });
  return {
    auditEntries,
    payments: rows.map((p) => ({
      id: p.id,
      orderId: p.orderId,
      storeId: p.storeId,
      amountCents: p.amountCents,
      refundedCents: p.refundedCents,
      currency: p.currency,
      status: p.status,
      card: p.methodBrand ? { brand: p.methodBrand, last4: p.methodLast4 } : null,
      failureReason: p.failureReason,
      createdAt: p.createdAt.toISOString(),
      processedAt: p.processedAt?.toISOString() ?? null,
      refunds: refundRows
        .filter((r) => r.paymentId === p.id)
        .map((r) => ({ id: r.id, amountCents: r.amountCents, reason: r.reason, createdAt: r.createdAt.toISOString() })),
    })),
  };
}
