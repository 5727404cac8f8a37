import type { BaseContext } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { DocumentNode } from 'graphql';
import type { SubgraphConfig } from '../config/subgraph.ts';
import type { AuditTable } from '../db/audit.ts';
import { openDatabase, type Database, type DatabaseHandle, type DatabaseTarget } from '../db/database.ts';
import { auditRetention, RetentionJob, type RetentionTask } from '../db/retention.ts';
import { appliedEventsRetention } from '../events/retention.ts';
import type { ConsumerDefinition } from '../events/consumer.ts';
import { EventRuntime } from '../events/runtime.ts';
import type { ConsumerTables, OutboxTable } from '../events/tables.ts';
import type { EventTransport } from '../events/types.ts';
import type { SigningKeyStore } from '../identity/access-tokens.ts';
import type { ClientInfo } from '../identity/internal-tokens.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { Logger } from '../observability/logger.ts';
import type { RequestIdentity } from '../observability/request-log.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { GraphQLHttpOptions, ReadinessCheck } from './handler.ts';
import { createSubgraphService, type Service } from './service.ts';

type Schema = Record<string, unknown>;
/** @apollo/subgraph's resolver map (its package exports the function, not the type). */
type ResolverMap = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { resolvers?: unknown }>['resolvers']>;

/** What a host (the platform, or a subgraph's own `index.ts`) gives a subgraph to run on. */
export interface SubgraphDeps<C extends SubgraphConfig, S extends Schema> {
  config: C;
  database: DatabaseHandle<S>;
  logger: Logger;
  /** Shared with the gateway: proves a request came through it. */
  internalSecret: string;
  /** Where events are published and read. */
  transport: EventTransport;
  /** The access-token signing keys, for the subgraph that issues tokens (see `signingKeys` below). */
  signingKeys?: SigningKeyStore;
}

/** What `wire` is given: the host's dependencies, and a way to publish events right after a commit. */
export interface WiringDeps<C extends SubgraphConfig, S extends Schema> extends SubgraphDeps<C, S> {
  db: Database<S>;
  /** Publishes recorded events now (they would also go out on the relay's next poll). */
  events: { published(): void };
}

/** What a subgraph builds once from its dependencies. */
export interface SubgraphWiring<Ctx> {
  /** The per-request context its resolvers get, from the verified caller. */
  createContext: (viewer: Viewer | null, client: ClientInfo) => Omit<Ctx, 'requestId' | 'live'>;
  /** The event consumers it runs, if it consumes events. */
  consumers?: ConsumerDefinition[];
  /** Extra public GET routes (outside GraphQL, so without the internal token). */
  routes?: GraphQLHttpOptions<BaseContext>['routes'];
  /**
   * Retention of its own tables beyond those every subgraph has (its audit log and applied-event
   * records are pruned without being named here): for example customers' expired refresh tokens.
   */
  retention?: RetentionTask[];
  /** Extra readiness checks (shown in the detailed /ready; a check that throws makes the service not ready). */
  checks?: ReadinessCheck[];
  /** Registers the subgraph's own metrics in the service's registry. */
  instrument?: (metrics: Metrics) => void;
  /** Releases what `wire` opened (a Redis connection), after the service stopped taking requests. */
  stop?: () => Promise<void>;
}

/**
 * Everything particular to one subgraph, and nothing else: its name and default port, how it reads
 * its settings, its schema and resolvers, its tables, and how its context and consumers are built.
 * `createSubgraph` does the rest the same way for every subgraph.
 */
