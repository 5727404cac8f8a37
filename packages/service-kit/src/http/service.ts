import type { IncomingMessage, Server } from 'node:http';
import { ApolloServer, type ApolloServerOptions, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { InvalidTokenError } from '../identity/access-tokens.ts';
import { INTERNAL_TOKEN_HEADER, internalRequestVerifier, type ClientInfo } from '../identity/internal-tokens.ts';
import type { Viewer } from '../identity/viewer.ts';
import { maskUnexpectedErrors, unauthenticated, unexpectedErrorLogging } from '../graphql/errors.ts';
import { inputGuard } from '../graphql/input-guard.ts';
import { SCALARS } from '../graphql/scalars.ts';
import type { DatabaseLifecycle } from '../db/database.ts';
import { EVENT_CONSUMER_DEFAULTS } from '../events/consumer.ts';
import type { EventRuntime } from '../events/runtime.ts';
import type { RetentionJob } from '../db/retention.ts';
import { createGraphQLHandler, listen, readinessOf, type GraphQLHttpOptions, type ReadinessCheck, type RunningServer } from './handler.ts';
import type { Operable } from './operations.ts';
import { subgraphSubscriptions, type AttachedSockets } from './websocket.ts';
import type { Logger } from '../observability/logger.ts';
import { createMetrics, type Metrics } from '../observability/metrics.ts';
import { requestLogging, type RequestIdentity } from '../observability/request-log.ts';

/**
 * Apollo Server options every service shares: masked errors (logged once), no stack traces, every
 * input checked before anything runs, introspection only in development.
 */
export function apolloDefaults(logger: Logger, development: boolean) {
  return {
    includeStacktraceInErrorResponses: false,
    introspection: development,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    formatError: maskUnexpectedErrors(logger),
    logger: {
      debug: (msg: string) => logger.debug(msg),
      info: (msg: string) => logger.info(msg),
      warn: (msg: string) => logger.warn(msg),
      error: (msg: string) => logger.error(msg),
    },
    plugins: [unexpectedErrorLogging(logger), inputGuard(SCALARS), ...(development ? [] : [ApolloServerPluginLandingPageDisabled()])],
  } satisfies Partial<ApolloServerOptions<BaseContext>>;
}

/** A started service that can be listened on and stopped; `createServer()` of every service returns one. */
export interface Service extends Operable {
  name: string;
  handler: ReturnType<typeof createGraphQLHandler>;
  /** Starts listening; returns the bound address. */
  listen(host: string, port: number): Promise<RunningServer>;
  /** Stops Apollo and releases the service's resources (database pool). */
  stop(): Promise<void>;
  /** The service's outbox relay and event consumers, when it has any. */
  events?: EventRuntime;
  /** Applies its retention settings to its own tables: every interval once listening, and on demand (`npm run retention`). */
  retention?: RetentionJob;
  /** Loads changed configuration without a restart (the gateway: its supergraph). */
  reload?: () => Promise<{ ok: boolean; error?: string }>;
}

export interface SubgraphServiceOptions<TContext extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  logger: Logger;
  development: boolean;
  /** Shared with the gateway; verifies that a request came through it. */
  internalSecret: string;
  /** Builds the per-request context from the verified caller (one place per subgraph). */
  createContext: (viewer: Viewer | null, client: ClientInfo) => Omit<TContext, 'requestId' | 'live'>;
  /** The service's own database: checked by /ready, closed on stop. */
  database: DatabaseLifecycle;
  corsOrigins?: string[];
  /** Outbox relay and consumers: started with the service, stopped before its database closes. */
  events?: EventRuntime;
  /** Readiness fails when a consumer is further behind than this many events. */
  maxConsumerLag?: number;
  /** Readiness fails when a consumer has made no progress for this long while events wait. */
  consumerStallMs?: number;
  /** Extra public GET routes (outside GraphQL, so without the internal token). */
  routes?: GraphQLHttpOptions<TContext>['routes'];
  /** Retention of its own tables: started with the service, stopped before its database closes. */
  retention?: RetentionJob;
  /** Readiness checks of the service's own, after the database's and the consumers'. */
  checks?: ReadinessCheck[];
  /** Registers the service's own metrics. */
  instrument?: (metrics: Metrics) => void;
  /** Releases the service's own resources on stop, before its consumers and database. */
  release?: () => Promise<void>;
}

/**
 * A subgraph as a service. Every request, including `_entities` and `_service`, must carry the
 * gateway's internal token: identity comes from it alone, never from client headers.
 */
