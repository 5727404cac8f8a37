import { ERRORS, errorCodeDef, type Schema, isAbstractType, isInterfaceType, isObjectType } from '@apollo/federation-internals';
import type { GraphQLDataSource } from '@apollo/gateway';
// The enum is not re-exported by the package's entry point; its value is the string below.
import type { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import {
  type DeferredNode,
  evaluateCondition,
  type FetchDataRewrite,
  type FetchNode,
  type PlanNode,
  type QueryPlan,
  type QueryPlanSelectionNode,
  type ResponsePath,
} from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { trace } from '@opentelemetry/api';
import { type DocumentNode, GraphQLError, type GraphQLFormattedError } from 'graphql';
import { type BatchOperation, isBatchable } from './batch.ts';
import { Channel, type ErrorCode, PublicError } from '@supergraph/service-kit';
import { failedFieldPath } from '../subgraph-fetch.ts';
import type { PreparedPlan } from './plans.ts';
import type { Introspect } from './shape.ts';

/**
 * Runs a query plan: its fetches (in sequence, in parallel, flattened over lists), the entity
 * representations each `_entities` fetch needs (keys and `@requires` inputs), the merging of every
 * answer into one tree, and the errors, with the paths of the client's response and the subgraph
 * that raised them. The tree is then cut to the operation by the plan's compiled shape.
 *
 * What it adds over `@apollo/gateway`'s executor: identical representations in one fetch are sent
 * once (a review list naming the same product ten times asks for it once), representation builders
 * and the response shape are compiled once per plan, and plan nodes are dispatched in one place:
 * `Subscription` plans run the rest of the plan per event (`executeSubscription`), and `Defer`
 * plans answer their primary part first and each deferred fragment after (`executeIncremental`).
 */

type Json = Record<string, unknown>;
type Services = ReadonlyMap<string, GraphQLDataSource>;

interface Cursor {
  path: ResponsePath;
  data: unknown;
  fullResult: Json;
}

interface Execution {
  prepared: PreparedPlan;
  services: Services;
  requestContext: GatewayGraphQLRequestContext;
  variables: Json;
  errors: unknown[];
  /** Sends entity fetches issued together as one request (queries only; off when batching is). */
  batcher?: Batcher;
  /** The part of an incremental response this execution fills (absent outside `executeIncremental`). */
  part?: Part;
  /** Signals a fetch's answer by its plan id, for the deferred fragments that depend on it. */
  fetched?: (id: string) => { resolve(): void };
}

/** One part of an incremental response while it is being fetched. */
interface Part {
  /** Starts the deferred fragments of a `Defer` node met inside it (each once what it depends on was fetched). */
  schedule(nodes: readonly DeferredNode[]): void;
}

export interface ExecutionOutcome {
  data?: Json | null;
  errors?: readonly unknown[];
  extensions?: Json;
}

const tracer = trace.getTracer('supergraph-gateway');

export async function executePlan(
  prepared: PreparedPlan,
  services: Services,
  requestContext: GatewayGraphQLRequestContext,
  introspect: Introspect,
  options: { batchFetches: boolean },
): Promise<ExecutionOutcome> {
  const execution = startExecution(prepared, services, requestContext, options);
  const data: Json = Object.create(null);
  const plan: QueryPlan = prepared.plan;
  if (plan.node?.kind === 'Subscription') throw new Error('A subscription is executed by executeSubscription.');
  if (plan.node) await executeNode(execution, plan.node, { path: [], data, fullResult: data });
  return finish(execution, data, introspect);
}

/** Where one deferred fragment applies, and what it answers there (deferSpec=20220824's `incremental` entries). */
export interface IncrementalItem {
  data: Json | null;
  /** The concrete path of the object the fragment applies to (list positions included). */
  path: (string | number)[];
  /** The fragment's `label` (the client's, or one the gateway gave it). */
  label?: string;
  errors?: unknown[];
  extensions?: Json;
}

/** One part after the first: a deferred fragment's items (one per object it applies to). */
export interface IncrementalPart {
  items: IncrementalItem[];
  /** Errors of the part that belong to none of its items. */
  errors?: unknown[];
  /** Whether more parts follow. */
  hasNext: boolean;
  label?: string;
}

/** An incremental answer: the first part now, the deferred fragments as they are answered. */
export interface IncrementalRun {
  initial: ExecutionOutcome;
  /** Absent when nothing was deferred (a `@defer(if: false)`, say): the first part is the whole answer. */
  rest?: AsyncIterableIterator<IncrementalPart>;
}

/**
 * Runs a plan made with `@defer` planned (`Defer` nodes). The primary part is executed, shaped by
 * its own selection and returned as soon as its own fetches answered, without waiting for any
 * deferred fetch. Each deferred fragment starts as soon as the fetches it depends on (the
 * planner's `depends`) have answered, while the primary part may still be running, and is sent as
 * a part of its own once its fetches answered (at each place it applies to), never before the part
 * around it. Deferred fetches issued in the same turn are batched like a query's. Errors go to the
 * part (and the item) whose fetches raised them, with the paths of the client's response.
 */
export async function executeIncremental(
  prepared: PreparedPlan,
  services: Services,
  requestContext: GatewayGraphQLRequestContext,
  introspect: Introspect,
  options: { batchFetches: boolean },
): Promise<IncrementalRun> {
  const base = startExecution(prepared, services, requestContext, options);
  const data: Json = Object.create(null);
  const root: Cursor = { path: [], data, fullResult: data };
  const fetched = new Map<string, Signal>();
  const signal = (id: string) => {
    let found = fetched.get(id);
    if (!found) {
      found = settled();
      fetched.set(id, found);
    }
    return found;
  };
  const parts = new Channel<IncrementalPart>({ limit: Number.POSITIVE_INFINITY });
  let registered = 0;
  let pending = 0;

  /** Starts deferred fragments met inside a part (`around`), each when its dependencies have answered. */
  const schedule = (nodes: readonly DeferredNode[], around: { done: Promise<void>; sent: Promise<void> }) => {
    registered += nodes.length;
    pending += nodes.length;
    for (const deferred of nodes) {
      runPart(deferred, around).catch((error: unknown) => parts.end(error));
    }
  };

  const runPart = async (deferred: DeferredNode, around: { done: Promise<void>; sent: Promise<void> }) => {
    // A fetch that is never run (its path led nowhere) never answers: the part around it ending is enough.
    await Promise.race([Promise.all(deferred.depends.map((d) => signal(d.id).promise)), around.done]);
    const done = settled();
    const sent = settled();
    const part: Part = { schedule: (nodes) => schedule(nodes, { done: done.promise, sent: sent.promise }) };
    const own: Execution = { ...base, errors: [], part, fetched: signal };
    try {
      if (deferred.node) await executeNode(own, deferred.node, root);
    } finally {
      done.resolve();
    }
    const answered = answerPart(prepared, deferred, own, data, introspect);
    await around.sent;
    // Counted down only now: the parts it deferred in turn were counted when they were met.
    pending -= 1;
    answered.hasNext = pending > 0;
    parts.push(answered);
    sent.resolve();
    if (pending === 0) parts.end();
  };

  const primaryDone = settled();
  const primary: Part = {
    // The first part is returned, not queued: whatever is queued is read after it.
    schedule: (nodes) => schedule(nodes, { done: primaryDone.promise, sent: Promise.resolve() }),
  };
  const execution: Execution = { ...base, part: primary, fetched: signal };
  const node = prepared.plan.node;
  if (node?.kind === 'Subscription') throw new Error('A subscription is executed by executeSubscription.');
  try {
    if (node) await executeNode(execution, node, root);
  } finally {
    primaryDone.resolve();
  }
  // The plan's shape leaves the deferred fragments out (see compileShapes).
  const initial = await finish(execution, data, introspect);
  return registered === 0 ? { initial } : { initial, rest: parts };
}

interface Signal {
  promise: Promise<void>;
  resolve(): void;
}

const settled = (): Signal => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

/** A deferred fragment's part: its data shaped at each place it applies to, its fetch errors given to the entry they belong to. */
function answerPart(prepared: PreparedPlan, deferred: DeferredNode, own: Execution, data: Json, introspect: Introspect): IncrementalPart {
  // Every @defer of a plan for an incremental answer is labelled (plans.ts).
  const partShape = deferred.label !== undefined ? prepared.partShape(deferred.label) : undefined;
  if (!partShape) throw new Error(`No shape for the deferred part "${deferred.label}".`);
  const items: IncrementalItem[] = [];
  for (const { path, value } of placesOf(prepared, data, deferred.queryPath)) {
    const item: IncrementalItem = { data: {}, path };
    if (deferred.label !== undefined) item.label = deferred.label;
    if (partShape) {
      try {
        const shaped = partShape(value, own.variables, introspect, path);
        item.data = shaped.data ?? null;
        // As for a whole response: value-completion problems are an extension when no fetch failed.
        if (shaped.errors.length > 0 && own.errors.length === 0) item.extensions = { valueCompletion: shaped.errors };
      } catch (error) {
        // What a subgraph answered does not fit the schema: this item fails, not the response.
        item.data = null;
        item.errors = [
          error instanceof GraphQLError ? error : new GraphQLError((error as Error).message, { originalError: error as Error }),
        ];
      }
    }
    items.push(item);
  }
  const orphans: unknown[] = [];
  for (const error of own.errors) {
    const errorPath = (error as { path?: readonly (string | number)[] }).path;
    const owner = errorPath ? longestPrefix(items, errorPath) : undefined;
    if (!owner) orphans.push(error);
    else if (owner.errors) owner.errors.push(error);
    else owner.errors = [error];
  }
  const answered: IncrementalPart = { items, hasNext: true };
  if (orphans.length > 0) answered.errors = orphans;
  if (deferred.label !== undefined) answered.label = deferred.label;
  return answered;
}

/** Each object a deferred fragment at `queryPath` applies to, with its concrete path (through lists). */
function placesOf(prepared: PreparedPlan, data: Json, queryPath: readonly string[]): { path: (string | number)[]; value: Json }[] {
  let level: { path: (string | number)[]; value: unknown }[] = [{ path: [], value: data }];
  const spread = (places: typeof level) => {
    const out: typeof level = [];
    const walk = (path: (string | number)[], value: unknown) => {
      if (value === null || value === undefined) return;
      if (!Array.isArray(value)) out.push({ path, value });
      else for (let i = 0; i < value.length; i++) walk([...path, i], value[i]);
    };
    for (const place of places) walk(place.path, place.value);
    return out;
  };
  for (const key of queryPath) {
    const next: typeof level = [];
    for (const { path, value } of spread(level)) {
      const object = value as Json;
      if (key.startsWith('... on ')) {
        if (isOfType(prepared.supergraph, object, key.slice('... on '.length).trim(), true)) next.push({ path, value });
      } else if (Object.hasOwn(object, key)) {
        next.push({ path: [...path, key], value: object[key] });
      }
    }
    level = next;
  }
  return spread(level) as { path: (string | number)[]; value: Json }[];
}

/** The item whose path is the longest prefix of `path`. */
function longestPrefix(items: IncrementalItem[], path: readonly (string | number)[]): IncrementalItem | undefined {
  let best: IncrementalItem | undefined;
  for (const item of items) {
    if (item.path.length > path.length || (best && best.path.length >= item.path.length)) continue;
    if (item.path.every((key, i) => key === path[i])) best = item;
  }
  return best;
}

/**
 * A subgraph's answer to the primary fetch of a subscription: one per event, and `joined` when it
 * confirms it is following (first, and again after each reconnection).
 */
export type PrimaryAnswer = { data?: Json | null; errors?: readonly GraphQLFormattedError[]; joined?: true };

/** A running subscription: its outcomes, and how it started. */
export interface SubscriptionRun {
  outcomes: AsyncIterableIterator<ExecutionOutcome>;
  /**
   * Resolves once the subgraph follows (null), or with its refusal when it answered an error before
   * that (a foreign or unknown id, say): then there are no outcomes.
   */
  started: Promise<ExecutionOutcome | null>;
}

/**
 * Runs a subscription plan: the primary fetch is a subscription to the subgraph that owns the root
 * field (`subscribeUpstream`); for each event it answers, the rest of the plan (the other
 * subgraphs' fields) runs as a query would, batched the same way, and the result is shaped to
 * the operation. Events are answered one at a time, in the order they arrive; the next is not
 * read before the last was taken, so a slow reader holds the subgraph back rather than memory.
 */
export function executeSubscription(
  prepared: PreparedPlan,
  services: Services,
  requestContext: GatewayGraphQLRequestContext,
  introspect: Introspect,
  options: { batchFetches: boolean },
  subscribeUpstream: (fetch: FetchNode, variables: Json) => AsyncIterableIterator<PrimaryAnswer>,
): SubscriptionRun {
  const node = prepared.plan.node;
  if (node?.kind !== 'Subscription') throw new Error('Not a subscription plan.');
  const variables = (requestContext.request.variables ?? {}) as Json;
  let upstream: AsyncIterableIterator<PrimaryAnswer> | undefined;
  // Ending the outcomes (the client left) ends the subscription to the subgraph.
  const outcomes = new Channel<ExecutionOutcome>({ limit: 100, onClose: () => void upstream?.return?.() });
  upstream = subscribeUpstream(node.primary, variablesOf(node.primary, variables));
  const source = upstream;
  let settle!: (refusal: ExecutionOutcome | null) => void;
  const started = new Promise<ExecutionOutcome | null>((resolve) => {
    settle = resolve;
  });
  const answer = async (value: PrimaryAnswer): Promise<ExecutionOutcome> => {
    const execution = startExecution(prepared, services, requestContext, options);
    const data: Json = Object.create(null);
    const root: Cursor = { path: [], data, fullResult: data };
    if (value.errors) execution.errors.push(...downstreamErrors(value.errors, node.primary, root, null));
    if (value.data) {
      applyRewrites(prepared.supergraph, node.primary.outputRewrites, value.data);
      deepMerge(data, value.data);
      if (node.rest) await executeNode(execution, node.rest, root);
    }
    return finish(execution, data, introspect);
  };
  void (async () => {
    let following = false;
    try {
      for await (const value of source) {
        if (!outcomes.isOpen) break;
        if (value.joined) {
          if (!following) settle(null);
          following = true;
          continue;
        }
        const outcome = await answer(value);
        // An error before the subgraph followed is its refusal of the subscription.
        if (!following && !value.data) {
          settle(outcome);
          outcomes.return();
          return;
        }
        following = true;
        settle(null);
        outcomes.push(outcome);
      }
      outcomes.end();
    } catch (error) {
      outcomes.end(error);
    } finally {
      settle(null);
    }
  })();
  return { outcomes, started };
}

function startExecution(
  prepared: PreparedPlan,
  services: Services,
  requestContext: GatewayGraphQLRequestContext,
  options: { batchFetches: boolean },
): Execution {
  const variables = (requestContext.request.variables ?? {}) as Json;
  const execution: Execution = { prepared, services, requestContext, variables, errors: [] };
  // Mutations run their fetches one after the other by definition; queries and subscription events batch.
  if (options.batchFetches && prepared.operation.rootKind !== 'mutation')
    execution.batcher = new Batcher(requestContext, prepared.batchOperation);
  return execution;
}

function variablesOf(fetch: FetchNode, all: Json): Json {
  const variables: Json = Object.create(null);
  for (const name of fetch.variableUsages ?? []) {
    if (Object.hasOwn(all, name) && all[name] !== undefined) variables[name] = all[name];
  }
  return variables;
}

async function finish(execution: Execution, data: Json, introspect: Introspect): Promise<ExecutionOutcome> {
  const { prepared, variables } = execution;
  let shaped: ReturnType<PreparedPlan['shape']>;
  try {
    shaped = prepared.shape(data, variables, introspect);
  } catch (error) {
    return {
      errors: [error instanceof GraphQLError ? error : new GraphQLError((error as Error).message, { originalError: error as Error })],
    };
  }
  const { errors } = execution;
  // As @apollo/gateway and the router do: value-completion problems are reported as an extension
  // when nothing else failed (and dropped when a fetch failed, which usually caused them).
  if (errors.length === 0 && shaped.errors.length > 0) return { extensions: { valueCompletion: shaped.errors }, data: shaped.data };
  return errors.length === 0 ? { data: shaped.data } : { errors, data: shaped.data };
}

async function executeNode(execution: Execution, node: PlanNode, cursor: Cursor | undefined): Promise<void> {
  if (!cursor) return;
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await executeNode(execution, child, cursor);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => executeNode(execution, child, cursor)));
      return;
    case 'Flatten':
      return executeNode(execution, node.node, moveInto(cursor, node.path));
    case 'Fetch':
      try {
        await tracer.startActiveSpan('gateway.fetch', { attributes: { service: node.serviceName } }, async (span) => {
          try {
            await executeFetch(execution, node, cursor);
          } finally {
            span.end();
          }
        });
      } catch (error) {
        execution.errors.push(error);
      } finally {
        if (node.id !== undefined) execution.fetched?.(node.id).resolve();
      }
      return;
    case 'Condition': {
      const branch = evaluateCondition(node, execution.prepared.operation.variableDefinitions, execution.variables)
        ? node.ifClause
        : node.elseClause;
      if (branch) await executeNode(execution, branch, cursor);
      return;
    }
    case 'Defer': {
      // Plans with Defer nodes are made only for requests that can receive parts (see executeIncremental).
      const part = execution.part;
      if (!part) throw new Error('A Defer node outside an incremental execution.');
      // Scheduled first: a deferred fragment may start while the primary is still running.
      part.schedule(node.deferred);
      if (node.primary.node) await executeNode(execution, node.primary.node, cursor);
      return;
    }
  }
}

