import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  apolloDefaults,
  createGraphQLHandler,
  ErrorCode,
  fail,
  readinessOf,
  RedisConnection,
  unauthenticated,
  InvalidTokenError,
  KeysUnavailableError,
  createMetrics,
  requestLogging,
  remoteKeySet,
  serviceOf,
  accessTokenVerifier,
  internalTokenSigner,
  tokenExpiresAtMs,
  withServerSpan,
  type ClientInfo,
  type Logger,
  type Service,
  type Viewer,
} from '@supergraph/service-kit';
import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { LiveRequest } from './subscriptions/live.ts';
import { CallerCount } from './subscriptions/caller-count.ts';
import { LiveOperations } from './subscriptions/live.ts';
import { serveMultipart, wantsIncrementalDelivery, wantsMultipartSubscription } from './subscriptions/multipart.ts';
import { UpstreamSubscriptions } from './subscriptions/upstream.ts';
import { clientSubscriptions } from './subscriptions/websocket.ts';
import { ApolloExecutionGateway, NativeExecutionGateway } from './execution/gateway.ts';
import { SubgraphDataSource } from './subgraph-fetch.ts';
import { authorizationPlugin, extractAuthorization } from './authorization.ts';
import { applyGatewayEnvironment, type GatewayConfig } from './config.ts';
import { deferRules } from './defer.ts';
import { PersistedOperations } from './persisted.ts';
import { servePersonalData } from './personal-data.ts';
import { describeLimitError, operationLimits } from './limits.ts';

export { readGatewayConfig, type GatewayConfig } from './config.ts';
export { extractAuthorization } from './authorization.ts';
export { Planner } from './execution/plans.ts';
export { readManifest, type ManifestOperation } from './persisted.ts';
export {
  API_SCHEMA_SDL,
  composeFromConfig,
  REPO_ROOT,
  staleSupergraph,
  subgraphNamesOf,
  SUPERGRAPH_CONFIG,
  SUPERGRAPH_SDL,
} from './compose.ts';

/** What the gateway knows about a request: the verified caller, nothing the client merely claims. */
export interface GatewayContext {
  viewer: Viewer | null;
  /** The client's address: from the socket, or the first X-Forwarded-For hop behind a trusted proxy. */
  client: ClientInfo;
  /** Follows the request through every subgraph's logs (x-request-id). */
  requestId: string;
  /** Set by a transport that can stream (WebSocket, multipart HTTP): where a subscription's events go. */
  live?: LiveRequest;
  /** Set on the gateway's own operations for one of its routes (the personal data export): not a client's text, so no safelist applies. */
  internalOperation?: 'personal-data-export';
}

export interface GatewayDeps {
  config: GatewayConfig;
  supergraphSdl: string;
  logger: Logger;
  /** Shared with the subgraphs: proves to them that a request came through this gateway. */
  internalSecret: string;
  /** Where the supergraph came from, to reload it (SIGHUP, or a file change in development). */
  supergraphPath?: string;
  /** Called once per subgraph fetch; tests and the benchmark count fetches per query with it. */
  onSubgraphFetch?: (subgraph: string) => void;
}

const refused = (message: string) => unauthenticated(message, { http: { status: 401 } });

