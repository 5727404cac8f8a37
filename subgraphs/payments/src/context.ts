import type { Viewer } from '@supergraph/service-kit';
import type { PaymentsDb } from './db/index.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** What lives as long as the service. */
export interface PaymentsDeps {
  db: PaymentsDb;
}

/** What every resolver gets: the verified caller, fresh loaders, and the service's dependencies. */
export interface Context extends PaymentsDeps {
  viewer: Viewer | null;
  loaders: Loaders;
}

export const createContext = (deps: PaymentsDeps) => (viewer: Viewer | null): Context => ({
  ...deps,
  viewer,
  loaders: createLoaders(deps.db),
});
