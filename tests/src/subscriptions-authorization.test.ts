import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { following, metric, startTestPlatform, type TestPlatform, type Watched, watch, wsClient } from './harness/index.ts';

/**
 * Who receives which order's changes, through the real gateway over graphql-ws (and the refusals
 * again over multipart HTTP). The rules, written out independently of the implementation:
 * `orderUpdated` for the owner, staff and admins of the order's store, and a driver of the store
 * for the orders they deliver (every change) and the claimable ones (ACCEPTED or PREPARING with
 * nobody delivering: the changes while claimable, and the one that ends it); `myOrderUpdates` for
 * customers, every order of theirs; `storeOrderUpdates` for the caller's store, staff and admins
 * any status, drivers only the pickup board (drivers.test.ts has boards with several drivers).
 * Here, each store's one driver takes out every order it delivers (which makes it theirs). Every leak check lets a foreign change happen before the subscriber's own last event, so a
 * leaked event would arrive before the wait for the own ones is over.
 */

type Status = 'PENDING_PAYMENT' | 'CONFIRMED' | 'ACCEPTED' | 'PREPARING' | 'OUT_FOR_DELIVERY' | 'DELIVERED' | 'CANCELLED';
type Store = 'napoli' | 'burger-barn';
const PERSONAS = [
  'anonymous',
  'self',
  'otherCustomer',
  'foreignCustomer',
  'staff',
  'admin',
  'driver',
  'foreignStaff',
  'foreignAdmin',
  'foreignDriver',
] as const;
type Persona = (typeof PERSONAS)[number];
type Outcome = 'live' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT';

const PICKUP_BOARD: Status[] = ['ACCEPTED', 'PREPARING', 'OUT_FOR_DELIVERY'];
const KITCHEN_BOARD: Status[] = ['CONFIRMED', 'ACCEPTED', 'PREPARING'];
const FULL_PATH: Status[] = ['CONFIRMED', 'ACCEPTED', 'PREPARING', 'OUT_FOR_DELIVERY', 'DELIVERED'];
/** How long a leaked event gets to show up after the subscriber's own ones all arrived. */
const GRACE_MS = 300;

const ORDER_UPDATED = 'subscription ($id: ID!) { orderUpdated(orderId: $id) { id status } }';
const MY_ORDER_UPDATES = 'subscription { myOrderUpdates { id status } }';
const STORE_ORDER_UPDATES = 'subscription ($status: [OrderStatus!]) { storeOrderUpdates(status: $status) { id status } }';
const MOVE = 'mutation ($input: UpdateOrderStatusInput!) { updateOrderStatus(input: $input) { id status } }';
const ASSIGN = 'mutation ($input: AssignDriverInput!) { assignDriver(input: $input) { id } }';
const MULTIPART = 'multipart/mixed;boundary="graphql";subscriptionSpec=1.0,application/json';

interface Change {
  id: string;
  status: Status;
}
type Answer = Record<string, Change | null>;

let platform: TestPlatform;
const tokens: Partial<Record<Persona, string>> = {};
const clients = {} as Record<Persona, Client>;
const accounts: Partial<Record<Persona, string>> = {};
/** Alice's (self's) order, PENDING_PAYMENT, which the subscribe-time matrix asks about. */
let aliceOrder: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  const [self, other, foreign] = await Promise.all([
    platform.register('napoli', { firstName: 'Alice' }),
    platform.register('napoli', { firstName: 'Bob' }),
    platform.register('burger-barn', { firstName: 'Frank' }),
  ]);
  tokens.self = self.token;
  tokens.otherCustomer = other.token;
  tokens.foreignCustomer = foreign.token;
  accounts.self = self.id;
  accounts.otherCustomer = other.id;
  accounts.foreignCustomer = foreign.id;
  [tokens.staff, tokens.admin, tokens.driver, tokens.foreignStaff, tokens.foreignAdmin, tokens.foreignDriver] = await Promise.all([
    platform.login('staff@napoli.example'),
    platform.login('admin@napoli.example'),
    platform.login('driver@napoli.example'),
    platform.login('staff@burgerbarn.example', 'burger-barn'),
    platform.login('admin@burgerbarn.example', 'burger-barn'),
    platform.login('driver@burgerbarn.example', 'burger-barn'),
  ]);
  for (const persona of PERSONAS) clients[persona] = wsClient(platform.gatewayUrl, tokens[persona]);
  aliceOrder = (await platform.placeOrder(self.token)).id;
  await platform.settle();
});
afterAll(async () => {
  await Promise.all(Object.values(clients).map((client) => client.dispose()));
  await platform?.stop();
});

