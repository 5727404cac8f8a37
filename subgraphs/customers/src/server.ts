import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  createSubgraphService,
  EventRuntime,
  openDatabase,
  type DatabaseHandle,
  type DatabaseTarget,
  type EventTransport,
  type Logger,
  type Service,
  type SigningKeyStore,
} from '@supergraph/service-kit';
import { parse } from 'graphql';
import { createPasswordHasher } from './auth/password.ts';
import { createThrottle } from './auth/throttle.ts';
import type { CustomersConfig } from './config.ts';
import { createContext } from './context.ts';
import { MIGRATIONS_FOLDER, SCHEMA_NAME, schema } from './db/index.ts';
import { resolvers } from './resolvers/index.ts';

export { readCustomersConfig, type CustomersConfig } from './config.ts';
export { seedDemo, type CustomersDemoData } from './seed.ts';
export type { CustomersDb } from './db/index.ts';

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** Opens this subgraph's database and applies its migrations. */
export const openCustomersDatabase = (target: DatabaseTarget) =>
  openDatabase({ target, schema, schemaName: SCHEMA_NAME, migrationsFolder: MIGRATIONS_FOLDER });

export interface CustomersServerDeps {
  config: CustomersConfig;
  database: DatabaseHandle<typeof schema>;
  logger: Logger;
  /** Shared with the gateway. */
  internalSecret: string;
  /** The access-token signing keys (published as the JWKS). */
  signingKeys: SigningKeyStore;
  /** Where events are published. */
  transport: EventTransport;
}

/** Builds the customers subgraph without listening: `index.ts` (or the platform) decides where. */
export async function createServer(deps: CustomersServerDeps): Promise<Service> {
  const { config } = deps;
  const events = new EventRuntime({
    db: deps.database.db as never,
    transport: deps.transport,
    logger: deps.logger,
    outbox: schema.outbox,
    pollMs: config.events.pollMs,
    batchSize: config.events.batchSize,
  });
  return createSubgraphService({
    name: 'customers',
    schema: buildSubgraphSchema({ typeDefs, resolvers: resolvers as never }),
    logger: deps.logger,
    development: config.development,
    internalSecret: deps.internalSecret,
    corsOrigins: config.corsOrigins,
    database: deps.database,
    events,
    // The identity provider's public keys: the gateway verifies access tokens with them.
    routes: { '/.well-known/jwks.json': () => ({ status: 200, body: deps.signingKeys.jwks(), headers: { 'cache-control': 'public, max-age=300' } }) },
    createContext: createContext({
      events,
      db: deps.database.db,
      passwords: createPasswordHasher(config.auth.passwordLogN),
      signingKeys: deps.signingKeys,
      throttle: createThrottle(config.throttle),
      tokens: config.auth,
    }),
  });
}
