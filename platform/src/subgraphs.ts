import { analytics, scaleCounts as analyticsCounts, seedScale as scaleAnalytics } from '@supergraph/analytics';
import { customers, scaleCounts as customerCounts, seedDemo as seedCustomers, seedScale as scaleCustomers } from '@supergraph/customers';
import {
  advanceDemoOrders,
  orders,
  scaleCounts as orderCounts,
  seedDemo as seedOrders,
  seedScale as scaleOrders,
} from '@supergraph/orders';
import { payDemoOrders, payments, scaleCounts as paymentCounts, seedScale as scalePayments } from '@supergraph/payments';
import type { BulkProgress, Database, SubgraphConfig, SubgraphDefinition } from '@supergraph/service-kit';
import type { Dataset } from './demo/dataset.ts';
import type { ScalePlan } from './scale/plan.ts';

/** One step of the demo data, taken by a subgraph's own code on its own database. */
export interface DemoStep<C extends SubgraphConfig = SubgraphConfig, S extends Record<string, unknown> = Record<string, unknown>> {
  /** Steps run in this order across subgraphs, every event settled between two steps. */
  order: number;
  /** Resolves to `false` when the demo data is already there: then nothing more is loaded. */
  run(db: Database<S>, dataset: Dataset, config: C): Promise<unknown>;
}

/**
 * A subgraph's part of `npm run seed:scale`: its own code writes a store's bulk customers and
 * orders into its own tables, set-based (no events), and counts what the store has there.
 */
export interface ScaleStep<S extends Record<string, unknown> = Record<string, unknown>> {
  run(db: Database<S>, plan: ScalePlan, progress: BulkProgress): Promise<void>;
  /** What the store has in this subgraph's tables now, by what ("customers", "orders", …): the summary compares them. */
  counts(db: Database<S>, storeId: string): Promise<Record<string, number>>;
}

export interface RegisteredSubgraph {
  definition: SubgraphDefinition;
  demo: DemoStep[];
  /** Absent for a subgraph that keeps nothing about customers or orders in bulk. */
  scale?: ScaleStep;
}

/** A registry entry: the subgraph's definition, and its part of the demo data and of a bulk seed (typed by that subgraph). */
const entry = <N extends string, C extends SubgraphConfig, S extends Record<string, unknown>, Ctx>(
  definition: SubgraphDefinition<C, S, Ctx> & { name: N },
  demo: DemoStep<C, S>[] = [],
  scale?: ScaleStep<S>,
) => ({
  definition,
  demo,
  scale: scale as ScaleStep | undefined,
});

/**
 * Every subgraph of the platform, in the order they start: the one list that `npm start`, separate
 * mode, the operator commands, the tests and the benchmark read (and that supergraph.yaml is
 * checked against). A new domain adds its line here and nothing anywhere else.
 */
export const SUBGRAPHS = [
  entry(
    customers,
    [{ order: 10, run: (db, dataset, config) => seedCustomers(db, dataset.customers, { passwordLogN: config.auth.passwordLogN }) }],
    { run: (db, plan, progress) => scaleCustomers(db, { customers: plan.customers }, progress), counts: customerCounts },
  ),
  entry(
    orders,
    [
      { order: 20, run: (db, dataset) => seedOrders(db, dataset.orders) },
      {
        order: 40,
        run: (db, dataset) =>
          advanceDemoOrders(
            db,
            dataset.fates.filter((f) => f.status !== 'PENDING_PAYMENT' && f.status !== 'CONFIRMED'),
          ),
      },
    ],
    { run: (db, plan, progress) => scaleOrders(db, { orders: plan.orders }, progress), counts: orderCounts },
  ),
  entry(
    payments,
    [
      {
        order: 30,
        run: (db, dataset) =>
          payDemoOrders(
            db,
            dataset.fates.filter((f) => f.paid).map((f) => f.orderId),
          ),
      },
    ],
    { run: (db, plan, progress) => scalePayments(db, { orders: plan.orders }, progress), counts: paymentCounts },
  ),
  entry(analytics, [], {
    run: (db, plan, progress) => scaleAnalytics(db, { customers: plan.customers, orders: plan.orders }, progress),
    counts: analyticsCounts,
  }),
] as const satisfies readonly RegisteredSubgraph[];

export type SubgraphName = (typeof SUBGRAPHS)[number]['definition']['name'];

/** The registry as code that treats every subgraph alike reads it: each definition with its common types. */
export const REGISTRY: readonly (RegisteredSubgraph & { definition: { name: SubgraphName } })[] = SUBGRAPHS;

export const SUBGRAPH_NAMES: SubgraphName[] = REGISTRY.map((s) => s.definition.name);

/** The subgraph that issues access tokens (the one that brings its signing keys), whose key set the gateway verifies against. */
export const IDENTITY_PROVIDER: SubgraphName = (() => {
  const issuer = REGISTRY.find((r) => r.definition.signingKeys);
  if (!issuer) throw new Error('No subgraph of the registry issues access tokens; the gateway could not verify any.');
  return issuer.definition.name;
})();
