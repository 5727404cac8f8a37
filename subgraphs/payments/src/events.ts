import type { NewEvent } from '@supergraph/service-kit';
import type { PaymentRow, RefundRow } from './db/schema.ts';

/**
 * The events this subgraph publishes: a public contract, like its GraphQL schema. Add fields
 * freely; change or remove one only with a new `version`.
 */
export const PAYMENT_AGGREGATE = 'Payment';

interface PaymentFacts {
  paymentId: string;
  orderId: string;
  customerId: string;
  storeId: string;
  amountCents: number;
  currency: string;
}

export interface PaymentSucceededV1 extends PaymentFacts {
  succeededAt: string;
}
export interface PaymentFailedV1 extends PaymentFacts {
  reason: string;
  failedAt: string;
}
export interface PaymentRefundedV1 extends PaymentFacts {
  refundId: string;
  /** This refund, in minor units. */
  refundedCents: number;
  /** All refunds of the payment so far, including this one. */
  totalRefundedCents: number;
  reason: string | null;
  refundedAt: string;
}

const facts = (p: PaymentRow): PaymentFacts => ({
  paymentId: p.id,
  orderId: p.orderId,
  customerId: p.customerId,
  storeId: p.storeId,
  amountCents: p.amountCents,
  currency: p.currency,
});

const event = <P>(type: string, p: PaymentRow, at: Date, payload: P): NewEvent<P> => ({
  type,
  aggregateType: PAYMENT_AGGREGATE,
  aggregateId: p.id,
  occurredAt: at,
  payload,
});

export const paymentSettled = (p: PaymentRow): NewEvent =>
  p.status === 'FAILED'
    ? event<PaymentFailedV1>('PaymentFailed', p, p.processedAt!, {
        ...facts(p),
        reason: p.failureReason ?? 'failed',
        failedAt: p.processedAt!.toISOString(),
      })
    : event<PaymentSucceededV1>('PaymentSucceeded', p, p.processedAt!, { ...facts(p), succeededAt: p.processedAt!.toISOString() });

export const paymentRefunded = (p: PaymentRow, refund: RefundRow): NewEvent<PaymentRefundedV1> =>
  event('PaymentRefunded', p, refund.createdAt, {
    ...facts(p),
    refundId: refund.id,
    refundedCents: refund.amountCents,
    totalRefundedCents: p.refundedCents,
    // Always null: events carry no text a person typed (the log cannot be erased); the refund keeps it.
    reason: null,
    refundedAt: refund.createdAt.toISOString(),
  });
