import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChannelOverflowError, classifyError, ErrorCode, logUnexpected, type Logger } from '@supergraph/service-kit';
import type { GraphQLError } from 'graphql';
import type { GatewayContext } from '../server.ts';
import type { LiveOperations, LiveResult, Started } from './live.ts';

/** Whether a request asks for multipart subscriptions (what Apollo Client's HttpLink sends for a subscription). */
export const wantsMultipartSubscription = (req: IncomingMessage) => {
  const accept = String(req.headers.accept ?? '');
  return /multipart\/mixed/i.test(accept) && /subscriptionSpec\s*=\s*"?1\.0/i.test(accept);
};

/**
 * Whether a request asks for `@defer` in parts (what Apollo Client's HttpLink sends for an
 * operation with `@defer`): `multipart/mixed;deferSpec=20220824`, a POST whose query uses it (or
 * is absent: a persisted query's hash). Anything else is answered by the ordinary handler, whole.
 */
export const wantsIncrementalDelivery = (req: IncomingMessage, body: unknown) => {
  const accept = String(req.headers.accept ?? '');
  if (req.method !== 'POST' || !/multipart\/mixed/i.test(accept) || !/deferSpec\s*=\s*"?20220824/i.test(accept)) return false;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const query = (body as { query?: unknown }).query;
  return query === undefined || (typeof query === 'string' && /@defer\b/.test(query));
};

/** Whether the client also takes a plain JSON answer (for a response that has no parts to send). */
const takesJson = (req: IncomingMessage) => /application\/(graphql-response\+)?json|\*\/\*/i.test(String(req.headers.accept ?? ''));

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
  /**
   * `defer`: an operation with `@defer`, answered in the deferSpec=20220824 format Apollo Router
   * speaks and Apollo Client reads: the first part (`{data, errors, hasNext: true}`) as soon as the
   * fetches it needs have answered, then one part per deferred fragment as it is answered
   * (`{incremental: [{data, path, label, errors}], hasNext}`), the last with `hasNext: false`.
   */
  mode: 'subscription' | 'defer' = 'subscription',
): Promise<IncrementalSummary | undefined> {
  const json = (status: number, payload: unknown, headers: Record<string, string> = {}): undefined => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(payload));
    return undefined;
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
    { incremental: mode === 'defer' },
  );
  const headers = { ...(started.kind === 'stream' ? {} : Object.fromEntries(started.headers)), 'x-request-id': caller.context.requestId };
  if (started.kind === 'single' && (mode === 'subscription' || takesJson(req) || started.status !== 200)) {
    return json(started.status, started.result, headers);
  }
  if (started.kind !== 'stream') return writeIncremental(res, started, headers, deps.logger, caller.context.requestId);
  await streamEvents(res, started.events, caller.context.requestId, deps.logger);
}

async function streamEvents(res: ServerResponse, events: AsyncIterableIterator<LiveResult>, reqId: string, logger: Logger): Promise<void> {
  res.writeHead(200, {
    'content-type': 'multipart/mixed;boundary="graphql";subscriptionSpec="1.0"',
    'cache-control': 'no-cache, no-store',
    'x-request-id': reqId,
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
      logger.warn({ reqId }, 'disconnected a subscriber that did not read its events');
    } else {
      logUnexpected(logger, error, { reqId });
      await part({ payload: null, errors: [{ message: 'The subscription failed.', extensions: { code: ErrorCode.Internal } }] });
      if (open) res.end('--\r\n');
    }
    res.destroy();
  } finally {
    clearInterval(heartbeat);
  }
}

/** What an answer in parts came to: how many parts were sent, the error codes in them, whether the client left before the end. */
export interface IncrementalSummary {
  parts: number;
  codes: string[];
  complete: boolean;
}

/** Writes an answer in the deferSpec=20220824 multipart format: its first part, then each deferred part. */
async function writeIncremental(
  res: ServerResponse,
  started: Exclude<Started, { kind: 'stream' }>,
  headers: Record<string, string>,
  logger: Logger,
  reqId: string,
): Promise<IncrementalSummary> {
  const summary: IncrementalSummary = { parts: 0, codes: [], complete: false };
  const note = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) => {
    for (const error of errors ?? []) summary.codes.push(String(error.extensions?.code ?? ErrorCode.Internal));
  };
  const { 'content-type': _type, 'content-length': _length, ...rest } = headers;
  res.writeHead(200, {
    ...rest,
    'content-type': 'multipart/mixed;boundary="graphql";deferSpec=20220824',
    'cache-control': 'no-cache, no-store',
  });
  let open = true;
  const parts = started.kind === 'incremental' ? started.rest[Symbol.asyncIterator]() : undefined;
  res.on('close', () => {
    open = false;
    void parts?.return?.();
  });
  // Each part is followed by the boundary at once: a client knows a part is whole when it reads the next boundary.
  res.write(BOUNDARY);
  type Payload = {
    hasNext?: boolean;
    errors?: readonly { message?: string; extensions?: Record<string, unknown> }[];
    incremental?: { errors?: [] }[];
  };
  const part = async (payload: Payload) => {
    if (!open) return;
    summary.parts += 1;
    note(payload.errors);
    for (const entry of payload.incremental ?? []) note(entry.errors);
    const ok = res.write(`\r\ncontent-type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(payload)}${BOUNDARY}`);
    if (!ok && open) await Promise.race([once(res, 'drain'), once(res, 'close')]);
  };
  if (started.kind === 'single') {
    await part({ ...started.result, hasNext: false } as Payload);
  } else {
    await part({ ...started.initial, hasNext: true } as Payload);
    try {
      for (let step = await parts!.next(); !step.done && open; step = await parts!.next()) await part(step.value as Payload);
    } catch (error) {
      logUnexpected(logger, error, { reqId });
      await part({ hasNext: false, errors: [{ message: 'The rest of the answer failed.', extensions: { code: ErrorCode.Internal } }] });
    }
  }
  summary.complete = open;
  if (open) res.end('--\r\n');
  return summary;
}
