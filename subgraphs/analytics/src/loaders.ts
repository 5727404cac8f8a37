import { rowsByParent } from '@supergraph/service-kit';
import type { AnalyticsDb } from './db/index.ts';
import { findMetricsByCustomerIds } from './db/metrics.ts';

/** Per-request loaders: one SQL statement per field, however many customers ask. */
export function createLoaders(db: AnalyticsDb) {
  return {
    /** Every per-store metrics row of a customer; the resolver picks what the caller may see. */
    metricsRows: rowsByParent((customerIds) => findMetricsByCustomerIds(db, customerIds), (m) => m.customerId),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
