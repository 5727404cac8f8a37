import { forbidden, notFound, recordAudit, requireScope, rules, validateInput, z } from '@supergraph/service-kit';
import { auditLog } from '../db/schema.ts';
import { payOrder } from '../pay-order.ts';
import { lockPayment, refundLocked } from '../refunds.ts';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';

const refundSchema = z.object({
  paymentId: rules.uuid(),
  amountCents: z.number().int().min(1, 'must be at least 1').max(2_147_483_647),
  reason: rules.optionalText(500).transform((v) => v || null),
  idempotencyKey: rules.idempotencyKey(),
});

export const Mutation: MutationResolvers = {
  payOrder: (_, { input }, ctx) => payOrder(ctx, input),

  refundPayment: async (_, { input }, { viewer, db, provider, events, client }) => {
    const operator = requireScope(viewer, 'store:finance', 'Only staff and admins of the store may do this.');
    const { paymentId, ...fields } = validateInput(refundSchema, input);
    const request = { ...fields, keySource: 'client' as const };
    const payment = await db.transaction(async (tx) => {
      const locked = await lockPayment(tx, paymentId);
      if (!locked) throw notFound(`There is no payment with id "${paymentId}".`);
      if (locked.storeId !== operator.storeId) throw forbidden('You may only refund payments of your own store.');
      const refunded = await refundLocked(tx, locked, request, provider);
      if (refunded.refundedCents !== locked.refundedCents) {
        await recordAudit(tx, auditLog, {
          action: 'payment.refunded',
          actor: operator,
          client,
          target: { type: 'Payment', id: locked.id },
          details: { amountCents: request.amountCents, currency: locked.currency, reason: request.reason },
        });
      }
      return refunded;
    });
    events.published();
    return payment;
  },
};
