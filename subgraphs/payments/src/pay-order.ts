import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import {
  badUserInput,
  conflict,
  forbidden,
  isUniqueViolation,
  notFound,
  recordEvents,
  requireViewer,
  rules,
  validateInput,
  z,
  unauthenticated,
} from '@supergraph/service-kit';
import type { Context } from './context.ts';
import { findOrderRecord, findPaymentByKey, isErasedCustomer } from './db/payments.ts';
import { orderRecords, outbox, payments, type PaymentRow } from './db/schema.ts';
import { paymentSettled } from './events.ts';
import { TEST_TOKENS } from './provider.ts';
import { cancellationRefund, lockPayment, refundLocked } from './refunds.ts';
import type { PayOrderInput } from './__generated__/resolvers-types.ts';

const payOrderSchema = z.object({
  orderId: rules.uuid(),
  paymentMethodToken: z.string().trim().min(1, 'must not be empty').max(200),
  idempotencyKey: rules.idempotencyKey(),
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long a retry waits for a payment in flight to be answered before finishing it itself (within the gateway's subgraph timeout). */
const RESUME_AFTER_MS = 2000;

/** Polls `read` until it returns something (or the time is up): bridges the moment between an event's commit and its arrival. */
async function waitFor<T>(read: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined || Date.now() >= deadline) return value;
    await sleep(25);
  }
}

/**
 * Charges exactly an order's total, once. Idempotent like the most trusted payment APIs: the same
 * key with the same input returns the same payment (also to concurrent callers); the same key with
 * other input is a CONFLICT; a declined payment can be retried with a new key; an order with a
 * payment in flight or captured cannot be paid again (a unique index decides).
 */
export async function payOrder(ctx: Context, raw: PayOrderInput): Promise<PaymentRow> {
  const viewer = requireViewer(ctx.viewer);
  if (viewer.role !== 'CUSTOMER') throw forbidden('Only the customer who placed an order can pay it.');
  // An erased account's token may still be unexpired: it pays nothing more.
  if (await isErasedCustomer(ctx.db, viewer.accountId)) throw unauthenticated('This account no longer exists.');
  const input = validateInput(payOrderSchema, raw);
  const card = ctx.provider.describe(input.paymentMethodToken);
  if (!card)
    throw badUserInput(`Unknown payment method token. In test mode use one of: ${TEST_TOKENS.join(', ')}.`, 'input.paymentMethodToken');
  const requestHash = createHash('sha256')
    .update(JSON.stringify([input.orderId, input.paymentMethodToken]))
    .digest('hex');

  const replay = async (payment: PaymentRow) => {
    if (payment.requestHash !== requestHash) {
      throw conflict('This idempotency key was already used for a different payment. Use a new key for a new payment.', {
        field: 'input.idempotencyKey',
        paymentId: payment.id,
      });
    }
    // A concurrent request with the same key may still be talking to the provider: wait for its answer.
    const answered = await waitFor(async () => {
      const current = await findPaymentByKey(ctx.db, viewer.accountId, input.idempotencyKey);
      return current && current.status !== 'PENDING' ? current : undefined;
    }, RESUME_AFTER_MS);
    if (answered) return answered;
    // Still in flight: the request that began it may be gone (its process killed, its commit
    // failed). Finish it here. The provider charges a payment id at most once, and settling
    // checks the payment is still pending, so two requests finishing it charge and record it once.
    return settlePayment(ctx, payment, input.paymentMethodToken);
  };

  const existing = await findPaymentByKey(ctx.db, viewer.accountId, input.idempotencyKey);
  if (existing) return replay(existing);

  // payments learns about orders from the orders subgraph's events; a brand-new order may be a moment away.
  const order = await waitFor(() => findOrderRecord(ctx.db, input.orderId), ctx.orderWaitMs);
  if (!order) throw notFound(`There is no order with id "${input.orderId}" (if it was placed a moment ago, try again).`);
  if (order.customerId !== viewer.accountId) throw forbidden('You may only pay your own orders.');
  if (order.status !== 'PENDING_PAYMENT') {
    // Paid meanwhile by a concurrent request with this very key (through another gateway, say): the same answer as it got.
    const sameKey = await findPaymentByKey(ctx.db, viewer.accountId, input.idempotencyKey);
    if (sameKey) return replay(sameKey);
    throw conflict(`This order is ${order.status}; it is not waiting for payment.`, { currentStatus: order.status });
  }

  let pending: PaymentRow;
  try {
    [pending] = (await ctx.db
      .insert(payments)
      .values({
        orderId: order.orderId,
        customerId: order.customerId,
        storeId: order.storeId,
        amountCents: order.amountCents,
        currency: order.currency,
        status: 'PENDING',
        methodBrand: card.brand,
        methodLast4: card.last4,
        idempotencyKey: input.idempotencyKey,
        requestHash,
      })
      .returning()) as [PaymentRow];
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const sameKey = await findPaymentByKey(ctx.db, viewer.accountId, input.idempotencyKey);
    if (sameKey) return replay(sameKey);
    throw conflict('This order is already paid, or a payment for it is in progress.', { currentStatus: order.status });
  }

  return settlePayment(ctx, pending, input.paymentMethodToken);
}

/**
 * Charges a pending payment at the provider (by the payment's id, so at most once however often
 * this runs) and records the outcome with its event, unless someone recorded it first. Refunds at
 * once an order cancelled while it was being charged.
 */
async function settlePayment(ctx: Context, pending: PaymentRow, paymentMethodToken: string): Promise<PaymentRow> {
  const result = await ctx.provider.charge({
    amountCents: pending.amountCents,
    currency: pending.currency,
    token: paymentMethodToken,
    idempotencyKey: pending.id,
  });
  const settled = await ctx.db.transaction(async (tx) => {
    // The order's record first, then its payment: the order-events consumer takes them in this
    // order too (it moves the record to CANCELLED, then refunds the payment), so neither waits for
    // the other in a circle.
    const [record] = await tx.select().from(orderRecords).where(eq(orderRecords.orderId, pending.orderId)).for('update');
    const payment = (await lockPayment(tx, pending.id))!;
    if (payment.status !== 'PENDING') return payment;
    const [updated] = await tx
      .update(payments)
      .set(
        result.ok
          ? { status: 'SUCCEEDED', providerReference: result.reference, processedAt: new Date() }
          : { status: 'FAILED', failureReason: result.message, processedAt: new Date() },
      )
      .where(eq(payments.id, payment.id))
      .returning();
    await recordEvents(tx, outbox, [paymentSettled(updated!)]);
    // Cancelled while we were charging: give the money back at once.
    if (result.ok && record?.status === 'CANCELLED') {
      return refundLocked(tx, updated!, cancellationRefund(updated!), ctx.provider);
    }
    return updated!;
  });
  ctx.events.published();
  return settled;
}