/** Every subscription a test opened: stopped after it, and the gateway's gauge back at zero before the next test counts. */
const opened: Watched<Answer>[] = [];
afterEach(async () => {
  for (const watched of opened.splice(0)) watched.stop();
  await platform.settle();
  await gaugeAt(0);
});

function subscribe(persona: Persona, query: string, variables?: Record<string, unknown>): Watched<Answer> {
  const watched = watch<Answer>(clients[persona], query, variables);
  opened.push(watched);
  return watched;
}

async function gaugeAt(n: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await metric(platform, 'subscriptions_following');
    if (now === n) return;
    if (Date.now() > deadline) throw new Error(`subscriptions_following is ${now}, expected ${n}`);
    await sleep(20);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with true when `promise` settles within `ms`, false otherwise. */
const within = (promise: Promise<unknown>, ms: number) => Promise.race([promise.then(() => true), sleep(ms).then(() => false)]);

/**
 * The error codes a refused subscription ended with, whichever way the refusal came (the
 * protocol's `error` message, or one answer with errors and then `complete`); fails the test if
 * it did not end, if anything but errors arrived, or if the connection itself failed.
 */
async function refusal(watched: Watched<Answer>): Promise<string[]> {
  expect(await within(watched.ended, 10_000), 'the refused subscription ended').toBe(true);
  for (const event of watched.events) expect(event.data ?? null).toBeNull();
  if (watched.failure !== undefined) {
    expect(Array.isArray(watched.failure), `refused with GraphQL errors, not ${String(watched.failure)}`).toBe(true);
    expect(watched.events).toEqual([]);
    return (watched.failure as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code ?? '?');
  }
  expect(watched.events).toHaveLength(1);
  return (watched.events[0]!.errors ?? []).map((e) => e.extensions?.code ?? '?');
}

/** What a subscription received, as (order, status) pairs; fails on any error in an answer. */
function received(watched: Watched<Answer>): Change[] {
  return watched.events.map((event) => {
    expect(event.errors, JSON.stringify(event.errors)).toBeUndefined();
    const change = Object.values(event.data ?? {})[0];
    expect(change, JSON.stringify(event)).toBeTruthy();
    return { id: change!.id, status: change!.status };
  });
}

/** Statuses per order, in the order received. */
const byOrder = (changes: Change[]) => {
  const orders: Record<string, Status[]> = {};
  for (const { id, status } of changes) orders[id] = [...(orders[id] ?? []), status];
  return orders;
};

/** Waits until every subscription has `expected` answers, then a little longer for any that should not come. */
async function settled(pairs: [Watched<Answer>, Change[]][]) {
  await Promise.all(pairs.map(([watched, expected]) => watched.atLeast(expected.length)));
  await sleep(GRACE_MS);
}

// ---- Orders and their changes, with a log of every change in the order it happened -------------

interface Placed {
  id: string;
  store: Store;
  customerToken: string;
  customerId: string;
}
interface Happened extends Change {
  store: Store;
  customerId: string;
}
const history: Happened[] = [];

/** Places an order for `persona`; returns once its OrderPlaced is in the event log (see `advance`). */
async function place(persona: 'self' | 'otherCustomer' | 'foreignCustomer'): Promise<Placed> {
  const store: Store = persona === 'foreignCustomer' ? 'burger-barn' : 'napoli';
  const { id } = await platform.placeOrder(tokens[persona]!, { storeSlug: store });
  const order = { id, store, customerToken: tokens[persona]!, customerId: accounts[persona]! };
  await platform.settle();
  history.push({ id, status: 'PENDING_PAYMENT', store, customerId: order.customerId });
  return order;
}

/**
 * Moves the order on by one step as the real callers would: the payment confirms, staff accept,
 * prepare and cancel, a driver delivers. Returns once the change is in the event log: a change is published by the outbox relay after its transaction, so without this a subscription
 * opened right after an order was placed can still receive the order's PENDING_PAYMENT.
 */
async function advance(order: Placed, to: Status) {
  if (to === 'CONFIRMED') {
    const paid = await platform.payOrder(order.customerToken, order.id);
    expect(paid.data?.payOrder.status, JSON.stringify(paid.errors)).toBe('SUCCEEDED');
    await platform.settle();
  } else {
    const foreign = order.store === 'burger-barn';
    const byDriver = to === 'OUT_FOR_DELIVERY' || to === 'DELIVERED';
    const who: Persona = byDriver ? (foreign ? 'foreignDriver' : 'driver') : foreign ? 'foreignStaff' : 'staff';
    const result = await platform.gql<{ updateOrderStatus: Change }>(MOVE, { input: { orderId: order.id, status: to } }, tokens[who]);
    expect(result.errors, `${to} by ${who}`).toBeUndefined();
    await platform.settle();
  }
  history.push({ id: order.id, status: to, store: order.store, customerId: order.customerId });
}

/** Staff of the order's store put the store's driver on it (they then follow it as theirs). */
async function assignDriver(order: Placed) {
  const foreign = order.store === 'burger-barn';
  const driver: any = await platform.gql('{ me { id } }', {}, tokens[foreign ? 'foreignDriver' : 'driver']);
  const result = await platform.gql(
    ASSIGN,
    { input: { orderId: order.id, driverId: driver.data.me.id } },
    tokens[foreign ? 'foreignStaff' : 'staff'],
  );
  expect(result.errors).toBeUndefined();
  await platform.settle();
}

async function walk(order: Placed, path: Status[]) {
  for (const status of path) await advance(order, status);
}

/** The changes since `mark` (an index into the history) that pass `rule`. */
const expectedSince = (mark: number, rule: (change: Happened) => boolean): Change[] =>
  history
    .slice(mark)
    .filter(rule)
    .map(({ id, status }) => ({ id, status }));

// ---- orderUpdated ---------------------------------------------------------------------------------

describe('orderUpdated: who may follow one order', () => {
  const ALICES_ORDER: Record<Persona, Outcome> = {
    anonymous: 'UNAUTHENTICATED',
    self: 'live',
    otherCustomer: 'FORBIDDEN',
    foreignCustomer: 'FORBIDDEN',
    staff: 'live',
    admin: 'live',
    // PENDING_PAYMENT, and nobody delivers it: not a driver's yet.
    driver: 'FORBIDDEN',
    foreignStaff: 'FORBIDDEN',
    foreignAdmin: 'FORBIDDEN',
    foreignDriver: 'FORBIDDEN',
  };

  test.each(PERSONAS)("Alice's order, as %s", async (persona) => {
    const expected = ALICES_ORDER[persona];
    const watched = subscribe(persona, ORDER_UPDATED, { id: aliceOrder });
    if (expected === 'live') {
      await following(platform, 1);
      expect(watched.failure).toBeUndefined();
      expect(watched.events).toEqual([]);
    } else {
      expect(await refusal(watched)).toEqual([expected]);
      expect(await metric(platform, 'subscriptions_following')).toBe(0);
    }
  });

  test('an order that does not exist is NOT_FOUND for everyone signed in, whatever the id looks like', async () => {
    const ids = [
      randomUUID(),
      '00000000-0000-0000-0000-000000000000',
      'not-an-order',
      '',
      '12345',
      `${aliceOrder}0`,
      aliceOrder.slice(0, -1),
      "'; select 1; --",
    ];
    for (const persona of PERSONAS) {
      for (const id of ids) {
        const codes = await refusal(subscribe(persona, ORDER_UPDATED, { id }));
        expect(codes, `${persona} asking for ${JSON.stringify(id)}`).toEqual([persona === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND']);
      }
    }
  });

  test("the owner, staff, admins and the order's driver receive every change and are completed after DELIVERED", async () => {
    const alice = await place('self');
    const bob = await place('otherCustomer');
    const frank = await place('foreignCustomer');
    await assignDriver(alice);
    await assignDriver(frank);
    const owner = subscribe('self', ORDER_UPDATED, { id: alice.id });
    const staff = subscribe('staff', ORDER_UPDATED, { id: alice.id });
    const admin = subscribe('admin', ORDER_UPDATED, { id: alice.id });
    const driver = subscribe('driver', ORDER_UPDATED, { id: alice.id });
    // Bob's and Frank's orders to the same people, to show that a subscription is for one order only.
    const bobsOwner = subscribe('otherCustomer', ORDER_UPDATED, { id: bob.id });
    const franksDriver = subscribe('foreignDriver', ORDER_UPDATED, { id: frank.id });
    await following(platform, 6);
    const mark = history.length;
    // Each step: the other orders first, so a leaked change would come before Alice's own.
    for (const status of FULL_PATH) {
      await advance(bob, status);
      await advance(frank, status);
      await advance(alice, status);
    }
    const mine = expectedSince(mark, (c) => c.id === alice.id);
    const franks = expectedSince(mark, (c) => c.id === frank.id);
    expect(mine.map((c) => c.status)).toEqual(FULL_PATH);
    await settled([
      [owner, mine],
      [staff, mine],
      [admin, mine],
      [driver, mine],
      [bobsOwner, expectedSince(mark, (c) => c.id === bob.id)],
      [franksDriver, franks],
    ]);
    for (const watched of [owner, staff, admin, driver, franksDriver]) {
      expect(received(watched)).toEqual(watched === franksDriver ? franks : mine);
      expect(await within(watched.ended, 2_000), 'completed after DELIVERED').toBe(true);
      expect(watched.failure).toBeUndefined();
    }
    expect(received(bobsOwner)).toEqual(expectedSince(mark, (c) => c.id === bob.id));
  });

  test('an order cancelled is the last event: it completes the subscription', async () => {
    const alice = await place('self');
    const bob = await place('otherCustomer');
    const owner = subscribe('self', ORDER_UPDATED, { id: alice.id });
    const staff = subscribe('staff', ORDER_UPDATED, { id: alice.id });
    await following(platform, 2);
    const mark = history.length;
    await advance(alice, 'CONFIRMED');
    await walk(bob, ['CONFIRMED', 'CANCELLED']);
    await advance(alice, 'CANCELLED');
    const mine = expectedSince(mark, (c) => c.id === alice.id);
    expect(mine.map((c) => c.status)).toEqual(['CONFIRMED', 'CANCELLED']);
    await settled([
      [owner, mine],
      [staff, mine],
    ]);
    for (const watched of [owner, staff]) {
      expect(received(watched)).toEqual(mine);
      expect(await within(watched.ended, 2_000), 'completed after CANCELLED').toBe(true);
      expect(watched.failure).toBeUndefined();
    }
  });

  const DRIVER_WITH_PAYMENTS = 'subscription ($id: ID!) { orderUpdated(orderId: $id) { id status payments { status } } }';

  /** The one event a driver following a fresh claimable order of Alice's receives when taking it out, with `payments` selected. */
  async function driversEventWithPayments() {
    const alice = await place('self');
    await walk(alice, ['CONFIRMED', 'ACCEPTED', 'PREPARING']);
    const driver = subscribe('driver', DRIVER_WITH_PAYMENTS, { id: alice.id });
    await following(platform, 1);
    await walk(alice, ['OUT_FOR_DELIVERY']);
    await driver.atLeast(1);
    await sleep(GRACE_MS);
    expect(driver.events).toHaveLength(1);
    return { alice, event: driver.events[0]! };
  }

  test('what a driver may not see is withheld in every event it receives', async () => {
    const { alice, event } = await driversEventWithPayments();
    expect(event.data).toEqual({ orderUpdated: { id: alice.id, status: 'OUT_FOR_DELIVERY', payments: null } });
    expect(event.errors?.map((e) => e.path)).toEqual([['orderUpdated', 'payments']]);
    // The same selection in a query, for comparison.
    const query = await platform.gql(
      'query ($id: ID!) { order(id: $id) { id status payments { status } } }',
      { id: alice.id },
      tokens.driver,
    );
    expect(query.data).toEqual({ order: { id: alice.id, status: 'OUT_FOR_DELIVERY', payments: null } });
    expect(query.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['order', 'payments'], 'FORBIDDEN']]);
  });

  // As in a query: the withheld field's error says FORBIDDEN (not masked, not logged as unexpected).
  test("a withheld field's error in an event says FORBIDDEN, as in a query", async () => {
    const { event } = await driversEventWithPayments();
    expect(event.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['orderUpdated', 'payments'], 'FORBIDDEN']]);
  });

  // The schema: "Completes after the order is delivered or cancelled", also for a driver, who
  // does not receive that final change (an admin took the claimable order out: it is nobody's).
  test('a driver following a claimable order is completed after DELIVERED too (which it does not receive)', async () => {
    const alice = await place('self');
    await walk(alice, ['CONFIRMED', 'ACCEPTED', 'PREPARING']);
    const owner = subscribe('self', ORDER_UPDATED, { id: alice.id });
    const driver = subscribe('driver', ORDER_UPDATED, { id: alice.id });
    await following(platform, 2);
    for (const status of ['OUT_FOR_DELIVERY', 'DELIVERED'] as Status[]) {
      const moved = await platform.gql(MOVE, { input: { orderId: alice.id, status } }, tokens.admin);
      expect(moved.errors).toBeUndefined();
    }
    await owner.ended;
    expect(received(driver).map((c) => c.status)).toEqual(['OUT_FOR_DELIVERY']);
    expect(await within(driver.ended, 2_000), "the driver's subscription completed").toBe(true);
    expect(driver.failure).toBeUndefined();
  });

  test('a driver following a claimable order that is cancelled receives the cancellation and is completed', async () => {
    const alice = await place('self');
    await walk(alice, ['CONFIRMED', 'ACCEPTED']);
    const owner = subscribe('self', ORDER_UPDATED, { id: alice.id });
    const driver = subscribe('driver', ORDER_UPDATED, { id: alice.id });
    await following(platform, 2);
    await walk(alice, ['CANCELLED']);
    await owner.ended;
    expect(await within(driver.ended, 2_000), "the driver's subscription completed").toBe(true);
    expect(received(driver).map((c) => c.status)).toEqual(['CANCELLED']);
    expect(driver.failure).toBeUndefined();
  });
});

