import { visiblePayment } from '../access.ts';
import type { PaymentResolvers } from '../__generated__/resolvers-types.ts';

export const Payment: PaymentResolvers = {
  __resolveReference: async ({ id }, { viewer, loaders }) => visiblePayment(viewer, await loaders.payment.load(id)),

  order: (payment) => ({ id: payment.orderId }),

  customer: (payment) => ({ id: payment.customerId }),

  method: (payment) => (payment.methodBrand && payment.methodLast4 ? { brand: payment.methodBrand, last4: payment.methodLast4 } : null),

  refunds: (payment, _, { loaders }) => loaders.refunds.load(payment.id),
};
