import {
  type CountedConnection,
  decodeCursor,
  pageSize,
  rules,
  toCountedConnection,
  validateInput,
  validId,
  z,
} from '@supergraph/service-kit';
import { liveAccount, requireAccountManager, visibleCustomer } from '../access.ts';
import { audit } from '../accounts.ts';
import { countStoreCustomers, listStoreCustomers } from '../db/customers.ts';
import { findStoreBySlug, listStores } from '../db/stores.ts';
import type { CustomerRow } from '../db/schema.ts';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

const searchSchema = z.object({ search: rules.optionalText(200).transform((v) => v || null) });

/** A page of a store's customers; its total is counted only when asked for. */
export type CustomerConnectionRef = CountedConnection<CustomerRow>;

export const Query: QueryResolvers = {
  me: async (_, __, { viewer, loaders }) => (viewer ? liveAccount(await loaders.customer.load(viewer.accountId)) : null),

  customer: async (_, args, { viewer, loaders }) => visibleCustomer(viewer, await loaders.customer.load(validId(args.id))),

  customers: async (_, { first, after, search }, ctx) => {
    const { viewer, db } = ctx;
    const operator = requireAccountManager(viewer);
    const size = pageSize(first);
    const position = decodeCursor(after);
    const { search: term } = validateInput(searchSchema, { search }, '');
    const rows = await listStoreCustomers(db, { storeId: operator.storeId, limit: size + 1, after: position, search: term });
    // Reading a store's customer list is audited: who looked, and for what.
    await audit(ctx, {
      action: 'customers.listed',
      actor: operator,
      details: { first: size, search: search ?? null, returned: Math.min(rows.length, size) },
    });
    // Counted only when asked for: one statement for the listing.
    return toCountedConnection(rows, size, position !== null, () => countStoreCustomers(db, { storeId: operator.storeId, search: term }));
  },

  stores: (_, __, { db }) => listStores(db),

  store: async (_, { slug }, { db }) => (await findStoreBySlug(db, slug)) ?? null,
};
