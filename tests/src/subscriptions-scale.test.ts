import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { following, metric, startTestPlatform, type TestPlatform, type Watched, watch, wsClient } from './harness/index.ts';

/**
 * 200 subscribers at once, each a customer on a WebSocket connection of their own: half follow
 * myOrderUpdates (subscribed before their order is placed), half orderUpdated on an order placed
 * before. Then every order changes, all of them interleaved in the event log; each subscriber must
 * receive exactly the changes of its own order, once each and in the order they happened.
 */

type Status = 'PENDING_PAYMENT' | 'CONFIRMED' | 'ACCEPTED' | 'PREPARING' | 'OUT_FOR_DELIVERY' | 'DELIVERED' | 'CANCELLED';
const SUBSCRIBERS = 200;
/** Requests in flight at once while registering, placing and moving orders. */
const CONCURRENCY = 16;
/** What an order goes through after its subscription started: delivered, cancelled by staff after payment, or by the customer before. */
const PATHS: Status[][] = [
  ['CONFIRMED', 'ACCEPTED', 'PREPARING', 'OUT_FOR_DELIVERY', 'DELIVERED'],
  ['CONFIRMED', 'CANCELLED'],
  ['CANCELLED'],
];
const LONGEST = Math.max(...PATHS.map((path) => path.length));
const MOVE = 'mutation ($input: UpdateOrderStatusInput!) { updateOrderStatus(input: $input) { id status } }';

interface Subscriber {
  customer: { id: string; token: string };
  kind: 'myOrderUpdates' | 'orderUpdated';
  client: Client;
  watched?: Watched<Record<string, { id: string; status: Status; customer: { id: string } }>>;
  orderId?: string;
  /** What the order goes through after the subscription started. */
  path: Status[];
}

let platform: TestPlatform;
let staff: string;
let driver: string;
const subscribers: Subscriber[] = [];

/** Runs `work` for every item, at most CONCURRENCY at a time. */
async function inParallel<T>(items: T[], work: (item: T, index: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

beforeAll(async () => {
  platform = await startTestPlatform();
  [staff, driver] = await Promise.all([platform.login('staff@napoli.example'), platform.login('driver@napoli.example')]);
  const customers: { id: string; token: string }[] = new Array(SUBSCRIBERS);
  await inParallel(customers, async (_, i) => {
    customers[i] = await platform.register('napoli');
  });
  customers.forEach((customer, i) => {
    subscribers.push({
      customer,
      kind: i % 2 === 0 ? 'myOrderUpdates' : 'orderUpdated',
      client: wsClient(platform.gatewayUrl, customer.token),
      // Each kind has orders of every path.
      path: PATHS[Math.floor(i / 2) % PATHS.length]!,
    });
  });
});
afterAll(async () => {
  await Promise.all(subscribers.map((s) => s.client.dispose()));
  await platform?.stop();
});

test(`${SUBSCRIBERS} subscribers, each on its own connection, each receive exactly their own order's changes`, async () => {
  const menu = await platform.menu('napoli');
  const place = async (s: Subscriber) => {
    s.orderId = (await platform.placeOrder(s.customer.token, { lines: [{ menuItemId: menu[0]!.id, quantity: 1 }] })).id;
  };
  const byOrder = subscribers.filter((s) => s.kind === 'orderUpdated');
  const byCustomer = subscribers.filter((s) => s.kind === 'myOrderUpdates');

  // orderUpdated needs the order first; its OrderPlaced is in the log before anyone subscribes.
  await inParallel(byOrder, place);
  await platform.settle();
  for (const s of subscribers) {
    s.watched =
      s.kind === 'orderUpdated'
        ? watch(s.client, 'subscription ($id: ID!) { orderUpdated(orderId: $id) { id status customer { id } } }', { id: s.orderId })
        : watch(s.client, 'subscription { myOrderUpdates { id status customer { id } } }');
  }
  await following(platform, SUBSCRIBERS, 30_000);
  expect(await metric(platform, 'subscriptions_following')).toBe(SUBSCRIBERS);

  // myOrderUpdates: the order is placed after subscribing, so PENDING_PAYMENT is the first change.
  await inParallel(byCustomer, place);
  const expected = new Map<Subscriber, Status[]>(
    subscribers.map((s) => [s, s.kind === 'myOrderUpdates' ? ['PENDING_PAYMENT', ...s.path] : s.path]),
  );

  // Every order takes its next step at the same time as all the others: the log interleaves them all.
  for (let step = 0; step < LONGEST; step += 1) {
    const moving = subscribers.filter((s) => s.path[step]);
    await inParallel(moving, async (s) => {
      const to = s.path[step]!;
      if (to === 'CONFIRMED') {
        const paid = await platform.payOrder(s.customer.token, s.orderId!);
        expect(paid.data?.payOrder.status, JSON.stringify(paid.errors)).toBe('SUCCEEDED');
        return;
      }
      const token = to === 'OUT_FOR_DELIVERY' || to === 'DELIVERED' ? driver : step === 0 ? s.customer.token : staff;
      const moved = await platform.gql(MOVE, { input: { orderId: s.orderId, status: to } }, token);
      expect(moved.errors, `${s.orderId} → ${to}`).toBeUndefined();
    });
    // The payments confirm orders through events: wait for them before the kitchen accepts.
    if (step === 0) await platform.settle();
  }

  const total = [...expected.values()].reduce((n, statuses) => n + statuses.length, 0);
  await Promise.all(subscribers.map((s) => s.watched!.atLeast(expected.get(s)!.length, 30_000)));
  // Time for any duplicate or stray event to arrive.
  await new Promise((resolve) => setTimeout(resolve, 500));

  let received = 0;
  for (const s of subscribers) {
    const events = s.watched!.events;
    received += events.length;
    const label = `${s.kind} of ${s.customer.id}`;
    for (const event of events) expect(event.errors, label).toBeUndefined();
    const changes = events.map((event) => event.data![s.kind]!);
    expect(
      changes.map((c) => [c.id, c.customer.id]),
      label,
    ).toEqual(changes.map(() => [s.orderId, s.customer.id]));
    expect(
      changes.map((c) => c.status),
      label,
    ).toEqual(expected.get(s));
    expect(s.watched!.failure, label).toBeUndefined();
  }
  expect(received).toBe(total);
  expect(new Set(subscribers.map((s) => `${s.kind} ${s.path.join(' ')}`)).size).toBe(2 * PATHS.length);

  // Every orderUpdated completed after its order's last change (and stopped following); myOrderUpdates goes on.
  const completed = await Promise.all(
    byOrder.map((s) => Promise.race([s.watched!.ended.then(() => true), new Promise((r) => setTimeout(() => r(false), 5_000))])),
  );
  expect(completed.filter((done) => !done)).toHaveLength(0);
  for (const s of byOrder) expect(s.watched!.failure).toBeUndefined();
  const deadline = Date.now() + 5_000;
  while ((await metric(platform, 'subscriptions_following')) !== byCustomer.length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(await metric(platform, 'subscriptions_following')).toBe(byCustomer.length);

  for (const s of byCustomer) s.watched!.stop();
  const drained = Date.now() + 5_000;
  while ((await metric(platform, 'subscriptions_following')) !== 0 && Date.now() < drained) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(await metric(platform, 'subscriptions_following')).toBe(0);
  // Some 700 payments and moves: about 20 s on the embedded database on 2 cores, 7 s on PostgreSQL; twice the default timeout as a safety net for a busy CI box.
}, 120_000);
