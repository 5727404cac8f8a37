import { placeOrder } from '../place-order.ts';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';

export const Mutation: MutationResolvers = {
  placeOrder: (_, { input }, ctx) => placeOrder(ctx, input),
};
