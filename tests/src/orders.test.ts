import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

let platform: TestPlatform;
let customer: { id: string; token: string };
let menu: Awaited<ReturnType<TestPlatform['menu']>>;
beforeAll(async () => {
  platform = await startTestPlatform();
  customer = await platform.register('napoli');
  menu = await platform.menu('napoli');
});
afterAll(() => platform?.stop());

const PLACE_ORDER = `mutation Place($input: PlaceOrderInput!) {
  placeOrder(input: $input) { id status subtotalCents deliveryFeeCents totalCents currency items { menuItemId name quantity unitPriceCents lineTotalCents } deliveryAddress { line1 line2 city country } }
}`;
const address = { line1: '1 Via Roma', city: 'Napoli', postalCode: '80100', country: 'IT' };

const place = (input: Record<string, unknown>, token = customer.token) =>
  platform.gql<{ placeOrder: Record<string, any> }>(
    PLACE_ORDER,
    { input: { deliveryAddress: address, idempotencyKey: randomUUID(), ...input } },
    token,
  );

const orderCount = async (token = customer.token) =>
  (await platform.gql<{ me: { orderCount: number } }>('{ me { orderCount } }', {}, token)).data?.me.orderCount ?? -1;

describe('placeOrder', () => {
  test('prices the order from the menu, in integer minor units', async () => {
    const [a, b] = menu;
    const result = await place({
      items: [
        { menuItemId: a!.id, quantity: 3 },
        { menuItemId: b!.id, quantity: 1 },
      ],
    });
    expect(result.errors).toBeUndefined();
    const order = result.data!.placeOrder;
    const subtotal = a!.priceCents * 3 + b!.priceCents;
    expect(order).toMatchObject({
      status: 'PENDING_PAYMENT',
      subtotalCents: subtotal,
      deliveryFeeCents: 250,
      totalCents: subtotal + 250,
      currency: 'EUR',
      deliveryAddress: { line1: '1 Via Roma', line2: null, city: 'Napoli', country: 'IT' },
    });
    expect(order.items).toEqual([
      { menuItemId: a!.id, name: a!.name, quantity: 3, unitPriceCents: a!.priceCents, lineTotalCents: a!.priceCents * 3 },
      { menuItemId: b!.id, name: b!.name, quantity: 1, unitPriceCents: b!.priceCents, lineTotalCents: b!.priceCents },
    ]);
  });

  test('a client cannot send a price: the schema has no such field', async () => {
    const before = await orderCount();
    const result = await platform.gql(
      'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
      {
        input: {
          items: [{ menuItemId: menu[0]!.id, quantity: 1, unitPriceCents: 1 }],
          deliveryAddress: address,
          idempotencyKey: randomUUID(),
        },
      },
      customer.token,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('unitPriceCents');
    const inline = await platform.gql(
      `mutation { placeOrder(input: { items: [{ menuItemId: "${menu[0]!.id}", quantity: 1, priceCents: 1 }], deliveryAddress: { line1: "x", city: "y", postalCode: "1", country: "IT" }, idempotencyKey: "${randomUUID()}" }) { id } }`,
      {},
      customer.token,
    );
    expect(inline.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await orderCount()).toBe(before);
  });

  const invalid: [string, () => Record<string, unknown>, RegExp][] = [
    ['an unknown menu item', () => ({ items: [{ menuItemId: randomUUID(), quantity: 1 }] }), /not on this store's menu/],
    ['a menu item id that is not an id', () => ({ items: [{ menuItemId: 'pizza', quantity: 1 }] }), /menuItemId/],
    ['quantity 0', () => ({ items: [{ menuItemId: menu[0]!.id, quantity: 0 }] }), /at least 1/],
    ['a negative quantity', () => ({ items: [{ menuItemId: menu[0]!.id, quantity: -5 }] }), /at least 1/],
    ['a huge quantity', () => ({ items: [{ menuItemId: menu[0]!.id, quantity: 1_000_000 }] }), /at most 99/],
    ['no items', () => ({ items: [] }), /at least one item/],
    [
      'the same item twice',
      () => ({
        items: [
          { menuItemId: menu[0]!.id, quantity: 1 },
          { menuItemId: menu[0]!.id, quantity: 2 },
        ],
      }),
      /only once/,
    ],
    [
      'a bad country code',
      () => ({ items: [{ menuItemId: menu[0]!.id, quantity: 1 }], deliveryAddress: { ...address, country: 'Italy' } }),
      /country/,
    ],
    [
      'an empty street',
      () => ({ items: [{ menuItemId: menu[0]!.id, quantity: 1 }], deliveryAddress: { ...address, line1: '   ' } }),
      /line1/,
    ],
    ['a too-short idempotency key', () => ({ items: [{ menuItemId: menu[0]!.id, quantity: 1 }], idempotencyKey: 'abc' }), /idempotencyKey/],
  ];
  test.each(invalid)('rejects %s with BAD_USER_INPUT and writes nothing', async (_, input, message) => {
    const before = await orderCount();
    const result = await place(input());
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(JSON.stringify(result.errors)).not.toMatch(/stack|at .*\.ts/);
    expect(await orderCount()).toBe(before);
  });

  test("rejects another store's menu item", async () => {
    const [burger] = await platform.menu('burger-barn');
    const before = await orderCount();
    const result = await place({ items: [{ menuItemId: burger!.id, quantity: 1 }] });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await orderCount()).toBe(before);
  });

  test('the same idempotency key returns the same order; different content is a CONFLICT', async () => {
    const idempotencyKey = randomUUID();
    const items = [{ menuItemId: menu[1]!.id, quantity: 2 }];
    const before = await orderCount();
    const first = await place({ items, idempotencyKey });
    const retry = await place({ items, idempotencyKey });
    expect(retry.data?.placeOrder.id).toBe(first.data?.placeOrder.id);
    expect(await orderCount()).toBe(before + 1);

    const reused = await place({ items: [{ menuItemId: menu[1]!.id, quantity: 3 }], idempotencyKey });
    expect(reused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await orderCount()).toBe(before + 1);
  });

  test('concurrent retries with one key create one order', async () => {
    const idempotencyKey = randomUUID();
    const before = await orderCount();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => place({ items: [{ menuItemId: menu[2]!.id, quantity: 1 }], idempotencyKey })),
    );
    const ids = new Set(results.map((r) => r.data?.placeOrder.id));
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(ids.size).toBe(1);
    expect(await orderCount()).toBe(before + 1);
  });

  test('only signed-in customers can place orders', async () => {
    const items = [{ menuItemId: menu[0]!.id, quantity: 1 }];
    expect((await place({ items }, '')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const staff = await platform.login('staff@napoli.example');
    expect((await place({ items }, staff)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('order and menu reads', () => {
  test('order(id) returns the order to its owner; an unknown id is null, a malformed one BAD_USER_INPUT', async () => {
    const placed = await place({ items: [{ menuItemId: menu[0]!.id, quantity: 1 }] });
    const id = placed.data!.placeOrder.id;
    const read: any = await platform.gql(
      'query ($id: ID!) { order(id: $id) { id orderNumber store { slug name } customer { id } } }',
      { id },
      customer.token,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.order).toMatchObject({ id, store: { slug: 'napoli', name: 'Pizzeria Napoli' }, customer: { id: customer.id } });
    expect(read.data.order.orderNumber).toMatch(/^O-\d{8}$/);

    const none = await platform.gql('query ($id: ID!) { order(id: $id) { id } }', { id: randomUUID() }, customer.token);
    expect(none.errors).toBeUndefined();
    expect(none.data).toEqual({ order: null });
    const malformed = await platform.gql('query ($id: ID!) { order(id: $id) { id } }', { id: 'not-an-id' }, customer.token);
    expect(malformed.data).toEqual({ order: null });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  test('page sizes are capped and cursors validated', async () => {
    const tooMany = await platform.gql('{ me { orders(first: 101) { edges { cursor } } } }', {}, customer.token);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toContain('between 0 and 100');
    const badCursor = await platform.gql('{ me { orders(after: "garbage") { edges { cursor } } } }', {}, customer.token);
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('paging one by one visits every order, also orders placed within the same millisecond', async () => {
    const someone = await platform.register('napoli');
    const placed = [
      await platform.placeOrder(someone.token),
      await platform.placeOrder(someone.token),
      await platform.placeOrder(someone.token),
    ];
    // Microseconds apart, as two requests can be: a cursor carries milliseconds, so none may be skipped.
    for (const [i, order] of placed.entries()) {
      await platform.databases.orders.execute(
        sql`update orders.orders set created_at = ${`2026-01-01 00:00:00.1234${i}6+00`}::timestamptz where id = ${order.id}`,
      );
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const result: any = await platform.gql(
        'query ($after: String) { me { orders(first: 1, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }',
        { after },
        someone.token,
      );
      seen.push(...result.data.me.orders.edges.map((e: any) => e.node.id));
      if (!result.data.me.orders.pageInfo.hasNextPage) break;
      after = result.data.me.orders.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual(placed.map((o) => o.id).sort());
  });
});
