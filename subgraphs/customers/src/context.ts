import {
  dataAccessLog,
  type ClientInfo,
  type DataAccessLog,
  type EventRuntime,
  type SigningKeyStore,
  type Viewer,
} from '@supergraph/service-kit';
import type { Throttle } from './auth/throttle.ts';
import type { PasswordHasher } from './auth/password.ts';
import type { CustomersConfig } from './config.ts';
import type { CustomersDb } from './db/index.ts';
import { auditLog } from './db/schema.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** What lives as long as the service. */
export interface CustomersDeps {
  db: CustomersDb;
  passwords: PasswordHasher;
  signingKeys: SigningKeyStore;
  tokens: CustomersConfig['auth'];
  /** Publishes recorded events right after a commit (they would also go out on the next poll). */
  events: Pick<EventRuntime, 'published'>;
  /** Limits sign-in and registration attempts per account and per client address. */
  throttle: Throttle;
  /** Slug of the store whose admins may create stores (`platform:stores`), or null: nobody may. */
  platformOperatorStore: string | null;
}

/** What every resolver gets: the verified caller, fresh loaders, and the service's dependencies. */
export interface Context extends CustomersDeps {
  viewer: Viewer | null;
  client: ClientInfo;
  loaders: Loaders;
  /** Reads of other people's accounts by staff and admins, recorded once per person per request. */
  access: DataAccessLog;
}

export const createContext =
  (deps: CustomersDeps) =>
  (viewer: Viewer | null, client: ClientInfo): Context => ({
    ...deps,
    viewer,
    client,
    loaders: createLoaders(deps.db),
    access: dataAccessLog(deps.db, auditLog, { viewer, client }, 'customer.read'),
  });
