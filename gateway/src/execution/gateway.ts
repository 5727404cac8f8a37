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
import { executePlan, executeSubscription } from './execute.ts';
import { Planner } from './plans.ts';

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

  constructor(
    private readonly inner: ApolloGateway,
    private readonly services: ReadonlyMap<string, GraphQLDataSource>,
    private readonly options: { batchFetches: boolean },
    private readonly upstream?: UpstreamSubscriptions,
  ) {}

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback) {
    return this.inner.onSchemaLoadOrUpdate((schema) => {
      this.planner = new Planner(schema.coreSupergraphSdl);
      this.apiSchema = schema.apiSchema;
      callback(schema);
    });
  }

  async load(options: Parameters<GatewayInterface['load']>[0]) {
    const { schema } = await this.inner.load(options);
    return { schema, executor: this.executor };
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
    const prepared = tracer.startActiveSpan('gateway.plan', (span) => {
      try {
        return planner.prepare(queryHash, document, request.operationName);
      } finally {
        span.end();
      }
    });
    const introspect = (field: FieldSelection) => this.introspect(apiSchema, field, definitions, request.variables);
    if (prepared.plan.node?.kind === 'Subscription') {
      // Streamed by the transport that asked for it (WebSocket, multipart HTTP); a plain request cannot carry events.
      const live = (requestContext.context as { live?: LiveRequest }).live;
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
