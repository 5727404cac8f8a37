import type { Viewer } from '@supergraph/service-kit';
import type { AnalyticsDb } from './db/index.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** What lives as long as the service. */
export interface AnalyticsDeps {
  db: AnalyticsDb;
}

/** What every resolver gets: the verified caller, fresh loaders, and the service's dependencies. */
export interface Context extends AnalyticsDeps {
  viewer: Viewer | null;
  loaders: Loaders;
}

export const createContext =
  (deps: AnalyticsDeps) =>
  (viewer: Viewer | null): Context => ({
    ...deps,
    viewer,
    loaders: createLoaders(deps.db),
  });
