import { personalDataScope } from '@supergraph/service-kit';
import { personalDataOf } from '../db/personal-data.ts';
import { type CountedConnection, decodeCursor, pageSize, toCountedConnection } from '@supergraph/service-kit';
import type { OrderRow } from '../db/schema.ts';
import { orderScopeFor } from '../access.ts';
import type { CustomerResolvers } from '../__generated__/resolvers-types.ts';

/** This subgraph knows a customer only by id. */
export interface CustomerRef {
  id: string;
}

/** A page of a customer's orders; its total is counted only when asked for. */
export type OrderConnectionRef = CountedConnection<OrderRow>;

export const Customer: CustomerResolvers = {
  // Checked here as well as in each field: a caller may not even reference another customer's orders.
  // async, so a refusal nulls only this entity, not every entity in the same `_entities` batch.
  __resolveReference: async ({ id }, { viewer }) => {
    orderScopeFor(viewer, id);
    return { id };
  },

  orders: async ({ id }, { first, after, status }, { viewer, loaders, access }) => {
    const { storeId, driver } = orderScopeFor(viewer, id);
    // Someone else reading a customer's orders is recorded (one entry per customer per request).
    await access.read(id);
    const size = pageSize(first);
    const position = decodeCursor(after);
    const rows = await loaders.ordersOf({ storeId, driver, status: status ?? null, limit: size + 1, after: position }).load(id);
    // Counted only when asked for, batched over every customer of the request (the orderCount loader).
    return toCountedConnection(rows, size, position !== null, () =>
      loaders.orderCountOf({ storeId, driver, status: status ?? null }).load(id),
    );
  },

  orderCount: ({ id }, { status }, { viewer, loaders }) => {
    const { storeId, driver } = orderScopeFor(viewer, id);
    return loaders.orderCountOf({ storeId, driver, status: status ?? null }).load(id);
  },

  ordersPersonalData: async ({ id }, _, { viewer, db }) => ({
    domain: 'orders',
    readAt: new Date(),
    data: await personalDataOf(db, id, personalDataScope(viewer, id).storeId),
  }),
};
