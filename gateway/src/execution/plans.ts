import { type Operation, operationFromDocument, type Schema, Supergraph } from '@apollo/federation-internals';
import { type FetchNode, type QueryPlan, QueryPlanner } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { type BatchOperation, combine } from './batch.ts';
import { compileRepresentation } from './execute.ts';
import { labelDefers } from '../defer.ts';
import { type CompiledShape, type PartShape, compileShapes } from './shape.ts';

/** A plan and everything derived from it that does not depend on one request. */
export interface PreparedPlan {
  plan: QueryPlan;
  /** The operation as the planner read it (on the API schema). */
  operation: Operation;
  shape: CompiledShape;
  /** The supergraph's schema: representations may hold `@inaccessible` fields, which subgraphs know. */
  supergraph: Schema;
  representationBuilder(fetch: FetchNode): (entity: Record<string, unknown>) => Record<string, unknown> | null;
  /** The one operation for entity fetches sent together (built once per combination). */
  batchOperation(fetches: readonly FetchNode[]): BatchOperation;
  /** The shape of a deferred fragment's part, by its label (plans made for incremental answers). */
  partShape(label: string): PartShape | undefined;
}

/**
 * Plans operations over one supergraph with `@apollo/query-planner` (the planner `@apollo/gateway`
 * uses, with its defaults), and keeps the most recently used plans, each compiled for execution.
 */
export class Planner {
  private readonly supergraph: Supergraph;
  private readonly planner: QueryPlanner;
  /** Plans `@defer` as incremental parts; built on the first request that can receive them. */
  private deferPlanner: QueryPlanner | undefined;
  private readonly apiSchema: Schema;
  private readonly supergraphSchema: Schema;
  private readonly cache = new Map<string, PreparedPlan>();
  /**
   * The API schema for Apollo Server to validate operations with: `@apollo/gateway`'s lacks the
   * `@defer` directive (its executor cannot run it), ours declares it.
   */
  readonly graphQLApiSchema: GraphQLSchema;

  constructor(
    coreSupergraphSdl: string,
    private readonly maxPlans = 1000,
  ) {
    this.supergraph = Supergraph.build(coreSupergraphSdl);
    this.supergraphSchema = this.supergraph.schema;
    this.apiSchema = this.supergraph.apiSchema();
    this.planner = new QueryPlanner(this.supergraph);
    this.graphQLApiSchema = this.apiSchema.toGraphQLJSSchema({ includeDefer: true });
  }

  /**
   * The plan for `document`'s operation `operationName`; `key` identifies the document (its hash).
   * With `incremental`, `@defer` fragments are planned as parts of their own (`Defer` nodes);
   * without, they are answered with the rest, in one response.
   */
  prepare(key: string, document: DocumentNode, operationName: string | undefined | null, incremental = false): PreparedPlan {
    const cacheKey = `${incremental ? 'i' : 'c'}${key}\u0000${operationName ?? ''}`;
    const cached = this.cache.get(cacheKey);
    if (cached) {
      // Most recently used last, so the first key is the one to drop.
      this.cache.delete(cacheKey);
      this.cache.set(cacheKey, cached);
      return cached;
    }
    // For an incremental answer every `@defer` is labelled: parts are shaped and authorized by label.
    const planned = incremental ? labelDefers(document) : document;
    const operation = operationFromDocument(this.apiSchema, planned, { operationName: operationName ?? undefined });
    if (incremental && !this.deferPlanner)
      this.deferPlanner = new QueryPlanner(this.supergraph, { incrementalDelivery: { enableDefer: true } });
    const planner = incremental ? this.deferPlanner! : this.planner;
    const plan = planner.buildQueryPlan(operation);
    const builders = new WeakMap<FetchNode, (entity: Record<string, unknown>) => Record<string, unknown> | null>();
    const supergraph = this.supergraphSchema;
    const batches = new Map<string, BatchOperation>();
    const numbers = new Map<FetchNode, number>();
    const numberOf = (fetch: FetchNode) => {
      let n = numbers.get(fetch);
      if (n === undefined) {
        n = numbers.size;
        numbers.set(fetch, n);
      }
      return n;
    };
    const shapes = compileShapes(operation, incremental);
    const prepared: PreparedPlan = {
      plan,
      operation,
      shape: shapes.whole,
      supergraph,
      representationBuilder(fetch) {
        let builder = builders.get(fetch);
        if (!builder) {
          builder = compileRepresentation(supergraph, fetch.requires ?? []);
          builders.set(fetch, builder);
        }
        return builder;
      },
      batchOperation(fetches) {
        const key = fetches.map(numberOf).join(',');
        let batch = batches.get(key);
        if (!batch) {
          batch = combine(fetches);
          // Which fetches meet depends on timing; a plan has few combinations that do, but keep it bounded.
          if (batches.size < 64) batches.set(key, batch);
        }
        return batch;
      },
      partShape: (label) => shapes.parts.get(label),
    };
    this.cache.set(cacheKey, prepared);
    if (this.cache.size > this.maxPlans) this.cache.delete(this.cache.keys().next().value!);
    return prepared;
  }
}

/** The API schema of a supergraph, for Apollo Server to validate with: declaring `@defer`, which `@apollo/gateway`'s leaves out. */
export const apiSchemaWithDefer = (coreSupergraphSdl: string): GraphQLSchema =>
  Supergraph.build(coreSupergraphSdl).apiSchema().toGraphQLJSSchema({ includeDefer: true });
