import type { IncomingMessage, Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  attachWebSocketServer,
  ChannelOverflowError,
  ErrorCode,
  GRAPHQL_WS_PROTOCOL,
  INTERNAL_MESSAGE,
  logUnexpected,
  serveGraphQLWs,
  type AttachedSockets,
  type Logger,
} from '@supergraph/service-kit';
import { buildSchema, type ExecutionResult, GraphQLError, Kind, type DocumentNode, OperationTypeNode } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SubscriptionLimits } from '../config.ts';
import type { GatewayContext } from '../server.ts';
import type { LiveOperations, LiveResult, Started } from './live.ts';

/** Who is connected: verified once, at `connection_init`. */
interface Connection {
  context: Omit<GatewayContext, 'requestId'>;
  expiresAtMs: number | undefined;
  /** Subscriptions open on this connection, by operation id. */
  open: Set<string>;
  expiry?: NodeJS.Timeout;
}

type Extra = { connection?: Connection };

/** Verifies `connection_init`'s token (as the HTTP Authorization header is verified), or says why not. */
export type ConnectionAuthenticator = (
  authorization: string | undefined,
  req: IncomingMessage,
) => Promise<{ context: Omit<GatewayContext, 'requestId'>; expiresAtMs: number | undefined } | { refused: string }>;

// graphql-ws decides between execute and subscribe from the document; the real one was run by Apollo Server.
const PLACEHOLDER_SCHEMA = buildSchema('type Query { _: Boolean }');
const documentFor = (operation: OperationTypeNode): DocumentNode => ({
  kind: Kind.DOCUMENT,
  definitions: [{ kind: Kind.OPERATION_DEFINITION, operation, selectionSet: { kind: Kind.SELECTION_SET, selections: [] } }],
});
const SUBSCRIPTION_DOCUMENT = documentFor(OperationTypeNode.SUBSCRIPTION);
const QUERY_DOCUMENT = documentFor(OperationTypeNode.QUERY);

/** 1013, "try again later": the client may reconnect (graphql-ws clients do), and should read faster. */
export const SLOW_CLIENT_CLOSE = 1013;

const closeReason = (text: string) => (Buffer.byteLength(text) > 123 ? `${text.slice(0, 110)}…` : text);

/**
 * The gateway's `/graphql` over WebSocket, in the graphql-ws protocol (Apollo Client's
 * GraphQLWsLink, Apollo Sandbox): the access token comes in `connection_init`
 * (`{ "authorization": "Bearer …" }`) and is verified before anything is subscribed; a bad one
 * closes the socket with 4401. Every operation runs through the same pipeline as over HTTP.
 * Limits: subscriptions per connection (and, in LiveOperations, per caller), the time to send
 * `connection_init` (4408), the size of a message (1009), ping/pong (a silent connection is
 * dropped), and a client that does not read its events is disconnected (1013) rather than
 * buffered for. When the token expires, each subscription ends with UNAUTHENTICATED and the
 * socket is closed with 4401, so the client reconnects with a fresh token.
 */
