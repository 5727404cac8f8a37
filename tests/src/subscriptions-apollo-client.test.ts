import { ApolloClient, type ApolloLink, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { following, metric, startTestPlatform, type TestPlatform } from './harness/index.ts';

/**
 * Apollo Client 4 as an application would use it, against the real gateway: GraphQLWsLink over
 * graphql-ws, and the plain HttpLink (multipart subscriptions). Each follows an order from the
 * kitchen to the door, with fields of payments and analytics in every event.
 */

type Status = 'PENDING_PAYMENT' | 'CONFIRMED' | 'ACCEPTED' | 'PREPARING' | 'OUT_FOR_DELIVERY' | 'DELIVERED' | 'CANCELLED';
interface OrderEvent {
  __typename: 'Order';
  id: string;
  status: Status;
  payments: { __typename: 'Payment'; status: string; refundedCents: number }[] | null;
  customer: { __typename: 'Customer'; firstName: string; metrics: { __typename: 'CustomerMetrics'; totalOrders: number } | null };
}
interface Received<T> {
  results: { data?: T; error?: unknown }[];
  failure: unknown;
  completed: boolean;
}

const FIELDS = 'id status payments { status refundedCents } customer { firstName metrics { totalOrders } }';
const ORDER_UPDATED = gql(`subscription OrderUpdated($id: ID!) { orderUpdated(orderId: $id) { ${FIELDS} } }`);
const MY_ORDER_UPDATES = gql(`subscription MyOrderUpdates { myOrderUpdates { ${FIELDS} } }`);
const MOVE = 'mutation ($input: UpdateOrderStatusInput!) { updateOrderStatus(input: $input) { id status } }';

let platform: TestPlatform;
let staff: string;
let driver: string;
const disposers: (() => unknown)[] = [];

beforeAll(async () => {
  // GraphQLWsLink looks at the global WebSocket when a subscription is refused (its isLikeErrorEvent);
  // Node 20 has none, so without this a refusal reaches the application as "ReferenceError: WebSocket is not defined".
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  platform = await startTestPlatform();
  [staff, driver] = await Promise.all([platform.login('staff@napoli.example'), platform.login('driver@napoli.example')]);
});
afterAll(async () => {
  for (const dispose of disposers) await dispose();
  await platform?.stop();
});

const TRANSPORTS: Record<string, (token: string) => ApolloLink> = {
  GraphQLWsLink: (token) => {
    const ws = createClient({
      url: platform.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    disposers.push(() => ws.dispose());
    return new GraphQLWsLink(ws);
  },
  HttpLink: (token) => new HttpLink({ uri: platform.gatewayUrl, headers: { authorization: `Bearer ${token}` } }),
};

function apollo(transport: string, token: string) {
  const client = new ApolloClient({ link: TRANSPORTS[transport]!(token), cache: new InMemoryCache() });
  disposers.push(() => client.stop());
  return client;
}

/** Subscribes and keeps every result; `until(n)` waits for n results (or the end). */
function follow<T>(client: ApolloClient, query: ReturnType<typeof gql>, variables?: Record<string, unknown>) {
  const received: Received<T> = { results: [], failure: undefined, completed: false };
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };
  const subscription = client.subscribe<T>({ query, variables }).subscribe({
    next: (result) => {
      received.results.push(result as { data?: T; error?: unknown });
      wake();
    },
    error: (error) => {
      received.failure = error;
      wake();
    },
    complete: () => {
      received.completed = true;
      wake();
    },
  });
  disposers.push(() => subscription.unsubscribe());
  const until = (n: number, timeoutMs = 10_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (received.results.length >= n || received.failure !== undefined || received.completed) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`waited for ${n} results, got ${JSON.stringify(received).slice(0, 800)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { received, until, stop: () => subscription.unsubscribe() };
}

/** The steps after payment, by who takes them. */
const KITCHEN_TO_DOOR: [Status, () => string][] = [
  ['ACCEPTED', () => staff],
  ['PREPARING', () => staff],
  ['OUT_FOR_DELIVERY', () => driver],
  ['DELIVERED', () => driver],
];

/**
 * Takes the order from payment to the door, waiting after each step for the subscriber's answer
 * (so each event's payments and metrics are those of that moment).
 */
async function deliver(customerToken: string, orderId: string, answers: number, until: (n: number) => Promise<void>) {
  const paid = await platform.payOrder(customerToken, orderId);
  expect(paid.data?.payOrder.status, JSON.stringify(paid.errors)).toBe('SUCCEEDED');
  await platform.settle();
  await until(answers + 1);
  for (const [i, [status, token]] of KITCHEN_TO_DOOR.entries()) {
    const moved = await platform.gql(MOVE, { input: { orderId, status } }, token());
    expect(moved.errors, status).toBeUndefined();
    await platform.settle();
    await until(answers + 2 + i);
  }
}

async function noneFollowing() {
  const deadline = Date.now() + 5_000;
  while ((await metric(platform, 'subscriptions_following')) !== 0) {
    if (Date.now() > deadline) throw new Error('subscriptions are still following the event log');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(Object.keys(TRANSPORTS))('Apollo Client over %s', (transport) => {
  test('myOrderUpdates, subscribed before the order is placed: PENDING_PAYMENT to DELIVERED, with payments and metrics', async () => {
    await noneFollowing();
    const customer = await platform.register('napoli', { firstName: 'Giulia' });
    const client = apollo(transport, customer.token);
    const { received, until, stop } = follow<{ myOrderUpdates: OrderEvent }>(client, MY_ORDER_UPDATES);
    await following(platform, 1);
    const { id } = await platform.placeOrder(customer.token);
    await until(1);
    await deliver(customer.token, id, 1, until);
    // Anything more (a duplicate, another order) would have come by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop();

    expect(received.failure).toBeUndefined();
    for (const result of received.results) expect(result.error).toBeUndefined();
    const orders = received.results.map((r) => r.data!.myOrderUpdates);
    expect(orders.map((o) => [o.id, o.status])).toEqual(
      ['PENDING_PAYMENT', 'CONFIRMED', 'ACCEPTED', 'PREPARING', 'OUT_FOR_DELIVERY', 'DELIVERED'].map((s) => [id, s]),
    );
    expect(orders[0]!.payments).toEqual([]);
    for (const order of orders.slice(1)) {
      expect(order.payments).toEqual([{ __typename: 'Payment', status: 'SUCCEEDED', refundedCents: 0 }]);
    }
    for (const order of orders) {
      expect(order.__typename).toBe('Order');
      expect(order.customer.firstName).toBe('Giulia');
    }
    // Analytics counts the order from its own copy of the events: when the first event is
    // answered it may not have seen OrderPlaced yet; by the payment it has.
    expect([0, 1]).toContain(orders[0]!.customer.metrics?.totalOrders);
    for (const order of orders.slice(1)) expect(order.customer.metrics?.totalOrders).toBe(1);
    // The events went into the cache like any result: the order is normalized under its id.
    const cached = client.cache.readFragment<{ status: Status }>({
      id: client.cache.identify({ __typename: 'Order', id }),
      fragment: gql('fragment Latest on Order { status }'),
    });
    expect(cached?.status).toBe('DELIVERED');
  });

  test('orderUpdated on an order placed earlier: CONFIRMED to DELIVERED, then it completes', async () => {
    await noneFollowing();
    const customer = await platform.register('napoli', { firstName: 'Marco' });
    const { id, totalCents } = await platform.placeOrder(customer.token, { quantity: 2 });
    await platform.settle();
    const client = apollo(transport, customer.token);
    const { received, until } = follow<{ orderUpdated: OrderEvent }>(client, ORDER_UPDATED, { id });
    await following(platform, 1);
    await deliver(customer.token, id, 0, until);
    await until(6);

    expect(received.failure).toBeUndefined();
    expect(received.completed).toBe(true);
    for (const result of received.results) expect(result.error).toBeUndefined();
    const orders = received.results.map((r) => r.data!.orderUpdated);
    expect(orders.map((o) => [o.id, o.status])).toEqual(
      ['CONFIRMED', 'ACCEPTED', 'PREPARING', 'OUT_FOR_DELIVERY', 'DELIVERED'].map((s) => [id, s]),
    );
    for (const order of orders) {
      expect(order.payments).toEqual([{ __typename: 'Payment', status: 'SUCCEEDED', refundedCents: 0 }]);
      expect(order.customer).toEqual({
        __typename: 'Customer',
        firstName: 'Marco',
        metrics: { __typename: 'CustomerMetrics', totalOrders: 1 },
      });
    }
    // The payment is of this order's total.
    const payments = await platform.gql<{ order: { payments: { amountCents: number }[] } }>(
      'query ($id: ID!) { order(id: $id) { payments { amountCents } } }',
      { id },
      customer.token,
    );
    expect(payments.data?.order.payments).toEqual([{ amountCents: totalCents }]);
    await noneFollowing();
  });

  test("another customer's order is refused with FORBIDDEN, and nothing arrives", async () => {
    const owner = await platform.register('napoli');
    const { id } = await platform.placeOrder(owner.token);
    const stranger = await platform.register('napoli');
    const { received, until } = follow<{ orderUpdated: OrderEvent }>(apollo(transport, stranger.token), ORDER_UPDATED, { id });
    await until(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // However the refusal comes (an errored result, or the observable's error), it says FORBIDDEN and carries no order.
    const errors = [...received.results.map((r) => r.error), received.failure].filter(Boolean) as {
      errors?: { extensions?: { code?: string } }[];
    }[];
    expect(errors).toHaveLength(1);
    expect(errors[0]!.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    for (const result of received.results) expect(result.data ?? null).toBeNull();
  });

  test("the gateway's own refusal (a customer asking for the store's board) reaches the application as FORBIDDEN", async () => {
    const customer = await platform.register('napoli');
    const board = gql('subscription { storeOrderUpdates { id status } }');
    const { received, until } = follow<{ storeOrderUpdates: OrderEvent }>(apollo(transport, customer.token), board);
    await until(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const errors = [...received.results.map((r) => r.error), received.failure].filter(Boolean);
    expect(errors).toHaveLength(1);
    for (const result of received.results) expect(result.data ?? null).toBeNull();
    const error = errors[0] as { name: string; statusCode?: number; bodyText?: string; errors?: { extensions?: { code?: string } }[] };
    if (transport === 'HttpLink') {
      // Refused before it started, the answer is ordinary JSON with 403, which HttpLink reports as a ServerError.
      expect(error.name).toBe('ServerError');
      expect(error.statusCode).toBe(403);
      expect(JSON.parse(error.bodyText!).errors.map((e: { extensions?: { code?: string } }) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    } else {
      expect(error.name).toBe('CombinedGraphQLErrors');
      expect(error.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });
});