// ---- myOrderUpdates -------------------------------------------------------------------------------

describe('myOrderUpdates: a customer follows their own orders only', () => {
  test.each([
    ['anonymous', 'UNAUTHENTICATED'],
    ['staff', 'FORBIDDEN'],
    ['admin', 'FORBIDDEN'],
    ['driver', 'FORBIDDEN'],
    ['foreignStaff', 'FORBIDDEN'],
    ['foreignAdmin', 'FORBIDDEN'],
    ['foreignDriver', 'FORBIDDEN'],
  ] as [Persona, Outcome][])('refused to %s: %s', async (persona, code) => {
    expect(await refusal(subscribe(persona, MY_ORDER_UPDATES))).toEqual([code]);
  });

  test("every order of the customer's, including ones placed after subscribing, and never another customer's", async () => {
    const earlier = await place('self');
    const bobsEarlier = await place('otherCustomer');
    const alice = subscribe('self', MY_ORDER_UPDATES);
    const bob = subscribe('otherCustomer', MY_ORDER_UPDATES);
    const frank = subscribe('foreignCustomer', MY_ORDER_UPDATES);
    await following(platform, 3);
    const mark = history.length;
    // Everybody's orders change around Alice's; her last change comes after all of theirs.
    await advance(bobsEarlier, 'CONFIRMED');
    const franks = await place('foreignCustomer');
    await advance(franks, 'CONFIRMED');
    await advance(earlier, 'CONFIRMED');
    const later = await place('self');
    const bobsLater = await place('otherCustomer');
    await walk(bobsEarlier, ['ACCEPTED', 'PREPARING', 'OUT_FOR_DELIVERY', 'DELIVERED']);
    await walk(franks, ['ACCEPTED', 'CANCELLED']);
    await advance(later, 'CONFIRMED');
    await advance(bobsLater, 'CONFIRMED');
    await walk(earlier, ['ACCEPTED', 'PREPARING', 'OUT_FOR_DELIVERY', 'DELIVERED']);
    await walk(bobsLater, ['ACCEPTED', 'CANCELLED']);
    await walk(later, ['ACCEPTED', 'CANCELLED']);

    const ofCustomer = (persona: Persona) => expectedSince(mark, (c) => c.customerId === accounts[persona]);
    expect(byOrder(ofCustomer('self'))).toEqual({
      [earlier.id]: FULL_PATH,
      [later.id]: ['PENDING_PAYMENT', 'CONFIRMED', 'ACCEPTED', 'CANCELLED'],
    });
    await settled([
      [alice, ofCustomer('self')],
      [bob, ofCustomer('otherCustomer')],
      [frank, ofCustomer('foreignCustomer')],
    ]);
    expect(received(alice)).toEqual(ofCustomer('self'));
    expect(received(bob)).toEqual(ofCustomer('otherCustomer'));
    expect(received(frank)).toEqual(ofCustomer('foreignCustomer'));
    // It follows the customer, not an order: it is still open after every order ended.
    expect(alice.failure).toBeUndefined();
    expect(await within(alice.ended, 100)).toBe(false);
  });
});

