import { readFileSync } from 'node:fs';
import { defineSubgraph, JWKS_PATH, RedisConnection, SigningKeyStore, type Metrics } from '@supergraph/service-kit';
import { parse } from 'graphql';
import { createPasswordHasher } from './auth/password.ts';
import { refreshTokenRetention } from './auth/refresh-tokens.ts';
import { createThrottle } from './auth/throttle.ts';
import { readCustomersConfig, PORT } from './config.ts';
import { createContext } from './context.ts';
import { schema } from './db/index.ts';
import { resolvers } from './resolvers/index.ts';

export { seedDemo, type CustomersDemoData } from './seed.ts';
export { scaleCounts, seedScale, storeForScale, type CustomersScaleData } from './seed-scale.ts';

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
  wire: ({ db, events, config, signingKeys, logger }) => {
    if (!signingKeys) throw new Error('The customers subgraph issues access tokens: it needs the signing keys.');
    // With REDIS_URL the throttles count in Redis, shared by every replica (see throttle.ts).
    const redis = config.redis
      ? new RedisConnection(
          config.redis,
          logger,
          'sign-in, registration and account deletion are refused until it is back (SERVICE_UNAVAILABLE); everything else is served.',
        )
      : null;
    let refusals: ReturnType<Metrics['counter']> | undefined;
    const throttle = createThrottle(config.throttle, redis, (action, reason) => refusals?.inc({ action, reason }));
    return {
      createContext: createContext({
        db,
        events,
        signingKeys,
        passwords: createPasswordHasher(config.auth.passwordLogN),
        throttle,
        tokens: config.auth,
        platformOperatorStore: config.platformOperatorStore,
      }),
      // The identity provider's public keys: the gateway verifies access tokens with them.
      routes: { [JWKS_PATH]: () => ({ status: 200, body: signingKeys.jwks(), headers: { 'cache-control': 'public, max-age=300' } }) },
      retention: [refreshTokenRetention(db, config.auth.refreshTokenRetentionDays)],
      instrument: (metrics) => {
        refusals = metrics.counter(
          'throttle_refusals_total',
          'Sign-ins, registrations and erasures refused by the throttles: over a limit (limit), or because Redis could not be reached to count them (store_unavailable).',
          ['action', 'reason'],
        );
        if (redis)
          metrics.gauge('redis_connected', 'Whether the Redis the throttles count in is reachable (1) or not (0).', [], async (set) =>
            set({}, redis.reachable ? 1 : 0),
          );
      },
      // Still ready without Redis: reads, token refreshes and profiles are served; only what the
      // throttles guard is refused. Shown in the detailed /ready for operators.
      checks: redis
        ? [
            {
              name: 'redis',
              check: async () => {
                const state = redis.state();
                return state.reachable
                  ? { redis: state.at, state: 'reachable' }
                  : {
                      redis: state.at,
                      state: 'unreachable',
                      since: state.unreachableSince,
                      effect: 'sign-in, registration and account deletion are refused; everything else is served',
                    };
              },
            },
          ]
        : [],
      stop: async () => redis?.close(),
    };
  },
});
