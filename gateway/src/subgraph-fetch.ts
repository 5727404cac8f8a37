import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ErrorCode, INTERNAL_TOKEN_HEADER, PublicError, injectTraceContext, type ClientInfo, type Viewer } from '@supergraph/service-kit';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { Agent, request as undiciRequest } from 'undici';

export interface SubgraphFetchSettings {
  /** A subgraph that has not answered after this long is given up on (SUBGRAPH_TIMEOUT). */
  timeoutMs: number;
  /** Per-subgraph overrides of `timeoutMs` (ANALYTICS_TIMEOUT_MS, …). */
  timeoutsMs?: Record<string, number>;
  /** Open connections per subgraph, kept alive and reused. */
  maxSockets: number;
  /** Consecutive failures that open the circuit, and how long it stays open. */
  breakerThreshold: number;
  breakerResetMs: number;
}

/** Signs the internal token that tells a subgraph who is asking (see `internalTokenSigner`). */
export type InternalTokenSigner = (viewer: Viewer | null, client: ClientInfo) => Promise<string>;

export interface FetchContext {
  viewer: Viewer | null;
  client: ClientInfo;
  requestId: string;
}

/**
 * Fails fast while a subgraph keeps failing: after `threshold` failures in a row, calls are refused
 * for `resetMs`; then one trial call decides whether it closes again. (Written here rather than
 * with opossum, whose current releases need Node 22.)
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;
  constructor(
    private readonly threshold: number,
    private readonly resetMs: number,
  ) {}

  get open(): boolean {
    return this.failures >= this.threshold && Date.now() < this.openUntil;
  }
  success() {
    this.failures = 0;
  }
  failure() {
    this.failures += 1;
    if (this.failures >= this.threshold) this.openUntil = Date.now() + this.resetMs;
  }
}

const CONNECTION_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ENOTFOUND', 'EAI_AGAIN']);
/** Whether the error, or any error in its `cause` chain, matches. */
const anyCause = (error: unknown, matches: (e: { code?: unknown; name?: unknown }) => boolean): boolean => {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if (matches(e as { code?: unknown; name?: unknown })) return true;
  }
  return false;
};
const isConnectionFailure = (error: unknown) => anyCause(error, (e) => typeof e.code === 'string' && CONNECTION_FAILURES.has(e.code));
const isTimeout = (error: unknown) => anyCause(error, (e) => e.name === 'TimeoutError' || e.name === 'AbortError');

/** Where in the client's response the failed fetch's fields were going: the entity path plus the first field asked for. */
export function failedFieldPath(
  query: string | undefined,
  parentPath: readonly (string | number)[] | undefined,
): (string | number)[] | undefined {
  try {
    const operation = parse(query ?? '').definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    let selection = operation?.selectionSet.selections[0];
    if (selection?.kind === Kind.FIELD && selection.name.value === '_entities') selection = selection.selectionSet?.selections[0];
    if (selection?.kind === Kind.INLINE_FRAGMENT)
      selection = selection.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value !== '__typename');
    const field = selection?.kind === Kind.FIELD ? (selection.alias?.value ?? selection.name.value) : undefined;
    return [...(parentPath ?? []), ...(field ? [field] : [])];
  } catch {
    return parentPath ? [...parentPath] : undefined;
  }
}

type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * One subgraph, as the gateway reaches it: keep-alive connections from a bounded pool, a timeout,
 * one retry of a read that could not connect (never of a mutation), a circuit breaker, and errors
 * that name the service but never its address. Identity goes only in the internal token.
 *
 * It speaks HTTP with undici's `request` rather than `RemoteGraphQLDataSource`'s WHATWG `fetch`:
 * the benchmark's CPU profile showed the Request, Headers, Response and stream objects that
 * `fetch` builds for every subgraph call as the gateway's largest single cost.
 */
export class SubgraphDataSource implements GraphQLDataSource<FetchContext> {
  private readonly breaker: CircuitBreaker;
  private readonly timeoutMs: number;
  private readonly agent: Agent;

