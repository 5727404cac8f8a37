import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Socket as NetSocket, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUPERGRAPH_SDL } from '@supergraph/gateway';
import { SAMPLE_SUBSCRIPTION } from '@supergraph/platform';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { following, metric, startTestPlatform, watch, wsClient, type LiveEvent, type TestPlatform } from './harness/index.ts';

/**
 * Live order status through the real gateway: graphql-ws and multipart HTTP, fields of every
 * subgraph in each event, the end of a session, a subgraph connection lost and resumed, a
 * supergraph reload, a shutdown, and the limits a subscriber cannot get around.
 */

type Order = {
  id: string;
  status: string;
  cancelReason?: string | null;
  payments: { status: string; refundedCents: number }[];
  customer: { firstName: string; metrics: { totalOrders: number } | null };
};

const FIELDS = 'id status cancelReason payments { status refundedCents } customer { firstName metrics { totalOrders } }';
const ORDER_UPDATED = `subscription ($id: ID!) { orderUpdated(orderId: $id) { ${FIELDS} } }`;
const MY_ORDERS = `subscription { myOrderUpdates { ${FIELDS} } }`;
const MOVE = 'mutation ($input: UpdateOrderStatusInput!) { updateOrderStatus(input: $input) { id status } }';

const original = readFileSync(SUPERGRAPH_SDL, 'utf8');
const supergraphFile = join(mkdtempSync(join(tmpdir(), 'supergraph-')), 'supergraph.graphql');
let platform: TestPlatform;
let staff: string;
let driver: string;
let admin: string;

beforeAll(async () => {
  writeFileSync(supergraphFile, original);
  platform = await startTestPlatform({ env: { SUPERGRAPH_PATH: supergraphFile } });
  staff = await platform.login('staff@napoli.example');
  driver = await platform.login('driver@napoli.example');
  admin = await platform.login('admin@napoli.example');
});
afterAll(() => platform?.stop());

const move = async (orderId: string, status: string, token: string) => {
  const result = await platform.gql(MOVE, { input: { orderId, status } }, token);
  expect(result.errors).toBeUndefined();
};

/** Pays an order and takes it through the kitchen to the door. */
async function deliver(customerToken: string, orderId: string) {
  expect((await platform.payOrder(customerToken, orderId)).errors).toBeUndefined();
  // The payment confirms the order through the event log (at once in one process, soon across processes).
  await platform.settle();
  await move(orderId, 'ACCEPTED', staff);
  await move(orderId, 'PREPARING', staff);
  await move(orderId, 'OUT_FOR_DELIVERY', driver);
  await move(orderId, 'DELIVERED', driver);
}

const statuses = (events: LiveEvent<unknown>[], field: string) =>
  events.map((e) => (e.data as Record<string, Order | undefined> | null | undefined)?.[field]?.status);