export function clientSubscriptions(deps: {
  live: LiveOperations;
  authenticate: ConnectionAuthenticator;
  limits: SubscriptionLimits;
  logger: Logger;
}) {
  const { live, authenticate, limits, logger } = deps;
  return (server: Server): AttachedSockets => {
    const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
    serveGraphQLWs<Extra>(
      wss,
      {
        connectionInitWaitTimeout: limits.initTimeoutMs,
        onConnect: async (ctx) => {
          const socket = ctx.extra.socket as WebSocket;
          const params = ctx.connectionParams ?? {};
          const raw =
            params.authorization ?? params.Authorization ?? (params.headers as Record<string, unknown> | undefined)?.authorization;
          if (raw !== undefined && typeof raw !== 'string') {
            socket.close(CloseCode.Unauthorized, 'Unauthorized: "authorization" must be a string, "Bearer <token>".');
            return false;
          }
          const verdict = await authenticate(raw, ctx.extra.request);
          if ('refused' in verdict) {
            socket.close(CloseCode.Unauthorized, closeReason(`Unauthorized: ${verdict.refused}`));
            return false;
          }
          const connection: Connection = { ...verdict, open: new Set() };
          ctx.extra.connection = connection;
          if (verdict.expiresAtMs !== undefined) {
            // Each subscription ends itself at expiry (LiveOperations); then the connection goes, so the client reconnects.
            const wait = Math.max(0, verdict.expiresAtMs - Date.now());
            connection.expiry = setTimeout(() => closeWhenDrained(socket, connection), Math.min(wait + 50, 2_147_000_000));
          }
          return true;
        },
        onSubscribe: async (ctx, id, payload) => {
          const connection = ctx.extra.connection!;
          if (connection.open.size >= limits.perConnection) {
            return [
              new GraphQLError(`At most ${limits.perConnection} subscriptions may be open on one connection; end one first.`, {
                extensions: { code: ErrorCode.TooManyRequests, limit: 'subscriptionsPerConnection' },
              }),
            ];
          }
          connection.open.add(id);
          let started: Started;
          try {
            started = await live.start(
              {
                query: payload.query,
                variables: payload.variables ?? undefined,
                operationName: payload.operationName ?? undefined,
                extensions: payload.extensions ?? undefined,
              },
              { ...connection.context, requestId: randomUUID() },
              connection.expiresAtMs,
            );
          } catch (error) {
            connection.open.delete(id);
            throw error;
          }
          if (started.kind === 'single' && !started.result.data) {
            connection.open.delete(id);
            // Refused before anything ran (invalid, unauthorized, over a limit): the protocol's `error` message.
            const errors = started.result.errors ?? [{ message: 'The operation could not be run.' }];
            return errors.map((e) => new GraphQLError(e.message, { extensions: e.extensions }));
          }
          return {
            schema: PLACEHOLDER_SCHEMA,
            document: started.kind === 'stream' ? SUBSCRIPTION_DOCUMENT : QUERY_DOCUMENT,
            contextValue: { started },
          };
        },
        execute: (args) => {
          const started = (args.contextValue as { started: Started }).started;
          if (started.kind === 'single') return started.result as ExecutionResult;
          return { errors: [new GraphQLError('Not a query.')] };
        },
        subscribe: (args) => {
          const started = (args.contextValue as { started: Started }).started;
          // Over WebSocket `@defer` is answered whole (incremental parts are for multipart HTTP).
          if (started.kind === 'incremental') return started.initial as ExecutionResult;
          if (started.kind !== 'stream') return started.result as ExecutionResult;
          return started.events as AsyncGenerator<ExecutionResult>;
        },
        onNext: (_ctx, _id, _payload, _args, result) => result as LiveResult,
        onComplete: (ctx, id) => {
          ctx.extra.connection?.open.delete(id);
        },
        onError: (ctx, id, _payload, errors) => {
          // The events of a client that does not read them piled up: disconnect it.
          if (errors.some((e) => e.originalError instanceof ChannelOverflowError)) {
            logger.warn({ id }, 'disconnected a subscriber that did not read its events');
            (ctx.extra.socket as WebSocket).close(SLOW_CLIENT_CLOSE, 'Too slow: events came faster than this client read them.');
          }
          // Our refusals are GraphQL errors of their own; anything thrown on the way is masked (and logged).
          return errors.map((e) => {
            if (!e.originalError || e.originalError instanceof ChannelOverflowError) return e.toJSON();
            logUnexpected(logger, e.originalError, {});
            return { message: INTERNAL_MESSAGE, extensions: { code: ErrorCode.Internal } };
          });
        },
        onClose: (ctx) => {
          clearTimeout(ctx.extra.connection?.expiry);
        },
      },
      { keepAliveMs: limits.keepAliveMs, logger },
    );
    // In-flight events go out before the connections are closed.
    return attachWebSocketServer(server, wss, '/graphql', () => drained(wss));
  };
}

/** Waits (at most 1 s) until what was sent to every client has left the process. */
async function drained(wss: WebSocketServer) {
  const deadline = Date.now() + 1_000;
  while (Date.now() < deadline && [...wss.clients].some((c) => c.bufferedAmount > 0)) await new Promise((r) => setTimeout(r, 10));
}

/** After the session expired: let the subscriptions' last messages (UNAUTHENTICATED) go out, then close with 4401. */
function closeWhenDrained(socket: WebSocket, connection: Connection) {
  const started = Date.now();
  const check = () => {
    if (connection.open.size === 0 || Date.now() - started > 1_000) {
      socket.close(CloseCode.Unauthorized, 'Unauthorized: your session expired; reconnect with a fresh access token.');
    } else setTimeout(check, 10);
  };
  check();
}

export { GRAPHQL_WS_PROTOCOL };
