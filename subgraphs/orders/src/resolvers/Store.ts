import { badUserInput, decodeCursor, pageSize, readAuditLog, toCountedConnection } from '@supergraph/service-kit';
import { auditLog } from '../db/schema.ts';
import { assertStoreMember, driverScopeOf } from '../access.ts';
import type { OrderStatus } from '../db/schema.ts';
import type { StoreResolvers } from '../__generated__/resolvers-types.ts';

/** This subgraph knows a store only by id. */
export interface StoreRef {
  id: string;
}

/**
 * The statuses to list, or null for all of them. Deduplicated and sorted, so that the same set
 * named in any order shares one loader (one statement) per request. An empty list is refused:
 * it would match nothing, and is more likely a client's mistake than a question.
 */
function statusFilter(status: readonly OrderStatus[] | null | undefined): OrderStatus[] | null {
  if (status === null || status === undefined) return null;
  if (status.length === 0) throw badUserInput('status, when given, names at least one status.', 'status');
  return [...new Set(status)].sort();
}

export const Store: StoreResolvers = {
  // Menus are public: anyone may see what a store sells. The store's orders check the caller in their field.
  __resolveReference: ({ id }) => ({ id }),

  menu: ({ id }, _, { loaders }) => loaders.menu.load(id),

  deliveryFeeCents: async ({ id }, _, { loaders }) => (await loaders.storeSettings.load(id))?.deliveryFeeCents ?? null,

  orders: async ({ id }, { first, after, status }, { viewer, loaders, access }) => {
    const member = assertStoreMember(viewer, id);
    const size = pageSize(first);
    const position = decodeCursor(after);
    const statuses = statusFilter(status);
    const driver = driverScopeOf(member);
    const rows = await loaders.storeOrdersOf({ statuses, driver, limit: size + 1, after: position }).load(id);
    // The board shows other people's orders: each customer on the page is recorded, in one statement.
    await Promise.all([...new Set(rows.slice(0, size).map((o) => o.customerId))].map((customerId) => access.read(customerId)));
    // Counted only when asked for, batched over every store of the request (the storeOrderCount loader).
    return toCountedConnection(rows, size, position !== null, (atMost) => loaders.storeOrderCountOf({ statuses, driver, atMost }).load(id));
  },

  ordersAuditLog: ({ id }, { first, after, filter }, { db, viewer, client }) =>
    readAuditLog(db, auditLog, { domain: 'orders', storeId: id, viewer, client, first, after, filter }),
};