// ---- storeOrderUpdates ----------------------------------------------------------------------------

describe("storeOrderUpdates: the boards of the caller's store", () => {
  test.each([
    ['anonymous', undefined, 'UNAUTHENTICATED'],
    ['anonymous', ['OUT_FOR_DELIVERY'], 'UNAUTHENTICATED'],
    ['self', undefined, 'FORBIDDEN'],
    ['self', ['CONFIRMED'], 'FORBIDDEN'],
    ['foreignCustomer', undefined, 'FORBIDDEN'],
    ['driver', ['CONFIRMED'], 'FORBIDDEN'],
    ['driver', ['PENDING_PAYMENT'], 'FORBIDDEN'],
    ['driver', ['DELIVERED'], 'FORBIDDEN'],
    ['driver', ['CANCELLED'], 'FORBIDDEN'],
    ['driver', ['OUT_FOR_DELIVERY', 'DELIVERED'], 'FORBIDDEN'],
    ['foreignDriver', ['ACCEPTED', 'CONFIRMED'], 'FORBIDDEN'],
    ['driver', [], 'BAD_USER_INPUT'],
    ['staff', [], 'BAD_USER_INPUT'],
  ] as [Persona, Status[] | undefined, Outcome][])('refused to %s asking for %j: %s', async (persona, status, code) => {
    expect(await refusal(subscribe(persona, STORE_ORDER_UPDATES, { status }))).toEqual([code]);
  });

  test.each([
    ['staff', ['PENDING_PAYMENT', 'DELIVERED', 'CANCELLED']],
    ['admin', ['CONFIRMED']],
    ['driver', ['OUT_FOR_DELIVERY']],
    ['foreignDriver', PICKUP_BOARD],
  ] as [Persona, Status[]][])('%s may follow %j', async (persona, status) => {
    const watched = subscribe(persona, STORE_ORDER_UPDATES, { status });
    await following(platform, 1);
    expect(watched.failure).toBeUndefined();
  });

  test("each board receives its own store's orders only, filtered by the status after the change", async () => {
    interface Board {
      persona: Persona;
      store: Store;
      status: Status[] | undefined;
      /** The statuses the board should show: what was asked for, and for drivers the pickup board when nothing was. */
      shows: Status[] | null;
    }
    const boards: Board[] = [
      { persona: 'staff', store: 'napoli', status: KITCHEN_BOARD, shows: KITCHEN_BOARD },
      { persona: 'staff', store: 'napoli', status: ['CANCELLED'], shows: ['CANCELLED'] },
      { persona: 'admin', store: 'napoli', status: undefined, shows: null },
      { persona: 'driver', store: 'napoli', status: undefined, shows: PICKUP_BOARD },
      { persona: 'driver', store: 'napoli', status: ['OUT_FOR_DELIVERY'], shows: ['OUT_FOR_DELIVERY'] },
      { persona: 'foreignStaff', store: 'burger-barn', status: undefined, shows: null },
      { persona: 'foreignAdmin', store: 'burger-barn', status: ['PREPARING'], shows: ['PREPARING'] },
      { persona: 'foreignDriver', store: 'burger-barn', status: undefined, shows: PICKUP_BOARD },
    ];
    const watched = boards.map((board) => subscribe(board.persona, STORE_ORDER_UPDATES, { status: board.status }));
    await following(platform, boards.length);
    const mark = history.length;
    // Both stores busy at once; each napoli board's last change is Napoli's, after all of Burger Barn's, and the other way round.
    const n1 = await place('self');
    const n2 = await place('otherCustomer');
    const f1 = await place('foreignCustomer');
    const f2 = await place('foreignCustomer');
    for (const status of ['CONFIRMED', 'ACCEPTED', 'PREPARING'] as Status[]) {
      await advance(f1, status);
      await advance(n1, status);
      await advance(f2, status);
      await advance(n2, status);
    }
    await walk(f2, ['CANCELLED']);
    await walk(n2, ['CANCELLED']);
    await walk(n1, ['OUT_FOR_DELIVERY']);
    await walk(f1, ['OUT_FOR_DELIVERY', 'DELIVERED']);
    await walk(n1, ['DELIVERED']);
    // One more order each that never gets past payment: only the unfiltered boards show it.
    await place('foreignCustomer');
    await place('self');

    const expected = boards.map((board) =>
      expectedSince(mark, (c) => c.store === board.store && (!board.shows || board.shows.includes(c.status))),
    );
    await settled(watched.map((w, i) => [w, expected[i]!]));
    boards.forEach((board, i) => {
      expect(received(watched[i]!), `${board.persona} ${JSON.stringify(board.status)}`).toEqual(expected[i]);
      expect(watched[i]!.failure).toBeUndefined();
    });
    // The model is not vacuous: every board showed something, and no napoli board showed a burger-barn order.
    for (const list of expected) expect(list.length).toBeGreaterThan(0);
    expect(byOrder(expected[0]!)).toEqual({ [n1.id]: KITCHEN_BOARD, [n2.id]: KITCHEN_BOARD });
    expect(byOrder(expected[3]!)).toEqual({ [n1.id]: PICKUP_BOARD, [n2.id]: ['ACCEPTED', 'PREPARING'] });
  });
});

