import {
  env,
  operationsEnv,
  redisEnv,
  redisSettingsOf,
  parseEnv,
  readAll,
  readOperationsConfig,
  type RedisConfig,
  readTracingConfig,
  z,
  type OperationsConfig,
  type TracingConfig,
} from '@supergraph/service-kit';
import { SUPERGRAPH_SDL } from './compose.ts';
import type { ExecutorKind } from './execution/gateway.ts';
import type { OperationLimits } from './limits.ts';
import type { SubgraphFetchSettings } from './subgraph-fetch.ts';

export interface GatewayConfig {
  development: boolean;
  logLevel: string;
  host: string;
  port: number;
  supergraphPath: string;
  /** Where each subgraph is reached; overrides the routing_url in the supergraph when set. */
  subgraphUrls: Record<string, string>;
  auth: {
    /** The identity provider's JSON Web Key Set: the customers subgraph's /.well-known/jwks.json. */
    jwksUrl: string;
    /** At most one JWKS refetch per this many milliseconds for unknown key ids. */
    jwksCooldownMs: number;
    issuer: string;
    audience: string;
  };
  internalSecret: string | undefined;
  corsOrigins: string[];
  /** Apollo's anonymous gateway telemetry; off unless asked for. */
  apolloTelemetry: boolean;
  /** `filter`: unauthorised fields come back null with an error; `reject`: the whole operation is refused. */
  authorizationMode: 'filter' | 'reject';
  limits: OperationLimits;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  subgraphFetch: SubgraphFetchSettings;
  tracing: TracingConfig;
  /** Identical reads in flight at once (same caller, same body) share one execution. */
  dedupeReads: boolean;
  /**
   * Persisted operations: the manifest (apollo-persisted-query-manifest) and what to do with
   * operations it does not list: refuse them (`safelist`), run and log them (`audit`), or nothing
   * (`off`, automatic persisted queries only).
   */
  persistedOperations: { manifest: string | undefined; mode: 'safelist' | 'audit' | 'off' };
  /** Which code executes query plans: ours (`native`), or `@apollo/gateway`'s (`apollo`, the fallback). */
  executor: ExecutorKind;
  /** With the native executor: entity fetches to one subgraph issued together go as one request. */
  batchFetches: boolean;
  /** The operations listener (metrics, detailed readiness); `npm start` runs one for every service. */
  operations: OperationsConfig;
  subscriptions: SubscriptionLimits;
  /** Where each caller's subscriptions are counted across gateway replicas (REDIS_URL); null: in this process. */
  redis: RedisConfig | null;
}

/** Limits of live subscriptions (graphql-ws and multipart HTTP). */
export interface SubscriptionLimits {
  /** Subscriptions at once on one WebSocket connection. */
  perConnection: number;
  /** Subscriptions at once of one caller (account), over every connection and transport. */
  perCaller: number;
  /** A WebSocket that has not sent `connection_init` within this time is closed (4408). */
  initTimeoutMs: number;
  /** The largest message a client may send over the WebSocket (bytes); larger ones close it (1009). */
  maxMessageBytes: number;
  /** Ping every this often; a connection that does not answer within the same time is dropped. */
  keepAliveMs: number;
  /** Events of one subscription waiting for a client that does not read; beyond, it is disconnected. */
  maxQueuedEvents: number;
  /** How long to keep resubscribing to a subgraph that went away before ending subscriptions. */
  upstreamReconnectMs: number;
}

/** Apollo Sandbox (standalone and embedded in the landing page); development allows them so the graph can be explored there. */
export const SANDBOX_ORIGINS = ['https://studio.apollographql.com', 'https://sandbox.embed.apollographql.com'];

/** A frontend's dev server on this machine, on any port (Vite's 5173, Next's 3000, …): allowed in development. */
export const LOCAL_DEV_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];

/** `*`, or an origin (`scheme://host`, an optional `:port`, or `:*` for any port), with nothing after it. */
const ORIGIN = /^(\*|https?:\/\/[a-z0-9.-]+(:(\d{1,5}|\*))?)$/i;