/** `Bearer <token>` and nothing else: a token is one run of base64url characters and dots (RFC 6750). */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** Builds the gateway over a static supergraph (no introspection of subgraphs at run time), without listening. */
export async function createServer(deps: GatewayDeps): Promise<Service> {
  const { config, logger } = deps;
  applyGatewayEnvironment(config);

  // @apollo/gateway cannot load the SECURITY features; the gateway enforces them itself.
  const initial = extractAuthorization(deps.supergraphSdl);
  let policy = initial.policy;
  let update: ((sdl: string) => void) | undefined;
  // Each caller's token is verified, and each internal token signed, once rather than per request/fetch.
  const signInternal = internalTokenSigner(deps.internalSecret);
  const services = new Map<string, SubgraphDataSource>();
  const apolloGateway = new ApolloGateway({
    // A supergraph that can be replaced while running (see reload below).
    supergraphSdl: async (options) => {
      update = options.update;
      return { supergraphSdl: initial.executableSdl };
    },
    logger: { debug: (m) => logger.debug(m), info: (m) => logger.info(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
    buildService: ({ name, url }) => {
      const service = new SubgraphDataSource(
        name,
        config.subgraphUrls[name] ?? url!,
        signInternal,
        config.subgraphFetch,
        deps.onSubgraphFetch,
        (subgraph, outcome, seconds) => fetchSeconds.observe({ subgraph, outcome }, seconds),
      );
      services.set(name, service);
      return service;
    },
  });
  // The gateway loads and replaces the supergraph; plans are executed by ours unless told otherwise.
  // Subscriptions to subgraphs, over graphql-ws, resumed from the event log when a connection drops.
  const upstream = new UpstreamSubscriptions((name) => services.get(name)?.url, signInternal, logger, {
    reconnectForMs: config.subscriptions.upstreamReconnectMs,
    maxQueued: 1_000,
  });
  const gateway =
    config.executor === 'native'
      ? new NativeExecutionGateway(apolloGateway, services, { batchFetches: config.batchFetches }, upstream)
      : new ApolloExecutionGateway(apolloGateway);

  const defaults = apolloDefaults(logger, config.development);
  const metrics = createMetrics('gateway');
  const fetchSeconds = metrics.histogram('subgraph_fetch_duration_seconds', "Latency of the gateway's fetches to each subgraph.", [
    'subgraph',
    'outcome',
  ]);
  const incrementalSeconds = metrics.histogram(
    'graphql_incremental_duration_seconds',
    'Time to the last part of answers sent in parts (@defer), by outcome; graphql_request_duration_seconds times their first part.',
    ['outcome'],
  );
  const limits = operationLimits<GatewayContext>(config.limits);
  // Persisted operations: the manifest's served by id; by mode, others refused or logged.
  const persisted = new PersistedOperations(config.persistedOperations.manifest, config.persistedOperations.mode, logger);
  const formatError = (formatted: GraphQLFormattedError, error: unknown) => describeLimitError(defaults.formatError(formatted, error));
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...defaults,
    validationRules: [...limits.validationRules, deferRules],
    parseOptions: limits.parseOptions,
    formatError,
    persistedQueries: { cache: persisted.cache },
    plugins: [
      ...defaults.plugins,
      ...limits.plugins,
      persisted.plugin(),
      authorizationPlugin(() => policy, config.authorizationMode),
      requestLogging<GatewayContext>(logger, metrics.observeRequest),
      echoRequestId,
      ...(config.executor === 'apollo' ? [noSubscriptionsWithApolloExecutor] : []),
    ],
  });
  await apollo.start();

  // Fetched lazily and cached; refetched when a token names a new key id (rotation without restart).
  const keys = remoteKeySet(config.auth.jwksUrl, config.auth.jwksCooldownMs);
  const verifyAccessToken = accessTokenVerifier(keys, config.auth);
  /** The caller of an `Authorization` value (a header, or a WebSocket's connection_init), and when their token expires. */
  const callerOf = async (header: string | undefined): Promise<{ viewer: Viewer | null; expiresAtMs: number | undefined }> => {
    if (!header) return { viewer: null, expiresAtMs: undefined };
    const token = BEARER.exec(header.trim())?.[1];
    if (!token) throw refused('The Authorization header must be "Bearer <token>", with nothing after the token.');
    try {
      return { viewer: await verifyAccessToken(token), expiresAtMs: tokenExpiresAtMs(token) };
    } catch (error) {
      // Rejected before planning: no subgraph is called for a request with a bad token.
      if (error instanceof InvalidTokenError) throw refused(error.reason);
      if (error instanceof KeysUnavailableError) throw fail(ErrorCode.ServiceUnavailable, error.message, { http: { status: 503 } });
      throw error;
    }
  };
  const clientOf = (req: IncomingMessage): ClientInfo => {
    const forwarded = config.trustProxy
      ? String(req.headers['x-forwarded-for'] ?? '')
          .split(',')[0]
          ?.trim()
      : '';
    return { ip: forwarded || req.socket.remoteAddress || null };
  };
  const callerContext = async (req: IncomingMessage) => {
    const { viewer, expiresAtMs } = await callerOf(req.headers.authorization);
    return { context: { viewer, client: clientOf(req), requestId: requestIdOf(req, config.trustProxy) }, expiresAtMs };
  };
  const context = async (req: IncomingMessage): Promise<GatewayContext> => (await callerContext(req)).context;

  // With REDIS_URL, each caller's subscriptions are counted across every gateway replica.
  const redis = config.redis
    ? new RedisConnection(
        config.redis,
        logger,
        'subscriptions are still admitted, each gateway counting its own callers against the per-caller limit until it is back.',
      )
    : null;
  const callers = new CallerCount(config.subscriptions.perCaller, redis);
  const live = new LiveOperations(apollo, formatError, config.subscriptions, logger, callers);
  if (redis)
    metrics.gauge(
      'redis_connected',
      'Whether the Redis the per-caller subscription counts are kept in is reachable (1) or not (0).',
      [],
      async (set) => set({}, redis.reachable ? 1 : 0),
    );
  metrics.gauge('subscriptions_active', 'Subscriptions streaming to clients (WebSocket and multipart HTTP).', [], async (set) =>
    set({}, live.active),
  );
  metrics.gauge('subscriptions_following', 'Subscriptions whose subgraph has confirmed it is following the event log.', [], async (set) =>
    set({}, upstream.live),
  );
  const sockets = clientSubscriptions({
    live,
    limits: config.subscriptions,
    logger,
    authenticate: async (authorization, req) => {
      try {
        const { viewer, expiresAtMs } = await callerOf(authorization);
        return { context: { viewer, client: clientOf(req) }, expiresAtMs };
      } catch (error) {
        if (error instanceof GraphQLError) return { refused: error.message };
        throw error;
      }
    },
  });

  const readiness = readinessOf('gateway', [
    {
      name: 'supergraph',
      check: async () => {
        if (!apolloGateway.schema) throw new Error('supergraph not loaded');
      },
    },
    // Never fails: without Redis each gateway still keeps the per-caller limit by itself.
    ...(redis
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
                    effect: 'subscriptions per caller are counted per gateway',
                  };
            },
          },
        ]
      : []),
  ]);
  const handler = createGraphQLHandler({
    service: 'gateway',
    apollo,
    context,
    corsOrigins: config.corsOrigins,
    dedupeKey: config.dedupeReads ? readDedupeKey : undefined,
    streams: {
      '/personal-data': (req, res) =>
        servePersonalData(req, res, {
          apollo,
          schema: () => apolloGateway.schema,
          context,
          formatError: (error) => formatError(error instanceof GraphQLError ? error.toJSON() : { message: String(error) }, error),
          logger,
        }),
    },
    intercept: async (req, res, body) => {
      const multipart = {
        live,
        context: callerContext,
        formatError: (error: GraphQLError) => formatError(error.toJSON?.() ?? { message: String(error) }, error),
        logger,
      };
      if (wantsMultipartSubscription(req)) {
        await serveMultipart(req, res, body, multipart);
        return true;
      }
      if (wantsIncrementalDelivery(req, body)) {
        // Traced like any request: the span covers the whole answer, the deferred parts included.
        // Apollo Server logs and counts the request at its first part; this, the whole answer.
        const started = process.hrtime.bigint();
        const summary = await withServerSpan('gateway', req.headers, () => serveMultipart(req, res, body, multipart, 'defer'));
        if (summary && summary.parts > 1) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const codes = [...new Set(summary.codes)];
          const outcome = !summary.complete ? 'client_left' : codes.length === 0 ? 'ok' : codes.length === 1 ? codes[0]! : 'errors';
          incrementalSeconds.observe({ outcome }, seconds);
          logger.info(
            {
              reqId: res.getHeader('x-request-id'),
              parts: summary.parts,
              ms: Math.round(seconds * 1000),
              errors: codes.length > 0 ? codes : undefined,
              outcome,
            },
            'graphql answer in parts',
          );
        }
        return true;
      }
      return false;
    },
    readiness,
    logger,
  });
  /**
   * Reads the supergraph file again and switches to it; a supergraph that fails to load is
   * reported and the last good one stays in service.
   */
  const reload = async (): Promise<{ ok: boolean; error?: string }> => {
    // SIGHUP reads the persisted operations manifest again too (a change to its file is noticed by itself).
    persisted.reload();
    if (!deps.supergraphPath) return { ok: false, error: 'no supergraph file to reload from' };
    try {
      const next = extractAuthorization(await readFile(deps.supergraphPath, 'utf8'));
      update!(next.executableSdl);
      policy = next.policy;
      logger.info({ path: deps.supergraphPath }, 'supergraph reloaded');
      return { ok: true };
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      logger.error({ path: deps.supergraphPath, error: message }, 'the new supergraph could not be loaded; keeping the last good one');
      return { ok: false, error: message };
    }
  };
  const watcher = config.development && deps.supergraphPath ? watchFile(deps.supergraphPath, reload) : undefined;

  return {
    ...serviceOf({
      name: 'gateway',
      handler,
      metrics,
      readiness,
      sockets,
      stop: async () => {
        watcher?.close();
        persisted.close();
        await upstream.close();
        await apollo.stop();
        callers.close();
        await redis?.close();
      },
    }),
    reload,
  };
}