// ---- Connecting -----------------------------------------------------------------------------------

describe('connecting', () => {
  test('a token that is not valid closes the connection (4401) before anything is subscribed', async () => {
    let closed: { code: number; reason: string } | undefined;
    const client = wsClient(platform.gatewayUrl, `${tokens.self}x`, { onClose: (code, reason) => (closed = { code, reason }) });
    try {
      const watched = watch<Answer>(client, MY_ORDER_UPDATES);
      expect(await within(watched.ended, 5_000)).toBe(true);
      expect(watched.events).toEqual([]);
      expect(closed?.code).toBe(4401);
      expect(await metric(platform, 'subscriptions_following')).toBe(0);
    } finally {
      await client.dispose();
    }
  });

  test("the gateway's own refusals come as the protocol's error message", async () => {
    const watched = subscribe('self', STORE_ORDER_UPDATES, {});
    expect(await refusal(watched)).toEqual(['FORBIDDEN']);
    expect(Array.isArray(watched.failure)).toBe(true);
  });

  // A refusal by the orders service is the protocol's `error` message, as the gateway's own are.
  test("a refusal by the orders service comes as the protocol's error message too", async () => {
    const watched = subscribe('otherCustomer', ORDER_UPDATED, { id: aliceOrder });
    expect(await refusal(watched)).toEqual(['FORBIDDEN']);
    expect(watched.events).toEqual([]);
    expect(Array.isArray(watched.failure)).toBe(true);
  });
});

