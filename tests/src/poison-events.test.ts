import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatParked, listParked, retryParked } from '@supergraph/platform';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

let platform: TestPlatform;
let staff: string;

// Quick backoff (100 ms, then 200 ms) and a short stall limit, so failures play out within a test.
beforeAll(async () => {
  platform = await startTestPlatform({ env: { EVENTS_MAX_ATTEMPTS: '3', EVENTS_RETRY_BASE_MS: '100', EVENTS_STALL_MS: '1500' } });
  staff = await platform.login('staff@napoli.example');
});
afterAll(() => platform?.stop());

const analytics = () => platform.events.analytics!.consumer('analytics');
const consumers = () => Object.values(platform.events).flatMap((runtime) => runtime!.consumers);
const analyticsDb = () => platform.databases.analytics;
/** Rows of a query on the analytics database (PGlite answers `{ rows }`, postgres.js an array). */
async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await analyticsDb().execute(query)) as unknown as { rows?: T[] } & T[];
  return result.rows ?? result;
}
const uuid = (id: string) => {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`not a uuid: ${id}`);
  return `'${id}'`;
};

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A subgraph's readiness: the verdict on its public port, the checks from the operations listener. */
async function readiness(subgraph: keyof TestPlatform['subgraphs']) {
  const response = await fetch(platform.subgraphs[subgraph].url.replace(/\/graphql$/, '/ready'));
  const detail = (await (await fetch(`${platform.operationsUrl}/ready`)).json()) as {
    services: { service: string; checks: Record<string, unknown>[] }[];
  };
  return { status: response.status, body: { checks: detail.services.find((s) => s.service === subgraph)!.checks } };
}
/** The value of one sample of a metric, by some of its labels. */
async function metric(name: string, labels: Record<string, string>) {
  const text = await (await fetch(`${platform.operationsUrl}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

const move = (token: string, orderId: string, status: string) =>
  platform.gql(
    'mutation ($input: UpdateOrderStatusInput!) { updateOrderStatus(input: $input) { status } }',
    { input: { orderId, status } },
    token,
  );
const statusOf = async (token: string, orderId: string) =>
  (await platform.gql<{ order: { status: string } }>('query ($id: ID!) { order(id: $id) { status } }', { id: orderId }, token)).data?.order
    .status;

const METRICS =
  'metrics { totalOrders completedOrders cancelledOrders totalSpentCents averageOrderValueCents currency firstOrderAt lastOrderAt }';
const metricsOf = async (token: string) =>
  (await platform.gql<{ me: { metrics: Record<string, unknown> } }>(`{ me { ${METRICS} } }`, {}, token)).data!.me.metrics;

interface OrderNode {
  status: string;
  currency: string;
  createdAt: string;
  payments: { status: string; amountCents: number; refundedCents: number }[];
}
/** What the metrics must be, computed from the customer's orders and payments (not from analytics), as in analytics.test.ts. */
async function groundTruth(token: string) {
  const result = await platform.gql<{ me: { orders: { edges: { node: OrderNode }[] } } }>(
    '{ me { orders(first: 100) { edges { node { status currency createdAt payments { status amountCents refundedCents } } } } } }',
    {},
    token,
  );
  const orders = result.data!.me.orders.edges.map((e) => e.node);
  const captured = (o: OrderNode) => o.payments.filter((p) => ['SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED'].includes(p.status));
  const spent = orders.reduce((sum, o) => sum + captured(o).reduce((s, p) => s + p.amountCents - p.refundedCents, 0), 0);
  const paidOrders = orders.filter((o) => captured(o).length > 0).length;
  const times = orders.map((o) => o.createdAt).sort();
  return {
    totalOrders: orders.length,
    completedOrders: orders.filter((o) => o.status === 'DELIVERED').length,
    cancelledOrders: orders.filter((o) => o.status === 'CANCELLED').length,
    totalSpentCents: spent,
    averageOrderValueCents: paidOrders > 0 ? Math.round(spent / paidOrders) : 0,
    currency: orders[0]?.currency ?? null,
    firstOrderAt: times[0] ?? null,
    lastOrderAt: times.at(-1) ?? null,
  };
}

/** A customer of napoli with one order placed and paid through the gateway. */
async function paidOrder(customer: { token: string }) {
  const order = await platform.placeOrder(customer.token);
  const payment = await platform.payOrder(customer.token, order.id);
  expect(payment.data?.payOrder.status).toBe('SUCCEEDED');
  return order;
}

const customers: { id: string; token: string }[] = [];

describe('an event a consumer cannot apply', () => {
  test('always failing: retried, then parked, while everything else flows; /ready, the metric and the listing show it; after a fix the retry applies it and the events held behind it', async () => {
    const poisoned = await platform.register('napoli');
    customers.push(poisoned);
    // A constraint the analytics consumer hits for this customer's orders (a real error from PostgreSQL).
    await analyticsDb().execute(
      sql.raw(`
      create function analytics.refuse_customer() returns trigger language plpgsql as $$
      begin
        if new.customer_id = ${uuid(poisoned.id)} then raise exception 'orders of customer % are refused by a test constraint', new.customer_id; end if;
        return new;
      end $$`),
    );
    await analyticsDb().execute(
      sql`create trigger refuse_customer before insert on analytics.order_facts for each row execute function analytics.refuse_customer()`,
    );

    // Its OrderPlaced (aggregate Order) and PaymentSucceeded (aggregate Payment) fail in analytics;
    // the order's status changes (confirmed by payment, accepted by staff) are held behind OrderPlaced.
    const order = await paidOrder(poisoned);
    await platform.settle();
    expect((await move(staff, order.id, 'ACCEPTED')).errors).toBeUndefined();

    // Meanwhile everything else goes on: a new order is paid, confirmed, and counted.
    const other = await platform.register('napoli');
    customers.push(other);
    const otherOrder = await paidOrder(other);
    await platform.settle();
    expect(await statusOf(other.token, otherOrder.id)).toBe('CONFIRMED');
    expect(await metricsOf(other.token)).toEqual(await groundTruth(other.token));
    expect((await metricsOf(other.token)).totalOrders).toBe(1);

    await waitFor('both events to be parked', async () => (await analytics().parkedCounts()).parked === 2);
    expect(await analytics().parkedCounts()).toEqual({ retrying: 0, parked: 2, held: 2 });
    const listed = await listParked(consumers());
    expect(listed.map((p) => [p.consumer, p.event.type, p.event.aggregateType, p.state, p.attempts, p.held])).toEqual([
      ['analytics', 'OrderPlaced', 'Order', 'parked', 3, 2],
      ['analytics', 'PaymentSucceeded', 'Payment', 'parked', 3, 0],
    ]);
    const [placed, payment] = listed;
    expect(placed!.event.aggregateId).toBe(order.id);
    expect(placed!.lastError).toContain('are refused by a test constraint');
    expect(placed!.lastFailedAt.getTime()).toBeGreaterThan(placed!.firstFailedAt.getTime());
    expect(formatParked(listed)).toContain(`analytics: OrderPlaced ${placed!.event.id}, parked`);
    expect(formatParked(listed)).toContain('2 later events of this aggregate wait behind it');

    // Parked, so analytics is not ready; the other consumers are.
    const notReady = await readiness('analytics');
    expect(notReady.status).toBe(503);
    expect(notReady.body.checks).toContainEqual({
      name: 'events:analytics',
      ok: false,
      error: expect.stringContaining('has 2 parked events (2 more held behind)'),
    });
    expect((await readiness('orders')).status).toBe(200);
    expect((await readiness('payments')).status).toBe(200);
    expect(await metric('event_consumer_parked_events', { consumer: 'analytics', state: 'parked', service: 'analytics' })).toBe(2);
    expect(await metric('event_consumer_parked_events', { consumer: 'analytics', state: 'held' })).toBe(2);
    expect(await metric('event_consumer_parked_events', { consumer: 'analytics', state: 'retrying' })).toBe(0);

    // Still parked: new orders keep flowing.
    const later = await paidOrder(other);
    await platform.settle();
    expect(await statusOf(other.token, later.id)).toBe('CONFIRMED');
    expect((await metricsOf(other.token)).totalOrders).toBe(2);

    // A retry before the fix fails plainly and changes nothing but the attempts.
    const early = await retryParked(consumers(), placed!.event.id);
    expect(early.ok).toBe(false);
    expect(early.message).toContain(
      `analytics: OrderPlaced ${placed!.event.id} failed again: orders of customer ${poisoned.id} are refused by a test constraint. It stays parked; the 2 events behind it wait.`,
    );
    expect((await listParked(consumers())).map((p) => p.attempts)).toEqual([4, 3]);

    // The fix, then the retry: the event, then the two held behind it, in sequence.
    await analyticsDb().execute(sql`drop trigger refuse_customer on analytics.order_facts`);
    await analyticsDb().execute(sql`drop function analytics.refuse_customer`);
    const fixed = await retryParked(consumers(), placed!.event.id);
    expect(fixed.ok).toBe(true);
    expect(fixed.message).toBe(
      `analytics: applied OrderPlaced ${placed!.event.id}, then the 2 events held behind it, in sequence. Nothing of its aggregate waits any more.`,
    );
    const analyticsResult = fixed.results.find((r) => r.consumer === 'analytics')!.result;
    expect(analyticsResult.outcome === 'applied' && analyticsResult.applied.map((e) => [e.type, e.sequence])).toEqual([
      ['OrderPlaced', 1],
      ['OrderStatusChanged', 2],
      ['OrderStatusChanged', 3],
    ]);
    expect((await retryParked(consumers(), payment!.event.id)).ok).toBe(true);

    expect(await analytics().parkedCounts()).toEqual({ retrying: 0, parked: 0, held: 0 });
    expect((await readiness('analytics')).status).toBe(200);
    expect(await metric('event_consumer_parked_events', { consumer: 'analytics', state: 'parked' })).toBe(0);
    expect(await metricsOf(poisoned.token)).toEqual(await groundTruth(poisoned.token));
    expect((await metricsOf(poisoned.token)).totalSpentCents).toBe(order.totalCents);
    expect(await rows(sql`select status from analytics.order_facts where order_id = ${order.id}`)).toEqual([{ status: 'ACCEPTED' }]);
  });

  test('failing twice, then succeeding: applied on its third attempt and never parked', async () => {
    const flaky = await platform.register('napoli');
    customers.push(flaky);
    // Refuses the customer's order facts until a sequence (which no rollback undoes) passes 3: the
    // first drain tries twice (the batch, then the order's events alone) and each retry once, so
    // attempts 1 and 2 fail and attempt 3, the last one EVENTS_MAX_ATTEMPTS allows, succeeds.
    await analyticsDb().execute(sql`create sequence analytics.flaky_calls`);
    await analyticsDb().execute(
      sql.raw(`
      create function analytics.flaky_customer() returns trigger language plpgsql as $$
      begin
        if new.customer_id = ${uuid(flaky.id)} and nextval('analytics.flaky_calls') <= 3 then
          raise exception 'customer % is busy', new.customer_id;
        end if;
        return new;
      end $$`),
    );
    await analyticsDb().execute(
      sql`create trigger flaky_customer before insert on analytics.order_facts for each row execute function analytics.flaky_customer()`,
    );
    try {
      const order = await platform.placeOrder(flaky.token);
      await platform.settle();
      await waitFor(
        'the order to reach analytics',
        async () => (await rows(sql`select 1 from analytics.order_facts where order_id = ${order.id}`)).length === 1,
      );
      const [calls] = await rows<{ last_value: number | string }>(sql`select last_value from analytics.flaky_calls`);
      expect(Number(calls!.last_value)).toBe(4); // three refusals, then the one that worked, and no other try
      expect(await analytics().parkedCounts()).toEqual({ retrying: 0, parked: 0, held: 0 });
      expect((await metricsOf(flaky.token)).totalOrders).toBe(1);
    } finally {
      await analyticsDb().execute(sql`drop trigger flaky_customer on analytics.order_facts`);
      await analyticsDb().execute(sql`drop function analytics.flaky_customer`);
      await analyticsDb().execute(sql`drop sequence analytics.flaky_calls`);
    }
    expect((await readiness('analytics')).status).toBe(200);
  });

  test('at the end analytics equals the ground truth, and a replay from the log gives the same', async () => {
    for (const customer of customers) {
      const [order] = (
        await platform.gql<{ me: { orders: { edges: { node: { id: string; status: string } }[] } } }>(
          '{ me { orders(first: 100) { edges { node { id status } } } } }',
          {},
          customer.token,
        )
      ).data!.me.orders.edges;
      if (order?.node.status === 'PENDING_PAYMENT') await platform.payOrder(customer.token, order.node.id);
    }
    await platform.settle();
    for (const customer of customers) expect(await metricsOf(customer.token)).toEqual(await groundTruth(customer.token));
    const query = `{ store(slug: "napoli") { analytics { revenueCents refundedCents orderCount ordersByStatus { status count } averageOrderValueCents newCustomers currency } }
      customers(first: 100) { edges { node { id ${METRICS} } } } }`;
    const incremental = await platform.gql(query, {}, staff);
    expect(incremental.errors).toBeUndefined();
    await analytics().replay();
    expect(await platform.gql(query, {}, staff)).toEqual(incremental);
    expect(await analytics().parkedCounts()).toEqual({ retrying: 0, parked: 0, held: 0 });
  });
});

describe('a consumer that makes no progress', () => {
  test('is not ready once events have waited longer than EVENTS_STALL_MS, and ready again when it catches up', async () => {
    await analytics().stop();
    try {
      await platform.register('napoli'); // a CustomerRegistered event analytics does not take
      await platform.settle(); // everyone else catches up
      expect(await analytics().lag()).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 1700));
      const stalled = await readiness('analytics');
      expect(stalled.status).toBe(503);
      expect(stalled.body.checks).toContainEqual({
        name: 'events:analytics',
        ok: false,
        error: expect.stringMatching(/^consumer analytics has made no progress for \d+ s with \d+ events? waiting/),
      });
      expect(await metric('event_consumer_stalled_seconds', { consumer: 'analytics' })).toBeGreaterThan(1.5);
    } finally {
      analytics().start();
    }
    await platform.settle();
    expect((await readiness('analytics')).status).toBe(200);
    expect(await metric('event_consumer_stalled_seconds', { consumer: 'analytics' })).toBe(0);
  });
});
