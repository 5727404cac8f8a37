import DataLoader from 'dataloader';
import { isUuid, perArguments } from '@supergraph/service-kit';
import type { AnalyticsDb } from './db/index.ts';
import { customerFigures } from './db/facts.ts';
import { toMetrics, type MetricsFigures } from './metrics.ts';

/** Per-request loaders: one SQL statement per field and scope, however many customers ask. */
export function createLoaders(db: AnalyticsDb) {
  return {
    /** A customer's figures, over every store (null) or only orders at one store. */
    metricsOf: perArguments(
      (storeId: string | null) =>
        new DataLoader<string, MetricsFigures>(async (customerIds) => {
          const valid = customerIds.filter(isUuid);
          const rows = valid.length > 0 ? await customerFigures(db, valid, storeId) : [];
          const byCustomer = new Map(rows.map((r) => [r.customerId, r]));
          return customerIds.map((id) => toMetrics(byCustomer.get(id)));
        }),
    ),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