// ---- Multipart HTTP -------------------------------------------------------------------------------

interface HttpAnswer {
  status: number;
  contentType: string;
  /** The JSON body, or the parts' JSON of a multipart one (heartbeats left out). */
  body: unknown;
  parts: { payload?: { data?: unknown; errors?: { extensions?: { code?: string } }[] } }[];
  /** Whether a multipart response ended with the closing boundary within the time allowed. */
  closed: boolean;
}

/** A subscription over HTTP, read until it ends or `readMs` passes. */
async function overHttp(query: string, variables: Record<string, unknown>, token?: string, readMs = 3_000): Promise<HttpAnswer> {
  const abort = new AbortController();
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    signal: abort.signal,
    headers: { 'content-type': 'application/json', accept: MULTIPART, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.startsWith('multipart/')) {
    return { status: response.status, contentType, body: await response.json(), parts: [], closed: true };
  }
  let text = '';
  let closed = false;
  const timer = setTimeout(() => abort.abort(), readMs);
  try {
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      text += decoder.decode(chunk, { stream: true });
      if (text.endsWith('--graphql--\r\n')) closed = true;
    }
  } catch {
    // Aborted: the stream was still open.
  } finally {
    clearTimeout(timer);
  }
  const parts = text
    .split('\r\n--graphql')
    .map((part) => part.split('\r\n\r\n')[1])
    .filter((json): json is string => Boolean(json?.trim()))
    .map((json) => JSON.parse(json))
    .filter((part) => Object.keys(part).length > 0);
  return { status: response.status, contentType, body: undefined, parts, closed };
}

