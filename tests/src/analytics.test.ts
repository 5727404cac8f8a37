import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAYMENT_FIELDS, startTestPlatform, type TestPlatform } from './harness/index.ts';

let platform: TestPlatform;
let staff: string;
let admin: string;

// Small batches, so a consumer can be stopped in the middle of the stream.
beforeAll(async () => {
  platform = await startTestPlatform({ env: { EVENTS_BATCH_SIZE: '7' } });
  staff = await platform.login('staff@currycorner.example', 'curry-corner');
  admin = await platform.login('admin@currycorner.example', 'curry-corner');
});
afterAll(() => platform?.stop());

const analyticsConsumer = () => platform.events.analytics!.consumer('analytics');
const move = (token: string, orderId: string, status: string) =>
  platform.gql(
    'mutation ($input: UpdateOrderStatusInput!) { updateOrderStatus(input: $input) { status } }',
    { input: { orderId, status } },
    token,
  );
const refund = (paymentId: string, amountCents: number) =>
  platform.gql(
    `mutation ($input: RefundPaymentInput!) { refundPayment(input: $input) { ${PAYMENT_FIELDS} } }`,
    { input: { paymentId, amountCents, idempotencyKey: randomUUID() } },
    staff,
  );

/** A customer whose orders end every way an order can: delivered, refunded in part, cancelled after payment, cancelled unpaid, unpaid, declined. */
async function busyCustomer() {
  const customer = await platform.register('curry-corner');
  const driver = await platform.login('driver@currycorner.example', 'curry-corner');
  const paid = async (quantity: number) => {
    const order = await platform.placeOrder(customer.token, { storeSlug: 'curry-corner', quantity });
    const payment = (await platform.payOrder(customer.token, order.id)).data!.payOrder;
    return { order, payment };
  };
  const delivered = await paid(2);
  await platform.settle();
  for (const [status, token] of [
    ['ACCEPTED', staff],
    ['PREPARING', staff],
    ['OUT_FOR_DELIVERY', driver],
    ['DELIVERED', driver],
  ] as const) {
    await move(token, delivered.order.id, status);
  }
  const partlyRefunded = await paid(3);
  await refund(partlyRefunded.payment.id, 500);
  const cancelledPaid = await paid(1);
  await platform.settle();
  await move(customer.token, cancelledPaid.order.id, 'CANCELLED');
  const cancelledUnpaid = await platform.placeOrder(customer.token, { storeSlug: 'curry-corner' });
  await move(customer.token, cancelledUnpaid.id, 'CANCELLED');
  await platform.placeOrder(customer.token, { storeSlug: 'curry-corner', quantity: 4 }); // never paid
  const declined = await platform.placeOrder(customer.token, { storeSlug: 'curry-corner' });
  await platform.payOrder(customer.token, declined.id, 'tok_chargeDeclined');
  return customer;
}

const METRICS =
  'metrics { totalOrders completedOrders cancelledOrders totalSpentCents averageOrderValueCents currency firstOrderAt lastOrderAt }';

/** What the metrics must be, computed directly from the customer's orders and payments (not from analytics). */
async function groundTruth(token: string) {
  const result: any = await platform.gql(
    `{ me { orders(first: 100) { edges { node { status currency createdAt payments { status amountCents refundedCents } } } } } }`,
    {},
    token,
  );
  const orders = result.data.me.orders.edges.map((e: any) => e.node);
  const captured = (o: any) => o.payments.filter((p: any) => ['SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED'].includes(p.status));
  const spent = orders.reduce(
    (sum: number, o: any) => sum + captured(o).reduce((s: number, p: any) => s + p.amountCents - p.refundedCents, 0),
    0,
  );
  const paidOrders = orders.filter((o: any) => captured(o).length > 0).length;
  const times = orders.map((o: any) => o.createdAt).sort();
  return {
    totalOrders: orders.length,
    completedOrders: orders.filter((o: any) => o.status === 'DELIVERED').length,
    cancelledOrders: orders.filter((o: any) => o.status === 'CANCELLED').length,
    totalSpentCents: spent,
    averageOrderValueCents: paidOrders > 0 ? Math.round(spent / paidOrders) : 0,
    currency: orders[0]?.currency ?? null,
    firstOrderAt: times[0] ?? null,
    lastOrderAt: times.at(-1) ?? null,
  };
}

