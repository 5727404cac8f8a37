import { canSeePayment, paymentViewer } from '../access.ts';
import type { OrderResolvers } from '../__generated__/resolvers-types.ts';

/** This subgraph knows an order only by id. */
export interface OrderRef {
  id: string;
}

export const Order: OrderResolvers = {
  // async, so a refusal nulls only this entity, not every entity in the same `_entities` batch.
  __resolveReference: async ({ id }, { viewer }) => {
    paymentViewer(viewer);
    return { id };
  },

  // Each payment carries its owner and store, so the list is filtered to what the caller may see.
  payments: async ({ id }, _, { viewer, loaders, access }) => {
    const signedIn = paymentViewer(viewer);
    const visible = (await loaders.paymentsOfOrder.load(id)).filter((p) => canSeePayment(signedIn, p));
    // Staff reading someone's payments is recorded (one entry per customer per request).
    await Promise.all([...new Set(visible.map((p) => p.customerId))].map((customerId) => access.read(customerId)));
    return visible;
  },
};