/** How many subscriptions the platform's own gateway has following the log right now. */
const followingNow = () => metric(platform, 'subscriptions_following');
/** Subscriptions the orders subgraph serves (to any gateway of this platform). */
const servedByOrders = () => metric(platform, 'graphql_subscriptions_active', 'orders');
async function ordersServe(n: number) {
  const deadline = Date.now() + 10_000;
  while ((await servedByOrders()) < n) {
    if (Date.now() > deadline) throw new Error(`the orders subgraph does not serve ${n} subscriptions`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('watching an order live over graphql-ws', () => {
  test('a customer sees every order of theirs go from placed to delivered, with payments and analytics in each event', async () => {
    const customer = await platform.register('napoli');
    const client = wsClient(platform.gatewayUrl, customer.token);
    const before = await followingNow();
    const live = watch<{ myOrderUpdates: Order }>(client, MY_ORDERS);
    await following(platform, before + 1);

    const order = await platform.placeOrder(customer.token);
    await deliver(customer.token, order.id);
    const events = await live.atLeast(6);
    expect(statuses(events, 'myOrderUpdates')).toEqual([
      'PENDING_PAYMENT',
      'CONFIRMED',
      'ACCEPTED',
      'PREPARING',
      'OUT_FOR_DELIVERY',
      'DELIVERED',
    ]);
    for (const event of events) {
      expect(event.errors).toBeUndefined();
      expect(event.data!.myOrderUpdates.id).toBe(order.id);
      expect(event.data!.myOrderUpdates.customer.firstName).toBeTruthy();
      expect(typeof event.data!.myOrderUpdates.customer.metrics?.totalOrders).toBe('number');
    }
    // Each event is the order as it was after that change: no payment before it was paid.
    expect(events[0]!.data!.myOrderUpdates.payments).toEqual([]);
    for (const event of events.slice(1)) expect(event.data!.myOrderUpdates.payments).toEqual([{ status: 'SUCCEEDED', refundedCents: 0 }]);
    live.stop();
    await client.dispose();
  });

  test('orderUpdated follows one order and completes once it is delivered', async () => {
    const customer = await platform.register('napoli');
    const order = await platform.placeOrder(customer.token);
    await platform.settle();
    const client = wsClient(platform.gatewayUrl, customer.token);
    const before = await followingNow();
    const live = watch<{ orderUpdated: Order }>(client, ORDER_UPDATED, { id: order.id });
    await following(platform, before + 1);
    await deliver(customer.token, order.id);
    await live.ended;
    expect(live.failure).toBeUndefined();
    expect(statuses(live.events, 'orderUpdated')).toEqual(['CONFIRMED', 'ACCEPTED', 'PREPARING', 'OUT_FOR_DELIVERY', 'DELIVERED']);
    await client.dispose();
  });

  test('a cancellation arrives with its reason, and the subscription ends', async () => {
    const customer = await platform.register('napoli');
    const order = await platform.placeOrder(customer.token);
    await platform.settle();
    const client = wsClient(platform.gatewayUrl, customer.token);
    const before = await followingNow();
    const live = watch<{ orderUpdated: Order }>(client, ORDER_UPDATED, { id: order.id });
    await following(platform, before + 1);
    const cancelled = await platform.gql(
      'mutation ($input: CancelOrderInput!) { cancelOrder(input: $input) { status } }',
      { input: { orderId: order.id, reason: 'changed my mind' } },
      customer.token,
    );
    expect(cancelled.errors).toBeUndefined();
    await live.ended;
    expect(live.events.map((e) => e.data?.orderUpdated)).toMatchObject([{ status: 'CANCELLED', cancelReason: 'changed my mind' }]);
    await client.dispose();
  });

  test('the kitchen board (staff) receives new orders of its store as they are placed', async () => {
    const customer = await platform.register('napoli');
    const client = wsClient(platform.gatewayUrl, staff);
    const before = await followingNow();
    const board = watch<{ storeOrderUpdates: Order }>(
      client,
      `subscription { storeOrderUpdates(status: [PENDING_PAYMENT]) { id status } }`,
    );
    await following(platform, before + 1);
    const first = await platform.placeOrder(customer.token);
    const second = await platform.placeOrder(customer.token);
    const events = await board.atLeast(2);
    expect(events.map((e) => e.data?.storeOrderUpdates)).toEqual([
      { id: first.id, status: 'PENDING_PAYMENT' },
      { id: second.id, status: 'PENDING_PAYMENT' },
    ]);
    board.stop();
    await client.dispose();
  });

  test('the subscription the start banner prints works for the demo customer', async () => {
    const demo = platform.demoLogins.find((l) => l.role === 'CUSTOMER' && l.storeSlug === 'napoli')!;
    const token = await platform.login(demo.email);
    const client = wsClient(platform.gatewayUrl, token);
    const before = await followingNow();
    const live = watch<{ myOrderUpdates: Order & { orderNumber: string; updatedAt: string } }>(client, SAMPLE_SUBSCRIPTION);
    await following(platform, before + 1);
    await platform.placeOrder(token);
    const [event] = await live.atLeast(1);
    expect(event!.errors).toBeUndefined();
    expect(event!.data!.myOrderUpdates).toMatchObject({ status: 'PENDING_PAYMENT', orderNumber: expect.stringMatching(/^O-\d{8}$/) });
    expect(new Date(event!.data!.myOrderUpdates.updatedAt).toISOString()).toBe(event!.data!.myOrderUpdates.updatedAt);
    live.stop();
    await client.dispose();
  });

  test('queries and mutations work over the same WebSocket', async () => {
    const client = wsClient(platform.gatewayUrl, staff);
    const answer = watch(client, '{ store(slug: "napoli") { name } }');
    await answer.ended;
    expect(answer.events).toEqual([{ data: { store: { name: expect.any(String) } } }]);
    await client.dispose();
  });
});

describe('what a subscriber may not do', () => {
  test('a bad token closes the connection with 4401 before anything is subscribed', async () => {
    for (const authorization of ['Bearer not-a-token', 'Basic abc', 'Bearer a.b.c extra']) {
      const closed = new Promise<{ code: number; reason: string }>((resolve) => {
        const socket = new WebSocket(platform.gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
        socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
      });
      const { code, reason } = await closed;
      expect(code).toBe(4401);
      expect(reason).toMatch(/^Unauthorized: /);
    }
  });

  test('signed out, every subscription is refused with UNAUTHENTICATED', async () => {
    const client = wsClient(platform.gatewayUrl);
    const refused = watch(client, MY_ORDERS);
    await refused.ended;
    expect((refused.failure as { extensions?: { code?: string } }[])[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await client.dispose();
  });

  test('invalid documents and input are refused with the codes queries get', async () => {
    const client = wsClient(platform.gatewayUrl, staff);
    const cases: [string, Record<string, unknown> | undefined, string][] = [
      ['subscription { orderUpdated(orderId: "x") { nope } }', undefined, 'GRAPHQL_VALIDATION_FAILED'],
      ['subscription ($id: ID!) { orderUpdated(orderId: $id) { id } }', { id: 'a\u0000b' }, 'BAD_USER_INPUT'],
      ['subscription ($id: ID!) { orderUpdated(orderId: $id) { id } }', {}, 'BAD_USER_INPUT'],
      ['subscription { storeOrderUpdates { id } myOrderUpdates { id } }', undefined, 'GRAPHQL_VALIDATION_FAILED'],
      ['subscription { orderUpdated(orderId: "not-an-id") { id } }', undefined, 'NOT_FOUND'],
    ];
    for (const [query, variables, code] of cases) {
      const refused = watch(client, query, variables);
      await refused.ended;
      const errors = (refused.failure ?? refused.events[0]?.errors) as { message: string; extensions?: { code?: string } }[];
      expect(errors?.[0]?.extensions?.code, query).toBe(code);
      expect(JSON.stringify(errors)).not.toMatch(/\bselect\b.*\bfrom\b|insert into|\.ts:\d|node_modules/i);
    }
    await client.dispose();
  });

  test("the orders subgraph's WebSocket refuses anyone but the gateway", async () => {
    const url = platform.subgraphs.orders.url.replace(/^http/, 'ws');
    for (const payload of [{}, { internalToken: 'forged.token.here' }, { authorization: `Bearer ${staff}` }]) {
      const code = await new Promise<number>((resolve) => {
        const socket = new WebSocket(url, 'graphql-transport-ws');
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
        socket.on('close', (c) => resolve(c));
      });
      expect(code).toBe(4401);
    }
  });

  test('the fallback executor (GATEWAY_EXECUTOR=apollo) refuses subscriptions with a clear message', async () => {
    const fallback = await platform.startGateway({ GATEWAY_EXECUTOR: 'apollo' });
    const client = wsClient(fallback.url, staff);
    const refused = watch(client, 'subscription { storeOrderUpdates { id } }');
    await refused.ended;
    const errors = (refused.failure ?? refused.events[0]?.errors) as { message: string; extensions?: { code?: string } }[];
    expect(errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' }, message: expect.stringMatching(/fallback executor/) });
    await client.dispose();
    await fallback.stop();
  });

  test('a subscription sent as a plain HTTP request is refused with a clear message', async () => {
    const result = await platform.gql('subscription { storeOrderUpdates { id } }', undefined, staff);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(result.errors?.[0]?.message).toMatch(/WebSocket/);
  });
});

describe('multipart HTTP subscriptions (Apollo Client HttpLink, Router format)', () => {
  test('each event is a part; the response ends with the closing boundary when the subscription completes', async () => {
    const customer = await platform.register('napoli');
    const order = await platform.placeOrder(customer.token);
    await platform.settle();
    const before = await followingNow();
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'multipart/mixed;boundary="graphql";subscriptionSpec=1.0,application/json',
        authorization: `Bearer ${customer.token}`,
      },
      body: JSON.stringify({ query: ORDER_UPDATED, variables: { id: order.id } }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^multipart\/mixed;boundary="graphql";subscriptionSpec="1.0"/);
    await following(platform, before + 1);
    const text = response.text();
    await deliver(customer.token, order.id);
    const body = await text;
    expect(body.startsWith('\r\n--graphql')).toBe(true);
    expect(body.endsWith('--graphql--\r\n')).toBe(true);
    const parts = body
      .split('\r\n--graphql')
      .map((part) => part.split('\r\n\r\n')[1])
      .filter((json): json is string => Boolean(json))
      .map((json) => JSON.parse(json) as { payload?: { data: { orderUpdated: Order } } });
    const payloads = parts.filter((p) => p.payload).map((p) => p.payload!.data.orderUpdated.status);
    expect(payloads).toEqual(['CONFIRMED', 'ACCEPTED', 'PREPARING', 'OUT_FOR_DELIVERY', 'DELIVERED']);
  });

  test('a refused subscription is an ordinary JSON error with its status', async () => {
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed;subscriptionSpec=1.0,application/json' },
      body: JSON.stringify({ query: MY_ORDERS }),
    });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    const badToken = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed;subscriptionSpec=1.0', authorization: 'Bearer nope' },
      body: JSON.stringify({ query: MY_ORDERS }),
    });
    expect(badToken.status).toBe(401);
    expect(((await badToken.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('sessions and lifecycle', () => {
  test('deactivating an account ends its subscriptions with UNAUTHENTICATED', async () => {
    const customer = await platform.register('napoli');
    const client = wsClient(platform.gatewayUrl, customer.token);
    const before = await followingNow();
    const live = watch(client, MY_ORDERS);
    await following(platform, before + 1);
    const off = await platform.gql(
      'mutation ($id: ID!) { setCustomerStatus(id: $id, isActive: false) { isActive } }',
      { id: customer.id },
      admin,
    );
    expect(off.errors).toBeUndefined();
    await live.ended;
    expect(live.events.at(-1)?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(live.events.at(-1)?.errors?.[0]?.message).toMatch(/deactivated/);
    // Its access token is still valid for a while, but it may not subscribe again.
    await platform.settle();
    const again = watch(client, MY_ORDERS);
    await again.ended;
    const refusal = (again.failure ?? again.events[0]?.errors) as { extensions?: { code?: string } }[];
    expect(refusal?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await client.dispose();
  });

  test('an event reaches the subscribers of every gateway, each once', async () => {
    const second = await platform.startGateway({});
    const customer = await platform.register('napoli');
    const served = await servedByOrders();
    const clients = [wsClient(platform.gatewayUrl, customer.token), wsClient(second.url, customer.token)];
    const watchers = clients.map((client) => watch<{ myOrderUpdates: Order }>(client, MY_ORDERS));
    await ordersServe(served + 2);
    const order = await platform.placeOrder(customer.token);
    expect((await platform.payOrder(customer.token, order.id)).errors).toBeUndefined();
    for (const watcher of watchers) await watcher.atLeast(2);
    // Nothing more arrives later.
    await new Promise((r) => setTimeout(r, 300));
    for (const watcher of watchers) expect(statuses(watcher.events, 'myOrderUpdates')).toEqual(['PENDING_PAYMENT', 'CONFIRMED']);
    for (const watcher of watchers) watcher.stop();
    await Promise.all(clients.map((c) => c.dispose()));
    await second.stop();
  });

  test('a supergraph reload keeps live subscriptions', async () => {
    const customer = await platform.register('napoli');
    const client = wsClient(platform.gatewayUrl, customer.token);
    const before = await followingNow();
    const live = watch<{ myOrderUpdates: Order }>(client, MY_ORDERS);
    await following(platform, before + 1);
    expect(await platform.reloadSupergraph()).toEqual({ ok: true });
    const order = await platform.placeOrder(customer.token);
    const [event] = await live.atLeast(1);
    expect(event!.data!.myOrderUpdates).toMatchObject({ id: order.id, status: 'PENDING_PAYMENT' });
    live.stop();
    await client.dispose();
  });

  test('when the connection to the orders subgraph is lost, subscriptions resume from the event log: nothing missed, nothing twice', async () => {
    const orders = new URL(platform.subgraphs.orders.url);
    const hop = await tcpHop(Number(orders.port));
    const gateway = await platform.startGateway({ ORDERS_URL: `http://127.0.0.1:${hop.port}/graphql` });
    try {
      const customer = await platform.register('napoli');
      const order = await platform.placeOrder(customer.token);
      await platform.settle();
      const client = wsClient(gateway.url, customer.token);
      const served = await servedByOrders();
      const live = watch<{ orderUpdated: Order }>(client, ORDER_UPDATED, { id: order.id });
      await ordersServe(served + 1);
      expect((await platform.payOrder(customer.token, order.id)).errors).toBeUndefined();
      await platform.settle();
      await live.atLeast(1);
      // The orders service goes away (every connection cut, new ones refused); changes go on meanwhile.
      hop.down();
      await move(order.id, 'ACCEPTED', staff);
      await move(order.id, 'PREPARING', staff);
      await new Promise((r) => setTimeout(r, 300));
      hop.up();
      await move(order.id, 'OUT_FOR_DELIVERY', driver);
      await move(order.id, 'DELIVERED', driver);
      await live.ended;
      expect(statuses(live.events, 'orderUpdated')).toEqual(['CONFIRMED', 'ACCEPTED', 'PREPARING', 'OUT_FOR_DELIVERY', 'DELIVERED']);
      await client.dispose();
    } finally {
      await gateway.stop();
      await hop.close();
    }
  });

  test('a gateway shutting down closes subscribers with 1001 (going away), so they reconnect elsewhere', async () => {
    const gateway = await platform.startGateway({});
    const customer = await platform.register('napoli');
    let closedWith: number | undefined;
    const client = wsClient(gateway.url, customer.token, { onClose: (code) => (closedWith ??= code) });
    const served = await servedByOrders();
    const live = watch(client, MY_ORDERS);
    await ordersServe(served + 1);
    await gateway.stop();
    await live.ended;
    expect(closedWith).toBe(1001);
    await client.dispose();
  });
});

describe('limits', () => {
  let limited: { url: string; stop(): Promise<void> };
  beforeAll(async () => {
    limited = await platform.startGateway({
      SUBSCRIPTIONS_PER_CONNECTION: '3',
      SUBSCRIPTIONS_PER_CALLER: '4',
      SUBSCRIPTION_INIT_TIMEOUT_MS: '300',
      SUBSCRIPTION_MAX_MESSAGE_BYTES: '2048',
      SUBSCRIPTION_KEEPALIVE_MS: '300',
      SUBSCRIPTION_MAX_QUEUED_EVENTS: '3',
    });
  });
  afterAll(() => limited?.stop());

  const code = (w: { failure: unknown }) =>
    (w.failure as { extensions?: { code?: string; limit?: string } }[] | undefined)?.[0]?.extensions;

  test('subscriptions per connection and per caller', async () => {
    const customer = await platform.register('napoli');
    const first = wsClient(limited.url, customer.token);
    const served = await servedByOrders();
    const open = [1, 2, 3].map(() => watch(first, MY_ORDERS));
    const fourth = watch(first, MY_ORDERS);
    await fourth.ended;
    expect(code(fourth)).toMatchObject({ code: 'TOO_MANY_REQUESTS', limit: 'subscriptionsPerConnection' });
    // One at a time from here, so which one is over the caller's limit is not left to timing.
    await ordersServe(served + 3);
    const second = wsClient(limited.url, customer.token);
    const fourthOfCaller = watch(second, MY_ORDERS);
    await ordersServe(served + 4);
    const fifthOfCaller = watch(second, MY_ORDERS);
    await fifthOfCaller.ended;
    expect(code(fifthOfCaller)).toMatchObject({ code: 'TOO_MANY_REQUESTS', limit: 'subscriptionsPerCaller' });
    // Ending one frees a place.
    open[0]!.stop();
    await new Promise((r) => setTimeout(r, 100));
    const again = watch(second, MY_ORDERS);
    await new Promise((r) => setTimeout(r, 300));
    expect(again.failure).toBeUndefined();
    for (const w of [...open, fourthOfCaller, again]) w.stop();
    await first.dispose();
    await second.dispose();
  });

  const raw = (token?: string, options: WebSocket.ClientOptions = {}, url = limited.url) => {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', options);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    const opened = new Promise<void>((resolve) => socket.on('open', () => resolve()));
    const init = async () => {
      await opened;
      socket.send(JSON.stringify({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} }));
      await new Promise<void>((resolve) => socket.once('message', () => resolve()));
    };
    return { socket, closed, opened, init };
  };

  test('a connection that never says connection_init is closed with 4408', async () => {
    const { closed } = raw();
    expect((await closed).code).toBe(4408);
  });

  test('a message larger than the limit closes the connection with 1009', async () => {
    const { socket, closed, init } = raw(staff);
    await init();
    socket.send(
      JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `subscription { myOrderUpdates { id } } # ${'x'.repeat(4000)}` } }),
    );
    expect((await closed).code).toBe(1009);
  });

  test('a connection that stops answering pings is dropped', async () => {
    const { closed, init } = raw(staff, { autoPong: false });
    await init();
    expect((await closed).code).toBe(1006);
  });

  test('a subscriber that does not read its events is disconnected, not buffered for', async () => {
    // A gateway of its own: pings at the default pace, so it is the pile of events that trips.
    const gateway = await platform.startGateway({ SUBSCRIPTION_MAX_QUEUED_EVENTS: '3' });
    const customer = await platform.register('napoli');
    const { socket, closed, init } = raw(staff, {}, gateway.url);
    await init();
    // Big events: every line of the order, many times over (within the alias limit).
    const lines = Array.from({ length: 14 }, (_, i) => `l${i}: items { menuItemId name unitPriceCents quantity lineTotalCents }`).join(' ');
    socket.send(
      JSON.stringify({ id: 'board', type: 'subscribe', payload: { query: `subscription { storeOrderUpdates { id ${lines} } }` } }),
    );
    await new Promise((r) => setTimeout(r, 300));
    // Stop reading (as a stuck browser tab would), then flood it.
    (socket as unknown as { _socket: Socket })._socket.pause();
    const menu = await platform.menu('napoli');
    const items = menu.slice(0, 20).map((m) => ({ menuItemId: m.id, quantity: 1 }));
    // The gateway ends the subscription, which ends it at the orders subgraph too.
    const servedBefore = await servedByOrders();
    let placed = 0;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      await Promise.all(Array.from({ length: 10 }, () => platform.placeOrder(customer.token, { lines: items })));
      placed += 10;
      if ((await servedByOrders()) < servedBefore) break;
    }
    expect(await servedByOrders()).toBeLessThan(servedBefore);
    (socket as unknown as { _socket: Socket })._socket.resume();
    const { code } = await closed;
    expect(code).toBe(1013);
    expect(placed).toBeLessThan(400);
    await gateway.stop();
  }, 40_000);
});

describe('when the session expires', () => {
  let short: TestPlatform;
  beforeAll(async () => {
    short = await startTestPlatform({
      env: { ACCESS_TOKEN_TTL_SECONDS: '2' },
      demoSize: { customersPerStore: 1, averageOrdersPerCustomer: 1 },
    });
  });
  afterAll(() => short?.stop());

  test('each subscription ends with UNAUTHENTICATED and the connection closes with 4401, so the client reconnects with a fresh token', async () => {
    const customer = await short.register('napoli');
    let closedWith: number | undefined;
    // Not lazy: a lazy client would close the connection itself once its last subscription ended.
    const client = wsClient(short.gatewayUrl, customer.token, { lazy: false, onClose: (code) => (closedWith ??= code) });
    const live = watch(client, MY_ORDERS);
    await live.ended;
    expect(live.events.at(-1)?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(live.events.at(-1)?.errors?.[0]?.message).toMatch(/expired/);
    await new Promise((r) => setTimeout(r, 300));
    expect(closedWith).toBe(4401);
    await client.dispose();
    // Connecting with the expired token is refused at once.
    const stale = await new Promise<number>((resolve) => {
      const socket = new WebSocket(short.gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
      socket.on('open', () =>
        socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${customer.token}` } })),
      );
      socket.on('close', (code) => resolve(code));
    });
    expect(stale).toBe(4401);
  }, 15_000);
});

/** A TCP hop in front of a service that a test can take down (every connection cut, new ones refused) and bring back. */
async function tcpHop(targetPort: number) {
  const sockets = new Set<Socket>();
  let isUp = true;
  const server: Server = createServer((client) => {
    if (!isUp) return client.destroy();
    const upstream = new NetSocket();
    upstream.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    down() {
      isUp = false;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    up() {
      isUp = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