describe('the same refusals over multipart HTTP', () => {
  test.each([
    ['anonymous', MY_ORDER_UPDATES, {}, 401, 'UNAUTHENTICATED'],
    ['anonymous', ORDER_UPDATED, { id: 'any' }, 401, 'UNAUTHENTICATED'],
    ['anonymous', STORE_ORDER_UPDATES, {}, 401, 'UNAUTHENTICATED'],
    ['self', STORE_ORDER_UPDATES, {}, 403, 'FORBIDDEN'],
    ['foreignCustomer', STORE_ORDER_UPDATES, { status: ['CONFIRMED'] }, 403, 'FORBIDDEN'],
    ['staff', MY_ORDER_UPDATES, {}, 403, 'FORBIDDEN'],
    ['driver', MY_ORDER_UPDATES, {}, 403, 'FORBIDDEN'],
  ] as [Persona, string, Record<string, unknown>, number, Outcome][])(
    'the gateway refuses %s with a JSON answer: %s → %s',
    async (persona, query, variables, status, code) => {
      const answer = await overHttp(query, variables, tokens[persona]);
      expect(answer.contentType).toMatch(/^application\/json/);
      expect(answer.status).toBe(status);
      const body = answer.body as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    },
  );

  test('a subscription that is allowed is streamed as multipart, and its events arrive', async () => {
    const alice = await place('self');
    const read = overHttp(ORDER_UPDATED, { id: alice.id }, tokens.self, 10_000);
    await following(platform, 1);
    await walk(alice, ['CONFIRMED', 'CANCELLED']);
    const answer = await read;
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^multipart\/mixed/);
    expect(answer.parts.map((p) => p.payload)).toEqual([
      { data: { orderUpdated: { id: alice.id, status: 'CONFIRMED' } } },
      { data: { orderUpdated: { id: alice.id, status: 'CANCELLED' } } },
    ]);
    expect(answer.closed).toBe(true);
  });

  const BY_ORDERS: [string, () => [Persona, string, Record<string, unknown>], Outcome][] = [
    ["another customer's order", () => ['otherCustomer', ORDER_UPDATED, { id: aliceOrder }], 'FORBIDDEN'],
    ["another store's staff", () => ['foreignStaff', ORDER_UPDATED, { id: aliceOrder }], 'FORBIDDEN'],
    ['an order that does not exist', () => ['self', ORDER_UPDATED, { id: randomUUID() }], 'NOT_FOUND'],
    ['a driver asking for CONFIRMED', () => ['driver', STORE_ORDER_UPDATES, { status: ['CONFIRMED'] }], 'FORBIDDEN'],
  ];

  test.each(BY_ORDERS)('refused by the orders service (%s): nothing but the error, and the response ends', async (_, args, code) => {
    const [persona, query, variables] = args();
    const answer = await overHttp(query, variables, tokens[persona]);
    const errors = answer.contentType.startsWith('multipart/')
      ? answer.parts.flatMap((part) => {
          expect(part.payload?.data ?? null).toBeNull();
          return part.payload?.errors ?? [];
        })
      : ((answer.body as { errors?: { extensions?: { code?: string } }[] }).errors ?? []);
    expect(errors.map((e) => e.extensions?.code)).toEqual([code]);
    expect(answer.closed).toBe(true);
  });

  // A subscription refused before it starts is answered as ordinary JSON, whether the gateway or
  // the orders service refused it.
  test.each(BY_ORDERS)('refused by the orders service (%s): an ordinary JSON error answer', async (_, args, code) => {
    const [persona, query, variables] = args();
    const answer = await overHttp(query, variables, tokens[persona]);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect((answer.body as { errors?: { extensions?: { code?: string } }[] }).errors?.map((e) => e.extensions?.code)).toEqual([code]);
  });
});