/** In development, reload when the composed file changes (npm run compose), a moment after the last write. */
function watchFile(path: string, onChange: () => Promise<unknown>) {
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(path, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void onChange(), 200);
  });
  watcher.unref();
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}

/** The request id a trusted proxy sent (TRUST_PROXY), if it is a sane one; otherwise a new one. */
function requestIdOf(req: IncomingMessage, trusted: boolean): string {
  const sent = trusted ? req.headers['x-request-id'] : undefined;
  const value = Array.isArray(sent) ? sent[0] : sent;
  return value && /^[\w.:-]{1,100}$/.test(value) ? value : randomUUID();
}

/** `@apollo/gateway`'s executor (the fallback) cannot run subscriptions: say so rather than fail inside it. */
const noSubscriptionsWithApolloExecutor: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation === 'subscription')
          throw fail(
            ErrorCode.BadRequest,
            'This gateway runs the fallback executor (GATEWAY_EXECUTOR=apollo), which cannot run subscriptions.',
          );
      },
    };
  },
};

/** Returns the request id to the client (x-request-id), so a support request can quote it. */
const echoRequestId: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart({ contextValue }) {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set('x-request-id', contextValue.requestId);
      },
    };
  },
};

/**
 * Identical reads by the same caller at the same moment get one answer: the same Authorization
 * and the same JSON body (query, variables, operation name). Anything that could be a mutation or
 * a subscription, and anything that is not a complete JSON request, runs on its own.
 */
function readDedupeKey(req: IncomingMessage, body: unknown, raw: string): string | null {
  if (req.method !== 'POST' || typeof body !== 'object' || body === null) return null;
  const query = (body as { query?: unknown }).query;
  if (typeof query !== 'string' || /\b(mutation|subscription)\b|@defer|@stream/.test(query)) return null;
  // The body as sent: the same bytes are the same request (a re-serialised body would cost a stringify per request).
  return `${req.headers.authorization ?? ''}\u0000${raw}`;
}
