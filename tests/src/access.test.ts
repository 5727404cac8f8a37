import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

let platform: TestPlatform;
let alice: { id: string; token: string };
let bob: { id: string; token: string };
let carol: { id: string; token: string }; // another store
let aliceOrderId: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  [alice, bob, carol] = [await platform.register('napoli'), await platform.register('napoli'), await platform.register('burger-barn')];
  const [item] = await platform.menu('napoli');
  const placed: any = await platform.gql(
    'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
    {
      input: {
        items: [{ menuItemId: item!.id, quantity: 1 }],
        deliveryAddress: { line1: 'a', city: 'b', postalCode: 'c', country: 'IT' },
        idempotencyKey: 'alice-order-0001',
      },
    },
    alice.token,
  );
  aliceOrderId = placed.data.placeOrder.id;
});
afterAll(() => platform?.stop());

const CUSTOMER = 'query ($id: ID!) { customer(id: $id) { id email orderCount orders { edges { node { id totalCents } } } } }';
const ORDER = 'query ($id: ID!) { order(id: $id) { id totalCents customer { id email } } }';

describe('object-level access: a customer sees only their own data', () => {
  test("another customer's profile via customer(id) is FORBIDDEN with no data", async () => {
    for (const intruder of [bob, carol]) {
      const result: any = await platform.gql(CUSTOMER, { id: alice.id }, intruder.token);
      expect(result.data.customer).toBeNull();
      expect(result.errors.map((e: any) => e.extensions.code)).toContain('FORBIDDEN');
      expect(JSON.stringify(result)).not.toContain(`${alice.id.slice(0, 8)}"`); // no id echoed back as data
      expect(JSON.stringify(result.data)).not.toContain('@example.com');
    }
  });

  test("another customer's order via order(id) is FORBIDDEN with no data", async () => {
    for (const intruder of [bob, carol]) {
      const result: any = await platform.gql(ORDER, { id: aliceOrderId }, intruder.token);
      expect(result.data.order).toBeNull();
      expect(result.errors[0].extensions.code).toBe('FORBIDDEN');
    }
  });

  test('anonymous callers get UNAUTHENTICATED and no data', async () => {
    for (const [query, id] of [
      [CUSTOMER, alice.id],
      [ORDER, aliceOrderId],
    ] as const) {
      const result: any = await platform.gql(query, { id });
      expect(Object.values(result.data)).toEqual([null]);
      expect(result.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  test('the owner sees everything', async () => {
    const customer: any = await platform.gql(CUSTOMER, { id: alice.id }, alice.token);
    expect(customer.errors).toBeUndefined();
    expect(customer.data.customer.orders.edges.map((e: any) => e.node.id)).toEqual([aliceOrderId]);
    const order: any = await platform.gql(ORDER, { id: aliceOrderId }, alice.token);
    expect(order.data.order.customer.id).toBe(alice.id);
  });
});

describe('tenant-level access: staff and admins only inside their store', () => {
  test('staff of the store see the customer and their orders', async () => {
    const staff = await platform.login('staff@napoli.example');
    const customer: any = await platform.gql(CUSTOMER, { id: alice.id }, staff);
    expect(customer.errors).toBeUndefined();
    expect(customer.data.customer.orderCount).toBe(1);
    const order: any = await platform.gql(ORDER, { id: aliceOrderId }, staff);
    expect(order.data.order.customer.email).toContain('@example.com');
  });

  test('staff and admins of another store see nothing', async () => {
    for (const email of ['staff@burgerbarn.example', 'admin@burgerbarn.example']) {
      const token = await platform.login(email, 'burger-barn');
      const customer: any = await platform.gql(CUSTOMER, { id: alice.id }, token);
      expect(customer.data.customer).toBeNull();
      expect(customer.errors[0].extensions.code).toBe('FORBIDDEN');
      const order: any = await platform.gql(ORDER, { id: aliceOrderId }, token);
      expect(order.data.order).toBeNull();
      expect(order.errors[0].extensions.code).toBe('FORBIDDEN');
    }
  });

  test("a driver of the store sees the orders they deliver but not customer profiles, nor others' orders", async () => {
    const driver = await platform.login('driver@napoli.example');
    const unassigned: any = await platform.gql('query ($id: ID!) { order(id: $id) { id } }', { id: aliceOrderId }, driver);
    expect(unassigned.errors[0].extensions.code).toBe('FORBIDDEN');
    const me: any = await platform.gql('{ me { id } }', {}, driver);
    const assigned: any = await platform.gql(
      'mutation ($input: AssignDriverInput!) { assignDriver(input: $input) { id } }',
      { input: { orderId: aliceOrderId, driverId: me.data.me.id } },
      await platform.login('staff@napoli.example'),
    );
    expect(assigned.errors).toBeUndefined();
    const order: any = await platform.gql('query ($id: ID!) { order(id: $id) { id totalCents } }', { id: aliceOrderId }, driver);
    expect(order.errors).toBeUndefined();
    expect(order.data.order.id).toBe(aliceOrderId);
    const customer: any = await platform.gql(CUSTOMER, { id: alice.id }, driver);
    expect(customer.data.customer).toBeNull();
    expect(customer.errors[0].extensions.code).toBe('FORBIDDEN');
    const payments: any = await platform.gql('query ($id: ID!) { order(id: $id) { id payments { id } } }', { id: aliceOrderId }, driver);
    expect(payments.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(payments.errors[0].path[0]).toBe('order');
    // Only the refused field is null; the rest of the order still arrives.
    expect(payments.data.order).toEqual({ id: aliceOrderId, payments: null });
  });
});
