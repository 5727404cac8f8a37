import { env, operationsEnv, parseEnv, readOperationsConfig, readTracingConfig, SUBGRAPHS, z, type OperationsConfig, type SubgraphName, type TracingConfig } from '@supergraph/service-kit';
import { SUPERGRAPH_SDL } from './compose.ts';
import type { OperationLimits } from './limits.ts';
import type { SubgraphFetchSettings } from './subgraph-fetch.ts';

export interface GatewayConfig {
  development: boolean;
  logLevel: string;
  host: string;
  port: number;
  supergraphPath: string;
  /** Where each subgraph is reached; overrides the routing_url in the supergraph when set. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
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
  /** The operations listener (metrics, detailed readiness); `npm start` runs one for every service. */
  operations: OperationsConfig;
}

/** Apollo Sandbox (standalone and embedded in the landing page); development allows them so the graph can be explored there. */
export const SANDBOX_ORIGINS = ['https://studio.apollographql.com', 'https://sandbox.embed.apollographql.com'];

export function readGatewayConfig(source: Record<string, string | undefined>): GatewayConfig {
  const urlVars = Object.fromEntries(Object.keys(SUBGRAPHS).map((name) => [`${name.toUpperCase()}_URL`, env.url().optional()]));
  const timeoutVars = Object.fromEntries(Object.keys(SUBGRAPHS).map((name) => [`${name.toUpperCase()}_TIMEOUT_MS`, z.coerce.number().int().min(1).optional()]));
  const parsed = parseEnv(
    z.object({
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
      CORS_ORIGINS: env.list().optional(),
      APOLLO_TELEMETRY: env.bool(false),
      AUTHORIZATION_MODE: z.enum(['filter', 'reject']).default('filter'),
      MAX_QUERY_DEPTH: z.coerce.number().int().min(1).default(12),
      MAX_QUERY_ALIASES: z.coerce.number().int().min(1).default(15),
      MAX_QUERY_DIRECTIVES: z.coerce.number().int().min(1).default(50),
      MAX_QUERY_TOKENS: z.coerce.number().int().min(10).default(2000),
      MAX_QUERY_COST: z.coerce.number().int().min(1).default(100_000),
      TRUST_PROXY: env.bool(false),
      DEDUPE_READS: env.bool(true),
      SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(1).default(5000),
      SUBGRAPH_MAX_SOCKETS: z.coerce.number().int().min(1).default(64),
      SUBGRAPH_BREAKER_THRESHOLD: z.coerce.number().int().min(1).default(5),
      SUBGRAPH_BREAKER_RESET_MS: z.coerce.number().int().min(0).default(10_000),
      ...operationsEnv(),
      ...urlVars,
      ...timeoutVars,
    }),
    source,
  ) as Record<string, unknown>;
  const development = parsed.NODE_ENV !== 'production';
  return {
    development,
    logLevel: parsed.LOG_LEVEL as string,
    host: parsed.HOST as string,
    port: parsed.GATEWAY_PORT as number,
    supergraphPath: parsed.SUPERGRAPH_PATH as string,
    subgraphUrls: Object.fromEntries(
      Object.keys(SUBGRAPHS).flatMap((name) => {
        const url = parsed[`${name.toUpperCase()}_URL`];
        return url ? [[name, url]] : [];
      }),
    ),
    auth: {
      jwksUrl: parsed.AUTH_JWKS_URL as string,
      jwksCooldownMs: parsed.AUTH_JWKS_COOLDOWN_MS as number,
      issuer: parsed.AUTH_ISSUER as string,
      audience: parsed.AUTH_AUDIENCE as string,
    },
    internalSecret: parsed.INTERNAL_TOKEN_SECRET as string | undefined,
    corsOrigins: (parsed.CORS_ORIGINS as string[] | undefined) ?? (development ? SANDBOX_ORIGINS : []),
    apolloTelemetry: parsed.APOLLO_TELEMETRY as boolean,
    authorizationMode: parsed.AUTHORIZATION_MODE as 'filter' | 'reject',
    limits: {
      maxDepth: parsed.MAX_QUERY_DEPTH as number,
      maxAliases: parsed.MAX_QUERY_ALIASES as number,
      maxDirectives: parsed.MAX_QUERY_DIRECTIVES as number,
      maxTokens: parsed.MAX_QUERY_TOKENS as number,
      maxCost: parsed.MAX_QUERY_COST as number,
      blockFieldSuggestions: !development,
    },
    trustProxy: parsed.TRUST_PROXY as boolean,
    subgraphFetch: {
      timeoutMs: parsed.SUBGRAPH_TIMEOUT_MS as number,
      timeoutsMs: Object.fromEntries(
        Object.keys(SUBGRAPHS).flatMap((name) => {
          const ms = parsed[`${name.toUpperCase()}_TIMEOUT_MS`];
          return ms ? [[name, ms as number]] : [];
        }),
      ),
      maxSockets: parsed.SUBGRAPH_MAX_SOCKETS as number,
      breakerThreshold: parsed.SUBGRAPH_BREAKER_THRESHOLD as number,
      breakerResetMs: parsed.SUBGRAPH_BREAKER_RESET_MS as number,
    },
    tracing: readTracingConfig(source, 'supergraph-gateway'),
    dedupeReads: parsed.DEDUPE_READS as boolean,
    operations: readOperationsConfig(parsed),
  };
}

/**
 * @apollo/gateway reads its anonymous-telemetry switch only from the environment, when it is
 * constructed: set it from our config (off unless APOLLO_TELEMETRY=true).
 */
export function applyGatewayEnvironment(config: GatewayConfig): void {
  if (!config.apolloTelemetry) process.env.APOLLO_TELEMETRY_DISABLED = '1';
}
