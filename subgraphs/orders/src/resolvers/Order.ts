import { canSeeDriver, isClaimable, visibleOrder } from '../access.ts';
import type { OrderResolvers } from '../__generated__/resolvers-types.ts';

export const Order: OrderResolvers = {
  __resolveReference: async ({ id }, { viewer, loaders, access }) => {
    const order = visibleOrder(viewer, await loaders.order.load(id));
    if (order) await access.read(order.customerId);
    return order;
  },

  orderNumber: (order) => `O-${String(order.number).padStart(8, '0')}`,

  customer: (order) => ({ id: order.customerId }),

  store: (order) => ({ id: order.storeId }),

  driver: (order, _, { viewer }) => (canSeeDriver(viewer, order) ? { id: order.driverId! } : null),

  claimable: (order) => isClaimable(order),
};
