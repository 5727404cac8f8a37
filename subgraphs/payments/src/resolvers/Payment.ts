import { visiblePayment } from '../access.ts';
import type { PaymentResolvers } from '../__generated__/resolvers-types.ts';

export const Payment: PaymentResolvers = {
  __resolveReference: async ({ id }, { viewer, loaders, access }) => {
    const payment = visiblePayment(viewer, await loaders.payment.load(id));
    if (payment) await access.read(payment.customerId);
    return payment;
  },

  order: (payment) => ({ id: payment.orderId }),

  customer: (payment) => ({ id: payment.customerId }),

  method: (payment) => (payment.methodBrand && payment.methodLast4 ? { brand: payment.methodBrand, last4: payment.methodLast4 } : null),

  refunds: (payment, _, { loaders }) => loaders.refunds.load(payment.id),
};
