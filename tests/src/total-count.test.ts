import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

/** `totalCount` on every connection: the count of every page, with the same filter, as the caller may see it. */
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ demoSize: { customersPerStore: 7, averageOrdersPerCustomer: 3 } });
});
afterAll(() => platform?.stop());

/** Pages through a connection two at a time and counts the edges. */
async function countByPaging(query: string, path: (data: any) => any, token: string, variables: Record<string, unknown> = {}) {
  let after: string | null = null;
  let seen = 0;
  for (;;) {
    const result: any = await platform.gql(query, { ...variables, after }, token);
    expect(result.errors).toBeUndefined();
    const page = path(result.data);
    seen += page.edges.length;
    if (!page.pageInfo.hasNextPage) return { seen, totalCount: page.totalCount };
    after = page.pageInfo.endCursor;
  }
}

test("a customer's orders and payments: totalCount is every page's edges, and equals orderCount", async () => {
  const ada = await platform.login('ada@napoli.example');
  const orders = await countByPaging(
    'query ($after: String) { me { orders(first: 2, after: $after) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } } }',
    (d) => d.me.orders,
    ada,
  );
  expect(orders.totalCount).toBe(orders.seen);
  expect(orders.seen).toBeGreaterThan(2);
  const counted: any = await platform.gql(
    '{ me { orderCount delivered: orderCount(status: DELIVERED) orders(status: DELIVERED) { totalCount } } }',
    {},
    ada,
  );
  expect(counted.data.me.orderCount).toBe(orders.totalCount);
  expect(counted.data.me.orders.totalCount).toBe(counted.data.me.delivered);
  const payments = await countByPaging(
    'query ($after: String) { me { payments(first: 2, after: $after) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } } }',
    (d) => d.me.payments,
    ada,
  );
  expect(payments.totalCount).toBe(payments.seen);
});

test("a store's customers: totalCount counts every page, with the search applied", async () => {
  const staff = await platform.login('staff@napoli.example');
  const query =
    'query ($after: String, $search: String) { customers(first: 2, after: $after, search: $search) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } }';
  const all = await countByPaging(query, (d) => d.customers, staff);
  expect(all.totalCount).toBe(all.seen);
  const searched = await countByPaging(query, (d) => d.customers, staff, { search: 'a' });
  expect(searched.totalCount).toBe(searched.seen);
  expect(searched.totalCount).toBeLessThanOrEqual(all.totalCount);
});

test('not selected, not counted: a page without totalCount runs no count statement', async () => {
  const ada = await platform.login('ada@napoli.example');
  // The orders subgraph's statements for one request (its consumers' and relay's are counted apart).
  const statements = async (query: string) => {
    await platform.settle();
    platform.resetCounters();
    const result = await platform.gql(query, {}, ada);
    expect(result.errors).toBeUndefined();
    return platform.statementCounts().orders ?? 0;
  };
  const without = await statements('{ me { orders(first: 2) { edges { cursor } } } }');
  const withCount = await statements('{ me { orders(first: 2) { totalCount edges { cursor } } } }');
  expect(withCount).toBe(without + 1);
});
