import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

let platform: TestPlatform;
let reject: TestPlatform;
let customer: { id: string; token: string };
let orderId: string;
beforeAll(async () => {
  platform = await startTestPlatform();
  customer = await platform.register('napoli');
  orderId = (await platform.placeOrder(customer.token)).id;
  await platform.payOrder(customer.token, orderId);
  await platform.settle();
  await assignDemoDriver(platform, orderId, await platform.login('driver@napoli.example'));
});
afterAll(async () => {
  await platform?.stop();
  await reject?.stop();
});

/** Staff put the store's demo driver on an order (a driver sees only the orders they deliver, and the claimable ones). */
async function assignDemoDriver(platform: TestPlatform, orderId: string, driverToken: string) {
  const me: any = await platform.gql('{ me { id } }', {}, driverToken);
  const assigned: any = await platform.gql(
    'mutation ($input: AssignDriverInput!) { assignDriver(input: $input) { id } }',
    { input: { orderId, driverId: me.data.me.id } },
    await platform.login('staff@napoli.example'),
  );
  if (assigned.errors) throw new Error(JSON.stringify(assigned.errors));
}

const ORDER_WITH_PAYMENTS = 'query ($id: ID!) { order(id: $id) { id status payments { id status } } }';

describe('@authenticated and @requiresScopes, enforced at the gateway', () => {
  test('a field the caller may not see is removed, returned as null with FORBIDDEN and its path, and never fetched', async () => {
    const driver = await platform.login('driver@napoli.example');
    platform.resetCounters();
    const result: any = await platform.gql(ORDER_WITH_PAYMENTS, { id: orderId }, driver);
    expect(result.data.order).toEqual({ id: orderId, status: 'CONFIRMED', payments: null });
    expect(result.errors).toEqual([
      {
        message: 'You are not allowed to see Order.payments.',
        path: ['order', 'payments'],
        extensions: { code: 'FORBIDDEN', field: 'Order.payments' },
      },
    ]);
    expect(platform.subgraphFetches.has('payments')).toBe(false);
  });

  test('aliases and fragments are followed to the right place', async () => {
    const driver = await platform.login('driver@napoli.example');
    const result: any = await platform.gql(
      'query ($id: ID!) { first: order(id: $id) { ...Money } second: order(id: $id) { id } } fragment Money on Order { id cash: payments { amountCents } }',
      { id: orderId },
      driver,
    );
    expect(result.data).toEqual({ first: { id: orderId, cash: null }, second: { id: orderId } });
    expect(result.errors.map((e: any) => e.path)).toEqual([['first', 'cash']]);
  });

  test('a fragment whose every field is withheld goes, and its field answers null with FORBIDDEN (not a 500)', async () => {
    const driver = await platform.login('driver@napoli.example');
    for (const query of [
      '{ stores { slug ... { analytics { orderCount } } } }',
      '{ stores { slug ... on Store { analytics { orderCount } } } }',
      '{ stores { slug ...Numbers } } fragment Numbers on Store { analytics { orderCount } }',
      '{ stores { ... { analytics { orderCount } } } }',
    ]) {
      const result: any = await platform.gql(query, {}, driver);
      expect(result.status, query).toBe(200);
      expect(result.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
      expect(result.errors?.[0]?.path, query).toEqual(['stores', 0, 'analytics']);
      expect(result.data.stores, query).toHaveLength(3);
    }
  });

  test('anonymous callers get UNAUTHENTICATED for protected root fields, and the public rest', async () => {
    platform.resetCounters();
    const result: any = await platform.gql('query ($id: ID!) { stores { slug } order(id: $id) { id } }', { id: orderId });
    expect(result.data.stores).toHaveLength(3);
    expect(result.data.order).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({ path: ['order'], extensions: { code: 'UNAUTHENTICATED', field: 'Query.order' } }),
    ]);
    expect(platform.subgraphFetches.has('orders')).toBe(false);
  });

  test('a query with nothing left asks no subgraph at all', async () => {
    platform.resetCounters();
    const result: any = await platform.gql('query ($id: ID!) { order(id: $id) { id } }', { id: orderId });
    expect(result.data).toEqual({ order: null });
    expect(result.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(platform.subgraphFetches.size).toBe(0);
  });

  test('a protected non-null root field nulls the data, as GraphQL requires', async () => {
    const result: any = await platform.gql('{ customers { edges { cursor } } }', {}, customer.token);
    expect(result.data).toBeNull();
    expect(result.errors[0]).toMatchObject({ path: ['customers'], extensions: { code: 'FORBIDDEN', field: 'Query.customers' } });
  });

  test('plans are not shared between callers who see different fields', async () => {
    const driver = await platform.login('driver@napoli.example');
    const first: any = await platform.gql(ORDER_WITH_PAYMENTS, { id: orderId }, driver);
    const owner: any = await platform.gql(ORDER_WITH_PAYMENTS, { id: orderId }, customer.token);
    const again: any = await platform.gql(ORDER_WITH_PAYMENTS, { id: orderId }, driver);
    expect(first.data.order.payments).toBeNull();
    expect(owner.errors).toBeUndefined();
    expect(owner.data.order.payments).toEqual([{ id: expect.any(String), status: 'SUCCEEDED' }]);
    expect(again).toEqual(first);
  });

  test('reject mode refuses the whole operation instead, before any subgraph is called', async () => {
    reject = await startTestPlatform({
      env: { AUTHORIZATION_MODE: 'reject' },
      demoSize: { customersPerStore: 1, averageOrdersPerCustomer: 1 },
    });
    const driver = await reject.login('driver@napoli.example');
    reject.resetCounters();
    const result = await reject.gql('{ me { id } stores { slug } topCustomers { orderCount } }', {}, driver);
    expect(result.status).toBe(403);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.message).toContain('Query.topCustomers');
    expect(reject.subgraphFetches.size).toBe(0);
    const allowed: any = await reject.gql('{ me { id } stores { slug } }', {}, driver);
    expect(allowed.errors).toBeUndefined();
  });
});
