import { readAuditLog } from '@supergraph/service-kit';
import { requireStoreFigures } from '../access.ts';
import { auditLog } from '../db/schema.ts';
import { storeAnalytics } from '../store-analytics.ts';
import type { StoreResolvers } from '../__generated__/resolvers-types.ts';

/** This subgraph knows a store only by id. */
export interface StoreRef {
  id: string;
}

export const Store: StoreResolvers = {
  __resolveReference: async ({ id }) => ({ id }),

  analytics: ({ id }, { since, until }, { viewer, db }) => {
    requireStoreFigures(viewer, id);
    return storeAnalytics(db, id, { since: since ?? null, until: until ?? null });
  },

  analyticsAuditLog: ({ id }, { first, after, filter }, { db, viewer, client }) =>
    readAuditLog(db, auditLog, { domain: 'analytics', storeId: id, viewer, client, first, after, filter }),
};
