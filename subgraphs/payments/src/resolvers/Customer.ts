import { personalDataScope } from '@supergraph/service-kit';
import { personalDataOf } from '../db/personal-data.ts';
import { type CountedConnection, decodeCursor, pageSize, toCountedConnection } from '@supergraph/service-kit';
import type { PaymentRow } from '../db/schema.ts';
import { paymentScopeFor } from '../access.ts';
import type { CustomerResolvers } from '../__generated__/resolvers-types.ts';

/** This subgraph knows a customer only by id. */
export interface CustomerRef {
  id: string;
}

/** A page of a customer's payments; its total is counted only when asked for. */
export type PaymentConnectionRef = CountedConnection<PaymentRow>;

export const Customer: CustomerResolvers = {
  // async, so a refusal nulls only this entity, not every entity in the same `_entities` batch.
  __resolveReference: async ({ id }, { viewer }) => {
    paymentScopeFor(viewer, id);
    return { id };
  },

  payments: async ({ id }, { first, after }, { viewer, loaders, access }) => {
    const { storeId } = paymentScopeFor(viewer, id);
    // Staff reading a customer's payments is recorded (one entry per customer per request).
    await access.read(id);
    const size = pageSize(first);
    const position = decodeCursor(after);
    const rows = await loaders.paymentsOf({ storeId, limit: size + 1, after: position }).load(id);
    // Counted only when asked for, batched over every customer of the request.
    return toCountedConnection(rows, size, position !== null, () => loaders.paymentCountOf({ storeId }).load(id));
  },

  paymentsPersonalData: async ({ id }, _, { viewer, db }) => ({
    domain: 'payments',
    readAt: new Date(),
    data: await personalDataOf(db, id, personalDataScope(viewer, id).storeId),
  }),
};
