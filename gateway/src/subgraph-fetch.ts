import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { INTERNAL_TOKEN_HEADER, injectTraceContext, signInternalToken, type ClientInfo, type Viewer } from '@supergraph/service-kit';
import { GraphQLError, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { Agent, fetch as undiciFetch } from 'undici';

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
  constructor(private readonly threshold: number, private readonly resetMs: number) {}

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
function responsePath(query: string | undefined, parentPath: readonly (string | number)[] | undefined): (string | number)[] | undefined {
  try {
    const operation = parse(query ?? '').definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    let selection = operation?.selectionSet.selections[0];
    if (selection?.kind === Kind.FIELD && selection.name.value === '_entities') selection = selection.selectionSet?.selections[0];
    if (selection?.kind === Kind.INLINE_FRAGMENT) selection = selection.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value !== '__typename');
    const field = selection?.kind === Kind.FIELD ? (selection.alias?.value ?? selection.name.value) : undefined;
    return [...(parentPath ?? []), ...(field ? [field] : [])];
  } catch {
    return parentPath ? [...parentPath] : undefined;
  }
}

/**
 * One subgraph, as the gateway reaches it: keep-alive connections from a bounded pool, a timeout,
 * one retry of a read that could not connect (never of a mutation), a circuit breaker, and errors
 * that name the service but never its address. Identity goes only in the internal token.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<FetchContext> {
  private readonly breaker: CircuitBreaker;
  private readonly timeoutMs: number;

  constructor(
    readonly name: string,
    url: string,
    private readonly internalSecret: string,
    settings: SubgraphFetchSettings,
    private readonly onFetch: ((subgraph: string) => void) | undefined,
    private readonly onFetchDone?: (subgraph: string, outcome: string, seconds: number) => void,
  ) {
    const agent = new Agent({ connections: settings.maxSockets, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });
    const timeoutMs = settings.timeoutsMs?.[name] ?? settings.timeoutMs;
    super({
      url,
      fetcher: ((input: string, init: Record<string, unknown>) =>
        undiciFetch(input, { ...init, dispatcher: agent, signal: AbortSignal.timeout(timeoutMs) } as never)) as never,
    });
    this.timeoutMs = timeoutMs;
    this.breaker = new CircuitBreaker(settings.breakerThreshold, settings.breakerResetMs);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<FetchContext>) {
    this.onFetch?.(this.name);
    request.http?.headers.set(INTERNAL_TOKEN_HEADER, await signInternalToken(context.viewer ?? null, this.internalSecret, context.client ?? { ip: null }));
    if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
    injectTraceContext((key, value) => request.http?.headers.set(key, value));
  }

  override async process(options: GraphQLDataSourceProcessOptions<FetchContext>) {
    const path = 'pathInIncomingRequest' in options ? responsePath(options.request.query, options.pathInIncomingRequest as (string | number)[]) : undefined;
    if (this.breaker.open) throw this.failure('SUBGRAPH_UNAVAILABLE', `The ${this.name} service is failing; not asking it for a few seconds.`, path);
    const isRead = !('incomingRequestContext' in options) || options.incomingRequestContext.operation?.operation !== 'mutation';
    const started = process.hrtime.bigint();
    const done = (outcome: string) => this.onFetchDone?.(this.name, outcome, Number(process.hrtime.bigint() - started) / 1e9);
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await super.process(options);
        this.breaker.success();
        done('ok');
        return response;
      } catch (error) {
        done(isTimeout(error) ? 'timeout' : 'error');
        if (isRead && attempt === 0 && isConnectionFailure(error) && !isTimeout(error)) continue;
        if (error instanceof GraphQLError && typeof error.extensions.response === 'object' && (error.extensions.response as { status?: number }).status! < 500) throw this.failure('SUBGRAPH_UNAVAILABLE', `The ${this.name} service refused the request.`, path);
        this.breaker.failure();
        if (isTimeout(error)) throw this.failure('SUBGRAPH_TIMEOUT', `The ${this.name} service did not answer within ${this.timeoutMs} ms.`, path);
        throw this.failure('SUBGRAPH_UNAVAILABLE', `The ${this.name} service is unavailable.`, path);
      }
    }
  }

  private failure(code: string, message: string, path: (string | number)[] | undefined) {
    return new GraphQLError(message, { path, extensions: { code, serviceName: this.name } });
  }
}
