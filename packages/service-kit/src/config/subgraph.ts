import {
  env,
  operationsEnv,
  parseEnv,
  readAll,
  readOperationsConfig,
  readTracingConfig,
  z,
  type OperationsConfig,
  type TracingConfig,
} from './env.ts';
import { EVENT_CONSUMER_DEFAULTS } from '../events/consumer.ts';
import { type EventsTransportConfig, readEventsTransportConfig } from './events-transport.ts';

export interface DatabaseConfig {
  /** A PostgreSQL server URL; when absent the service uses the embedded database. */
  url: string | undefined;
  poolSize: number;
}

export interface EventsConfig {
  /** EVENTS_TRANSPORT: the PostgreSQL event log (the default), or NATS JetStream with its settings. */
  transport: EventsTransportConfig;
  /** Where the PostgreSQL event log lives: a PostgreSQL URL, or the embedded database when absent. */
  url: string | undefined;
  /** How often relays and consumers look for work when nothing woke them. */
  pollMs: number;
  /** Readiness fails when a consumer is further behind than this. */
  maxLag: number;
  /** Events per relay or consumer transaction. */
  batchSize: number;
  /** Attempts at an event a consumer fails on before it parks it (and holds back that aggregate's later events). */
  maxAttempts: number;
  /** The wait after an event's first failure; it doubles after each further one (up to 5 minutes). */
  retryBaseMs: number;
  /** Readiness fails when a consumer has made no progress for this long while events wait. */
  stallMs: number;
}

/**
 * How long what the platform keeps for its own bookkeeping stays, and how often the retention job
 * looks (see README, "Data rights"). Every subgraph applies these to its own tables only; the
 * platform applies `eventLogDays` to the shared event log.
 */
export interface RetentionConfig {
  /** How often the job runs in a running service, in minutes; 0: only `npm run retention` runs it. */
  intervalMinutes: number;
  /** Audit entries older than this many days are removed. */
  auditDays: number;
  /** A consumer's applied-event records older than this, for events it can no longer be delivered again, are removed. */
  appliedEventsDays: number;
  /** Event-log positions older than this, that no consumer has still to read, are removed; 0 keeps the whole log (the default: a replay needs it). */
  eventLogDays: number;
}

export const RETENTION_DEFAULTS = { intervalMinutes: 60, auditDays: 365, appliedEventsDays: 30, eventLogDays: 0 } as const;

export interface SubgraphConfig {
  name: string;
  development: boolean;
  logLevel: string;
  host: string;
  port: number;
  database: DatabaseConfig;
  internalSecret: string | undefined;
  corsOrigins: string[];
  events: EventsConfig;
  retention: RetentionConfig;
  tracing: TracingConfig;
  /** The operations listener of a subgraph run on its own (the platform runs one for all). */
  operations: OperationsConfig;
}

const sharedSchema = z.object({
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: env.url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  INTERNAL_TOKEN_SECRET: z.string().min(32, { message: 'must be at least 32 characters (use: openssl rand -base64 32)' }).optional(),
  CORS_ORIGINS: env.list().optional(),
  EVENTS_DATABASE_URL: env.url().optional(),
  EVENTS_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  EVENTS_MAX_LAG: z.coerce.number().int().min(0).default(1000),
  EVENTS_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
  EVENTS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(EVENT_CONSUMER_DEFAULTS.maxAttempts),
  EVENTS_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(EVENT_CONSUMER_DEFAULTS.retryBaseMs),
  EVENTS_STALL_MS: z.coerce.number().int().min(100).max(86_400_000).default(EVENT_CONSUMER_DEFAULTS.stallMs),
  RETENTION_INTERVAL_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60, { message: 'must be at most a week (10080)' })
    .default(RETENTION_DEFAULTS.intervalMinutes),
  AUDIT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1, { message: 'must be at least 1: the audit log keeps at least a day' })
    .max(36_500)
    .default(RETENTION_DEFAULTS.auditDays),
  APPLIED_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(RETENTION_DEFAULTS.appliedEventsDays),
  EVENT_LOG_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(0, { message: 'must be 0 (keep the whole log) or a number of days' })
    .max(36_500)
    .default(RETENTION_DEFAULTS.eventLogDays),
  ...operationsEnv(),
});

/** `<NAME>_PORT` and `<NAME>_DATABASE_URL`: the two settings named after the subgraph. */
function readOwnSettings(
  name: string,
  defaultPort: number,
  source: Record<string, string | undefined>,
): { port: number; databaseUrl?: string } {
  const N = name.toUpperCase();
  const parsed = parseEnv(z.object({ [`${N}_PORT`]: env.port(defaultPort), [`${N}_DATABASE_URL`]: env.url().optional() }), source);
  return { port: parsed[`${N}_PORT`] as number, databaseUrl: parsed[`${N}_DATABASE_URL`] as string | undefined };
}

/**
 * Settings shared by every subgraph. `<NAME>_DATABASE_URL` wins over `DATABASE_URL`, so each
 * subgraph can live in its own database while the default keeps them all in one.
 */
export function readSubgraphConfig(name: string, defaultPort: number, source: Record<string, string | undefined>): SubgraphConfig {
  const [parsed, own, transport] = readAll(
    () => parseEnv(sharedSchema, source),
    () => readOwnSettings(name, defaultPort, source),
    () => readEventsTransportConfig(source),
  );
  return {
    name,
    development: parsed.NODE_ENV !== 'production',
    logLevel: parsed.LOG_LEVEL,
    host: parsed.HOST,
    port: own.port,
    database: { url: own.databaseUrl ?? parsed.DATABASE_URL, poolSize: parsed.DATABASE_POOL_SIZE },
    internalSecret: parsed.INTERNAL_TOKEN_SECRET,
    corsOrigins: parsed.CORS_ORIGINS ?? [],
    events: {
      transport,
      url: parsed.EVENTS_DATABASE_URL ?? parsed.DATABASE_URL,
      pollMs: parsed.EVENTS_POLL_MS,
      maxLag: parsed.EVENTS_MAX_LAG,
      batchSize: parsed.EVENTS_BATCH_SIZE,
      maxAttempts: parsed.EVENTS_MAX_ATTEMPTS,
      retryBaseMs: parsed.EVENTS_RETRY_BASE_MS,
      stallMs: parsed.EVENTS_STALL_MS,
    },
    retention: {
      intervalMinutes: parsed.RETENTION_INTERVAL_MINUTES,
      auditDays: parsed.AUDIT_RETENTION_DAYS,
      appliedEventsDays: parsed.APPLIED_EVENTS_RETENTION_DAYS,
      eventLogDays: parsed.EVENT_LOG_RETENTION_DAYS,
    },
    tracing: readTracingConfig(source, `supergraph-${name}`),
    operations: readOperationsConfig(parsed),
  };
}
