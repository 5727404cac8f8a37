import { readFileSync } from 'node:fs';
import type { PlanNode, SubscriptionNode } from '@apollo/query-planner';
import { extractAuthorization, Planner, SUPERGRAPH_SDL } from '@supergraph/gateway';
import { parse } from 'graphql';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { following, startTestPlatform, watch, wsClient, type TestPlatform } from './harness/index.ts';

let platform: TestPlatform;
beforeAll(async () => {
  // At least 50 customers in the store, each with a few orders. Relays and consumers poll only
  // once a minute, so none of their statements lands inside a measured request (they did, now
  // and then, at the default of once a second on a loaded machine).
  platform = await startTestPlatform({
    demoSize: { customersPerStore: 55, averageOrdersPerCustomer: 3 },
    env: { EVENTS_POLL_MS: '60000' },
  });
});
afterAll(() => platform?.stop());

const STAFF_VIEW = `query StaffView($first: Int!) {
  customers(first: $first) {
    totalCount
    edges {
      node {
        id email customerNumber
        store { name menu { name } }
        addresses { city }
        orderCount
        delivered: orderCount(status: DELIVERED)
        orders(first: 3) { totalCount edges { node { id orderNumber totalCents items { name } store { name } customer { email } payments { id } } } }
        payments(first: 3) { totalCount edges { node { id } } }
        metrics { totalOrders totalSpentCents }
      }
    }
  }
}`;

async function measure(first: number) {
  const staff = await platform.login('staff@napoli.example');
  platform.resetCounters();
  const result: any = await platform.gql(STAFF_VIEW, { first }, staff);
  expect(result.errors).toBeUndefined();
  expect(result.data.customers.edges).toHaveLength(first);
  return { statements: platform.statementCounts(), fetches: Object.fromEntries(platform.subgraphFetches) };
}

test('one customer or fifty: the same SQL statements per subgraph and the same subgraph fetches', async () => {
  const one = await measure(1);
  const fifty = await measure(50);
  expect(fifty.statements).toEqual(one.statements);
  expect(fifty.fetches).toEqual(one.fetches);
  // And the numbers stay small: at most two statements (a row load and a batched child load) per
  // fetch of the query plan, and one per totalCount asked for (a batched count), never one per
  // customer. The gateway may send several of the plan's fetches to one subgraph as one request,
  // so the plan's own count is the measure.
  const planned = plannedFetches(STAFF_VIEW);
  // customers(totalCount) and payments(totalCount); orders' shares the orderCount loader.
  const totals: Record<string, number> = { customers: 1, payments: 1 };
  // And one more per fetch where staff read other people's data (customers' profiles, orders' orders,
  // payments' payments, analytics' metrics): the data access log's entries of that fetch, one statement for every person in it.
  const accessLogged = new Set(['customers', 'orders', 'payments', 'analytics']);
  for (const [subgraph, count] of Object.entries(fifty.statements)) {
    const audits = accessLogged.has(subgraph) ? (planned[subgraph] ?? 0) : 0;
    expect(count, subgraph).toBeLessThanOrEqual(2 * (planned[subgraph] ?? 0) + (totals[subgraph] ?? 0) + audits);
    expect(fifty.fetches[subgraph]).toBeLessThanOrEqual(planned[subgraph]!);
  }
});

const KITCHEN_BOARD = `subscription {
  storeOrderUpdates {
    id status items { name } store { name }
    customer { email firstName metrics { totalOrders totalSpentCents } orderCount }
    payments { status refundedCents }
  }
}`;

test("each subscription event is resolved through the plan like a query: at most the plan's fetches, batched", async () => {
  const customer = await platform.register('napoli');
  const place = async () => {
    platform.resetCounters();
    await platform.placeOrder(customer.token);
  };
  // What placing an order costs in subgraph fetches with nobody watching...
  await place();
  const alone = Object.fromEntries(platform.subgraphFetches);
  // ...and with the kitchen board open: the difference is what one event cost.
  const staff = await platform.login('staff@napoli.example');
  const client = wsClient(platform.gatewayUrl, staff);
  const board = watch(client, KITCHEN_BOARD);
  await following(platform, 1);
  await place();
  const [event] = await board.atLeast(1);
  expect(event!.errors).toBeUndefined();
  const watched = Object.fromEntries(platform.subgraphFetches);
  const perEvent = Object.fromEntries(
    [...new Set([...Object.keys(alone), ...Object.keys(watched)])].map((name) => [name, (watched[name] ?? 0) - (alone[name] ?? 0)]),
  );
  // The primary fetch is the subscription itself (over the WebSocket); the rest is the plan's.
  const planned = plannedFetches(KITCHEN_BOARD);
  expect(Object.values(perEvent).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  for (const [subgraph, count] of Object.entries(perEvent)) expect(count, subgraph).toBeLessThanOrEqual(planned[subgraph] ?? 0);
  board.stop();
  await client.dispose();
});

/** Fetches per subgraph in the gateway's query plan for `query` (for a subscription: those after its primary fetch). */
function plannedFetches(query: string): Record<string, number> {
  const planner = new Planner(extractAuthorization(readFileSync(SUPERGRAPH_SDL, 'utf8')).executableSdl);
  const counts: Record<string, number> = {};
  const walk = (node: PlanNode | SubscriptionNode | undefined): void => {
    if (!node) return;
    if (node.kind === 'Fetch') counts[node.serviceName] = (counts[node.serviceName] ?? 0) + 1;
    else if (node.kind === 'Sequence' || node.kind === 'Parallel') node.nodes.forEach(walk);
    else if (node.kind === 'Flatten') walk(node.node);
    else if (node.kind === 'Condition') {
      walk(node.ifClause);
      walk(node.elseClause);
    } else if (node.kind === 'Subscription') walk(node.rest);
  };
  walk(planner.prepare('batching', parse(query), undefined).plan.node);
  return counts;
}
