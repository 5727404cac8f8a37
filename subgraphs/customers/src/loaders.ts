import { rowsById, rowsByParent } from '@supergraph/service-kit';
import type { CustomersDb } from './db/index.ts';
import { findAddressesByCustomerIds, findCustomersByIds } from './db/customers.ts';
import { findStoresByIds } from './db/stores.ts';

/** Per-request loaders: one SQL statement per entity type per tick, however many parents ask. */
export function createLoaders(db: CustomersDb) {
  return {
    customer: rowsById((ids) => findCustomersByIds(db, ids)),
    store: rowsById((ids) => findStoresByIds(db, ids)),
    addresses: rowsByParent(
      (ids) => findAddressesByCustomerIds(db, ids),
      (a) => a.customerId,
    ),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
