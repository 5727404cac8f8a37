import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { execute, type ExecutionResult, type GraphQLError, type GraphQLSchema, parse, specifiedRules, subscribe, validate } from 'graphql';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { PublicError, classifyError, ErrorCode, logUnexpected, maskUnexpectedErrors } from '../graphql/errors.ts';
import { inputChecker } from '../graphql/input-guard.ts';
import { SCALARS } from '../graphql/scalars.ts';
import { internalRequestVerifier, type ClientInfo } from '../identity/internal-tokens.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';

/** The WebSocket subprotocol of graphql-ws (the one Apollo Client, Apollo Sandbox and Apollo Router speak). */
export const GRAPHQL_WS_PROTOCOL = 'graphql-transport-ws';

/** Where a live subscription is in the event log; kept in the context of each subscription. */
export interface LiveCursor {
  /** Resume after this log position (sent by the gateway when it subscribes again after a lost connection). */
  resumeAfter: number | undefined;
  /** The position of the event being answered; sent with each answer so the gateway can resume after it. */
  position: number | undefined;
}

/** What the gateway puts in `extensions` of each subscribe message to a subgraph. */
export interface UpstreamExtensions {
  /** The caller, as the gateway vouches for them (an internal token). */
  internalToken: string;
  requestId?: string;
  resumeAfter?: number;
}

/** A WebSocket endpoint on a server that is already listening; `close` ends every connection (1001, going away). */
export interface AttachedSockets {
  close(): Promise<void>;
}

/**
 * Serves WebSocket upgrades at `path` with `wss` and refuses them everywhere else. `close` stops
 * taking new ones, lets `drain` finish (events in flight), then ends every connection with 1001
 * (going away), which graphql-ws clients answer by reconnecting; any left after 2 s are cut.
 */
export function attachWebSocketServer(
  server: Server,
  wss: WebSocketServer,
  path = '/graphql',
  drain?: () => Promise<void>,
): AttachedSockets {
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname !== path && pathname !== '/') {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  server.on('upgrade', onUpgrade);
  return {
    async close() {
      server.off('upgrade', onUpgrade);
      await drain?.();
      for (const client of wss.clients) client.close(1001, 'The server is shutting down; reconnect.');
      const deadline = setTimeout(() => {
        for (const client of wss.clients) client.terminate();
      }, 2_000);
      while (wss.clients.size > 0) await new Promise((r) => setTimeout(r, 10));
      clearTimeout(deadline);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** What graphql-ws callbacks get in `ctx.extra` on our WebSocket servers. */
export interface SocketExtra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
}

/**
 * graphql-ws over a `ws` server (what graphql-ws's own `useServer` does), with our logging instead
 * of console.error: a client that breaks the protocol or sends too much is the client's problem,
 * logged at debug and answered with the protocol's close code. Pings every `keepAliveMs`; a
 * connection that does not answer within the same time is dropped.
 */
export function serveGraphQLWs<E extends Record<PropertyKey, unknown>>(
  wss: WebSocketServer,
  options: ServerOptions<Record<string, unknown> | undefined, SocketExtra & E>,
  settings: { keepAliveMs: number; logger: Logger },
): void {
  const server = makeServer(options);
  wss.options.handleProtocols = handleProtocols;
  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    socket.on('error', (error: Error & { code?: string }) => {
      settings.logger.debug({ code: error.code, err: error.message }, 'a WebSocket client broke the protocol; closing it');
    });
    let pongWait: NodeJS.Timeout | undefined;
    const ping = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), settings.keepAliveMs);
      socket.once('pong', () => clearTimeout(pongWait));
      socket.ping();
    }, settings.keepAliveMs);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            // A send that fails means the socket is going: nothing more to do for it.
            socket.send(data, () => resolve());
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (cb) =>
          socket.on('message', async (message) => {
            try {
              await cb(String(message));
            } catch (error) {
              settings.logger.error({ err: error }, 'a WebSocket message could not be handled');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      { socket, request } as SocketExtra & E,
    );
    socket.once('close', (code, reason) => {
      clearTimeout(pongWait);
      clearInterval(ping);
      void closed(code, String(reason));
    });
  });
}

export interface SubgraphSocketOptions<TContext> {
  name: string;
  schema: GraphQLSchema;
  logger: Logger;
  metrics: Metrics;
  internalSecret: string;
  createContext: (viewer: Viewer | null, client: ClientInfo) => Omit<TContext, 'requestId' | 'live'>;
}

/**
 * A subgraph's subscriptions over graphql-ws, for the gateway only: the connection proves it came
 * from the gateway (an internal token in `connection_init`), and each subscription says whom it
 * is for (an internal token in its `extensions`); nothing else is accepted. Documents are
 * validated and their input checked as over HTTP, answers carry the log position of the event
 * they answer (the first message, without data, says where it joined), and unexpected errors are
 * masked and logged.
 */
