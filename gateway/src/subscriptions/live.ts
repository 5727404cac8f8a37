import type { ApolloServer } from '@apollo/server';
import { Channel, ErrorCode, logUnexpected, type Logger } from '@supergraph/service-kit';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { type Withheld, withhold } from '../authorization.ts';
import { isGeneratedLabel } from '../defer.ts';
import type { SubscriptionLimits } from '../config.ts';
import { CallerCount } from './caller-count.ts';
import type { ExecutionOutcome, IncrementalPart, SubscriptionRun } from '../execution/execute.ts';
import type { GatewayContext } from '../server.ts';

/**
 * How a transport that can stream (WebSocket, multipart HTTP) receives a subscription from the
 * executor: the context carries this, the executor puts the events here, and the authorization
 * filter what it withheld (to be completed in every event).
 */
export interface LiveRequest {
  stream?: SubscriptionRun;
  withheld?: Withheld;
  /** The client reads incremental parts (multipart `deferSpec=20220824`): `@defer` is answered in parts. */
  acceptsIncremental?: boolean;
  /** Set by the executor when it deferred something: the parts after the first. */
  deferred?: AsyncIterableIterator<IncrementalPart>;
  /** The request's variables (a deferred fragment's `if` decides which part a withheld field is answered in). */
  variables?: Record<string, unknown>;
}

/** One answer as the client receives it. */
export interface LiveResult {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
}

/** A part after the first of an incremental response, as deferSpec=20220824 writes it. */
export interface SubsequentPayload {
  hasNext: boolean;
  incremental?: {
    data: Record<string, unknown> | null;
    path: (string | number)[];
    label?: string;
    errors?: GraphQLFormattedError[];
    extensions?: Record<string, unknown>;
  }[];
  errors?: GraphQLFormattedError[];
}

/**
 * The outcome of starting an operation: its events (a subscription), its parts (a `@defer` the
 * client reads in parts), or one answer (anything else, or a refusal).
 */
export type Started =
  | { kind: 'stream'; events: AsyncIterableIterator<LiveResult> }
  | { kind: 'incremental'; initial: LiveResult; rest: AsyncIterable<SubsequentPayload>; headers: Map<string, string> }
  | { kind: 'single'; status: number; result: LiveResult; headers: Map<string, string> };

export interface OperationRequest {
  query?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  extensions?: Record<string, unknown>;
}

/** Thrown into a transport's reader when its client does not read its events fast enough. */
export { ChannelOverflowError as SlowClientError } from '@supergraph/service-kit';

/** How long to wait for the subgraph to accept a subscription before streaming regardless. */
const STARTED_WAIT_MS = 5_000;

const expired = (): LiveResult => ({
  errors: [
    {
      message: 'Your session has expired; subscribe again with a fresh access token.',
      extensions: { code: ErrorCode.Unauthenticated },
    },
  ],
});

/**
 * Starts operations for the streaming transports through Apollo Server's own pipeline, so a
 * subscription is parsed, validated, limited (depth, aliases, cost), input-checked, authorized,
 * logged and counted exactly as a query is; then streams its events, each completed by the
 * authorization filter and with its errors masked like any response's. Also keeps the limit of
 * subscriptions per caller, and ends a subscription with UNAUTHENTICATED when the caller's token expires.
 */
export class LiveOperations {
  /** Subscriptions streaming right now (a gauge). */
  active = 0;

  constructor(
    private readonly apollo: ApolloServer<GatewayContext>,
    private readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
    private readonly limits: SubscriptionLimits,
    private readonly logger: Logger,
    /** Each caller's open subscriptions: in this process, or across replicas in Redis (REDIS_URL). */
    private readonly callers: CallerCount = new CallerCount(limits.perCaller, null),
  ) {}

