import { analytics } from '@supergraph/analytics';
import { customers, seedDemo as seedCustomers } from '@supergraph/customers';
import { advanceDemoOrders, orders, seedDemo as seedOrders } from '@supergraph/orders';
import { payDemoOrders, payments } from '@supergraph/payments';
import type { Database, SubgraphConfig, SubgraphDefinition } from '@supergraph/service-kit';
import type { Dataset } from './demo/dataset.ts';

/** One step of the demo data, taken by a subgraph's own code on its own database. */
export interface DemoStep<C extends SubgraphConfig = SubgraphConfig, S extends Record<string, unknown> = Record<string, unknown>> {
  /** Steps run in this order across subgraphs, every event settled between two steps. */
  order: number;
  /** Resolves to `false` when the demo data is already there: then nothing more is loaded. */
  run(db: Database<S>, dataset: Dataset, config: C): Promise<unknown>;
}

export interface RegisteredSubgraph {
  definition: SubgraphDefinition;
  demo: DemoStep[];
}

/** A registry entry: the subgraph's definition, and its part of the demo data (typed by that subgraph). */
const entry = <N extends string, C extends SubgraphConfig, S extends Record<string, unknown>, Ctx>(
  definition: SubgraphDefinition<C, S, Ctx> & { name: N },
  demo: DemoStep<C, S>[] = [],
) => ({
  definition,
  demo,
});

/**
 * Every subgraph of the platform, in the order they start: the one list that `npm start`, separate
 * mode, the operator commands, the tests and the benchmark read (and that supergraph.yaml is
 * checked against). A new domain adds its line here and nothing anywhere else.
 */
export const SUBGRAPHS = [
  entry(customers, [
    { order: 10, run: (db, dataset, config) => seedCustomers(db, dataset.customers, { passwordLogN: config.auth.passwordLogN }) },
  ]),
  entry(orders, [
    { order: 20, run: (db, dataset) => seedOrders(db, dataset.orders) },
    {
      order: 40,
      run: (db, dataset) =>
        advanceDemoOrders(
          db,
          dataset.fates.filter((f) => f.status !== 'PENDING_PAYMENT' && f.status !== 'CONFIRMED'),
        ),
    },
  ]),
  entry(payments, [
    {
      order: 30,
      run: (db, dataset) =>
        payDemoOrders(
          db,
          dataset.fates.filter((f) => f.paid).map((f) => f.orderId),
        ),
    },
  ]),
  entry(analytics),
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
