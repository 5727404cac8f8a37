import { randomUUID } from 'node:crypto';
import { outboxTable, recordEvents, signAccessToken, type Viewer } from '@supergraph/service-kit';
import { sql as raw } from 'drizzle-orm';
import { pgSchema } from 'drizzle-orm/pg-core';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { following, startTestPlatform, type TestPlatform, type Watched, watch, wsClient } from './harness/index.ts';

/**
 * Drivers on orders, end to end through the gateway: staff assign, drivers claim (one of
 * concurrent claims wins), a driver sees and moves only their own orders and the claimable ones,
 * the pickup board shows the same, who may see the driver on an order, the OrderDriverChanged
 * event, analytics' driver_id (and its replay), and a driver's erasure.
 *
 * Each store of the demo has one driver; a second and third driver of Napoli are accounts the
 * customers subgraph announces (an AccountCreated in its outbox, as its account creation writes)
 * with tokens signed by the platform's identity keys, as sign-in would issue them.
 */

type Status = 'PENDING_PAYMENT' | 'CONFIRMED' | 'ACCEPTED' | 'PREPARING' | 'OUT_FOR_DELIVERY' | 'DELIVERED' | 'CANCELLED';

let platform: TestPlatform;
let napoliId: string;
let customer: { id: string; token: string };
let staff: string;
let admin: string;
let foreignStaff: string;
let foreignDriver: string;
/** Napoli's drivers: the demo's (signs in), and two announced by the customers subgraph. */
const drivers = {} as Record<'dana' | 'bea' | 'cy', { id: string; token: string }>;

const customersOutbox = outboxTable(pgSchema('customers'));

/** What the customers subgraph publishes when it creates a driver account (see its events.ts). */
async function announceDriver(storeId: string): Promise<{ id: string; token: string }> {
  const id = randomUUID();
  const createdAt = new Date();
  await recordEvents(platform.databases.customers, customersOutbox, [
    {
      type: 'AccountCreated',
      aggregateType: 'Customer',
      aggregateId: id,
      occurredAt: createdAt,
      payload: { accountId: id, storeId, role: 'DRIVER', createdAt: createdAt.toISOString() },
    },
  ]);
  const viewer: Viewer = { accountId: id, role: 'DRIVER', storeId, scopes: ['store:deliver'] };
  const { token } = await signAccessToken(viewer, platform.signingKeys.signing, {
    issuer: 'supergraph',
    audience: 'supergraph',
    ttlSeconds: 600,
  });
  return { id, token };
}

const rows = async <T>(db: keyof TestPlatform['databases'], query: ReturnType<typeof raw>): Promise<T[]> => {
  const result = (await platform.databases[db].execute(query)) as unknown as { rows?: T[] } & T[];
  return result.rows ?? result;
};

beforeAll(async () => {
  platform = await startTestPlatform();
  customer = await platform.register('napoli');
  [staff, admin, foreignStaff, foreignDriver] = await Promise.all([
    platform.login('staff@napoli.example'),
    platform.login('admin@napoli.example'),
    platform.login('staff@burgerbarn.example', 'burger-barn'),
    platform.login('driver@burgerbarn.example', 'burger-barn'),
  ]);
  const dana = await platform.login('driver@napoli.example');
  const me: any = await platform.gql('{ me { id store { id } } }', {}, dana);
  drivers.dana = { id: me.data.me.id, token: dana };
  napoliId = me.data.me.store.id;
  drivers.bea = await announceDriver(napoliId);
  drivers.cy = await announceDriver(napoliId);
  await platform.settle();
});
afterAll(() => platform?.stop());