const metricsOf = async (token: string) => (await platform.gql<any>(`{ me { ${METRICS} } }`, {}, token)).data.me.metrics;

/** Rows of the analytics database (either driver's result shape). */
const analyticsRows = async <T>(query: ReturnType<typeof sql>): Promise<T[]> => {
  const result = (await platform.databases.analytics.execute(query)) as unknown as { rows?: T[] } & T[];
  return result.rows ?? result;
};

/** Every row of the read models the consumer keeps beside the facts (status rows at 0 orders are left behind by moves). */
const readModelRows = async () => ({
  days: await analyticsRows(sql`select * from analytics.store_days order by store_id, day`),
  statuses: await analyticsRows(sql`select * from analytics.store_day_statuses where orders <> 0 order by store_id, day, status`),
  hours: await analyticsRows(sql`select * from analytics.store_hours order by store_id, hour`),
  hourStatuses: await analyticsRows(sql`select * from analytics.store_hour_statuses where orders <> 0 order by store_id, hour, status`),
  customers: await analyticsRows(sql`select * from analytics.customer_totals order by store_id, customer_id`),
});

/** Whether every read model row equals the facts summed directly, both ways (no row missing, none extra). */
async function readModelsEqualFacts() {
  const [row] = await analyticsRows<{ differences: number }>(sql`
    with days as (
      select store_id, day, sum(orders)::int as orders, sum(paid_orders)::int as paid_orders, sum(paid_cents)::bigint as paid_cents,
             sum(refunded_cents)::bigint as refunded_cents, sum(new_customers)::int as new_customers, min(currency) as currency
      from (
        select store_id, (placed_at at time zone 'UTC')::date as day, 1 as orders, (paid_cents > 0)::int as paid_orders,
               paid_cents, refunded_cents, 0 as new_customers, currency
        from analytics.order_facts where placed_at is not null
        union all
        select store_id, (registered_at at time zone 'UTC')::date, 0, 0, 0, 0, 1, null from analytics.customer_facts
      ) as x group by store_id, day
    ),
    statuses as (
      select store_id, (placed_at at time zone 'UTC')::date as day, coalesce(status, 'UNKNOWN') as status, count(*)::int as orders
      from analytics.order_facts where placed_at is not null group by 1, 2, 3
    ),
    hours as (
      select store_id, hour, sum(orders)::int as orders, sum(paid_orders)::int as paid_orders, sum(paid_cents)::bigint as paid_cents,
             sum(refunded_cents)::bigint as refunded_cents, sum(new_customers)::int as new_customers, min(currency) as currency
      from (
        select store_id, date_trunc('hour', placed_at at time zone 'UTC') at time zone 'UTC' as hour, 1 as orders,
               (paid_cents > 0)::int as paid_orders, paid_cents, refunded_cents, 0 as new_customers, currency
        from analytics.order_facts where placed_at is not null
        union all
        select store_id, date_trunc('hour', registered_at at time zone 'UTC') at time zone 'UTC', 0, 0, 0, 0, 1, null
        from analytics.customer_facts
      ) as x group by store_id, hour
    ),
    hour_statuses as (
      select store_id, date_trunc('hour', placed_at at time zone 'UTC') at time zone 'UTC' as hour, coalesce(status, 'UNKNOWN') as status,
             count(*)::int as orders
      from analytics.order_facts where placed_at is not null group by 1, 2, 3
    ),
    customers as (
      select store_id, customer_id, count(*)::int as orders, sum(paid_cents - refunded_cents)::bigint as spent_cents, min(currency) as currency
      from analytics.order_facts where placed_at is not null group by 1, 2
    ),
    kept_days as (select store_id, day, orders, paid_orders, paid_cents, refunded_cents, new_customers, currency from analytics.store_days),
    kept_statuses as (select store_id, day, status, orders from analytics.store_day_statuses where orders <> 0),
    kept_hours as (select store_id, hour, orders, paid_orders, paid_cents, refunded_cents, new_customers, currency from analytics.store_hours),
    kept_hour_statuses as (select store_id, hour, status, orders from analytics.store_hour_statuses where orders <> 0),
    kept_customers as (select store_id, customer_id, orders, spent_cents, currency from analytics.customer_totals)
    select (
      (select count(*) from ((select * from days except all select * from kept_days) union all (select * from kept_days except all select * from days)) as d) +
      (select count(*) from ((select * from statuses except all select * from kept_statuses) union all (select * from kept_statuses except all select * from statuses)) as s) +
      (select count(*) from ((select * from hours except all select * from kept_hours) union all (select * from kept_hours except all select * from hours)) as h) +
      (select count(*) from ((select * from hour_statuses except all select * from kept_hour_statuses) union all (select * from kept_hour_statuses except all select * from hour_statuses)) as hs) +
      (select count(*) from ((select * from customers except all select * from kept_customers) union all (select * from kept_customers except all select * from customers)) as c)
    )::int as differences`);
  return row!.differences === 0;
}