function moveInto(cursor: Cursor, path: ResponsePath): Cursor | undefined {
  const data = flatten(cursor.data, path, 0);
  return data ? { path: cursor.path.concat(path), data, fullResult: cursor.fullResult } : undefined;
}

function flatten(value: unknown, path: ResponsePath, from: number): unknown {
  if (from === path.length || value === undefined || value === null) return value;
  const current = path[from];
  if (current === '@') return (value as unknown[]).flatMap((element) => flatten(element, path, from + 1));
  if (typeof current !== 'string') throw new Error(`Unexpected ${typeof current} found in path`);
  if (Array.isArray(value)) throw new Error(`Unexpected array in result for path element ${current}`);
  const object = value as Json;
  return flatten(Object.hasOwn(object, current) ? object[current] : undefined, path, from + 1);
}

async function executeFetch(execution: Execution, fetch: FetchNode, cursor: Cursor): Promise<void> {
  const service = execution.services.get(fetch.serviceName);
  if (!service) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  const entities: Json[] = Array.isArray(cursor.data)
    ? (cursor.data.filter((e) => e !== null && e !== undefined) as Json[])
    : [cursor.data as Json];
  if (entities.length < 1) return;

  const variables = variablesOf(fetch, execution.variables);

  if (!fetch.requires) {
    const received = await send(execution, service, fetch, cursor, variables, null);
    if (received) applyRewrites(execution.prepared.supergraph, fetch.outputRewrites, received);
    for (const entity of entities) deepMerge(entity, received);
    return;
  }

  // One representation per distinct entity: `slots[i]` is the representation entity `i` is answered by.
  const builder = execution.prepared.representationBuilder(fetch);
  const representations: Json[] = [];
  const slots: number[] = new Array(entities.length).fill(-1);
  const seen = new Map<string, number>();
  for (let i = 0; i < entities.length; i++) {
    const representation = builder(entities[i]!);
    if (!representation?.__typename) continue;
    applyRewrites(execution.prepared.supergraph, fetch.inputRewrites, representation);
    const key = JSON.stringify(representation);
    let slot = seen.get(key);
    if (slot === undefined) {
      slot = representations.push(representation) - 1;
      seen.set(key, slot);
    }
    slots[i] = slot;
  }
  if (representations.length < 1) return;
  if ('representations' in variables) throw new Error('Variables cannot contain key "representations"');

  const received = await send(execution, service, fetch, cursor, { ...variables, representations }, slots);
  if (!received) return;
  const answered = received._entities;
  if (!Array.isArray(answered)) throw new Error('Expected "data._entities" in response to be an array');
  if (answered.length !== representations.length)
    throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
  for (let i = 0; i < entities.length; i++) {
    const slot = slots[i]!;
    if (slot < 0) continue;
    const entity = entities[i]!;
    const answer = answered[slot] as Json | null;
    if (answer && !answer.__typename) answer.__typename = entity.__typename;
    applyRewrites(execution.prepared.supergraph, fetch.outputRewrites, answer);
    deepMerge(entity, answer);
  }
}