export function subgraphSubscriptions<TContext>(options: SubgraphSocketOptions<TContext>) {
  const { schema, logger } = options;
  const verify = internalRequestVerifier(options.internalSecret);
  const checkInput = inputChecker(SCALARS);
  const mask = maskUnexpectedErrors(logger);
  let active = 0;
  options.metrics.gauge('graphql_subscriptions_active', 'Subscriptions this service is serving to the gateway.', [], async (set) =>
    set({}, active),
  );
  const refuse = (message: string, code: ErrorCode) => [new PublicError(message, code)] as readonly GraphQLError[];

  return (server: Server): AttachedSockets => {
    const wss = new WebSocketServer({
      noServer: true,
      maxPayload: 1_000_000,
      handleProtocols: (protocols) => (protocols.has(GRAPHQL_WS_PROTOCOL) ? GRAPHQL_WS_PROTOCOL : false),
    });
    serveGraphQLWs(
      wss,
      {
        connectionInitWaitTimeout: 5_000,
        onConnect: async (ctx) => {
          try {
            await verify(typeof ctx.connectionParams?.internalToken === 'string' ? ctx.connectionParams.internalToken : undefined);
            return true;
          } catch {
            (ctx.extra.socket as WebSocket).close(CloseCode.Unauthorized, 'Only the gateway may subscribe here.');
            return false;
          }
        },
        onSubscribe: async (_ctx, _id, payload) => {
          const extensions = (payload.extensions ?? {}) as Partial<UpstreamExtensions>;
          let caller: Awaited<ReturnType<typeof verify>>;
          try {
            caller = await verify(typeof extensions.internalToken === 'string' ? extensions.internalToken : undefined);
          } catch {
            return refuse('This service only answers requests that come through the gateway.', ErrorCode.Unauthenticated);
          }
          let document: ReturnType<typeof parse>;
          try {
            document = parse(payload.query, { maxTokens: 5_000 });
          } catch (error) {
            return [error as GraphQLError];
          }
          const errors = validate(schema, document, specifiedRules);
          if (errors.length > 0) return errors;
          const problem = checkInput(document, schema, payload.variables ?? {});
          if (problem) return [problem];
          const resumeAfter =
            typeof extensions.resumeAfter === 'number' && Number.isSafeInteger(extensions.resumeAfter) ? extensions.resumeAfter : undefined;
          const requestId =
            typeof extensions.requestId === 'string' && /^[\w.:-]{1,100}$/.test(extensions.requestId) ? extensions.requestId : 'none';
          const live: LiveCursor = { resumeAfter, position: undefined };
          return {
            schema,
            document,
            operationName: payload.operationName,
            variableValues: payload.variables,
            contextValue: { ...options.createContext(caller.viewer, caller.client), requestId, live },
          };
        },
        execute: (args) => execute(args),
        subscribe: async (args) => {
          const result = await subscribe(args);
          if (!(Symbol.asyncIterator in result)) return result;
          const source = result as AsyncGenerator<ExecutionResult>;
          // First, where in the event log it joined (a message with no data): the gateway resumes
          // after it should the connection drop before any event arrived.
          const joinedAt = (args.contextValue as { live?: LiveCursor }).live?.position;
          let announce = joinedAt !== undefined;
          active += 1;
          let counted = true;
          const uncount = () => {
            if (counted) active -= 1;
            counted = false;
          };
          // Counted until it ends, however it ends (completed, the gateway unsubscribed, the socket closed).
          const counting = {
            [Symbol.asyncIterator]() {
              return this;
            },
            next: async (): Promise<IteratorResult<ExecutionResult>> => {
              if (announce) {
                announce = false;
                return { done: false, value: { extensions: { position: joinedAt } } };
              }
              const step = await source.next();
              if (step.done) uncount();
              return step;
            },
            return: async () => {
              uncount();
              return source.return(undefined);
            },
            throw: async (error: unknown) => {
              uncount();
              return source.throw(error);
            },
          };
          return counting as unknown as AsyncGenerator<ExecutionResult>;
        },
        onNext: (_ctx, _id, _payload, args, result) => {
          const live = (args.contextValue as { live?: LiveCursor }).live;
          return {
            ...result,
            ...(result.errors ? { errors: result.errors.map((error) => mask(error.toJSON(), error)) } : {}),
            extensions: { ...result.extensions, ...(live?.position !== undefined ? { position: live.position } : {}) },
          };
        },
        onError: (_ctx, _id, _payload, errors) =>
          errors.map((error) => {
            if (classifyError(error) === 'unexpected') logUnexpected(logger, error, {});
            return mask(error.toJSON(), error);
          }),
      },
      { keepAliveMs: 10_000, logger },
    );
    return attachWebSocketServer(server, wss, '/graphql');
  };
}
