import { personalDataScope } from '@supergraph/service-kit';
import { personalDataOf } from '../db/personal-data.ts';
import { metricsScopeFor } from '../access.ts';
import type { CustomerResolvers } from '../__generated__/resolvers-types.ts';

/** This subgraph knows a customer only by id. */
export interface CustomerRef {
  id: string;
}

export const Customer: CustomerResolvers = {
  // async, so a refusal nulls only this entity, not every entity in the same `_entities` batch.
  __resolveReference: async ({ id }, { viewer }) => {
    metricsScopeFor(viewer, id);
    return { id };
  },

  metrics: async ({ id }, _, { viewer, loaders, access }) => {
    const { storeId } = metricsScopeFor(viewer, id);
    // Someone else reading a person's figures is recorded (one entry per person per request).
    await access.read(id);
    return loaders.metricsOf(storeId).load(id);
  },

  analyticsPersonalData: async ({ id }, _, { viewer, db }) => ({
    domain: 'analytics',
    readAt: new Date(),
    data: await personalDataOf(db, id, personalDataScope(viewer, id).storeId),
  }),
};
