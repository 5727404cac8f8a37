import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChannelOverflowError, classifyError, ErrorCode, logUnexpected, type Logger } from '@supergraph/service-kit';
import type { GraphQLError } from 'graphql';
import type { GatewayContext } from '../server.ts';
import type { LiveOperations, LiveResult } from './live.ts';

/** Whether a request asks for multipart subscriptions (what Apollo Client's HttpLink sends for a subscription). */
export const wantsMultipartSubscription = (req: IncomingMessage) => {
  const accept = String(req.headers.accept ?? '');
  return /multipart\/mixed/i.test(accept) && /subscriptionSpec\s*=\s*"?1\.0/i.test(accept);
};

const BOUNDARY = '\r\n--graphql';
const HEARTBEAT_MS = 5_000;

/**
 * Subscriptions over HTTP in the multipart format Apollo Router speaks and Apollo Client's plain
 * HttpLink reads (`multipart/mixed;subscriptionSpec=1.0`): one long response, one part per event
 * (`{"payload": {data, errors}}`), an empty `{}` part every 5 s to keep proxies from closing it,
 * and the closing boundary when the subscription ends. An operation that is not a subscription,
 * or one refused before it starts, is answered as ordinary JSON with its status.
 */
export async function serveMultipart(
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  deps: {
    live: LiveOperations;
    context: (req: IncomingMessage) => Promise<{ context: GatewayContext; expiresAtMs: number | undefined }>;
    formatError: (error: GraphQLError) => unknown;
    logger: Logger;
  },
): Promise<void> {
  const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(payload));
  };
  if (req.method !== 'POST' || typeof body !== 'object' || body === null || Array.isArray(body)) {
    return json(400, {
      errors: [
        {
          message: 'A subscription over HTTP is a POST with a JSON body: {"query": …, "variables": …}.',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  }
  let caller: { context: GatewayContext; expiresAtMs: number | undefined };
  try {
    caller = await deps.context(req);
  } catch (error) {
    if (classifyError(error) === 'unexpected') logUnexpected(deps.logger, error, {});
    const formatted = deps.formatError(error as GraphQLError) as { extensions?: { http?: { status?: number } } };
    const status = (error as { extensions?: { http?: { status?: number } } }).extensions?.http?.status ?? 500;
    if (formatted.extensions) delete formatted.extensions.http;
    return json(status, { errors: [formatted] });
  }
  const { query, variables, operationName, extensions } = body as Record<string, unknown>;
  const started = await deps.live.start(
    {
      query: typeof query === 'string' ? query : undefined,
      variables: variables && typeof variables === 'object' ? (variables as Record<string, unknown>) : undefined,
      operationName: typeof operationName === 'string' ? operationName : undefined,
      extensions: extensions && typeof extensions === 'object' ? (extensions as Record<string, unknown>) : undefined,
    },
    caller.context,
    caller.expiresAtMs,
  );
  if (started.kind === 'single') {
    return json(started.status, started.result, { ...Object.fromEntries(started.headers), 'x-request-id': caller.context.requestId });
  }

  const { events } = started;
  res.writeHead(200, {
    'content-type': 'multipart/mixed;boundary="graphql";subscriptionSpec="1.0"',
    'cache-control': 'no-cache, no-store',
    'x-request-id': caller.context.requestId,
  });
  let open = true;
  res.on('close', () => {
    open = false;
    void events.return?.();
  });
  res.write(BOUNDARY);
  const part = async (payload: unknown) => {
    if (!open) return;
    const ok = res.write(`\r\ncontent-type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(payload)}${BOUNDARY}`);
    // A client that does not read makes this wait; its events pile up in the channel until it is disconnected.
    if (!ok && open) await Promise.race([once(res, 'drain'), once(res, 'close')]);
  };
  const heartbeat = setInterval(() => {
    if (res.writableLength === 0) void part({});
  }, HEARTBEAT_MS);
  try {
    for await (const result of events as AsyncIterable<LiveResult>) await part({ payload: result });
    if (open) res.end('--\r\n');
  } catch (error) {
    if (error instanceof ChannelOverflowError) {
      deps.logger.warn({ reqId: caller.context.requestId }, 'disconnected a subscriber that did not read its events');
    } else {
      logUnexpected(deps.logger, error, { reqId: caller.context.requestId });
      await part({ payload: null, errors: [{ message: 'The subscription failed.', extensions: { code: ErrorCode.Internal } }] });
      if (open) res.end('--\r\n');
    }
    res.destroy();
  } finally {
    clearInterval(heartbeat);
  }
}