const gatewaySchema = z
  .object({
    NODE_ENV: env.nodeEnv(),
    LOG_LEVEL: env.logLevel(),
    HOST: z.string().default('127.0.0.1'),
    GATEWAY_PORT: env.port(4000),
    SUPERGRAPH_PATH: z.string().default(SUPERGRAPH_SDL),
    AUTH_JWKS_URL: env.url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
    AUTH_JWKS_COOLDOWN_MS: z.coerce.number().int().min(0).default(30_000),
    AUTH_ISSUER: z.string().default('supergraph'),
    AUTH_AUDIENCE: z.string().default('supergraph'),
    INTERNAL_TOKEN_SECRET: z.string().min(32, { message: 'must be at least 32 characters (use: openssl rand -base64 32)' }).optional(),
    CORS_ORIGINS: env
      .list()
      .refine((origins) => origins.every((o) => ORIGIN.test(o)), {
        message: 'each origin is scheme://host with an optional :port (or :* for any port) and no path, for example http://localhost:5173',
      })
      .optional(),
    APOLLO_TELEMETRY: env.bool(false),
    PERSISTED_OPERATIONS_MANIFEST: z.string().optional(),
    PERSISTED_OPERATIONS: z.enum(['safelist', 'audit', 'off']).optional(),
    AUTHORIZATION_MODE: z.enum(['filter', 'reject']).default('filter'),
    MAX_QUERY_DEPTH: z.coerce.number().int().min(1).default(12),
    MAX_QUERY_ALIASES: z.coerce.number().int().min(1).default(15),
    MAX_QUERY_DIRECTIVES: z.coerce.number().int().min(1).default(50),
    MAX_QUERY_TOKENS: z.coerce.number().int().min(10).default(2000),
    MAX_QUERY_COST: z.coerce.number().int().min(1).default(100_000),
    TRUST_PROXY: env.bool(false),
    DEDUPE_READS: env.bool(true),
    GATEWAY_EXECUTOR: z.enum(['native', 'apollo']).default('native'),
    BATCH_ENTITY_FETCHES: env.bool(true),
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(1).default(5000),
    SUBGRAPH_MAX_SOCKETS: z.coerce.number().int().min(1).default(64),
    SUBGRAPH_BREAKER_THRESHOLD: z.coerce.number().int().min(1).default(5),
    SUBGRAPH_BREAKER_RESET_MS: z.coerce.number().int().min(0).default(10_000),
    SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).default(20),
    SUBSCRIPTIONS_PER_CALLER: z.coerce.number().int().min(1).default(50),
    SUBSCRIPTION_INIT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
    SUBSCRIPTION_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1_024).default(65_536),
    SUBSCRIPTION_KEEPALIVE_MS: z.coerce.number().int().min(100).default(15_000),
    SUBSCRIPTION_MAX_QUEUED_EVENTS: z.coerce.number().int().min(1).default(100),
    SUBSCRIPTION_UPSTREAM_RECONNECT_MS: z.coerce.number().int().min(0).default(30_000),
    ...operationsEnv(),
    ...redisEnv(),
  })
  .refine((v) => !v.PERSISTED_OPERATIONS || v.PERSISTED_OPERATIONS === 'off' || v.PERSISTED_OPERATIONS_MANIFEST, {
    message: 'safelist and audit need the operations to compare with: set PERSISTED_OPERATIONS_MANIFEST to the manifest file',
    path: ['PERSISTED_OPERATIONS'],
  });

/** `<NAME>_URL` and `<NAME>_TIMEOUT_MS` of one subgraph, by name. */
function readSubgraphRoute(name: string, source: Record<string, string | undefined>): { url?: string; timeoutMs?: number } {
  const N = name.toUpperCase();
  const parsed = parseEnv(
    z.object({ [`${N}_URL`]: env.url().optional(), [`${N}_TIMEOUT_MS`]: z.coerce.number().int().min(1).optional() }),
    source,
  );
  return { url: parsed[`${N}_URL`] as string | undefined, timeoutMs: parsed[`${N}_TIMEOUT_MS`] as number | undefined };
}

/** Keeps the entries whose value is set. */
const defined = <T>(entries: [string, T | undefined][]): Record<string, T> =>
  Object.fromEntries(entries.filter((entry): entry is [string, T] => entry[1] !== undefined));

/**
 * The gateway's settings. `subgraphs` are the names of the subgraphs it routes to (the supergraph's
 * own list, see `subgraphNamesOf`): each may have `<NAME>_URL` and `<NAME>_TIMEOUT_MS`.
 */
