import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { classifyError, ErrorCode, INTERNAL_MESSAGE, logUnexpected } from '../graphql/errors.ts';
import type { Logger } from '../observability/logger.ts';
import { withServerSpan } from '../observability/tracing.ts';

/** A plain HTTP answer: JSON for an object body, as-is for a string body. */
export interface RouteResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ReadinessCheck {
  name: string;
  /** Throws when not ready; may resolve to details worth showing (an object, e.g. an event consumer's lag). */
  check: () => Promise<unknown>;
}

/** One service's readiness in detail: for operators only (see `listenOperations`). */
export interface ReadinessReport {
  service: string;
  ready: boolean;
  checks: ({ name: string; ok: boolean; error?: string } & Record<string, unknown>)[];
}

/** Runs a service's checks together; not ready when any fails. */
export function readinessOf(service: string, checks: ReadinessCheck[]): () => Promise<ReadinessReport> {
  return async () => {
    const results = await runChecks(checks);
    return { service, ready: results.every((c) => c.ok), checks: results };
  };
}

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  service: string;
  apollo: ApolloServer<TContext>;
  /** Builds the per-request context. Throwing a GraphQLError here answers with that error. */
  context: (req: IncomingMessage) => Promise<TContext>;
  /** Answers the public `/ready` with its verdict alone; the details are on the operations listener. */
  readiness?: () => Promise<ReadinessReport>;
  /** Origins allowed by CORS (`*` for any; `http://localhost:*` for any port of it). Apollo Sandbox runs on https://studio.apollographql.com. */
  corsOrigins?: string[];
  bodyLimitBytes?: number;
  /**
   * Merge identical reads in flight: requests with the same key while one is being answered get
   * its answer. Return null for requests that must run on their own (mutations, for one). `raw`
   * is the body as sent (a key made from it costs no serialisation).
   */
  dedupeKey?: (req: IncomingMessage, body: unknown, raw: string) => string | null;
  /**
   * Takes over a GraphQL request after its body is read (the gateway's multipart subscriptions);
   * returns whether it did.
   */
  intercept?: (req: IncomingMessage, res: ServerResponse, body: unknown) => Promise<boolean> | boolean;
  /** Extra GET routes by path (for example the identity provider's JWKS). */
  routes?: Record<string, () => RouteResponse | Promise<RouteResponse>>;
  /** Paths that write their own response, streamed if they like (the gateway's personal data export); CORS applies. */
  streams?: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>>;
  logger: Logger;
}

const DEFAULT_BODY_LIMIT = 1_000_000;

/**
 * A small Apollo Server integration on node:http: `/graphql`, `/health` (liveness) and `/ready`
 * (readiness, the verdict only: which check failed, consumer lag and operation names are for
 * operators). Kept dependency-free so every service starts the same way and fast.
 */
export function createGraphQLHandler<TContext extends BaseContext>(options: GraphQLHttpOptions<TContext>) {
  const { apollo, service, logger } = options;
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const corsOrigins = options.corsOrigins ?? [];
  type Shared = Awaited<ReturnType<ApolloServer<TContext>['executeHTTPGraphQLRequest']>> & { encoded?: Buffer };
  const inFlight = new Map<string, Promise<Shared>>();

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      applyCors(req, res, corsOrigins);
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();

      if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok', service });
      const route = options.routes?.[url.pathname];
      if (route && req.method === 'GET') {
        const { status, body, headers } = await route();
        for (const [key, value] of Object.entries(headers ?? {})) res.setHeader(key, value);
        if (typeof body === 'string') return void res.writeHead(status).end(body);
        return sendJson(res, status, body);
      }
      const stream = options.streams?.[url.pathname];
      if (stream) return await stream(req, res);
      if (url.pathname === '/ready') {
        const ready = options.readiness ? (await options.readiness()).ready : true;
        return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', service });
      }
      if (url.pathname !== '/graphql' && url.pathname !== '/') {
        return sendJson(res, 404, { error: `Nothing is served at ${url.pathname}. The GraphQL endpoint is /graphql.` });
      }

      const { body, raw } = req.method === 'POST' ? await readJsonBody(req, bodyLimit) : { body: undefined, raw: '' };
      if (options.intercept && (await options.intercept(req, res, body))) return;
      // Built only for a request that is executed: one that shares another's execution needs none of it.
      const execute = () => {
        const headers = new HeaderMap();
        for (const [key, value] of Object.entries(req.headers)) {
          if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
        }
        return withServerSpan(service, req.headers, () =>
          apollo.executeHTTPGraphQLRequest({
            httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
            context: () =>
              options.context(req).catch((error: unknown) => {
                // Apollo Server masks it (formatError); log it here, where the request id is known.
                if (classifyError(error) === 'unexpected') logUnexpected(logger, error, { reqId: headerValue(req, 'x-request-id') });
                throw error;
              }),
          }),
        );
      };
      const key = options.dedupeKey?.(req, body, raw) ?? null;
      let response: Shared;
      if (key === null) {
        response = await execute();
      } else {
        let shared = inFlight.get(key);
        if (!shared) {
          // Encoded once for every request that shares it (an answer can be tens of kilobytes).
          shared = execute()
            .then((r): Shared => (r.body.kind === 'complete' ? { ...r, encoded: Buffer.from(r.body.string) } : r))
            .finally(() => inFlight.delete(key));
          inFlight.set(key, shared);
        }
        response = await shared;
      }
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.encoded) return void res.end(response.encoded);
      if (response.body.kind === 'complete') return void res.end(response.body.string);
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      if (error instanceof HttpError)
        return sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }] }); // Apollo Server's own code for a bad HTTP request
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: INTERNAL_MESSAGE, extensions: { code: ErrorCode.Internal } }] });
      else res.end();
    }
  };
}