export async function createSubgraphService<TContext extends BaseContext & RequestIdentity>(
  options: SubgraphServiceOptions<TContext>,
): Promise<Service> {
  const { name, logger } = options;
  const defaults = apolloDefaults(logger, options.development);
  const metrics = createMetrics(name);
  metrics.gauge('event_consumer_lag', 'Events a consumer has not applied yet.', ['consumer'], async (set) => {
    for (const consumer of options.events?.consumers ?? []) set({ consumer: consumer.name }, await consumer.lag());
  });
  metrics.gauge(
    'event_consumer_parked_events',
    'Events a consumer set aside: retrying (it failed and is tried again), parked (it failed every attempt; npm run events:retry), held (later events of the same aggregate, waiting behind one of those).',
    ['consumer', 'state'],
    async (set) => {
      for (const consumer of options.events?.consumers ?? []) {
        for (const [state, n] of Object.entries(await consumer.parkedCounts())) set({ consumer: consumer.name, state }, n);
      }
    },
  );
  metrics.gauge(
    'event_consumer_stalled_seconds',
    'How long a consumer has made no progress while events wait (0 when it is caught up).',
    ['consumer'],
    async (set) => {
      for (const consumer of options.events?.consumers ?? [])
        set({ consumer: consumer.name }, (await consumer.lag()) > 0 ? consumer.sinceProgressMs() / 1000 : 0);
    },
  );
  metrics.gauge(
    'outbox_unpublished_events',
    'Events committed in this service and not yet handed to the event transport (a transport that is down or refusing shows here).',
    [],
    async (set) => {
      if (options.events?.relay) set({}, await options.events.relay.pending());
    },
  );
  metrics.gauge('db_pool_connections', 'Database connections busy (in_use) and the most the pool opens (max).', ['state'], async (set) => {
    const { inUse, max } = options.database.usage();
    set({ state: 'in_use' }, inUse);
    set({ state: 'max' }, max);
  });
  metrics.gauge('db_statements_total', 'SQL statements this service has sent since it started.', [], async (set) => {
    set({}, options.database.usage().statements);
  });
  options.instrument?.(metrics);
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    ...defaults,
    // Inline traces (ftv1) only feed Apollo's usage reporting, which this gateway does not use: skip the per-field cost.
    plugins: [...defaults.plugins, ApolloServerPluginInlineTraceDisabled(), requestLogging<TContext>(logger, metrics.observeRequest)],
  });
  await apollo.start();

  const verifyInternal = internalRequestVerifier(options.internalSecret);
  const context = async (req: IncomingMessage): Promise<TContext> => {
    const header = req.headers[INTERNAL_TOKEN_HEADER];
    try {
      const { viewer, client } = await verifyInternal(Array.isArray(header) ? header[0] : header);
      const requestId = req.headers['x-request-id'];
      return {
        ...options.createContext(viewer, client),
        requestId: (Array.isArray(requestId) ? requestId[0] : requestId) ?? 'none',
      } as TContext;
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        throw unauthenticated(error.message, { http: { status: 401 } });
      }
      throw error;
    }
  };

  // A schema with subscriptions serves them to the gateway over graphql-ws, on the same port.
  const sockets = options.schema.getSubscriptionType()
    ? subgraphSubscriptions<TContext>({
        name,
        schema: options.schema,
        logger,
        metrics,
        internalSecret: options.internalSecret,
        createContext: options.createContext,
      })
    : undefined;

  const readiness = readinessOf(name, [
    { name: 'database', check: options.database.ping },
    ...eventChecks(options.events, options.maxConsumerLag ?? 1000, options.consumerStallMs ?? EVENT_CONSUMER_DEFAULTS.stallMs),
    ...(options.checks ?? []),
  ]);
  const handler = createGraphQLHandler({
    service: name,
    apollo,
    context,
    readiness,
    corsOrigins: options.corsOrigins ?? [],
    routes: options.routes,
    logger,
  });
  return serviceOf({
    name,
    handler,
    metrics,
    readiness,
    events: options.events,
    retention: options.retention,
    sockets,
    stop: async () => {
      await apollo.stop();
      await options.retention?.stop();
      await options.release?.();
      await options.events?.stop();
      await options.database.close();
    },
  });
}

/**
 * Readiness shows each consumer's lag and the events it set aside. It fails when a consumer is too
 * far behind, has parked an event (which holds back the rest of that aggregate until an operator
 * retries it), or has made no progress for `stallMs` while events wait.
 */
function eventChecks(events: EventRuntime | undefined, maxLag: number, stallMs: number): ReadinessCheck[] {
  return (events?.consumers ?? []).map((consumer) => ({
    name: `events:${consumer.name}`,
    check: async () => {
      const [lag, { parked, retrying, held }] = await Promise.all([consumer.lag(), consumer.parkedCounts()]);
      if (parked > 0) {
        throw new Error(
          `consumer ${consumer.name} has ${parked} parked event${parked === 1 ? '' : 's'} (${held} more held behind); npm run events:parked lists them`,
        );
      }
      const stalled = consumer.sinceProgressMs();
      if (lag > 0 && stalled > stallMs) {
        throw new Error(
          `consumer ${consumer.name} has made no progress for ${Math.round(stalled / 1000)} s with ${lag} event${lag === 1 ? '' : 's'} waiting (more than ${stallMs} ms)`,
        );
      }
      if (lag > maxLag) throw new Error(`consumer ${consumer.name} is ${lag} events behind (more than ${maxLag})`);
      // Retrying events are being handled (and held ones wait for them): shown, but still ready.
      return { lag, ...(retrying > 0 ? { retrying } : {}), ...(held > 0 ? { held } : {}) };
    },
  }));
}

export interface ServiceParts {
  name: string;
  handler: Service['handler'];
  metrics: Metrics;
  readiness: Service['readiness'];
  /** Releases what the service holds once it no longer listens (Apollo, consumers, database). */
  stop: () => Promise<void>;
  events?: EventRuntime;
  retention?: RetentionJob;
  /** WebSocket endpoints served on the same port (subscriptions), attached once listening. */
  sockets?: (server: Server) => AttachedSockets;
}

export function serviceOf({ name, handler, metrics, readiness, stop, events, retention, sockets }: ServiceParts): Service {
  let running: RunningServer | undefined;
  let attached: AttachedSockets | undefined;
  return {
    name,
    handler,
    metrics,
    readiness,
    events,
    retention,
    async listen(host, port) {
      running = await listen(handler, host, port);
      attached = sockets?.(running.server);
      events?.start();
      retention?.start();
      return running;
    },
    async stop() {
      // Sockets first: subscribers are told to reconnect (1001) before the listener goes.
      await attached?.close();
      await running?.close();
      await stop();
    },
  };
}
