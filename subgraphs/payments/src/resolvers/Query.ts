import { validId } from '@supergraph/service-kit';
import { visiblePayment } from '../access.ts';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const Query: QueryResolvers = {
  payment: async (_, args, { viewer, loaders, access }) => {
    const payment = visiblePayment(viewer, await loaders.payment.load(validId(args.id)));
    if (payment) await access.read(payment.customerId);
    return payment;
  },
};