describe('analytics from events', () => {
  test('metrics equal a ground truth computed from orders and payments, after refunds and cancellations', async () => {
    const customer = await busyCustomer();
    await platform.settle();
    const truth = await groundTruth(customer.token);
    expect(truth).toMatchObject({ totalOrders: 6, completedOrders: 1, cancelledOrders: 2 });
    expect(await metricsOf(customer.token)).toEqual(truth);
  });

  test('a consumer stopped mid-stream and restarted ends at the ground truth', async () => {
    await analyticsConsumer().stop();
    const customer = await busyCustomer();
    await platform.settle(); // everyone else catches up; analytics is stopped
    const truth = await groundTruth(customer.token);
    await analyticsConsumer().step(); // a couple of small batches, then it stops again mid-stream
    await analyticsConsumer().step();
    expect(await analyticsConsumer().lag()).toBeGreaterThan(0);
    expect(await metricsOf(customer.token)).not.toEqual(truth);
    analyticsConsumer().start();
    await platform.settle();
    expect(await metricsOf(customer.token)).toEqual(truth);
  });

  test('every event delivered twice (to every consumer) changes nothing', async () => {
    const customer = await busyCustomer();
    await platform.settle();
    const truth = await groundTruth(customer.token);
    const store = await platform.gql(
      '{ averageOrderValue { averageOrderValueCents paidOrders } topCustomers(limit: 100) { customer { id } totalSpentCents orderCount } }',
      {},
      staff,
    );
    for (const runtime of Object.values(platform.events)) for (const consumer of runtime!.consumers) await consumer.redeliver();
    await platform.settle();
    expect(await metricsOf(customer.token)).toEqual(truth);
    expect(await groundTruth(customer.token)).toEqual(truth); // no second refund, no second confirmation
    expect(
      await platform.gql(
        '{ averageOrderValue { averageOrderValueCents paidOrders } topCustomers(limit: 100) { customer { id } totalSpentCents orderCount } }',
        {},
        staff,
      ),
    ).toEqual(store);
  });

  test('a replay from the log equals the incrementally built state', async () => {
    await busyCustomer();
    await platform.settle();
    const query = `{ store(slug: "curry-corner") { analytics { revenueCents refundedCents orderCount ordersByStatus { status count } averageOrderValueCents newCustomers currency } }
      topCustomers(limit: 100) { customer { id } totalSpentCents orderCount currency } averageOrderValue { averageOrderValueCents paidOrders currency }
      customers(first: 100) { edges { node { id ${METRICS} } } } }`;
    const incremental = await platform.gql(query, {}, staff);
    expect(incremental.errors).toBeUndefined();
    const readModels = await readModelRows();
    expect(readModels.days.length).toBeGreaterThan(0);
    expect(readModels.hours.length).toBeGreaterThan(0);
    expect(await readModelsEqualFacts()).toBe(true);
    await analyticsConsumer().replay();
    expect(await platform.gql(query, {}, staff)).toEqual(incremental);
    // The replay emptied the read models with the facts and built them again: the same rows.
    expect(await readModelRows()).toEqual(readModels);
  });
});