  constructor(
    readonly name: string,
    readonly url: string,
    private readonly signInternalToken: InternalTokenSigner,
    settings: SubgraphFetchSettings,
    private readonly onFetch: ((subgraph: string) => void) | undefined,
    private readonly onFetchDone?: (subgraph: string, outcome: string, seconds: number) => void,
  ) {
    this.agent = new Agent({ connections: settings.maxSockets, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });
    this.timeoutMs = settings.timeoutsMs?.[name] ?? settings.timeoutMs;
    this.breaker = new CircuitBreaker(settings.breakerThreshold, settings.breakerResetMs);
  }

  async process(options: GraphQLDataSourceProcessOptions<FetchContext>): Promise<SubgraphResponse> {
    // Only a failure needs it (to say where the missing fields were going), so it is worked out then.
    const path = () =>
      'pathInIncomingRequest' in options
        ? failedFieldPath(options.request.query, options.pathInIncomingRequest as (string | number)[])
        : undefined;
    if (this.breaker.open)
      throw this.failure(ErrorCode.SubgraphUnavailable, `The ${this.name} service is failing; not asking it for a few seconds.`, path);
    const isRead = !('incomingRequestContext' in options) || options.incomingRequestContext.operation?.operation !== 'mutation';
    const started = process.hrtime.bigint();
    const done = (outcome: string) => this.onFetchDone?.(this.name, outcome, Number(process.hrtime.bigint() - started) / 1e9);
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await this.send(options);
        this.breaker.success();
        done('ok');
        return response;
      } catch (error) {
        done(isTimeout(error) ? 'timeout' : 'error');
        if (isRead && attempt === 0 && isConnectionFailure(error) && !isTimeout(error)) continue;
        if (error instanceof SubgraphRefused && error.status < 500)
          throw this.failure(ErrorCode.SubgraphUnavailable, `The ${this.name} service refused the request.`, path);
        this.breaker.failure();
        if (isTimeout(error))
          throw this.failure(ErrorCode.SubgraphTimeout, `The ${this.name} service did not answer within ${this.timeoutMs} ms.`, path);
        throw this.failure(ErrorCode.SubgraphUnavailable, `The ${this.name} service is unavailable.`, path);
      }
    }
  }

  /** One HTTP exchange: the caller in the internal token, the request id and trace context along. */
  private async send({ request, context }: GraphQLDataSourceProcessOptions<FetchContext>): Promise<SubgraphResponse> {
    this.onFetch?.(this.name);
    const headers: Record<string, string> = {};
    for (const [name, value] of request.http?.headers ?? []) headers[name] = value;
    headers['content-type'] = 'application/json';
    headers[INTERNAL_TOKEN_HEADER] = await this.signInternalToken(context.viewer ?? null, context.client ?? { ip: null });
    if (context.requestId) headers['x-request-id'] = context.requestId;
    injectTraceContext((key, value) => {
      headers[key] = value;
    });
    const { query, variables, operationName, extensions } = request;
    const response = await undiciRequest(this.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables, operationName, extensions }),
      dispatcher: this.agent,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const contentType = response.headers['content-type'];
    const isJson = typeof contentType === 'string' && /^application\/(graphql-response\+)?json/.test(contentType);
    const body: unknown = isJson ? await response.body.json() : await response.body.text();
    // A 400 that blames only the input (a variable the subgraph could not take) is the client's to
    // read: relayed with its codes, not blamed on the subgraph. The gateway checks input first, so
    // this is the second line of defence.
    if (response.statusCode === 400 && blamesInput(body)) return body as SubgraphResponse;
    if (response.statusCode < 200 || response.statusCode > 299) throw new SubgraphRefused(response.statusCode);
    if (typeof body !== 'object' || body === null) throw new Error(`The ${this.name} service did not answer with JSON.`);
    return body as SubgraphResponse;
  }

  private failure(code: ErrorCode, message: string, path: () => (string | number)[] | undefined) {
    return new PublicError(message, code, { path: path(), extensions: { serviceName: this.name } });
  }
}

/** A GraphQL answer whose every error is BAD_USER_INPUT. */
const blamesInput = (body: unknown): boolean => {
  const errors = (body as { errors?: unknown } | null)?.errors;
  return (
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every((e) => (e as { extensions?: { code?: unknown } })?.extensions?.code === ErrorCode.BadUserInput)
  );
};

/** A subgraph answered with an HTTP error status (its body is not passed on to the client). */
class SubgraphRefused extends Error {
  constructor(readonly status: number) {
    super(`The subgraph answered with HTTP ${status}.`);
  }
}
