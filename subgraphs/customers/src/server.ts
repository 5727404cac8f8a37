import { readFileSync } from 'node:fs';
import { defineSubgraph, JWKS_PATH, SigningKeyStore } from '@supergraph/service-kit';
import { parse } from 'graphql';
import { createPasswordHasher } from './auth/password.ts';
import { refreshTokenRetention } from './auth/refresh-tokens.ts';
import { createThrottle } from './auth/throttle.ts';
import { readCustomersConfig, PORT } from './config.ts';
import { createContext } from './context.ts';
import { schema } from './db/index.ts';
import { resolvers } from './resolvers/index.ts';

export { seedDemo, type CustomersDemoData } from './seed.ts';

/** Customers: stores, accounts and sign-in; the identity provider, which publishes its token keys. */
export const customers = defineSubgraph({
  name: 'customers',
  port: PORT,
  readConfig: readCustomersConfig,
  typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')),
  resolvers,
  database: {
    schema,
    migrationsFolder: new URL('../drizzle', import.meta.url).pathname,
    outbox: schema.outbox,
    auditLog: schema.auditLog,
  },
  signingKeys: async (config) => {
    if (!config.auth.signingKeyPem)
      throw new Error('AUTH_SIGNING_KEY must be set when the customers subgraph runs on its own. Run `npm run keys` to create one.');
    return SigningKeyStore.fromPem(config.auth.signingKeyPem, config.auth.previousVerificationKeyPems);
  },
  wire: ({ db, events, config, signingKeys }) => {
    if (!signingKeys) throw new Error('The customers subgraph issues access tokens: it needs the signing keys.');
    return {
      createContext: createContext({
        db,
        events,
        signingKeys,
        passwords: createPasswordHasher(config.auth.passwordLogN),
        throttle: createThrottle(config.throttle),
        tokens: config.auth,
        platformOperatorStore: config.platformOperatorStore,
      }),
      // The identity provider's public keys: the gateway verifies access tokens with them.
      routes: { [JWKS_PATH]: () => ({ status: 200, body: signingKeys.jwks(), headers: { 'cache-control': 'public, max-age=300' } }) },
      retention: [refreshTokenRetention(db, config.auth.refreshTokenRetentionDays)],
    };
  },
});