describe('store-wide figures read a handful of rows, however many orders', () => {
  /** The analytics statements of one request (the consumer's are counted apart, on the background handle). */
  async function statements(query: string, variables: Record<string, unknown> = {}) {
    await platform.settle();
    platform.resetCounters();
    const result = await platform.gql(query, variables, staff);
    expect(result.errors).toBeUndefined();
    return platform.statementCounts().analytics ?? 0;
  }
  // Mid-day boundaries: whole days from the read models, the partial days from the facts, in one statement.
  const period = { since: new Date(Date.now() - 3.5 * 86_400_000).toISOString(), until: new Date(Date.now() + 3_600_000).toISOString() };
  const figures =
    'query ($since: DateTime, $until: DateTime) { store(slug: "curry-corner") { analytics(since: $since, until: $until) { revenueCents orderCount ordersByStatus { status count } newCustomers } } }';
  const average =
    'query ($since: DateTime, $until: DateTime) { averageOrderValue(since: $since, until: $until) { averageOrderValueCents paidOrders } }';
  const top = '{ topCustomers(limit: 5) { customer { id } totalSpentCents orderCount } }';
  const counts = async () => ({
    analytics: await statements(figures, period),
    allTime: await statements('{ store(slug: "curry-corner") { analytics { orderCount } } }'),
    average: await statements(average, period),
    // The list, and the audit log entry of the people on it.
    top: await statements(top),
  });

  test('Store.analytics, averageOrderValue and topCustomers each issue a fixed number of statements, the same after more orders', async () => {
    const before = await counts();
    expect(before).toEqual({ analytics: 1, allTime: 1, average: 1, top: 2 });
    await busyCustomer();
    await busyCustomer();
    expect(await counts()).toEqual(before);
  });
});

describe('store analytics', () => {
  test('revenue net of refunds, orders by status and new customers for a period', async () => {
    const since = new Date().toISOString();
    const customer = await busyCustomer();
    await platform.settle();
    const truth = await groundTruth(customer.token);
    const result: any = await platform.gql(
      'query ($since: DateTime) { store(slug: "curry-corner") { analytics(since: $since) { revenueCents orderCount ordersByStatus { status count } averageOrderValueCents newCustomers currency } } }',
      { since },
      admin,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.store.analytics).toEqual({
      revenueCents: truth.totalSpentCents,
      orderCount: 6,
      ordersByStatus: [
        { status: 'CANCELLED', count: 2 },
        { status: 'CONFIRMED', count: 1 },
        { status: 'DELIVERED', count: 1 },
        { status: 'PENDING_PAYMENT', count: 2 },
      ],
      averageOrderValueCents: truth.averageOrderValueCents,
      newCustomers: 1,
      currency: 'GBP',
    });
    const until: any = await platform.gql(
      'query ($until: DateTime) { store(slug: "curry-corner") { analytics(until: $until) { orderCount } } }',
      { until: since },
      admin,
    );
    expect(until.data.store.analytics.orderCount).toBeGreaterThan(0); // the demo's history
    const bad: any = await platform.gql(
      'query ($t: DateTime) { store(slug: "curry-corner") { analytics(since: $t, until: $t) { orderCount } } }',
      { t: since },
      admin,
    );
    expect(bad.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  test('topCustomers ranks by net spend; only staff and admins of the store see store figures', async () => {
    const top: any = await platform.gql(
      '{ topCustomers(limit: 3) { customer { id email } totalSpentCents orderCount currency } }',
      {},
      staff,
    );
    expect(top.errors).toBeUndefined();
    const spends = top.data.topCustomers.map((t: any) => t.totalSpentCents);
    expect(spends).toEqual([...spends].sort((a, b) => b - a));
    expect(top.data.topCustomers.every((t: any) => t.currency === 'GBP' && t.customer.email)).toBe(true);
    expect((await platform.gql('{ topCustomers(limit: 0) { orderCount } }', {}, staff)).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );

    const customer = await platform.register('curry-corner');
    const otherStaff = await platform.login('staff@napoli.example');
    const driver = await platform.login('driver@currycorner.example', 'curry-corner');
    for (const token of [customer.token, driver]) {
      expect((await platform.gql('{ topCustomers { orderCount } }', {}, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await platform.gql('{ averageOrderValue { paidOrders } }', {}, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    for (const token of [customer.token, driver, otherStaff]) {
      const result: any = await platform.gql('{ store(slug: "curry-corner") { name analytics { orderCount } } }', {}, token);
      expect(result.data.store).toEqual({ name: 'Curry Corner', analytics: null });
      expect(result.errors[0].extensions.code).toBe('FORBIDDEN');
    }
  });

  test('a customer with no orders gets zeros, not null', async () => {
    const customer = await platform.register('curry-corner');
    expect(await metricsOf(customer.token)).toEqual({
      totalOrders: 0,
      completedOrders: 0,
      cancelledOrders: 0,
      totalSpentCents: 0,
      averageOrderValueCents: 0,
      currency: null,
      firstOrderAt: null,
      lastOrderAt: null,
    });
  });
});
