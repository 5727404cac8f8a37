import { validId } from '@supergraph/service-kit';
import { visibleOrder } from '../access.ts';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const Query: QueryResolvers = {
  order: async (_, args, { viewer, loaders, access }) => {
    const order = visibleOrder(viewer, await loaders.order.load(validId(args.id)));
    if (order) await access.read(order.customerId);
    return order;
  },
};