export interface SubgraphDefinition<C extends SubgraphConfig = SubgraphConfig, S extends Schema = Schema, Ctx = unknown> {
  /** Its key in supergraph.yaml, its folder, its package suffix and its PostgreSQL schema. */
  name: string;
  /** Where it listens unless `<NAME>_PORT` says otherwise; also its routing URL in supergraph.yaml. */
  port: number;
  readConfig(source: Record<string, string | undefined>): C;
  typeDefs: DocumentNode;
  /** Its resolvers, as GraphQL Code Generator types them. */
  resolvers: object;
  database: {
    /** Its drizzle tables (all in the PostgreSQL schema named like the subgraph). */
    schema: S;
    migrationsFolder: string;
    /** Its transactional outbox, if it publishes events. */
    outbox?: OutboxTable;
    /** Its consumer bookkeeping, if it consumes events. */
    consumerTables?: ConsumerTables;
    /** Its append-only audit log, if it keeps one: pruned by retention (AUDIT_RETENTION_DAYS). */
    auditLog?: AuditTable;
  };
  wire(deps: WiringDeps<C, S>): SubgraphWiring<Ctx> | Promise<SubgraphWiring<Ctx>>;
  /**
   * For the subgraph that issues access tokens: its signing keys, from its own settings, when it
   * runs on its own (the platform passes the keys it holds instead).
   */
  signingKeys?(config: C): Promise<SigningKeyStore>;
}

/** Declares a subgraph (a typed identity: the definition is checked where it is written, and keeps its name's literal type). */
export const defineSubgraph = <N extends string, C extends SubgraphConfig, S extends Schema, Ctx extends BaseContext & RequestIdentity>(
  definition: SubgraphDefinition<C, S, Ctx> & { name: N },
) => definition;

/** Opens a subgraph's own database (its PostgreSQL schema) and applies its migrations. */
export function openSubgraphDatabase<S extends Schema>(
  definition: Pick<SubgraphDefinition<SubgraphConfig, S>, 'name' | 'database'>,
  target: DatabaseTarget,
): Promise<DatabaseHandle<S>> {
  const { schema, migrationsFolder } = definition.database;
  return openDatabase({ target, schema, schemaName: definition.name, migrationsFolder });
}

/** Builds a subgraph as a service, not yet listening: its schema, its event plumbing, its HTTP handler. */
export async function createSubgraph<C extends SubgraphConfig, S extends Schema, Ctx extends BaseContext & RequestIdentity>(
  definition: SubgraphDefinition<C, S, Ctx>,
  deps: SubgraphDeps<C, S>,
): Promise<Service> {
  const { config, database, logger } = deps;
  let runtime: EventRuntime | undefined;
  const wiring = await definition.wire({ ...deps, db: database.db, events: { published: () => runtime?.published() } });
  const { outbox, consumerTables, auditLog } = definition.database;
  const events = outbox || (wiring.consumers?.length ?? 0) > 0;
  runtime = events
    ? new EventRuntime({
        db: database.background,
        transport: deps.transport,
        logger,
        outbox,
        consumerTables,
        consumers: wiring.consumers,
        pollMs: config.events.pollMs,
        batchSize: config.events.batchSize,
        maxAttempts: config.events.maxAttempts,
        retryBaseMs: config.events.retryBaseMs,
      })
    : undefined;
  // Retention, of this subgraph's own tables only: its audit log, its consumers' applied events, and its own.
  const { retention } = config;
  const tasks: RetentionTask[] = [
    ...(auditLog ? [auditRetention(database.db, auditLog, definition.name, retention.auditDays)] : []),
    ...(consumerTables && runtime && runtime.consumers.length > 0
      ? [
          appliedEventsRetention(
            database.db,
            consumerTables,
            definition.name,
            runtime.consumers.map((c) => c.name),
            deps.transport,
            retention.appliedEventsDays,
          ),
        ]
      : []),
    ...(wiring.retention ?? []),
  ];
  return createSubgraphService<Ctx>({
    name: definition.name,
    // Code Generator's resolver types and @apollo/subgraph's resolver map describe the same object
    // from two sides; they meet here, once, for every subgraph.
    schema: buildSubgraphSchema({ typeDefs: definition.typeDefs, resolvers: definition.resolvers as ResolverMap }),
    logger,
    development: config.development,
    internalSecret: deps.internalSecret,
    corsOrigins: config.corsOrigins,
    database,
    events: runtime,
    maxConsumerLag: config.events.maxLag,
    consumerStallMs: config.events.stallMs,
    routes: wiring.routes,
    checks: wiring.checks,
    instrument: wiring.instrument,
    release: wiring.stop,
    createContext: wiring.createContext,
    retention: new RetentionJob(tasks, logger, retention.intervalMinutes),
  });
}
