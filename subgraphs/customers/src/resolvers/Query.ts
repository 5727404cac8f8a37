import {
  type CountedConnection,
  decodeCursor,
  pageSize,
  recordAudits,
  rules,
  toCountedConnection,
  validateInput,
  validId,
  z,
} from '@supergraph/service-kit';
import { liveAccount, requireAccountManager, visibleCustomer } from '../access.ts';
import { auditLog } from '../db/schema.ts';
import { countStoreCustomers, listStoreCustomers } from '../db/customers.ts';
import { findStoreBySlug, listStores } from '../db/stores.ts';
import type { CustomerRow } from '../db/schema.ts';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

const searchSchema = z.object({ search: rules.optionalText(200).transform((v) => v || null) });

/** A page of a store's customers; its total is counted only when asked for. */
export type CustomerConnectionRef = CountedConnection<CustomerRow>;

export const Query: QueryResolvers = {
  me: async (_, __, { viewer, loaders }) => (viewer ? liveAccount(await loaders.customer.load(viewer.accountId)) : null),

  customer: async (_, args, { viewer, loaders, access }) => {
    const customer = visibleCustomer(viewer, await loaders.customer.load(validId(args.id)));
    if (customer) await access.read(customer.id);
    return customer;
  },

  customers: async (_, { first, after, search }, ctx) => {
    const { viewer, db } = ctx;
    const operator = requireAccountManager(viewer);
    const size = pageSize(first);
    const position = decodeCursor(after);
    const { search: term } = validateInput(searchSchema, { search }, '');
    const rows = await listStoreCustomers(db, { storeId: operator.storeId, limit: size + 1, after: position, search: term });
    // Reading a store's customer list is audited: who looked, for what, and whose data they saw
    // (a customer.read entry per person listed), in one statement.
    const listed = rows.slice(0, size).filter((c) => c.id !== operator.accountId);
    await recordAudits(ctx.db, auditLog, [
      {
        action: 'customers.listed',
        actor: operator,
        client: ctx.client,
        details: { first: size, search: search ?? null, returned: Math.min(rows.length, size) },
      },
      ...listed.map((c) => ({ action: 'customer.read', actor: operator, client: ctx.client, target: { type: 'Customer', id: c.id } })),
    ]);
    ctx.access.recorded(listed.map((c) => c.id));
    // Counted only when asked for: one statement for the listing.
    return toCountedConnection(rows, size, position !== null, (atMost) =>
      countStoreCustomers(db, { storeId: operator.storeId, search: term }, atMost),
    );
  },

  stores: (_, __, { db }) => listStores(db),

  store: async (_, { slug }, { db }) => (await findStoreBySlug(db, slug)) ?? null,
};