type SubgraphAnswer = { data?: Json | null; errors?: readonly GraphQLFormattedError[] };

/** The subgraph's `data`, its errors recorded with the client's paths. */
async function send(
  execution: Execution,
  service: GraphQLDataSource,
  fetch: FetchNode,
  cursor: Cursor,
  variables: Json,
  slots: number[] | null,
): Promise<Json | null | undefined> {
  const response =
    execution.batcher && isBatchable(fetch)
      ? await execution.batcher.request(fetch.serviceName, service, fetch, cursor, variables)
      : await exchange(
          execution.requestContext,
          service,
          fetch.operation,
          fetch.operationName,
          variables,
          cursor.path,
          fetch.operationDocumentNode,
        );
  if (response.errors) execution.errors.push(...downstreamErrors(response.errors, fetch, cursor, slots));
  return response.data;
}

/** One HTTP exchange with a subgraph (timeouts, retries, the breaker and the internal token are the data source's). */
async function exchange(
  requestContext: GatewayGraphQLRequestContext,
  service: GraphQLDataSource,
  query: string,
  operationName: string | undefined,
  variables: Json,
  path: ResponsePath,
  document?: DocumentNode,
): Promise<SubgraphAnswer> {
  const response = await service.process({
    kind: 'incoming operation' as GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query, variables, operationName },
    incomingRequestContext: requestContext,
    context: requestContext.context,
    document,
    pathInIncomingRequest: path,
  });
  return response as SubgraphAnswer;
}

