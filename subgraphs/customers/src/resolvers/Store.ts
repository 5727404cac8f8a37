import { readAuditLog } from '@supergraph/service-kit';
import { auditLog } from '../db/schema.ts';
import type { StoreResolvers } from '../__generated__/resolvers-types.ts';

export const Store: StoreResolvers = {
  // Store details (name, slug, currency) are public: anyone may choose a store to register with.
  __resolveReference: ({ id }, { loaders }) => loaders.store.load(id),

  auditLog: (store, { first, after, filter }, { db, viewer, client }) =>
    readAuditLog(db, auditLog, { domain: 'customers', storeId: store.id, viewer, client, first, after, filter }),
};