export function readGatewayConfig(source: Record<string, string | undefined>, subgraphs: readonly string[]): GatewayConfig {
  const [parsed, ...routes] = readAll(
    () => parseEnv(gatewaySchema, source),
    ...subgraphs.map((name) => () => readSubgraphRoute(name, source)),
  );
  const development = parsed.NODE_ENV !== 'production';
  const byName = subgraphs.map((name, i) => [name, routes[i]!] as const);
  return {
    development,
    logLevel: parsed.LOG_LEVEL,
    host: parsed.HOST,
    port: parsed.GATEWAY_PORT,
    supergraphPath: parsed.SUPERGRAPH_PATH,
    subgraphUrls: defined(byName.map(([name, route]) => [name, route.url])),
    auth: {
      jwksUrl: parsed.AUTH_JWKS_URL,
      jwksCooldownMs: parsed.AUTH_JWKS_COOLDOWN_MS,
      issuer: parsed.AUTH_ISSUER,
      audience: parsed.AUTH_AUDIENCE,
    },
    internalSecret: parsed.INTERNAL_TOKEN_SECRET,
    // Development allows Sandbox and local dev servers, and CORS_ORIGINS adds to them; production only what is configured.
    corsOrigins: [...(development ? [...SANDBOX_ORIGINS, ...LOCAL_DEV_ORIGINS] : []), ...(parsed.CORS_ORIGINS ?? [])],
    apolloTelemetry: parsed.APOLLO_TELEMETRY,
    authorizationMode: parsed.AUTHORIZATION_MODE,
    limits: {
      maxDepth: parsed.MAX_QUERY_DEPTH,
      maxAliases: parsed.MAX_QUERY_ALIASES,
      maxDirectives: parsed.MAX_QUERY_DIRECTIVES,
      maxTokens: parsed.MAX_QUERY_TOKENS,
      maxCost: parsed.MAX_QUERY_COST,
      blockFieldSuggestions: !development,
    },
    trustProxy: parsed.TRUST_PROXY,
    subgraphFetch: {
      timeoutMs: parsed.SUBGRAPH_TIMEOUT_MS,
      timeoutsMs: defined(byName.map(([name, route]) => [name, route.timeoutMs])),
      maxSockets: parsed.SUBGRAPH_MAX_SOCKETS,
      breakerThreshold: parsed.SUBGRAPH_BREAKER_THRESHOLD,
      breakerResetMs: parsed.SUBGRAPH_BREAKER_RESET_MS,
    },
    tracing: readTracingConfig(source, 'supergraph-gateway'),
    dedupeReads: parsed.DEDUPE_READS,
    persistedOperations: {
      manifest: parsed.PERSISTED_OPERATIONS_MANIFEST,
      // With a manifest: production serves only it, development runs anything and logs what it does not list.
      mode: parsed.PERSISTED_OPERATIONS ?? (parsed.PERSISTED_OPERATIONS_MANIFEST ? (development ? 'audit' : 'safelist') : 'off'),
    },
    executor: parsed.GATEWAY_EXECUTOR,
    batchFetches: parsed.BATCH_ENTITY_FETCHES,
    operations: readOperationsConfig(parsed),
    redis: redisSettingsOf(parsed),
    subscriptions: {
      perConnection: parsed.SUBSCRIPTIONS_PER_CONNECTION,
      perCaller: parsed.SUBSCRIPTIONS_PER_CALLER,
      initTimeoutMs: parsed.SUBSCRIPTION_INIT_TIMEOUT_MS,
      maxMessageBytes: parsed.SUBSCRIPTION_MAX_MESSAGE_BYTES,
      keepAliveMs: parsed.SUBSCRIPTION_KEEPALIVE_MS,
      maxQueuedEvents: parsed.SUBSCRIPTION_MAX_QUEUED_EVENTS,
      upstreamReconnectMs: parsed.SUBSCRIPTION_UPSTREAM_RECONNECT_MS,
    },
  };
}

/**
 * @apollo/gateway reads its anonymous-telemetry switch only from the environment, when it is
 * constructed: set it from our config (off unless APOLLO_TELEMETRY=true).
 */
export function applyGatewayEnvironment(config: GatewayConfig): void {
  if (!config.apolloTelemetry) process.env.APOLLO_TELEMETRY_DISABLED = '1';
}
