import { dataAccessLog, type ClientInfo, type DataAccessLog, type EventRuntime, type Viewer } from '@supergraph/service-kit';
import type { PaymentsDb } from './db/index.ts';
import { auditLog } from './db/schema.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import type { PaymentProvider } from './provider.ts';

/** What lives as long as the service. */
export interface PaymentsDeps {
  db: PaymentsDb;
  provider: PaymentProvider;
  /** Publishes recorded events right after a commit (they would also go out on the next poll). */
  events: Pick<EventRuntime, 'published'>;
  /** How long payOrder waits for an order it has not heard of yet (its OrderPlaced event in flight). */
  orderWaitMs: number;
}

/** What every resolver gets: the verified caller, fresh loaders, and the service's dependencies. */
export interface Context extends PaymentsDeps {
  viewer: Viewer | null;
  client: ClientInfo;
  loaders: Loaders;
  /** Reads of other people's payments by staff and admins, recorded once per person per request. */
  access: DataAccessLog;
}

export const createContext =
  (deps: PaymentsDeps) =>
  (viewer: Viewer | null, client: ClientInfo): Context => ({
    ...deps,
    viewer,
    client,
    loaders: createLoaders(deps.db),
    access: dataAccessLog(deps.db, auditLog, { viewer, client }, 'customer.payments.read'),
  });
