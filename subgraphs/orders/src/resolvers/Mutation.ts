import { requireViewer, rules, validateInput, z } from '@supergraph/service-kit';
import { transitionOrder } from '../lifecycle.ts';
import { addMenuItem, removeMenuItem, setDeliveryFee, updateMenuItem } from '../menu.ts';
import { placeOrder } from '../place-order.ts';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';

const moveSchema = z.object({
  orderId: rules.uuid(),
  reason: rules.optionalText(500).transform((v) => v || null),
});

export const Mutation: MutationResolvers = {
  placeOrder: (_, { input }, ctx) => placeOrder(ctx, input),

  updateOrderStatus: async (_, { input }, { viewer, db, events }) => {
    const signedIn = requireViewer(viewer);
    const { orderId, reason } = validateInput(moveSchema, input);
    const order = await transitionOrder(db, signedIn, orderId, input.status, reason);
    events.published();
    return order;
  },

  cancelOrder: async (_, { input }, { viewer, db, events }) => {
    const signedIn = requireViewer(viewer);
    const { orderId, reason } = validateInput(moveSchema, input);
    const order = await transitionOrder(db, signedIn, orderId, 'CANCELLED', reason);
    events.published();
    return order;
  },

  addMenuItem: (_, { input }, ctx) => addMenuItem(ctx, input),

  updateMenuItem: (_, { input }, ctx) => updateMenuItem(ctx, input),

  removeMenuItem: (_, { id }, ctx) => removeMenuItem(ctx, id),

  setDeliveryFee: (_, args, ctx) => setDeliveryFee(ctx, args),
};
