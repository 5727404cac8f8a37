import type { FieldSelection } from '@apollo/federation-internals';
import type { ApolloGateway, GraphQLDataSource } from '@apollo/gateway';
import type {
  GatewayExecutionResult,
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
  GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';
import { trace } from '@opentelemetry/api';
import {
  type DocumentNode,
  executeSync,
  getVariableValues,
  type FieldNode,
  type GraphQLSchema,
  Kind,
  OperationTypeNode,
  type VariableDefinitionNode,
  visit,
} from 'graphql';

import { ErrorCode, PublicError } from '@supergraph/service-kit';
import type { FetchContext } from '../subgraph-fetch.ts';
import type { UpstreamSubscriptions } from '../subscriptions/upstream.ts';
import type { LiveRequest } from '../subscriptions/live.ts';
import { executeIncremental, executePlan, executeSubscription } from './execute.ts';
import { apiSchemaWithDefer, Planner } from './plans.ts';

/**
 * The variables `@defer(if: $v)`s read that are null, and those missing without a default
 * (possible for a nullable variable, since the argument has a default): the planner needs booleans.
 */
function deferConditions(
  document: DocumentNode,
  definitions: readonly VariableDefinitionNode[] | undefined,
  variables: Record<string, unknown>,
): { nulls: string[]; missing: string[] } {
  const nulls = new Set<string>();
  const missing = new Set<string>();
  visit(document, {
    Directive(node) {
      if (node.name.value !== 'defer') return;
      const condition = node.arguments?.find((a) => a.name.value === 'if')?.value;
      if (condition?.kind !== Kind.VARIABLE) return;
      const name = condition.name.value;
      const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
      const hasDefault = definitions?.some((d) => d.variable.name.value === name && d.defaultValue && d.defaultValue.kind !== Kind.NULL);
      if (value === null) nulls.add(name);
      else if (value === undefined && !hasDefault) missing.add(name);
    },
  });
  return { nulls: [...nulls], missing: [...missing] };
}

/**
 * The fallback (`GATEWAY_EXECUTOR=apollo`): `@apollo/gateway` as it is, except that the API schema
 * Apollo Server validates with declares `@defer`, as ours does. Its planner leaves `@defer` out
 * (it cannot run it), so such an operation is answered whole, as ours answers any client that does
 * not ask for parts, instead of being refused as an unknown directive.
 */
export class ApolloExecutionGateway implements GatewayInterface {
  private apiSchema: GraphQLSchema | undefined;

  constructor(private readonly inner: ApolloGateway) {}

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback) {
    return this.inner.onSchemaLoadOrUpdate((schema) => {
      this.apiSchema = apiSchemaWithDefer(schema.coreSupergraphSdl);
      callback({ apiSchema: this.apiSchema, coreSupergraphSdl: schema.coreSupergraphSdl });
    });
  }

  async load(options: Parameters<GatewayInterface['load']>[0]) {
    const { schema, executor } = await this.inner.load(options);
    return { schema: this.apiSchema ?? schema, executor };
  }

  stop() {
    return this.inner.stop();
  }
}

/** Which code runs the query plans: ours (`native`), or `@apollo/gateway`'s own (`apollo`, kept as a fallback). */
export type ExecutorKind = 'native' | 'apollo';

const tracer = trace.getTracer('supergraph-gateway');

/**
 * `@apollo/gateway` keeps loading, validating and replacing the supergraph (and Apollo Server keeps
 * parsing, validating and caching documents); this wrapper gives Apollo Server our executor instead
 * of the gateway's. It plans with `@apollo/query-planner` over the same supergraph, rebuilt
 * whenever the gateway reports a new one.
 */
export class NativeExecutionGateway implements GatewayInterface {
  private planner: Planner | undefined;
  private apiSchema: GraphQLSchema | undefined;
  private readonly introspectionDocuments = new WeakMap<FieldSelection, DocumentNode>();
  private readonly defers = new WeakMap<DocumentNode, boolean>();

