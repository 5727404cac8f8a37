import { dataAccessLog, type ClientInfo, type DataAccessLog, type Viewer } from '@supergraph/service-kit';
import { auditLog } from './db/schema.ts';
import type { AnalyticsDb } from './db/index.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** What lives as long as the service. */
export interface AnalyticsDeps {
  db: AnalyticsDb;
}

/** What every resolver gets: the verified caller, fresh loaders, and the service's dependencies. */
export interface Context extends AnalyticsDeps {
  viewer: Viewer | null;
  /** Where the request came from, for the audit log. */
  client: ClientInfo;
  loaders: Loaders;
  /** Records the people whose figures staff or admins read in this request (one entry each, batched). */
  access: DataAccessLog;
}

export const createContext =
  (deps: AnalyticsDeps) =>
  (viewer: Viewer | null, client: ClientInfo = { ip: null }): Context => ({
    ...deps,
    viewer,
    client,
    loaders: createLoaders(deps.db),
    access: dataAccessLog(deps.db, auditLog, { viewer, client }, 'customer.metrics.read'),
  });
