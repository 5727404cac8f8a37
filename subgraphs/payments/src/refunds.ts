import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { badUserInput, conflict, recordEvents, type KeySource } from '@supergraph/service-kit';
import type { PaymentsTx } from './db/index.ts';
import { outbox, payments, refunds, type PaymentRow } from './db/schema.ts';
import { paymentRefunded } from './events.ts';
import type { PaymentProvider } from './provider.ts';

export interface RefundRequest {
  amountCents: number;
  reason: string | null;
  idempotencyKey: string;
  keySource: KeySource;
}

/** The refund the system makes when a paid order is cancelled: at most one per payment, in its own key namespace. */
export const cancellationRefund = (payment: PaymentRow): RefundRequest => ({
  amountCents: payment.amountCents - payment.refundedCents,
  reason: 'Order cancelled',
  idempotencyKey: 'order-cancelled',
  keySource: 'system',
});

export const refundHash = (r: RefundRequest) =>
  createHash('sha256')
    .update(JSON.stringify([r.amountCents, r.reason]))
    .digest('hex');

export const lockPayment = async (tx: PaymentsTx, paymentId: string): Promise<PaymentRow | undefined> =>
  (await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update'))[0];

/**
 * Refunds part or all of a locked payment inside `tx`. The row lock serialises refunds of one
 * payment, so their sum can never exceed what was captured. Idempotent per payment and key.
 */
export async function refundLocked(
  tx: PaymentsTx,
  payment: PaymentRow,
  request: RefundRequest,
  provider: PaymentProvider,
): Promise<PaymentRow> {
  const requestHash = refundHash(request);
  const [existing] = await tx
    .select()
    .from(refunds)
    .where(
      and(eq(refunds.paymentId, payment.id), eq(refunds.keySource, request.keySource), eq(refunds.idempotencyKey, request.idempotencyKey)),
    );
  if (existing) {
    if (existing.requestHash !== requestHash) {
      throw conflict('This idempotency key was already used for a different refund. Use a new key for a new refund.', {
        field: 'input.idempotencyKey',
      });
    }
    return payment;
  }
  if (payment.status !== 'SUCCEEDED' && payment.status !== 'PARTIALLY_REFUNDED') {
    throw conflict(`This payment is ${payment.status}; only a captured payment can be refunded.`, { currentStatus: payment.status });
  }
  const refundable = payment.amountCents - payment.refundedCents;
  if (request.amountCents > refundable) {
    throw badUserInput(
      `At most ${refundable} (minor units of ${payment.currency}) can still be refunded from this payment.`,
      'input.amountCents',
    );
  }
  const { reference } = await provider.refund({
    chargeReference: payment.providerReference ?? payment.id,
    amountCents: request.amountCents,
    idempotencyKey: `${payment.id}:${request.keySource}:${request.idempotencyKey}`,
  });
  const [refund] = await tx
    .insert(refunds)
    .values({
      paymentId: payment.id,
      amountCents: request.amountCents,
      reason: request.reason,
      idempotencyKey: request.idempotencyKey,
      keySource: request.keySource,
      requestHash,
      providerReference: reference,
    })
    .returning();
  const refundedCents = payment.refundedCents + request.amountCents;
  const [updated] = await tx
    .update(payments)
    .set({ refundedCents, status: refundedCents === payment.amountCents ? 'REFUNDED' : 'PARTIALLY_REFUNDED' })
    .where(eq(payments.id, payment.id))
    .returning();
  await recordEvents(tx, outbox, [paymentRefunded(updated!, refund!)]);
  return updated!;
}

/** The payment that took money for an order, if any, locked. */
export async function lockCapturedPayment(tx: PaymentsTx, orderId: string): Promise<PaymentRow | undefined> {
  const rows = await tx.select().from(payments).where(eq(payments.orderId, orderId)).for('update');
  return rows.find((p) => p.status === 'SUCCEEDED' || p.status === 'PARTIALLY_REFUNDED');
}
