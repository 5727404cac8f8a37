import {
  dataAccessLog,
  type ClientInfo,
  type DataAccessLog,
  type EventRuntime,
  type LiveCursor,
  type Viewer,
} from '@supergraph/service-kit';
import { auditLog } from './db/schema.ts';
import type { OrdersDb } from './db/index.ts';
import type { OrderUpdates } from './live.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** What lives as long as the service. */
export interface OrdersDeps {
  db: OrdersDb;
  /** Publishes recorded events right after a commit (they would also go out on the next poll). */
  events: Pick<EventRuntime, 'published'>;
  /** Live order updates from the event log, for subscriptions. */
  updates: OrderUpdates;
}

/** What every resolver gets: the verified caller, fresh loaders, and the service's dependencies. */
export interface Context extends OrdersDeps {
  viewer: Viewer | null;
  /** Where the request came from, for the audit log. */
  client: ClientInfo;
  loaders: Loaders;
  /** Records the people whose orders staff, admins or drivers read in this request (one entry each, batched). */
  access: DataAccessLog;
  /** For a subscription: where in the event log it resumes and is (set by the kit's WebSocket server). */
  live?: LiveCursor;
}

export const createContext =
  (deps: OrdersDeps) =>
  (viewer: Viewer | null, client: ClientInfo = { ip: null }): Context => ({
    ...deps,
    viewer,
    client,
    loaders: createLoaders(deps.db),
    access: dataAccessLog(deps.db, auditLog, { viewer, client }, 'customer.orders.read'),
  });
