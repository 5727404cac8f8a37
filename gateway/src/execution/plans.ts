import { type Operation, operationFromDocument, type Schema, Supergraph } from '@apollo/federation-internals';
import { type FetchNode, type QueryPlan, QueryPlanner } from '@apollo/query-planner';
import type { DocumentNode } from 'graphql';
import { type BatchOperation, combine } from './batch.ts';
import { compileRepresentation } from './execute.ts';
import { type CompiledShape, compileShape } from './shape.ts';

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
}

/**
 * Plans operations over one supergraph with `@apollo/query-planner` (the planner `@apollo/gateway`
 * uses, with its defaults), and keeps the most recently used plans, each compiled for execution.
 */
export class Planner {
  private readonly planner: QueryPlanner;
  private readonly apiSchema: Schema;
  private readonly supergraphSchema: Schema;
  private readonly cache = new Map<string, PreparedPlan>();

  constructor(
    coreSupergraphSdl: string,
    private readonly maxPlans = 1000,
  ) {
    const supergraph = Supergraph.build(coreSupergraphSdl);
    this.supergraphSchema = supergraph.schema;
    this.apiSchema = supergraph.apiSchema();
    this.planner = new QueryPlanner(supergraph);
  }

  /** The plan for `document`'s operation `operationName`; `key` identifies the document (its hash). */
  prepare(key: string, document: DocumentNode, operationName: string | undefined | null): PreparedPlan {
    const cacheKey = operationName ? `${key}\u0000${operationName}` : key;
    const cached = this.cache.get(cacheKey);
    if (cached) {
      // Most recently used last, so the first key is the one to drop.
      this.cache.delete(cacheKey);
      this.cache.set(cacheKey, cached);
      return cached;
    }
    const operation = operationFromDocument(this.apiSchema, document, { operationName: operationName ?? undefined });
    const plan = this.planner.buildQueryPlan(operation);
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
    const prepared: PreparedPlan = {
      plan,
      operation,
      shape: compileShape(operation),
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
    };
    this.cache.set(cacheKey, prepared);
    if (this.cache.size > this.maxPlans) this.cache.delete(this.cache.keys().next().value!);
    return prepared;
  }
}