  async start(
    request: OperationRequest,
    context: GatewayContext,
    expiresAtMs: number | undefined,
    options: { incremental?: boolean } = {},
  ): Promise<Started> {
    const live: LiveRequest = { acceptsIncremental: options.incremental === true, variables: request.variables };
    const response = await this.apollo.executeOperation(
      { query: request.query, variables: request.variables, operationName: request.operationName, extensions: request.extensions },
      { contextValue: { ...context, live } },
    );
    const headers = new Map<string, string>();
    for (const [key, value] of response.http.headers) headers.set(key, value);
    if (live.deferred && response.body.kind === 'single') {
      return {
        kind: 'incremental',
        initial: response.body.singleResult as LiveResult,
        rest: this.parts(live.deferred, live.withheld, { ...context, live }),
        headers,
      };
    }
    const run = live.stream;
    if (!run) {
      const result =
        response.body.kind === 'single'
          ? (response.body.singleResult as LiveResult)
          : { errors: [{ message: 'This operation cannot be answered here.', extensions: { code: 'BAD_REQUEST' } }] };
      return { kind: 'single', status: response.http.status ?? 200, result, headers };
    }
    const stream = run.outcomes;
    // Counted from the moment it exists (in the order subscriptions arrive), not once the subgraph has confirmed it.
    const release = await this.callers.admit(context.viewer?.accountId ?? '');
    if (!release) {
      void stream.return?.();
      return {
        kind: 'single',
        status: 429,
        headers,
        result: {
          errors: [
            {
              message: `You have ${this.limits.perCaller} subscriptions open, the most one account may have; end one first.`,
              extensions: { code: ErrorCode.TooManyRequests, limit: 'subscriptionsPerCaller' },
            },
          ],
        },
      };
    }
    // Until the subgraph has accepted it (at most a few seconds), a refusal is still an answer of its own.
    const refusal = await Promise.race([run.started, new Promise<null>((r) => setTimeout(() => r(null), STARTED_WAIT_MS).unref())]);
    if (refusal) {
      release();
      return { kind: 'single', status: 200, result: this.format(refusal, live.withheld, context), headers };
    }
    this.active += 1;
    let expiry: NodeJS.Timeout | undefined;
    const events = new Channel<LiveResult>({
      limit: this.limits.maxQueuedEvents,
      onClose: () => {
        this.active -= 1;
        release();
        clearTimeout(expiry);
        void stream.return?.();
      },
    });
    if (expiresAtMs !== undefined) {
      const end = () => {
        events.push(expired());
        events.end();
      };
      const wait = expiresAtMs - Date.now();
      if (wait <= 0) end();
      // setTimeout's limit is about 24.8 days; no access token lives that long.
      else expiry = setTimeout(end, Math.min(wait, 2_147_000_000));
    }
    void this.pump(stream, events, live.withheld, context, expiresAtMs);
    return { kind: 'stream', events };
  }

  private async pump(
    stream: AsyncIterableIterator<ExecutionOutcome>,
    events: Channel<LiveResult>,
    withheld: Withheld | undefined,
    context: GatewayContext,
    expiresAtMs: number | undefined,
  ) {
    try {
      for await (const outcome of stream) {
        if (!events.isOpen) break;
        // Checked again at every event, not only by the timer.
        if (expiresAtMs !== undefined && Date.now() >= expiresAtMs) {
          events.push(expired());
          break;
        }
        events.push(this.format(outcome, withheld, context));
      }
    } catch (error) {
      logUnexpected(this.logger, error, { reqId: context.requestId });
      events.push({ errors: [this.formatError({ message: 'internal' }, error)] });
    } finally {
      events.end();
    }
  }

  /**
   * The parts after the first, each masked like any response and completed by the authorization
   * filter with what it withheld inside that deferred fragment; the labels the filter gave to
   * fragments the client had not labelled are taken out again.
   */
  private async *parts(
    deferred: AsyncIterableIterator<IncrementalPart>,
    withheld: Withheld | undefined,
    context: GatewayContext,
  ): AsyncGenerator<SubsequentPayload> {
    const variables = context.live?.variables ?? {};
    try {
      for await (const part of deferred) {
        const payload: SubsequentPayload = { hasNext: part.hasNext };
        const incremental = part.items.map((item) => {
          const body: { data?: Record<string, unknown> | null; errors?: unknown[] } = { data: item.data };
          if (item.errors?.length) body.errors = this.formatErrors(item.errors, context);
          if (withheld) withhold(withheld, body, { label: item.label ?? null, path: item.path, variables });
          const entry: NonNullable<SubsequentPayload['incremental']>[number] = { data: body.data ?? null, path: item.path };
          if (item.label !== undefined && !isGeneratedLabel(item.label)) entry.label = item.label;
          if (body.errors?.length) entry.errors = body.errors as GraphQLFormattedError[];
          if (item.extensions) entry.extensions = item.extensions;
          return entry;
        });
        if (incremental.length > 0) payload.incremental = incremental;
        if (part.errors?.length) payload.errors = this.formatErrors(part.errors, context);
        yield payload;
      }
    } catch (error) {
      logUnexpected(this.logger, error, { reqId: context.requestId });
      yield { hasNext: false, errors: [this.formatError({ message: 'internal' }, error)] };
    } finally {
      void deferred.return?.();
    }
  }

  private formatErrors(errors: readonly unknown[], context: GatewayContext): GraphQLFormattedError[] {
    return errors.map((error) => {
      const formatted = error instanceof GraphQLError ? error.toJSON() : (error as GraphQLFormattedError);
      if (!(error instanceof GraphQLError) && !(typeof error === 'object' && error && 'message' in error))
        logUnexpected(this.logger, error, { reqId: context.requestId });
      return this.formatError(formatted, error);
    });
  }

  private format(outcome: ExecutionOutcome, withheld: Withheld | undefined, context: GatewayContext): LiveResult {
    // Masked first, as Apollo Server formats a response's errors; then what the filter withheld
    // (errors of our own, already in their final form), as a query's response gets it.
    const errors = this.formatErrors(outcome.errors ?? [], context);
    const body: { data?: Record<string, unknown> | null; errors?: unknown[] } = { data: outcome.data ?? null };
    if (errors.length > 0) body.errors = errors;
    if (withheld) withhold(withheld, body);
    const result: LiveResult = { data: body.data ?? null };
    if (body.errors?.length) result.errors = body.errors as GraphQLFormattedError[];
    if (outcome.extensions) result.extensions = outcome.extensions;
    return result;
  }
}
