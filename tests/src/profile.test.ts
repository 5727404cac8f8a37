import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SAMPLE_QUERY, sampleOrderFlow } from '@supergraph/platform';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform?.stop());

const PROFILE = `query Profile {
  me {
    id email firstName customerNumber
    store { slug currency }
    orderCount
    orders(first: 5) { edges { node { id orderNumber status totalCents currency customer { id email } } } pageInfo { hasNextPage endCursor } }
    payments { edges { node { id } } }
    metrics { totalOrders totalSpentCents averageOrderValueCents firstOrderAt }
  }
}`;

const PLACE_ORDER = `mutation Place($input: PlaceOrderInput!) {
  placeOrder(input: $input) { id orderNumber status subtotalCents deliveryFeeCents totalCents currency items { name quantity unitPriceCents lineTotalCents } }
}`;

const address = { line1: '1 Via Roma', city: 'Napoli', postalCode: '80100', country: 'IT' };

describe('a customer profile across four subgraphs', () => {
  test('register → login → me, then a placed order shows up in the profile', async () => {
    const registered = await platform.register('napoli', { email: 'Grace.Hopper@Example.com', firstName: 'Grace' });
    expect(registered.email).toBe('grace.hopper@example.com');

    const token = await platform.login('grace.hopper@example.com', 'napoli', 'correct horse battery');
    const before = await platform.gql<{ me: Record<string, any> }>(PROFILE, {}, token);
    expect(before.errors).toBeUndefined();
    expect(before.data?.me).toMatchObject({
      id: registered.id,
      email: 'grace.hopper@example.com',
      firstName: 'Grace',
      store: { slug: 'napoli', currency: 'EUR' },
      orderCount: 0,
      orders: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
      payments: { edges: [] },
      metrics: { totalOrders: 0, totalSpentCents: 0, averageOrderValueCents: 0, firstOrderAt: null },
    });
    expect(before.data?.me.customerNumber).toMatch(/^C-\d{6}$/);

    const [first] = await platform.menu('napoli');
    const placed = await platform.gql<{ placeOrder: Record<string, any> }>(
      PLACE_ORDER,
      { input: { items: [{ menuItemId: first!.id, quantity: 2 }], deliveryAddress: address, idempotencyKey: 'profile-test-order-1' } },
      token,
    );
    expect(placed.errors).toBeUndefined();

    const after = await platform.gql<{ me: Record<string, any> }>(PROFILE, {}, token);
    expect(after.errors).toBeUndefined();
    expect(after.data?.me.orderCount).toBe(1);
    expect(after.data?.me.orders.edges[0].node).toMatchObject({
      id: placed.data?.placeOrder.id,
      status: 'PENDING_PAYMENT',
      currency: 'EUR',
      totalCents: first!.priceCents * 2 + 250,
      customer: { id: registered.id, email: 'grace.hopper@example.com' },
    });
  });

  test('the demo customer has orders, and the sample query printed at start works', async () => {
    const token = await platform.login('ada@napoli.example');
    const result = await platform.gql<{ me: Record<string, any> }>(SAMPLE_QUERY, {}, token);
    expect(result.errors).toBeUndefined();
    expect(result.data?.me.orderCount).toBe(12);
    expect(result.data?.me.orders.edges).toHaveLength(10);
    expect(result.data?.me.orders.pageInfo.hasNextPage).toBe(true);
    for (const { node } of result.data?.me.orders.edges ?? []) {
      const itemsTotal = node.items.reduce(
        (sum: number, i: { quantity: number; unitPriceCents: number }) => sum + i.quantity * i.unitPriceCents,
        0,
      );
      expect(node.totalCents).toBe(itemsTotal + 250);
    }
  });

  test('orders page with cursors, newest first, without gaps or repeats', async () => {
    const token = await platform.login('ada@napoli.example');
    const seen: string[] = [];
    let after: string | null = null;
    const createdAts: string[] = [];
    for (let page = 0; page < 10; page += 1) {
      const result: any = await platform.gql(
        'query ($after: String) { me { orders(first: 5, after: $after) { edges { node { id createdAt } } pageInfo { hasNextPage hasPreviousPage endCursor } } } }',
        { after },
        token,
      );
      const orders = result.data.me.orders;
      seen.push(...orders.edges.map((e: any) => e.node.id));
      createdAts.push(...orders.edges.map((e: any) => e.node.createdAt));
      expect(orders.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!orders.pageInfo.hasNextPage) break;
      after = orders.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect([...createdAts].sort().reverse()).toEqual(createdAts);
    expect(createdAts.every((t) => t.endsWith('Z'))).toBe(true);
  });

  test('orders can be filtered by status, and counted per status', async () => {
    const token = await platform.login('ada@napoli.example');
    const result: any = await platform.gql(
      '{ me { all: orderCount delivered: orderCount(status: DELIVERED) orders(first: 100, status: DELIVERED) { edges { node { status } } } } }',
      {},
      token,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.me.orders.edges).toHaveLength(result.data.me.delivered);
    expect(result.data.me.orders.edges.every((e: any) => e.node.status === 'DELIVERED')).toBe(true);
    expect(result.data.me.delivered).toBeLessThanOrEqual(result.data.me.all);
  });

  test('an anonymous caller gets me: null, and public store data', async () => {
    const result: any = await platform.gql('{ me { id } stores { slug name currency menu { name priceCents } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data.me).toBeNull();
    expect(result.data.stores.map((s: any) => s.slug).sort()).toEqual(['burger-barn', 'curry-corner', 'napoli']);
    expect(result.data.stores.every((s: any) => s.menu.length > 0)).toBe(true);
  });

  test('profile changes and addresses', async () => {
    const { token } = await platform.register();
    const updated: any = await platform.gql(
      'mutation { updateMe(input: { firstName: "  Margaret ", preferredLanguage: "de-CH", marketingConsent: true }) { firstName lastName preferredLanguage marketingConsent } }',
      {},
      token,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateMe).toEqual({
      firstName: 'Margaret',
      lastName: 'Customer',
      preferredLanguage: 'de-CH',
      marketingConsent: true,
    });

    const add = (input: Record<string, unknown>) =>
      platform.gql<any>(
        'mutation ($input: AddAddressInput!) { addAddress(input: $input) { addresses { label city isDefault } } }',
        { input },
        token,
      );
    await add({ label: 'Home', line1: '1 Main St', city: 'Austin', postalCode: '73301', country: 'US' });
    await add({ label: 'Work', line1: '2 High St', city: 'London', postalCode: 'E1 6AN', country: 'GB' });
    const third = await add({
      label: 'New home',
      line1: '3 Via Roma',
      city: 'Napoli',
      postalCode: '80100',
      country: 'IT',
      isDefault: true,
    });
    expect(third.errors).toBeUndefined();
    const addresses = third.data.addAddress.addresses;
    expect(addresses.filter((a: any) => a.isDefault)).toEqual([{ label: 'New home', city: 'Napoli', isDefault: true }]);
    expect(addresses[0].label).toBe('New home');
    expect(addresses).toHaveLength(3);
  });

  test('the order flow printed at start works as pasted: place, pay, see CONFIRMED and updated metrics', async () => {
    const token = await platform.login('ada@napoli.example');
    const [item] = await platform.menu('napoli');
    const document = sampleOrderFlow(item!.id, 'test');
    const run = (operationName: string, variables: Record<string, unknown> = {}) =>
      fetch(platform.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: document, operationName, variables }),
      }).then((r) => r.json() as Promise<any>);
    const before = await platform.gql<any>('{ me { metrics { totalOrders totalSpentCents } } }', {}, token);
    const placed = await run('PlaceOrder');
    expect(placed.errors).toBeUndefined();
    const orderId = placed.data.placeOrder.id;
    const paid = await run('PayOrder', { orderId });
    expect(paid.data.payOrder).toMatchObject({
      status: 'SUCCEEDED',
      amountCents: placed.data.placeOrder.totalCents,
      method: { brand: 'visa', last4: '4242' },
    });
    await platform.settle();
    const check = await run('CheckOrder', { orderId });
    expect(check.data.order).toMatchObject({
      status: 'CONFIRMED',
      payments: [{ status: 'SUCCEEDED', amountCents: placed.data.placeOrder.totalCents }],
    });
    expect(check.data.me.metrics.totalOrders).toBe(before.data.me.metrics.totalOrders + 1);
    expect(check.data.me.metrics.totalSpentCents).toBe(before.data.me.metrics.totalSpentCents + placed.data.placeOrder.totalCents);
  });
});