const ORDER_FIELDS = 'id status claimable driver { id }';
const MOVE = `mutation ($input: UpdateOrderStatusInput!) { updateOrderStatus(input: $input) { ${ORDER_FIELDS} } }`;
const ASSIGN = `mutation ($input: AssignDriverInput!) { assignDriver(input: $input) { ${ORDER_FIELDS} updatedAt } }`;
const UNASSIGN = `mutation ($input: UnassignDriverInput!) { unassignDriver(input: $input) { ${ORDER_FIELDS} } }`;
const CLAIM = `mutation ($input: ClaimOrderInput!) { claimOrder(input: $input) { ${ORDER_FIELDS} } }`;
const ORDER = `query ($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;

const move = (token: string, orderId: string, status: Status) => platform.gql<any>(MOVE, { input: { orderId, status } }, token);
const assign = (token: string, orderId: string, driverId: unknown) => platform.gql<any>(ASSIGN, { input: { orderId, driverId } }, token);
const unassign = (token: string, orderId: string) => platform.gql<any>(UNASSIGN, { input: { orderId } }, token);
const claim = (token: string, orderId: string) => platform.gql<any>(CLAIM, { input: { orderId } }, token);
const code = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code ?? 'ok';

/** A fresh order of the test customer, brought to `status` by the real callers (staff accept and prepare). */
async function orderIn(status: Status): Promise<string> {
  const { id } = await platform.placeOrder(customer.token);
  if (status === 'PENDING_PAYMENT') return id;
  await platform.payOrder(customer.token, id);
  await platform.settle();
  for (const next of ['ACCEPTED', 'PREPARING'] as Status[]) {
    if (status === 'CONFIRMED' || (status === 'ACCEPTED' && next === 'PREPARING')) break;
    expect(code(await move(staff, id, next))).toBe('ok');
  }
  return id;
}

const driverChangedEvents = (orderId: string) =>
  rows<{ payload: Record<string, unknown> }>(
    'orders',
    raw`select payload from orders.outbox_events where type = 'OrderDriverChanged' and aggregate_id = ${orderId} order by position`,
  );

describe('the demo data', () => {
  test("each store's demo driver is known to orders, and delivered demo orders were taken out by them", async () => {
    const known = await rows<{ driver_id: string; store_id: string }>('orders', raw`select driver_id, store_id from orders.store_drivers`);
    expect(known.filter((d) => d.store_id === napoliId).map((d) => d.driver_id)).toEqual(
      expect.arrayContaining([drivers.dana.id, drivers.bea.id, drivers.cy.id]),
    );
    expect(new Set(known.map((d) => d.store_id)).size).toBe(3);
    const delivered = await rows<{ driver_id: string | null; n: number }>(
      'orders',
      raw`select driver_id, count(*)::int as n from orders.orders where store_id = ${napoliId} and status in ('OUT_FOR_DELIVERY', 'DELIVERED') group by driver_id`,
    );
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.map((d) => d.driver_id)).toEqual([drivers.dana.id]);
    // Analytics has the same driver on the same facts.
    const facts = await rows<{ n: number }>(
      'analytics',
      raw`select count(*)::int as n from analytics.order_facts where store_id = ${napoliId} and driver_id = ${drivers.dana.id}`,
    );
    expect(facts[0]!.n).toBe(delivered[0]!.n);
  });
});

describe('staff assign a driver', () => {
  test('assign, reassign and unassign until the order leaves the store, each one OrderDriverChanged event', async () => {
    const orderId = await orderIn('CONFIRMED');
    const first = await assign(staff, orderId, drivers.dana.id);
    expect(first.errors).toBeUndefined();
    expect(first.data.assignDriver).toMatchObject({ id: orderId, status: 'CONFIRMED', claimable: false, driver: { id: drivers.dana.id } });
    // The same driver again changes nothing.
    const again = await assign(staff, orderId, drivers.dana.id);
    expect(again.data.assignDriver.updatedAt).toBe(first.data.assignDriver.updatedAt);
    expect((await assign(admin, orderId, drivers.bea.id)).data.assignDriver.driver).toEqual({ id: drivers.bea.id });
    expect((await unassign(staff, orderId)).data.unassignDriver.driver).toBeNull();
    expect((await assign(staff, orderId, drivers.dana.id)).data.assignDriver.driver).toEqual({ id: drivers.dana.id });
    const events = (await driverChangedEvents(orderId)).map((e) => e.payload);
    expect(events.map((p) => [p.previousDriverId, p.driverId, p.changedBy])).toEqual([
      [null, drivers.dana.id, 'STAFF'],
      [drivers.dana.id, drivers.bea.id, 'ADMIN'],
      [drivers.bea.id, null, 'STAFF'],
      [null, drivers.dana.id, 'STAFF'],
    ]);
    // Ids and codes only: no text anyone typed.
    expect(Object.keys(events[0]!).sort()).toEqual(
      ['changedAt', 'changedBy', 'customerId', 'driverId', 'how', 'orderId', 'previousDriverId', 'status', 'storeId'].sort(),
    );
    // Once it is out for delivery, the driver stays.
    expect(code(await move(staff, orderId, 'ACCEPTED'))).toBe('ok');
    expect(code(await move(staff, orderId, 'PREPARING'))).toBe('ok');
    expect(code(await move(drivers.dana.token, orderId, 'OUT_FOR_DELIVERY'))).toBe('ok');
    for (const attempt of [await assign(staff, orderId, drivers.bea.id), await unassign(admin, orderId)]) {
      expect(code(attempt)).toBe('CONFLICT');
      expect(attempt.errors![0]!.extensions!.currentStatus).toBe('OUT_FOR_DELIVERY');
    }
    expect(code(await move(drivers.dana.token, orderId, 'DELIVERED'))).toBe('ok');
    expect(code(await assign(staff, orderId, drivers.bea.id))).toBe('CONFLICT');
    expect(await driverChangedEvents(orderId)).toHaveLength(4);
  });

  test('who may assign: staff and admins of the store only', async () => {
    const orderId = await orderIn('ACCEPTED');
    const who: [string, string | undefined, string][] = [
      ['anonymous', undefined, 'UNAUTHENTICATED'],
      ['the customer', customer.token, 'FORBIDDEN'],
      ['a driver', drivers.dana.token, 'FORBIDDEN'],
      ['staff of another store', foreignStaff, 'FORBIDDEN'],
      ['a driver of another store', foreignDriver, 'FORBIDDEN'],
    ];
    for (const [name, token, expected] of who) {
      expect(code(await assign(token as string, orderId, drivers.dana.id)), name).toBe(expected);
      expect(code(await unassign(token as string, orderId)), name).toBe(expected);
    }
    expect(await driverChangedEvents(orderId)).toEqual([]);
  });

  test('a driverId that is not an active driver of the store is BAD_USER_INPUT, and nothing is written', async () => {
    const orderId = await orderIn('ACCEPTED');
    const foreignDriverId = ((await platform.gql('{ me { id } }', {}, foreignDriver)) as any).data.me.id;
    const staffId = ((await platform.gql('{ me { id } }', {}, staff)) as any).data.me.id;
    for (const driverId of [customer.id, staffId, foreignDriverId, randomUUID(), 'not-an-id', '', "'; drop table orders; --"]) {
      const result = await assign(staff, orderId, driverId);
      expect(code(result), driverId).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.extensions!.field, driverId).toBe('input.driverId');
      expect(result.data).toBeNull();
    }
    for (const orderIdArg of ['not-an-id', '']) {
      expect(code(await assign(staff, orderIdArg, drivers.dana.id))).toBe('BAD_USER_INPUT');
      expect(code(await claim(drivers.dana.token, orderIdArg))).toBe('BAD_USER_INPUT');
      expect(code(await unassign(staff, orderIdArg))).toBe('BAD_USER_INPUT');
    }
    expect(code(await assign(staff, randomUUID(), drivers.dana.id))).toBe('NOT_FOUND');
    expect(code(await claim(drivers.dana.token, randomUUID()))).toBe('NOT_FOUND');
    expect(await driverChangedEvents(orderId)).toEqual([]);
    const order: any = await platform.gql(ORDER, { id: orderId }, staff);
    expect(order.data.order).toMatchObject({ driver: null, claimable: true });
  });
});

describe('drivers claim', () => {
  test('an ACCEPTED or PREPARING order nobody delivers; other statuses and taken orders are a CONFLICT', async () => {
    for (const status of ['PENDING_PAYMENT', 'CONFIRMED'] as Status[]) {
      const result = await claim(drivers.dana.token, await orderIn(status));
      expect(code(result), status).toBe('CONFLICT');
      expect(result.errors![0]!.extensions!.currentStatus).toBe(status);
    }
    const accepted = await orderIn('ACCEPTED');
    const claimed = await claim(drivers.dana.token, accepted);
    expect(claimed.data.claimOrder).toMatchObject({ status: 'ACCEPTED', claimable: false, driver: { id: drivers.dana.id } });
    expect(code(await claim(drivers.dana.token, accepted))).toBe('ok'); // again: nothing changes
    expect(code(await claim(drivers.bea.token, accepted))).toBe('CONFLICT');
    expect(await driverChangedEvents(accepted)).toHaveLength(1);
    const preparing = await orderIn('PREPARING');
    expect((await claim(drivers.bea.token, preparing)).data.claimOrder.driver).toEqual({ id: drivers.bea.id });
    expect((await driverChangedEvents(preparing))[0]!.payload.changedBy).toBe('DRIVER');
  });

  test('only drivers of the order’s store claim', async () => {
    const orderId = await orderIn('ACCEPTED');
    for (const [name, token, expected] of [
      ['anonymous', undefined, 'UNAUTHENTICATED'],
      ['the customer', customer.token, 'FORBIDDEN'],
      ['staff', staff, 'FORBIDDEN'],
      ['an admin', admin, 'FORBIDDEN'],
      ['a driver of another store', foreignDriver, 'FORBIDDEN'],
    ] as [string, string | undefined, string][]) {
      expect(code(await claim(token as string, orderId)), name).toBe(expected);
    }
    expect(await driverChangedEvents(orderId)).toEqual([]);
  });

  test('drivers claiming one order at once: exactly one wins, the others get a CONFLICT', async () => {
    for (let round = 0; round < 4; round += 1) {
      const orderId = await orderIn(round % 2 ? 'PREPARING' : 'ACCEPTED');
      const contenders = [drivers.dana, drivers.bea, drivers.cy];
      const results = await Promise.all(contenders.map((d) => claim(d.token, orderId)));
      const winners = results.flatMap((r, i) => (r.errors ? [] : [contenders[i]!]));
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => r.errors).map(code)).toEqual(['CONFLICT', 'CONFLICT']);
      const events = await driverChangedEvents(orderId);
      expect(events.map((e) => e.payload.driverId)).toEqual([winners[0]!.id]);
      const order: any = await platform.gql(ORDER, { id: orderId }, staff);
      expect(order.data.order.driver).toEqual({ id: winners[0]!.id });
    }
  });
});

describe('a driver sees and moves only their orders', () => {
  let mine: string;
  let beas: string;
  let open: string;
  let confirmed: string;
  beforeAll(async () => {
    mine = await orderIn('PREPARING');
    beas = await orderIn('PREPARING');
    open = await orderIn('ACCEPTED');
    confirmed = await orderIn('CONFIRMED');
    expect(code(await assign(staff, mine, drivers.dana.id))).toBe('ok');
    expect(code(await claim(drivers.bea.token, beas))).toBe('ok');
  });

  test('order(id): their own and the claimable ones; not another driver’s, not one before the kitchen accepts it', async () => {
    const see = async (id: string) => code(await platform.gql(ORDER, { id }, drivers.dana.token));
    expect(await see(mine)).toBe('ok');
    expect(await see(open)).toBe('ok');
    expect(await see(beas)).toBe('FORBIDDEN');
    expect(await see(confirmed)).toBe('FORBIDDEN');
    // Staff see all of them.
    for (const id of [mine, beas, open, confirmed]) expect(code(await platform.gql(ORDER, { id }, staff))).toBe('ok');
  });

  test('Store.orders and Customer.orders: the same orders, with a count to match', async () => {
    const STORE = `{ store(slug: "napoli") { orders(first: 100) { totalCount edges { node { ${ORDER_FIELDS} } } } } }`;
    const list: any = await platform.gql(STORE, {}, drivers.dana.token);
    expect(list.errors).toBeUndefined();
    const nodes = list.data.store.orders.edges.map((e: any) => e.node);
    expect(list.data.store.orders.totalCount).toBe(nodes.length);
    const ids = nodes.map((n: any) => n.id);
    expect(ids).toContain(mine);
    expect(ids).toContain(open);
    expect(ids).not.toContain(beas);
    expect(ids).not.toContain(confirmed);
    for (const node of nodes) {
      if (node.driver) expect(node.driver).toEqual({ id: drivers.dana.id });
      else {
        expect(node.claimable).toBe(true);
        expect(['ACCEPTED', 'PREPARING']).toContain(node.status);
      }
    }
    // The same rule in SQL, independently: the orders of the store that are Dana's or claimable.
    const [{ n }] = (await rows<{ n: number }>(
      'orders',
      raw`select count(*)::int as n from orders.orders where store_id = ${napoliId}
          and (driver_id = ${drivers.dana.id} or (driver_id is null and status in ('ACCEPTED', 'PREPARING')))`,
    )) as [{ n: number }];
    expect(list.data.store.orders.totalCount).toBe(n);
    // Staff see every order of the store.
    const all: any = await platform.gql('{ store(slug: "napoli") { orders(first: 1) { totalCount } } }', {}, staff);
    expect(all.data.store.orders.totalCount).toBeGreaterThan(n);
  });

  test('moves: their own order out and delivered; another driver’s is FORBIDDEN; one nobody delivers is claimed by taking it out', async () => {
    const refused = await move(drivers.dana.token, beas, 'OUT_FOR_DELIVERY');
    expect(code(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0]!.extensions!.currentStatus).toBe('PREPARING');
    expect(code(await move(drivers.dana.token, mine, 'OUT_FOR_DELIVERY'))).toBe('ok');
    expect(code(await move(drivers.bea.token, mine, 'DELIVERED'))).toBe('FORBIDDEN');
    expect((await move(drivers.dana.token, mine, 'DELIVERED')).data.updateOrderStatus.status).toBe('DELIVERED');
    // Nobody delivers this one: taking it out claims it, in the same transaction.
    const unassigned = await orderIn('PREPARING');
    const taken = await move(drivers.cy.token, unassigned, 'OUT_FOR_DELIVERY');
    expect(taken.data.updateOrderStatus).toMatchObject({ status: 'OUT_FOR_DELIVERY', driver: { id: drivers.cy.id } });
    const events = await rows<{ type: string }>(
      'orders',
      raw`select type from orders.outbox_events where aggregate_id = ${unassigned} order by position`,
    );
    expect(events.map((e) => e.type).slice(-2)).toEqual(['OrderDriverChanged', 'OrderStatusChanged']);
    expect(code(await move(drivers.dana.token, unassigned, 'DELIVERED'))).toBe('FORBIDDEN');
  });
});

describe('who sees the driver on an order', () => {
  test('staff, admins, the driver and the customer (the id only); other drivers see nobody', async () => {
    const orderId = await orderIn('PREPARING');
    expect(code(await assign(staff, orderId, drivers.dana.id))).toBe('ok');
    for (const token of [staff, admin, drivers.dana.token, customer.token]) {
      const seen: any = await platform.gql(ORDER, { id: orderId }, token);
      expect(seen.data.order.driver).toEqual({ id: drivers.dana.id });
    }
    // The driver's profile is the customers subgraph's: staff see it, the customer does not.
    const PROFILE = 'query ($id: ID!) { order(id: $id) { id driver { id firstName } } }';
    const byStaff: any = await platform.gql(PROFILE, { id: orderId }, staff);
    expect(byStaff.data.order.driver).toEqual({ id: drivers.dana.id, firstName: 'Dana' });
    const byCustomer: any = await platform.gql(PROFILE, { id: orderId }, customer.token);
    expect(JSON.stringify(byCustomer.data)).not.toContain('Dana');
    expect(byCustomer.errors.map((e: any) => e.extensions.code)).toContain('FORBIDDEN');
    // Bea may not see the order at all; on a claimable one, she sees that nobody delivers it.
    expect(code(await platform.gql(ORDER, { id: orderId }, drivers.bea.token))).toBe('FORBIDDEN');
    const open = await orderIn('ACCEPTED');
    expect(((await platform.gql(ORDER, { id: open }, drivers.bea.token)) as any).data.order).toMatchObject({
      driver: null,
      claimable: true,
    });
  });
});

describe('the pickup board', () => {
  const BOARD = `subscription { storeOrderUpdates { ${ORDER_FIELDS} } }`;
  let clients: Client[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    clients = [];
  });

  test("shows the claimable orders and the driver's own, and the change that gives a claimable one to another driver", async () => {
    const [dana, bea] = [wsClient(platform.gatewayUrl, drivers.dana.token), wsClient(platform.gatewayUrl, drivers.bea.token)];
    clients.push(dana, bea);
    const kitchen = wsClient(platform.gatewayUrl, staff);
    clients.push(kitchen);
    const danaBoard: Watched<any> = watch(dana, BOARD);
    const beaBoard: Watched<any> = watch(bea, BOARD);
    const staffBoard: Watched<any> = watch(kitchen, BOARD);
    await following(platform, 3);

    const forBea = await orderIn('CONFIRMED');
    expect(code(await assign(staff, forBea, drivers.bea.id))).toBe('ok');
    const contested = await orderIn('CONFIRMED');
    // Bea's: accepted and prepared while hers. Contested: accepted (claimable), then Dana claims it.
    for (const status of ['ACCEPTED', 'PREPARING'] as Status[]) expect(code(await move(staff, forBea, status))).toBe('ok');
    expect(code(await move(staff, contested, 'ACCEPTED'))).toBe('ok');
    expect(code(await claim(drivers.dana.token, contested))).toBe('ok');
    expect(code(await move(staff, contested, 'PREPARING'))).toBe('ok');
    expect(code(await move(drivers.bea.token, forBea, 'OUT_FOR_DELIVERY'))).toBe('ok');
    expect(code(await move(drivers.dana.token, contested, 'OUT_FOR_DELIVERY'))).toBe('ok');
    await platform.settle();

    const seen = (w: Watched<any>) =>
      w.events.map((e) => {
        expect(e.errors).toBeUndefined();
        const o = e.data.storeOrderUpdates;
        return [o.id === forBea ? 'forBea' : o.id === contested ? 'contested' : o.id, o.status, o.claimable, o.driver?.id ?? null];
      });
    // Dana: the contested order while claimable, the claim (hers), and its moves; nothing of Bea's.
    const danaExpected = [
      ['contested', 'ACCEPTED', true, null],
      ['contested', 'ACCEPTED', false, drivers.dana.id],
      ['contested', 'PREPARING', false, drivers.dana.id],
      ['contested', 'OUT_FOR_DELIVERY', false, drivers.dana.id],
    ];
    // Bea: her order's moves, the contested order while claimable, and the claim that takes it off her board (no driver shown).
    const beaExpected = [
      ['forBea', 'ACCEPTED', false, drivers.bea.id],
      ['forBea', 'PREPARING', false, drivers.bea.id],
      ['contested', 'ACCEPTED', true, null],
      ['contested', 'ACCEPTED', false, null],
      ['forBea', 'OUT_FOR_DELIVERY', false, drivers.bea.id],
    ];
    await danaBoard.atLeast(danaExpected.length);
    await beaBoard.atLeast(beaExpected.length);
    // Staff see every change of both orders (from CONFIRMED on, and the assignments).
    await staffBoard.atLeast(10);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen(danaBoard)).toEqual(danaExpected);
    expect(seen(beaBoard)).toEqual(beaExpected);
    expect(staffBoard.events.length).toBeGreaterThanOrEqual(10);
    for (const w of [danaBoard, beaBoard, staffBoard]) w.stop();
  });

  test('orderUpdated: a driver follows an order they may see; not another driver’s', async () => {
    const beas = await orderIn('ACCEPTED');
    expect(code(await claim(drivers.bea.token, beas))).toBe('ok');
    const client = wsClient(platform.gatewayUrl, drivers.dana.token);
    clients.push(client);
    const refused: Watched<any> = watch(client, 'subscription ($id: ID!) { orderUpdated(orderId: $id) { id } }', { id: beas });
    await refused.ended;
    const codes = Array.isArray(refused.failure)
      ? (refused.failure as any[]).map((e) => e.extensions?.code)
      : (refused.events[0]?.errors ?? []).map((e) => e.extensions?.code);
    expect(codes).toEqual(['FORBIDDEN']);
  });
});

describe('analytics records the driver', () => {
  test('driver_id on the order fact follows every change, and a replay of the log rebuilds it', async () => {
    const orderId = await orderIn('ACCEPTED');
    const factDriver = async () => {
      await platform.settle();
      const [fact] = await rows<{ driver_id: string | null }>(
        'analytics',
        raw`select driver_id from analytics.order_facts where order_id = ${orderId}`,
      );
      return fact!.driver_id;
    };
    expect(await factDriver()).toBeNull();
    expect(code(await assign(staff, orderId, drivers.bea.id))).toBe('ok');
    expect(await factDriver()).toBe(drivers.bea.id);
    expect(code(await unassign(staff, orderId))).toBe('ok');
    expect(await factDriver()).toBeNull();
    expect(code(await claim(drivers.cy.token, orderId))).toBe('ok');
    expect(code(await move(staff, orderId, 'PREPARING'))).toBe('ok');
    expect(await factDriver()).toBe(drivers.cy.id);

    const snapshot = () =>
      rows('analytics', raw`select order_id, status, paid_cents, driver_id from analytics.order_facts order by order_id`);
    const before = await snapshot();
    await platform.events.analytics!.consumer('analytics').replay();
    await platform.settle();
    expect(await snapshot()).toEqual(before);
    expect(await factDriver()).toBe(drivers.cy.id);
  });
});

describe("a driver's erasure", () => {
  test('leaves only the id on their orders: not assignable any more, nothing else kept about them', async () => {
    const orderId = await orderIn('ACCEPTED');
    expect(code(await claim(drivers.cy.token, orderId))).toBe('ok');
    const erasedAt = new Date();
    // What the customers subgraph publishes when it erases an account (see its erasure.ts).
    await recordEvents(platform.databases.customers, customersOutbox, [
      {
        type: 'CustomerErased',
        aggregateType: 'Customer',
        aggregateId: drivers.cy.id,
        occurredAt: erasedAt,
        payload: { customerId: drivers.cy.id, storeId: napoliId, erasedAt: erasedAt.toISOString(), requestedBy: 'ADMIN' },
      },
    ]);
    await platform.settle();
    expect(await rows('orders', raw`select * from orders.store_drivers where driver_id = ${drivers.cy.id}`)).toEqual([]);
    const other = await orderIn('ACCEPTED');
    expect(code(await assign(staff, other, drivers.cy.id))).toBe('BAD_USER_INPUT');
    // Its token is still unexpired, but it claims nothing more.
    expect(code(await claim(drivers.cy.token, other))).toBe('UNAUTHENTICATED');
    // The id stays on the orders delivered (the accounts of the store), as the pseudonym the customers subgraph keeps.
    expect(((await platform.gql(ORDER, { id: orderId }, staff)) as any).data.order.driver).toEqual({ id: drivers.cy.id });
    // Wherever orders and analytics keep the id, it is the whole value of a uuid column or an id in an event: no other column names them.
    const columns = [];
    for (const schema of ['orders', 'analytics'] as const)
      columns.push(
        ...(await rows<{ table_schema: string; table_name: string; column_name: string; data_type: string }>(
          schema,
          raw`select table_schema, table_name, column_name, data_type from information_schema.columns
              where table_schema = ${schema} and column_name like '%driver%'`,
        )),
      );
    expect(columns.every((c) => c.data_type === 'uuid')).toBe(true);
    expect(columns.map((c) => `${c.table_schema}.${c.table_name}.${c.column_name}`).sort()).toEqual([
      'analytics.order_facts.driver_id',
      'orders.orders.driver_id',
      'orders.store_drivers.driver_id',
    ]);
  });
});
