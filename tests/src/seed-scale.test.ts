import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createIsolatedDatabase, type GraphQLResponse, runScript, startTestPlatform, type TestPlatform } from './harness/index.ts';

/**
 * `npm run seed:scale` at a small size (500 customers, 3,000 orders at napoli), then everything
 * read back through the gateway as napoli's staff: every subgraph tells the same story (customer
 * counts, the store's analytics, each customer's orders, payments and metrics). On PostgreSQL
 * (DATABASE_URL) the seed runs while the platform runs, once with the subgraphs in one database
 * and once with a database each (<NAME>_DATABASE_URL: each computes the same rows on its own); on
 * the embedded database it runs on the platform's --data-dir between two starts.
 */
const CUSTOMERS = 500;
const ORDERS = 3000;
const onPostgres = Boolean(process.env.DATABASE_URL);

/** Where the platform keeps its data: the embedded database in a data dir, one PostgreSQL database, or a database per subgraph. */
type Layout = 'embedded' | 'one database' | 'a database per subgraph';
const LAYOUTS: Layout[] = onPostgres ? ['one database', 'a database per subgraph'] : ['embedded'];

describe.each(LAYOUTS)('on %s', (layout) => {
  let dataDir: string | undefined;
  let env: Record<string, string> = {};
  const dropped: (() => Promise<void>)[] = [];
  let platform: TestPlatform;
  let staff: string;
  let before: Snapshot;
  let output = '';

  const ANALYTICS = `{ store(slug: "napoli") { analytics { orderCount revenueCents refundedCents newCustomers currency ordersByStatus { status count } } } }`;
  interface Analytics {
    orderCount: number;
    revenueCents: number;
    refundedCents: number;
    newCustomers: number;
    currency: string;
    ordersByStatus: { status: string; count: number }[];
  }
  interface Snapshot {
    customers: number;
    analytics: Analytics;
    outbox: Record<string, number>;
  }

  async function rows<T>(subgraph: keyof TestPlatform['databases'], query: SQL): Promise<T[]> {
    const result = (await platform.databases[subgraph].execute(query)) as unknown as { rows?: T[] } & T[];
    return result.rows ?? result;
  }

  async function snapshot(): Promise<Snapshot> {
    const customers = await platform.gql<{ customers: { totalCount: number } }>('{ customers(first: 1) { totalCount } }', {}, staff);
    const analytics = await platform.gql<{ store: { analytics: Analytics } }>(ANALYTICS, {}, staff);
    expect(customers.errors ?? analytics.errors).toBeUndefined();
    const outbox: Record<string, number> = {};
    for (const subgraph of ['customers', 'orders', 'payments'] as const)
      outbox[subgraph] = (await rows<{ n: number }>(subgraph, sql.raw(`select count(*)::int as n from ${subgraph}.outbox_events`)))[0]!.n;
    return { customers: customers.data!.customers.totalCount, analytics: analytics.data!.store.analytics, outbox };
  }

  /** The seed, as an operator runs it: its own process, on the platform's database. */
  async function seed(args: string[]) {
    const run = runScript('platform/src/seed-scale.ts', args, { ...platform.settings, LOG_LEVEL: 'silent' });
    const code = await run.exited;
    return { code, output: run.output() };
  }

  beforeAll(async () => {
    if (layout === 'embedded') {
      dataDir = mkdtempSync(join(tmpdir(), 'seed-scale-'));
      env = { DATA_DIR: dataDir };
    }
    if (layout === 'a database per subgraph') {
      // The event log stays in the platform's own database (DATABASE_URL); each subgraph's data in one of its own.
      for (const name of ['CUSTOMERS', 'ORDERS', 'PAYMENTS', 'ANALYTICS']) {
        const database = await createIsolatedDatabase(process.env.DATABASE_URL!, `supergraph_seed_${name.toLowerCase()}`);
        dropped.push(database.drop);
        env[`${name}_DATABASE_URL`] = database.url;
      }
    }
    platform = await startTestPlatform({ env });
    staff = await platform.login('staff@napoli.example');
    before = await snapshot();
    const args = ['--store', 'napoli', '--customers', String(CUSTOMERS), '--orders', '3,000', ...(dataDir ? ['--data-dir', dataDir] : [])];
    if (dataDir) {
      // An embedded database opens in one process only: the platform stops, the seed runs, the platform starts again on it.
      await platform.stop();
      const result = await seed(args);
      output = result.output;
      expect(result.code, output).toBe(0);
      platform = await startTestPlatform({ env });
      staff = await platform.login('staff@napoli.example');
    } else {
      const result = await seed(args);
      output = result.output;
      expect(result.code, output).toBe(0);
    }
  }, 300_000);
  afterAll(async () => {
    await platform?.stop();
    for (const drop of dropped) await drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('it says what it adds and what each subgraph has afterwards, in plain words', () => {
    expect(output).toMatch(
      /Adding 500 customers and 3,000 orders to napoli \(EUR, delivery fee 250, 7 menu items, 1 driver\); run [0-9a-f]{6}\./,
    );
    expect(output).toContain('no events are written');
    for (const subgraph of ['customers', 'orders', 'payments', 'analytics']) expect(output).toContain(`${subgraph}: written in`);
    expect(output).toMatch(/Done in .*napoli now has, by subgraph:/);
    expect(output).toMatch(new RegExp(`orders +${(before.analytics.orderCount + ORDERS).toLocaleString('en-US')} orders`));
  });

  test("the store's counts grew by exactly what was added, in every subgraph, and no event was written", async () => {
    const after = await snapshot();
    expect(after.customers).toBe(before.customers + CUSTOMERS);
    expect(after.analytics.orderCount).toBe(before.analytics.orderCount + ORDERS);
    expect(after.analytics.newCustomers).toBe(before.analytics.newCustomers + CUSTOMERS);
    expect(after.analytics.currency).toBe('EUR');
    expect(after.analytics.revenueCents).toBeGreaterThan(before.analytics.revenueCents);
    expect(after.analytics.refundedCents).toBeGreaterThan(before.analytics.refundedCents);
    const statuses = Object.fromEntries(after.analytics.ordersByStatus.map((s) => [s.status, s.count]));
    // Mostly delivered, some cancelled.
    expect(statuses.DELIVERED).toBeGreaterThan(ORDERS * 0.8);
    expect(statuses.CANCELLED).toBeGreaterThan(ORDERS * 0.02);
    expect(after.outbox).toEqual(before.outbox);
    // Every seeded order and payment is under a system key, apart from any client's.
    const [orders] = await rows<{ n: number }>(
      'orders',
      sql`select count(*)::int as n from orders.orders where key_source = 'system' and idempotency_key like 'seed-%'`,
    );
    expect(orders!.n).toBe(ORDERS);
    const [clientKeys] = await rows<{ n: number }>(
      'payments',
      sql`select count(*)::int as n from payments.payments where idempotency_key like 'seed-%' and key_source <> 'system'`,
    );
    expect(clientKeys!.n).toBe(0);
  });

  const CUSTOMER_PAGE = `query ($after: String) {
  customers(first: 10, after: $after) {
    edges { node {
      id orderCount
      orders(first: 50) { totalCount edges { node { id status totalCents currency payments { status amountCents refundedCents currency } } } }
      metrics { totalOrders completedOrders cancelledOrders totalSpentCents currency }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

  interface CustomerNode {
    id: string;
    orderCount: number;
    orders: {
      totalCount: number;
      edges: {
        node: {
          id: string;
          status: string;
          totalCents: number;
          currency: string;
          payments: { status: string; amountCents: number; refundedCents: number; currency: string }[];
        };
      }[];
    };
    metrics: { totalOrders: number; completedOrders: number; cancelledOrders: number; totalSpentCents: number; currency: string | null };
  }

  test("every customer's orders, payments and metrics agree across the subgraphs, and add up to the store's analytics", async () => {
    const customers: CustomerNode[] = [];
    for (let after: string | null = null; ; ) {
      const page: GraphQLResponse<{
        customers: { edges: { node: CustomerNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      }> = await platform.gql(CUSTOMER_PAGE, { after }, staff);
      expect(page.errors, JSON.stringify(page.errors)).toBeUndefined();
      customers.push(...page.data!.customers.edges.map((e) => e.node));
      if (!page.data!.customers.pageInfo.hasNextPage) break;
      after = page.data!.customers.pageInfo.endCursor;
    }
    expect(customers.length).toBe(before.customers + CUSTOMERS);
    const analytics = (await platform.gql<{ store: { analytics: Analytics } }>(ANALYTICS, {}, staff)).data!.store.analytics;
    let orders = 0;
    let spent = 0;
    for (const c of customers) {
      const list = c.orders.edges.map((e) => e.node);
      expect(list.length, `customer ${c.id} has more than a page of orders`).toBe(c.orders.totalCount);
      expect(c.orderCount).toBe(c.orders.totalCount);
      expect(c.metrics.totalOrders).toBe(c.orders.totalCount);
      expect(c.metrics.completedOrders).toBe(list.filter((o) => o.status === 'DELIVERED').length);
      expect(c.metrics.cancelledOrders).toBe(list.filter((o) => o.status === 'CANCELLED').length);
      let net = 0;
      for (const order of list) {
        expect(order.currency).toBe('EUR');
        const taken = order.payments.filter((p) => p.status !== 'FAILED' && p.status !== 'PENDING');
        expect(taken.length).toBeLessThanOrEqual(1);
        for (const p of order.payments) expect([p.amountCents, p.currency]).toEqual([order.totalCents, 'EUR']);
        // Paid unless waiting for payment, or cancelled before it; a cancelled paid order was refunded in full.
        if (order.status === 'PENDING_PAYMENT') expect(taken).toEqual([]);
        else if (order.status !== 'CANCELLED') expect(taken.length).toBe(1);
        if (order.status === 'CANCELLED' && taken.length === 1) expect(taken[0]!.refundedCents).toBe(order.totalCents);
        net += taken.reduce((sum, p) => sum + p.amountCents - p.refundedCents, 0);
      }
      expect(c.metrics.totalSpentCents).toBe(net);
      orders += list.length;
      spent += net;
    }
    expect(orders).toBe(analytics.orderCount);
    expect(spent).toBe(analytics.revenueCents);
  }, 120_000);

  test('a seeded payment refunded through the API moves the analytics by its amount (events on seeded rows apply as on any)', async () => {
    const [payment] = await rows<{ id: string }>(
      'payments',
      sql`select id from payments.payments where idempotency_key like 'seed-%' and status = 'SUCCEEDED' order by id limit 1`,
    );
    const admin = await platform.login('admin@napoli.example');
    await platform.settle();
    const previous = (await platform.gql<{ store: { analytics: Analytics } }>(ANALYTICS, {}, staff)).data!.store.analytics;
    const refunded = await platform.gql(
      'mutation ($input: RefundPaymentInput!) { refundPayment(input: $input) { status refundedCents } }',
      { input: { paymentId: payment!.id, amountCents: 100, reason: 'test', idempotencyKey: randomUUID() } },
      admin,
    );
    expect(refunded.errors).toBeUndefined();
    expect(refunded.data).toEqual({ refundPayment: { status: 'PARTIALLY_REFUNDED', refundedCents: 100 } });
    await platform.settle();
    const now = (await platform.gql<{ store: { analytics: Analytics } }>(ANALYTICS, {}, staff)).data!.store.analytics;
    expect([now.revenueCents, now.refundedCents]).toEqual([previous.revenueCents - 100, previous.refundedCents + 100]);
  });

  // Once is enough: the refusals come before any database is written to.
  test.skipIf(layout === 'a database per subgraph')(
    'bad arguments, an unknown store and an in-memory database are refused with a plain message, writing nothing',
    async () => {
      const refusals: [string[], Record<string, string>, RegExp][] = [
        [['--customers', 'many'], {}, /--customers must be a whole number/],
        [['--orders', '10', '--customers', '0'], {}, /give --customers at least 1/],
      ];
      if (layout !== 'embedded') {
        refusals.push([
          ['--store', 'nowhere', '--customers', '1', '--orders', '1'],
          {},
          /There is no store "nowhere"\. Stores: burger-barn, curry-corner, napoli\./,
        ]);
        refusals.push([
          ['--customers', '1'],
          { DATABASE_URL: '', CUSTOMERS_DATABASE_URL: '', ORDERS_DATABASE_URL: '', PAYMENTS_DATABASE_URL: '', ANALYTICS_DATABASE_URL: '' },
          /An in-memory database is gone/,
        ]);
      } else {
        // The platform has the data dir open: another one, without a database in it.
        refusals.push([
          ['--customers', '1', '--data-dir', join(dataDir!, 'elsewhere')],
          { DATA_DIR: '' },
          /There is no embedded database in/,
        ]);
      }
      for (const [args, extra, message] of refusals) {
        const run = runScript('platform/src/seed-scale.ts', args, { ...platform.settings, ...extra, LOG_LEVEL: 'silent' });
        expect(await run.exited).toBe(1);
        expect(run.output()).toMatch(message);
      }
    },
    120_000,
  );
});
