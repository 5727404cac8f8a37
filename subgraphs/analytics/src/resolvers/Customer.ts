import { metricsScopeFor } from '../access.ts';
import { combineMetrics } from '../metrics.ts';
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

  metrics: async ({ id }, _, { viewer, loaders }) => {
    const { storeId } = metricsScopeFor(viewer, id);
    const rows = await loaders.metricsRows.load(id);
    return combineMetrics(storeId ? rows.filter((r) => r.storeId === storeId) : rows);
  },
};
