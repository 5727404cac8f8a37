import { decodeCursor, pageSize, toConnection } from '@supergraph/service-kit';
import { paymentScopeFor } from '../access.ts';
import type { CustomerResolvers } from '../__generated__/resolvers-types.ts';

/** This subgraph knows a customer only by id. */
export interface CustomerRef {
  id: string;
}

export const Customer: CustomerResolvers = {
  // async, so a refusal nulls only this entity, not every entity in the same `_entities` batch.
  __resolveReference: async ({ id }, { viewer }) => {
    paymentScopeFor(viewer, id);
    return { id };
  },

  payments: async ({ id }, { first, after }, { viewer, loaders }) => {
    const { storeId } = paymentScopeFor(viewer, id);
    const size = pageSize(first);
    const position = decodeCursor(after);
    const rows = await loaders.paymentsOf({ storeId, limit: size + 1, after: position }).load(id);
    return toConnection(rows, size, position !== null);
  },
};
