import { readAuditLog } from '@supergraph/service-kit';
import { auditLog } from '../db/schema.ts';
import type { StoreResolvers } from '../__generated__/resolvers-types.ts';

/** This subgraph knows a store only by id. */
export interface StoreRef {
  id: string;
}

export const Store: StoreResolvers = {
  __resolveReference: ({ id }) => ({ id }),

  paymentsAuditLog: ({ id }, { first, after, filter }, { db, viewer, client }) =>
    readAuditLog(db, auditLog, { domain: 'payments', storeId: id, viewer, client, first, after, filter }),
};
