import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime, getGraphQLWSOptions, type GatewayPlugin } from '@graphql-hive/gateway';
import { SUPERGRAPH_SDL } from '@supergraph/gateway';
import { INTERNAL_TOKEN_HEADER, accessTokenVerifier, internalTokenSigner, remoteKeySet, type Viewer } from '@supergraph/service-kit';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

// The subscriptions scenario's Hive Gateway: the runtime on node:http over our supergraph and
// subgraphs with the identity propagation of tests/src/harness/hive.ts (the bearer token verified
// against the same JWKS, a gateway-signed internal token on every subgraph fetch), plus what
// subscriptions need, all of it Hive's own configuration:
// - graphql-ws for clients on /graphql, as Hive's CLI serves it (getGraphQLWSOptions), with the
//   access token from connection_init's `authorization` in place of the HTTP header;
// - the orders subgraph's subscriptions over graphql-ws (@graphql-mesh/transport-ws, through the
//   HTTP transport's `subscriptions` option);
// - what the orders subgraph requires of a subscriber, from a plugin's onSubgraphExecute: a
//   gateway-signed internal token in connection_init (`connectionParams`, which Hive's WebSocket
//   executor takes from a request's extensions) and one for the caller in each subscribe message's
//   extensions (`internalToken`); and its first message, which has no data, left out.
const env = process.env;
const subgraphUrls = JSON.parse(env.BENCH_SUBGRAPH_URLS!) as Record<string, string>;
const supergraph = readFileSync(SUPERGRAPH_SDL, 'utf8').replace(
  /@join__graph\(name: "(\w+)", url: "[^"]*"\)/g,
  (_, name: string) => `@join__graph(name: "${name}", url: "${subgraphUrls[name]}")`,
);
const verifyAccessToken = accessTokenVerifier(remoteKeySet(env.AUTH_JWKS_URL!, 0), { issuer: 'supergraph', audience: 'supergraph' });
const signInternalToken = internalTokenSigner(env.INTERNAL_TOKEN_SECRET!);
const viewers = new WeakMap<Request, Promise<Viewer | null>>();
const viewerOf = (request: Request) => {
  let viewer = viewers.get(request);
  if (!viewer) {
    const header = request.headers.get('authorization');
    viewer = header?.startsWith('Bearer ') ? verifyAccessToken(header.slice(7)).catch(() => null) : Promise.resolve(null);
    viewers.set(request, viewer);
  }
  return viewer;
};

/**
 * The orders subgraph's first message on a subscription carries no data, only where it joined the
 * event log (`extensions.position`; our gateway resumes from it after a lost connection). Hive
 * would hand it to the client as an event with an error (it does: "Unexpected error." at
 * orderUpdated), so the executor is wrapped to leave such messages out.
 */
function withoutJoinMessages<T extends { errors?: unknown }>(source: AsyncIterator<T>): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      for (;;) {
        const step = await source.next();
        if (step.done || 'data' in step.value || step.value.errors) return step;
      }
    },
    return: async () => (await source.return?.()) ?? { done: true, value: undefined },
    throw: async (error: unknown) => (source.throw ? source.throw(error) : Promise.reject(error)),
  };
  return iterator;
}

type Executor = Parameters<NonNullable<GatewayPlugin['onSubgraphExecute']>>[0]['executor'];

const subscriptionsToOrders: GatewayPlugin = {
  async onSubgraphExecute({ executionRequest, setExecutionRequest, executor, setExecutor }) {
    if (executionRequest.operationType !== 'subscription') return;
    const filtered = async (request: Parameters<Executor>[0]) => {
      const result = await executor(request);
      return Symbol.asyncIterator in result ? withoutJoinMessages(result[Symbol.asyncIterator]()) : result;
    };
    setExecutor(filtered as Executor);
    const request = (executionRequest.context as { request?: Request } | undefined)?.request;
    const caller = await signInternalToken(request ? await viewerOf(request) : null);
    const gateway = await signInternalToken(null);
    setExecutionRequest({
      ...executionRequest,
      extensions: { ...executionRequest.extensions, internalToken: caller, connectionParams: { internalToken: gateway } },
    });
  },
};

const runtime = createGatewayRuntime({
  supergraph,
  logging: env.BENCH_HIVE_LOGGING === 'debug' ? 'debug' : false,
  maskedErrors: env.BENCH_HIVE_LOGGING !== 'debug',
  transportEntries: { orders: { options: { subscriptions: { kind: 'ws', location: '/graphql' } } } },
  propagateHeaders: {
    fromClientToSubgraphs: async ({ request }) => ({ [INTERNAL_TOKEN_HEADER]: await signInternalToken(await viewerOf(request)) }),
  },
  plugins: () => [subscriptionsToOrders],
});
const server = createServer(runtime);
const wss = new WebSocketServer({ path: runtime.graphqlEndpoint, server });
const sockets = useServer(
  getGraphQLWSOptions(runtime, (ctx) => {
    const authorization = (ctx.connectionParams as { authorization?: unknown } | undefined)?.authorization;
    const headers = new Headers(typeof authorization === 'string' ? { authorization } : {});
    return { request: new Request(`http://127.0.0.1${runtime.graphqlEndpoint}`, { headers }) };
  }),
  wss,
);
await new Promise<void>((resolve) => server.listen(Number(env.BENCH_PORT), '127.0.0.1', resolve));
// Hive loads the supergraph on its first HTTP request; a subscription over WebSocket before any
// HTTP request fails ("Expected null to be a GraphQL schema."). One query first, as a readiness check would.
await runtime.fetch(`http://127.0.0.1${runtime.graphqlEndpoint}?query=${encodeURIComponent('{ __typename }')}`);
console.log(JSON.stringify({ ready: `http://127.0.0.1:${env.BENCH_PORT}/graphql` }));
process.once('SIGTERM', async () => {
  await sockets.dispose();
  await runtime.dispose();
  server.close(() => process.exit(0));
});