const headerValue = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

class HttpError extends Error {
  constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The body as JSON (or as text, when it does not claim to be JSON), and as sent. */
async function readJsonBody(req: IncomingMessage, limit: number): Promise<{ body: unknown; raw: string }> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, `The request body is larger than the limit of ${limit} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `The request body is larger than the limit of ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  // Apollo Server answers a missing or non-JSON content type itself; only parse what claims to be JSON.
  if (!String(req.headers['content-type'] ?? '').includes('json')) return { body: text, raw: text };
  if (text === '') return { body: undefined, raw: text };
  try {
    return { body: JSON.parse(text), raw: text };
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

/** Whether `origin` is allowed: listed, `*`, or matched by an entry ending in `:*` (any port, or none, of that scheme and host). */
export function originAllowed(origins: readonly string[], origin: string): boolean {
  for (const allowed of origins) {
    if (allowed === '*' || allowed === origin) return true;
    if (allowed.endsWith(':*')) {
      const base = allowed.slice(0, -2);
      if (origin === base || (origin.startsWith(`${base}:`) && /^\d{1,5}$/.test(origin.slice(base.length + 1)))) return true;
    }
  }
  return false;
}

function applyCors(req: IncomingMessage, res: ServerResponse, origins: string[]) {
  const origin = req.headers.origin;
  if (!origin || origins.length === 0) return;
  if (!originAllowed(origins, origin)) return;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'origin');
  res.setHeader('access-control-allow-credentials', 'true');
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader(
    'access-control-allow-headers',
    req.headers['access-control-request-headers'] ?? 'content-type, authorization, apollo-require-preflight, x-apollo-operation-name',
  );
  res.setHeader('access-control-max-age', '600');
}

async function runChecks(checks: ReadinessCheck[]) {
  return Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        const detail = await check();
        return { name, ok: true, ...(typeof detail === 'object' && detail !== null ? detail : {}) };
      } catch (error) {
        return { name, ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

export interface RunningServer {
  /** The GraphQL endpoint: `origin` + `/graphql`. */
  url: string;
  /** `http://host:port`, as bound. */
  origin: string;
  port: number;
  server: Server;
  /** Graceful: in-flight requests finish (for at most `graceMs`), then the server is closed. */
  close(graceMs?: number): Promise<void>;
}

/** Listens on host:port (port 0 picks a free one) and returns the address actually bound. */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  host: string,
  port: number,
): Promise<RunningServer> {
  const server = createHttpServer({ keepAliveTimeout: 65_000 }, handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`${host}:${port} is already in use by another process; stop it, or choose another port (the *_PORT settings).`)
          : error,
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${hostForUrl}:${address.port}`;
  return {
    url: `${origin}/graphql`,
    origin,
    port: address.port,
    server,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        // Stop accepting; let requests in flight finish; close each keep-alive connection as soon
        // as it is idle; after the grace period, close whatever is left.
        const idle = setInterval(() => server.closeIdleConnections(), 25);
        const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close((err) => {
          clearInterval(idle);
          clearTimeout(deadline);
          if (err) reject(err);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