interface Pending {
  service: GraphQLDataSource;
  fetch: FetchNode;
  cursor: Cursor;
  variables: Json;
  resolve(answer: SubgraphAnswer): void;
  reject(error: unknown): void;
}

/**
 * Collects the entity fetches a request issues in one turn of the event loop and sends those to
 * the same subgraph as one operation (see batch.ts). For queries and each event of a
 * subscription; a mutation's fetches run one after the other by definition.
 */
class Batcher {
  private queues = new Map<string, Pending[]>();
  private scheduled = false;

  constructor(
    private readonly requestContext: GatewayGraphQLRequestContext,
    private readonly combined: (fetches: readonly FetchNode[]) => BatchOperation,
  ) {}

  request(serviceName: string, service: GraphQLDataSource, fetch: FetchNode, cursor: Cursor, variables: Json): Promise<SubgraphAnswer> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(serviceName);
      const pending = { service, fetch, cursor, variables, resolve, reject };
      if (queue) queue.push(pending);
      else this.queues.set(serviceName, [pending]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush() {
    this.scheduled = false;
    const queues = this.queues;
    this.queues = new Map();
    for (const queue of queues.values()) {
      if (queue.length === 1) {
        const [only] = queue as [Pending];
        exchange(this.requestContext, only.service, only.fetch.operation, only.fetch.operationName, only.variables, only.cursor.path).then(
          only.resolve,
          only.reject,
        );
      } else {
        // Whatever goes wrong in putting the request together fails its fetches, not the process.
        this.sendTogether(queue).catch((error: unknown) => {
          for (const pending of queue) pending.reject(error);
        });
      }
    }
  }

  private async sendTogether(queue: Pending[]) {
    const batch = this.combined(queue.map((p) => p.fetch));
    const variables: Json = {};
    queue.forEach((pending, i) => {
      const { representations, ...rest } = pending.variables;
      Object.assign(variables, rest);
      variables[batch.members[i]!.variable] = representations;
    });
    let answer: SubgraphAnswer;
    try {
      answer = await exchange(this.requestContext, queue[0]!.service, batch.query, batch.operationName, variables, queue[0]!.cursor.path);
    } catch (error) {
      // Each fetch fails as it would have alone: its own path, the subgraph's name.
      queue.forEach((pending) => {
        pending.reject(
          error instanceof PublicError
            ? new PublicError(error.message, error.extensions.code as ErrorCode, {
                path: failedFieldPath(pending.fetch.operation, pending.cursor.path),
                extensions: { serviceName: error.extensions.serviceName },
              })
            : error,
        );
      });
      return;
    }
    const errorsOf = queue.map((): GraphQLFormattedError[] => []);
    for (const error of answer.errors ?? []) {
      const member = batch.members.findIndex((m) => m.alias === error.path?.[0]);
      // An error of the whole request (no path of one member's) is each member's, as it would have been alone.
      if (member < 0) for (const errors of errorsOf) errors.push(error);
      else errorsOf[member]!.push({ ...error, path: ['_entities', ...error.path!.slice(1)] });
    }
    queue.forEach((pending, i) => {
      const data = answer.data ? { _entities: answer.data[batch.members[i]!.alias] } : answer.data;
      pending.resolve({ data, ...(errorsOf[i]!.length > 0 ? { errors: errorsOf[i] } : {}) });
    });
  }
}

/**
 * A subgraph's errors, each with the path of the client's response (an `_entities` index is turned
 * into the path of the entity it answered) and `serviceName`. A deduplicated representation's error
 * is reported once for every entity it stood for, in the order of those entities.
 */
function downstreamErrors(
  errors: readonly GraphQLFormattedError[],
  fetch: FetchNode,
  cursor: Cursor,
  slots: number[] | null,
): GraphQLError[] {
  let paths: ResponsePath[] | undefined;
  const entityPaths = () => {
    if (!paths) {
      paths = [];
      hydratePaths([], cursor.path, 0, cursor.fullResult, paths);
    }
    return paths;
  };
  let bySlot: Map<number, number[]> | undefined;
  const entitiesOf = (slot: number): number[] => {
    if (!slots) return [slot];
    if (!bySlot) {
      bySlot = new Map();
      slots.forEach((s, i) => {
        if (s < 0) return;
        const list = bySlot!.get(s);
        if (list) list.push(i);
        else bySlot!.set(s, [i]);
      });
    }
    return bySlot.get(slot) ?? [];
  };
  const out: { error: GraphQLError; order: number }[] = [];
  errors.forEach((original, position) => {
    const errorPath = original.path;
    if (fetch.requires && typeof errorPath?.[1] === 'number') {
      const slot = errorPath[1];
      const entities = entitiesOf(slot);
      for (const entity of entities) {
        out.push({
          error: downstreamError(original, fetch.serviceName, [...(entityPaths()[entity] ?? []), ...errorPath.slice(2)]),
          order: entity,
        });
      }
    } else {
      out.push({
        error: downstreamError(original, fetch.serviceName, errorPath ? [...cursor.path, ...errorPath] : undefined),
        order: position,
      });
    }
  });
  return (slots ? out.sort((a, b) => a.order - b.order) : out).map((e) => e.error);
}

function downstreamError(original: GraphQLFormattedError, serviceName: string, path: ResponsePath | undefined): GraphQLError {
  const message = original.message || `Error while fetching subquery from service "${serviceName}"`;
  const options = { originalError: original as Error, path, extensions: { ...original.extensions, serviceName } };
  const known = errorCodeDef(original);
  if (!known && original.extensions?.code) return new GraphQLError(message, options);
  return (known ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}

/** Every concrete path `["a", "@", "b"]` reaches in `data` (`["a", 0, "b"]`, …), as @apollo/gateway numbers entities. */
function hydratePaths(parent: ResponsePath, path: ResponsePath, from: number, data: unknown, out: ResponsePath[]): void {
  if (data === null || data === undefined) return;
  const head = path[from];
  if (head === undefined) {
    out.push(parent.slice());
  } else if (head === '@' || (typeof head === 'string' && Array.isArray(data))) {
    if (!Array.isArray(data)) throw new Error('expected array when encountering `@`');
    const next = head === '@' ? from + 1 : from;
    data.forEach((value, i) => {
      parent.push(i);
      hydratePaths(parent, path, next, value, out);
      parent.pop();
    });
  } else if (typeof head === 'string') {
    const object = data as Json;
    if (Object.hasOwn(object, head)) {
      parent.push(head);
      hydratePaths(parent, path, from + 1, object[head], out);
      parent.pop();
    }
  }
}

/** Merges a subgraph's answer into what is already known of an entity (objects key by key, lists element by element). */
export function deepMerge(target: Json, source: unknown): Json {
  if (source === undefined || source === null) return target;
  const from = source as Json;
  for (const key of Object.keys(from)) {
    const value = from[key];
    if (value === undefined) continue;
    if (key === '__proto__' && !Object.hasOwn(target, key)) {
      Object.defineProperty(target, key, { value: undefined, writable: true, enumerable: true, configurable: true });
    }
    const existing = target[key];
    if (existing && isObject(value)) {
      deepMerge(existing as Json, value);
    } else if (Array.isArray(value) && Array.isArray(existing) && value.length === existing.length) {
      for (let i = 0; i < value.length; i++) {
        if (isObject(existing[i]) && isObject(value[i])) deepMerge(existing[i] as Json, value[i]);
        else existing[i] = value[i];
      }
    } else {
      target[key] = value;
    }
  }
  return target;
}

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Whether an entity is of `typeCondition` (its `__typename`, or a subtype of it), on the supergraph. */
export function isOfType(schema: Schema, object: Json, typeCondition: string, whenUnknown = false): boolean {
  const typename = object.__typename;
  if (!typename) return whenUnknown;
  if (typename === typeCondition) return true;
  const type = schema.type(String(typename));
  const condition = schema.type(typeCondition);
  if (!type || !condition || !isAbstractType(condition)) return false;
  if (!isObjectType(type) && !isInterfaceType(type)) return false;
  return 'hasTypeMember' in condition && isObjectType(type) ? condition.hasTypeMember(type) : type.implementsInterface(condition.name);
}

/** Compiles a fetch's `requires` into a function from an entity to its representation (null when an input is missing). */
export function compileRepresentation(schema: Schema, selections: QueryPlanSelectionNode[]): (source: Json | null) => Json | null {
  const steps = selections.map((selection) => {
    if (selection.kind === 'Field') {
      const responseName = selection.alias ?? selection.name;
      const sub = selection.selections ? compileRepresentation(schema, selection.selections) : null;
      return { kind: 'field' as const, responseName, sub };
    }
    return {
      kind: 'fragment' as const,
      typeCondition: selection.typeCondition,
      sub: compileRepresentation(schema, selection.selections),
    };
  });
  const build = (source: Json | null): Json | null => {
    if (source === null) return null;
    // Keys here are the plan's (key and @requires fields), never a client's alias.
    const result: Json = {};
    for (const step of steps) {
      if (step.kind === 'field') {
        if (!Object.hasOwn(source, step.responseName) || source[step.responseName] === undefined) return null;
        const value = source[step.responseName];
        if (Array.isArray(value)) result[step.responseName] = step.sub ? value.map((v) => step.sub!(v as Json | null)) : value;
        else result[step.responseName] = step.sub ? step.sub(value as Json | null) : value;
      } else if (step.typeCondition && isOfType(schema, source, step.typeCondition)) {
        deepMerge(result, step.sub(source));
      }
    }
    return result;
  };
  return build;
}

/** `@apollo/query-planner`'s input and output rewrites (renamed keys, set values), as @apollo/gateway applies them. */
function applyRewrites(schema: Schema, rewrites: FetchDataRewrite[] | undefined, value: Json | null): void {
  if (!rewrites || !value) return;
  for (const rewrite of rewrites) {
    if (rewrite.path.length === 0) continue;
    const last = rewrite.path[rewrite.path.length - 1]!;
    const apply =
      rewrite.kind === 'ValueSetter'
        ? (object: Json) => {
            object[last] = rewrite.setValueTo;
          }
        : (object: Json) => {
            const found = Object.hasOwn(object, last) ? object[last] : undefined;
            if (found) {
              object[rewrite.renameKeyTo] = found;
              object[last] = undefined;
            }
          };
    applyAt(schema, rewrite.path, 0, rewrite.path.length - 1, value, apply);
  }
}

function applyAt(schema: Schema, path: string[], from: number, to: number, value: unknown, apply: (object: Json) => void): void {
  if (Array.isArray(value)) {
    for (const element of value) applyAt(schema, path, from, to, element, apply);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const object = value as Json;
  if (from === to) {
    apply(object);
    return;
  }
  const element = path[from]!;
  if (element.startsWith('... on ')) {
    if (isOfType(schema, object, element.slice('... on '.length), true)) applyAt(schema, path, from + 1, to, object, apply);
  } else {
    applyAt(schema, path, from + 1, to, Object.hasOwn(object, element) ? object[element] : undefined, apply);
  }
}
