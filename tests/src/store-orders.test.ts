import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

/** `Store.orders`: a store's orders for its staff and admins, newest first, by status; nobody else's. */
let platform: TestPlatform;
let staff: string;
let storeId: string;
let customer: { id: string; token: string };
beforeAll(async () => {
  // Relays and consumers poll only once a minute (settle() runs them when a test needs it), so
  // none of their statements lands inside a measured request.
  platform = await startTestPlatform({ env: { EVENTS_POLL_MS: '60000' } });
  staff = await platform.login('staff@napoli.example');
  customer = await platform.register('napoli');
  // Enough CONFIRMED orders for more than one page of five, whatever the demo data holds.
  for (let i = 0; i < 6; i += 1) {
    const { id } = await platform.placeOrder(customer.token);
    expect((await platform.payOrder(customer.token, id)).errors).toBeUndefined();
  }
  await platform.settle();
  const store: any = await platform.gql('{ store(slug: "napoli") { id } }');
  storeId = store.data.store.id;
});
afterAll(() => platform?.stop());

const STORE_ORDERS = `query ($first: Int, $after: String, $status: [OrderStatus!]) {
  store(slug: "napoli") {
    orders(first: $first, after: $after, status: $status) {
      totalCount
      edges { cursor node { id status orderNumber createdAt customer { id } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

const storeOrders = (variables: Record<string, unknown>, token: string | undefined = staff) =>
  platform.gql<{ store: { orders: any } | null }>(STORE_ORDERS, variables, token);

/** What the database holds: the ids of napoli's orders in one of `statuses`, newest first. */
async function expectedIds(statuses: string[] | null): Promise<string[]> {
  const filter = statuses ? sql` and status::text in (${sql.join(statuses, sql`, `)})` : sql``;
  const result: any = await platform.databases.orders.execute(
    sql`select id from orders.orders where store_id = ${storeId}${filter} order by created_at desc, id desc`,
  );
  return (result.rows ?? result).map((r: { id: string }) => r.id);
}

/** Pages through the store's orders `first` at a time, checking each page, and returns every node seen. */
async function pageThrough(status: string[] | null, first: number) {
  const nodes: any[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const result = await storeOrders({ first, after, status });
    expect(result.errors).toBeUndefined();
    const orders = result.data!.store!.orders;
    expect(orders.edges.length).toBeLessThanOrEqual(first);
    totals.add(orders.totalCount);
    nodes.push(...orders.edges.map((e: any) => e.node));
    if (!orders.pageInfo.hasNextPage) break;
    expect(orders.edges).toHaveLength(first);
    expect(orders.pageInfo.endCursor).toBe(orders.edges.at(-1).cursor);
    after = orders.pageInfo.endCursor;
  }
  // The same count on every page.
  expect(totals.size).toBe(1);
  return { nodes, totalCount: [...totals][0]! };
}

describe('Store.orders for the store staff', () => {
  test('only the statuses asked for, newest first; paging with after continues without overlap; totalCount counts them all', async () => {
    const first = await storeOrders({ first: 5, status: ['CONFIRMED'] });
    expect(first.errors).toBeUndefined();
    const page = first.data!.store!.orders;
    expect(page.edges).toHaveLength(5);
    expect(page.pageInfo.hasNextPage).toBe(true);
    for (const { node } of page.edges) {
      expect(node.status).toBe('CONFIRMED');
      expect(node.orderNumber).toMatch(/^O-\d{8}$/);
      expect(node.customer.id).toEqual(expect.any(String));
    }

    const second = await storeOrders({ first: 5, after: page.pageInfo.endCursor, status: ['CONFIRMED'] });
    expect(second.errors).toBeUndefined();
    const next = second.data!.store!.orders;
    expect(next.edges.length).toBeGreaterThan(0);
    const firstIds = page.edges.map((e: any) => e.node.id);
    const nextIds = next.edges.map((e: any) => e.node.id);
    expect(nextIds.filter((id: string) => firstIds.includes(id))).toEqual([]);
    // The second page is older than the first.
    expect(Date.parse(next.edges[0].node.createdAt)).toBeLessThanOrEqual(Date.parse(page.edges.at(-1).node.createdAt));

    const expected = await expectedIds(['CONFIRMED']);
    expect(page.totalCount).toBe(expected.length);
    expect(next.totalCount).toBe(expected.length);
    const all = await pageThrough(['CONFIRMED'], 5);
    expect(all.nodes.map((n) => n.id)).toEqual(expected);
    expect(all.totalCount).toBe(expected.length);
    expect(all.nodes.slice(0, 10).map((n) => n.id)).toEqual([...firstIds, ...nextIds].slice(0, 10));
  });

  test('several statuses, and none named: exactly the matching orders, in the order of the database', async () => {
    for (const status of [['PENDING_PAYMENT', 'CONFIRMED', 'DELIVERED'], null]) {
      const expected = await expectedIds(status);
      const all = await pageThrough(status, 7);
      expect(
        all.nodes.map((n) => n.id),
        JSON.stringify(status),
      ).toEqual(expected);
      expect(all.totalCount).toBe(expected.length);
      if (status) for (const node of all.nodes) expect(status).toContain(node.status);
    }
    // The default page size is 20.
    const page = await storeOrders({});
    expect(page.data!.store!.orders.edges).toHaveLength(Math.min(20, (await expectedIds(null)).length));
  });

  test('a status named twice is asked for once', async () => {
    const twice = await storeOrders({ first: 100, status: ['CONFIRMED', 'CONFIRMED'] });
    const once = await storeOrders({ first: 100, status: ['CONFIRMED'] });
    expect(twice.errors).toBeUndefined();
    expect(twice.data).toEqual(once.data);
  });

  test('a freshly placed order is first among PENDING_PAYMENT; once paid, first among CONFIRMED', async () => {
    const { id } = await platform.placeOrder(customer.token);
    const pending = await storeOrders({ first: 1, status: ['PENDING_PAYMENT'] });
    expect(pending.data!.store!.orders.edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({ id, status: 'PENDING_PAYMENT', customer: { id: customer.id } }),
    ]);
    const before = (await storeOrders({ first: 1, status: ['CONFIRMED'] })).data!.store!.orders.totalCount;

    expect((await platform.payOrder(customer.token, id)).errors).toBeUndefined();
    await platform.settle();
    const confirmed = await storeOrders({ first: 1, status: ['CONFIRMED'] });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.store!.orders.edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({ id, status: 'CONFIRMED', customer: { id: customer.id } }),
    ]);
    expect(confirmed.data!.store!.orders.totalCount).toBe(before + 1);
  });

  test("an admin of the store sees the store's orders too", async () => {
    const admin = await platform.login('admin@napoli.example');
    const result = await storeOrders({ first: 3 }, admin);
    expect(result.errors).toBeUndefined();
    expect(result.data!.store!.orders.edges).toHaveLength(3);
  });

  test('one SQL statement for the page, one for totalCount, and one for the data access log in the orders subgraph', async () => {
    const statements = async (query: string) => {
      platform.resetCounters();
      const result = await platform.gql(query, {}, staff);
      expect(result.errors).toBeUndefined();
      return platform.statementCounts().orders ?? 0;
    };
    const page =
      '{ store(slug: "napoli") { orders(first: 5, status: [CONFIRMED]) { edges { node { id status orderNumber customer { id } } } } } }';
    const counted =
      '{ store(slug: "napoli") { orders(first: 5, status: [CONFIRMED]) { totalCount edges { node { id status orderNumber customer { id } } } pageInfo { hasNextPage endCursor } } } }';
    // The page, and one entry per customer on it in the access log (one statement for them all).
    expect(await statements(page)).toBe(2);
    expect(await statements(counted)).toBe(3);
  });
});

describe('Store.orders countUpTo', () => {
  const COUNTED = `query ($limit: Int, $status: [OrderStatus!]) {
    store(slug: "napoli") { orders(first: 1, status: $status) { totalCount countUpTo(limit: $limit) { count precision } } }
  }`;
  const counted = async (variables: Record<string, unknown>) => {
    const result = await platform.gql<{ store: { orders: { totalCount: number; countUpTo: { count: number; precision: string } } } }>(
      COUNTED,
      variables,
      staff,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.store.orders;
  };

  test("AT_LEAST the limit when more orders match, EXACT when they fit, with the board's filter; one statement either way", async () => {
    const all = (await expectedIds(null)).length;
    expect(all).toBeGreaterThan(3);
    expect(await counted({ limit: 3 })).toEqual({ totalCount: all, countUpTo: { count: 3, precision: 'AT_LEAST' } });
    expect((await counted({ limit: all })).countUpTo).toEqual({ count: all, precision: 'EXACT' });
    expect((await counted({ limit: 10_000 })).countUpTo).toEqual({ count: all, precision: 'EXACT' });
    const confirmed = (await expectedIds(['CONFIRMED'])).length;
    expect((await counted({ limit: 10_000, status: ['CONFIRMED'] })).countUpTo).toEqual({ count: confirmed, precision: 'EXACT' });
    expect((await counted({ limit: confirmed - 1, status: ['CONFIRMED'] })).countUpTo).toEqual({
      count: confirmed - 1,
      precision: 'AT_LEAST',
    });

    platform.resetCounters();
    const only = await platform.gql(
      '{ store(slug: "napoli") { orders(first: 5, status: [CONFIRMED]) { countUpTo(limit: 2) { count } edges { node { id customer { id } } } } } }',
      {},
      staff,
    );
    expect(only.errors).toBeUndefined();
    // The page, its access-log entries, and the bounded count.
    expect(platform.statementCounts().orders).toBe(3);
  });

  test.each([0, -1, 10_001])('limit: %d is BAD_USER_INPUT, naming the range', async (limit) => {
    const result: any = await platform.gql(COUNTED, { limit }, staff);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'limit' });
    expect(result.errors[0].message).toBe('"limit" must be between 1 and 10000.');
  });
});

describe('Store.orders for everyone else', () => {
  const QUERY = '{ store(slug: "napoli") { id orders(first: 5, status: [CONFIRMED]) { totalCount edges { node { id } } } } }';

  /** The store itself is public; only its orders are refused, with `code` at their path and no data. */
  async function expectRefused(token: string | undefined, code: string) {
    const result: any = await platform.gql(QUERY, {}, token);
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    expect(result.errors[0].path).toEqual(['store', 'orders']);
    expect(result.data.store).toEqual({ id: storeId, orders: null });
    expect(JSON.stringify(result)).not.toContain('"node"');
  }

  test("staff of another store: FORBIDDEN (the subgraph's own check; they hold store:operate)", async () => {
    const foreignStaff = await platform.login('staff@burgerbarn.example', 'burger-barn');
    await expectRefused(foreignStaff, 'FORBIDDEN');
    const foreignAdmin = await platform.login('admin@burgerbarn.example', 'burger-barn');
    await expectRefused(foreignAdmin, 'FORBIDDEN');
  });

  test('a customer of the store: FORBIDDEN', async () => {
    await expectRefused(customer.token, 'FORBIDDEN');
  });

  test('a driver of the store: only the orders they deliver and the claimable ones (see drivers.test.ts)', async () => {
    const driver = await platform.login('driver@napoli.example');
    const me: any = await platform.gql('{ me { id } }', {}, driver);
    const result: any = await platform.gql(
      '{ store(slug: "napoli") { orders(first: 100) { edges { node { status claimable driver { id } } } } } }',
      {},
      driver,
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data.store.orders.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) expect(node.claimable || node.driver?.id === me.data.me.id, JSON.stringify(node)).toBe(true);
  });

  test('anonymous: UNAUTHENTICATED', async () => {
    await expectRefused(undefined, 'UNAUTHENTICATED');
  });
});

describe('Store.orders input', () => {
  test('first: 101 is BAD_USER_INPUT', async () => {
    const result: any = await storeOrders({ first: 101 });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(result.errors[0].message).toContain('between 0 and 100');
    expect(result.data.store.orders).toBeNull();
  });

  test('status: [] is BAD_USER_INPUT', async () => {
    const result: any = await storeOrders({ status: [] });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    expect(result.errors[0].message).toContain('names at least one status');
    expect(result.data.store.orders).toBeNull();
  });

  test('a cursor this API did not return is BAD_USER_INPUT', async () => {
    const result: any = await storeOrders({ after: 'garbage' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