  constructor(
    private readonly inner: ApolloGateway,
    private readonly services: ReadonlyMap<string, GraphQLDataSource>,
    private readonly options: { batchFetches: boolean },
    private readonly upstream?: UpstreamSubscriptions,
  ) {}

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback) {
    return this.inner.onSchemaLoadOrUpdate((schema) => {
      this.planner = new Planner(schema.coreSupergraphSdl);
      // The same API schema, declaring `@defer` (which this executor runs).
      this.apiSchema = this.planner.graphQLApiSchema;
      callback({ apiSchema: this.apiSchema, coreSupergraphSdl: schema.coreSupergraphSdl });
    });
  }

  async load(options: Parameters<GatewayInterface['load']>[0]) {
    const { schema } = await this.inner.load(options);
    return { schema: this.apiSchema ?? schema, executor: this.executor };
  }

  /** Whether a document uses `@defer` anywhere (once per parsed document). */
  private hasDefer(document: DocumentNode): boolean {
    let found = this.defers.get(document);
    if (found === undefined) {
      found = false;
      visit(document, {
        Directive: (node) => {
          if (node.name.value === 'defer') found = true;
        },
      });
      this.defers.set(document, found);
    }
    return found;
  }

  stop() {
    return this.inner.stop();
  }

  readonly executor: GatewayExecutor = async (requestContext: GatewayGraphQLRequestContext): Promise<GatewayExecutionResult> => {
    const planner = this.planner;
    const apiSchema = this.apiSchema;
    if (!planner || !apiSchema) throw new Error('The supergraph is not loaded yet.');
    const { request, document, queryHash, operation } = requestContext;
    const definitions = operation?.variableDefinitions;
    if (definitions && definitions.length > 0) {
      // Apollo Server leaves checking variable values to the gateway's executor.
      const { errors } = getVariableValues(apiSchema, definitions, request.variables ?? {});
      if (errors) return { errors };
    }
    const live = (requestContext.context as { live?: LiveRequest }).live;
    // `@defer` is answered in parts only to a client that can read them (multipart); to any other
    // it is answered with the rest, in one response, as Apollo Router does. Not for subscriptions:
    // each event is one whole answer.
    const incremental = live?.acceptsIncremental === true && operation?.operation !== 'subscription' && this.hasDefer(document);
    if (incremental) {
      // A `@defer(if: $v)` with $v not given takes the argument's default (true); null is refused.
      const { nulls, missing } = deferConditions(document, definitions, request.variables ?? {});
      if (nulls.length > 0)
        return {
          errors: [
            new PublicError(`$${nulls[0]} decides a @defer: it must be true or false, not null.`, ErrorCode.BadUserInput, {
              extensions: { field: nulls[0], http: { status: 400 } },
            }),
          ],
        };
      if (missing.length > 0) request.variables = { ...request.variables, ...Object.fromEntries(missing.map((name) => [name, true])) };
    }
    const prepared = tracer.startActiveSpan('gateway.plan', (span) => {
      try {
        return planner.prepare(queryHash, document, request.operationName, incremental);
      } finally {
        span.end();
      }
    });
    const introspect = (field: FieldSelection) => this.introspect(apiSchema, field, definitions, request.variables);
    if (prepared.plan.node?.kind === 'Subscription') {
      // Streamed by the transport that asked for it (WebSocket, multipart HTTP); a plain request cannot carry events.
      const upstream = this.upstream;
      if (!live || !upstream) {
        return {
          errors: [
            new PublicError(
              'Subscriptions are served over WebSocket (graphql-ws) at /graphql, or over HTTP with "Accept: multipart/mixed;subscriptionSpec=1.0".',
              ErrorCode.BadRequest,
            ),
          ],
        };
      }
      live.stream = executeSubscription(prepared, this.services, requestContext, introspect, this.options, (fetch, variables) =>
        upstream.subscribe(fetch, variables, requestContext.context as FetchContext),
      );
      return { data: null };
    }
    if (incremental && live) {
      const run = await executeIncremental(prepared, this.services, requestContext, introspect, this.options);
      if (run.rest) live.deferred = run.rest;
      return run.initial as GatewayExecutionResult;
    }
    return (await executePlan(prepared, this.services, requestContext, introspect, this.options)) as GatewayExecutionResult;
  };

  /** One `__schema`/`__type` field, answered by graphql-js over the API schema (as @apollo/gateway does). */
  private introspect(
    schema: GraphQLSchema,
    field: FieldSelection,
    definitions: readonly VariableDefinitionNode[] | undefined,
    variables: Record<string, unknown> | undefined,
  ): unknown {
    let document = this.introspectionDocuments.get(field);
    if (!document) {
      const selection = field.expandFragments().toSelectionNode() as FieldNode;
      const used = new Set<string>();
      visit(selection, {
        Variable: ({ name }) => {
          used.add(name.value);
        },
      });
      document = {
        kind: Kind.DOCUMENT,
        definitions: [
          {
            kind: Kind.OPERATION_DEFINITION,
            operation: OperationTypeNode.QUERY,
            variableDefinitions: definitions?.filter((d) => used.has(d.variable.name.value)),
            selectionSet: { kind: Kind.SELECTION_SET, selections: [selection] },
          },
        ],
      };
      this.introspectionDocuments.set(field, document);
    }
    const { data, errors } = executeSync({ schema, document, rootValue: {}, variableValues: variables });
    if (errors?.length || !data) throw new Error(`Introspection failed: ${errors?.[0]?.message ?? 'no data'}`);
    const name = field.element.responseName();
    return Object.hasOwn(data, name) ? data[name] : undefined;
  }
}
