import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

type Status = 'PENDING_PAYMENT' | 'CONFIRMED' | 'ACCEPTED' | 'PREPARING' | 'OUT_FOR_DELIVERY' | 'DELIVERED' | 'CANCELLED';
type Role = 'CUSTOMER' | 'STAFF' | 'DRIVER' | 'ADMIN';
const STATUSES: Status[] = ['PENDING_PAYMENT', 'CONFIRMED', 'ACCEPTED', 'PREPARING', 'OUT_FOR_DELIVERY', 'DELIVERED', 'CANCELLED'];
const ROLES: Role[] = ['CUSTOMER', 'STAFF', 'DRIVER', 'ADMIN'];

/**
 * The rules as the product states them, written out independently of the implementation:
 * customers cancel only before ACCEPTED; staff accept and prepare (and may cancel until it leaves
 * the store); a driver takes it out and delivers; admins may do what staff and drivers do and
 * cancel until delivery; only a payment confirms.
 */
const ALLOWED: Partial<Record<Status, Partial<Record<Status, Role[]>>>> = {
  PENDING_PAYMENT: { CANCELLED: ['CUSTOMER', 'STAFF', 'ADMIN'], CONFIRMED: [] },
  CONFIRMED: { ACCEPTED: ['STAFF', 'ADMIN'], CANCELLED: ['CUSTOMER', 'STAFF', 'ADMIN'] },
  ACCEPTED: { PREPARING: ['STAFF', 'ADMIN'], CANCELLED: ['STAFF', 'ADMIN'] },
  PREPARING: { OUT_FOR_DELIVERY: ['DRIVER', 'ADMIN'], CANCELLED: ['STAFF', 'ADMIN'] },
  OUT_FOR_DELIVERY: { DELIVERED: ['DRIVER', 'ADMIN'], CANCELLED: ['ADMIN'] },
};

let platform: TestPlatform;
let customer: { id: string; token: string };
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  platform = await startTestPlatform();
  customer = await platform.register('napoli');
  tokens.CUSTOMER = customer.token;
  tokens.STAFF = await platform.login('staff@napoli.example');
  tokens.DRIVER = await platform.login('driver@napoli.example');
  tokens.ADMIN = await platform.login('admin@napoli.example');
});
afterAll(() => platform?.stop());

const MOVE = 'mutation ($input: UpdateOrderStatusInput!) { updateOrderStatus(input: $input) { id status } }';
const move = (token: string, orderId: string, status: Status) =>
  platform.gql<{ updateOrderStatus: { status: Status } }>(MOVE, { input: { orderId, status } }, token);

/** A fresh order of the test customer, brought to `status` the way real callers would. */
async function orderIn(status: Status): Promise<string> {
  const { id } = await platform.placeOrder(customer.token);
  if (status === 'PENDING_PAYMENT') return id;
  if (status === 'CANCELLED') {
    await move(tokens.CUSTOMER, id, 'CANCELLED');
    return id;
  }
  await platform.payOrder(customer.token, id);
  await platform.settle();
  const path: [Status, Role][] = [
    ['ACCEPTED', 'STAFF'],
    ['PREPARING', 'STAFF'],
    ['OUT_FOR_DELIVERY', 'DRIVER'],
    ['DELIVERED', 'DRIVER'],
  ];
  for (const [next, role] of path.slice(0, STATUSES.indexOf(status) - 1)) {
    const result = await move(tokens[role], id, next);
    if (result.errors) throw new Error(`could not move to ${next}: ${JSON.stringify(result.errors)}`);
  }
  return id;
}

describe('the order state machine', () => {
  const cases = STATUSES.flatMap((from) => STATUSES.flatMap((to) => ROLES.map((role) => ({ from, to, role }))));

  test.each(STATUSES)('every move from %s, by every role, gets exactly the expected answer', async (from) => {
    const stuck = await orderIn(from); // refused moves leave it where it is, so one order serves them all
    for (const { to, role } of cases.filter((c) => c.from === from)) {
      const rule = ALLOWED[from]?.[to];
      const expected = rule?.includes(role) ? 'OK' : rule ? 'FORBIDDEN' : 'CONFLICT';
      const orderId = expected === 'OK' ? await orderIn(from) : stuck;
      const result = await move(tokens[role], orderId, to);
      const label = `${from} → ${to} by ${role}`;
      if (expected === 'OK') {
        expect(result.errors, label).toBeUndefined();
        expect(result.data?.updateOrderStatus.status, label).toBe(to);
      } else {
        expect(result.errors?.[0]?.extensions?.code, label).toBe(expected);
        expect(result.errors?.[0]?.extensions?.currentStatus, label).toBe(from);
      }
    }
    await platform.settle();
    const after: any = await platform.gql('query ($id: ID!) { order(id: $id) { status } }', { id: stuck }, customer.token);
    expect(after.data.order.status).toBe(from);
  });

  test('people outside the order cannot move it, whatever their role', async () => {
    const orderId = await orderIn('CONFIRMED');
    const stranger = await platform.register('napoli');
    const otherStaff = await platform.login('staff@burgerbarn.example', 'burger-barn');
    const otherDriver = await platform.login('driver@burgerbarn.example', 'burger-barn');
    for (const token of [stranger.token, otherStaff, otherDriver]) {
      expect((await move(token, orderId, 'CANCELLED')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await move(token, orderId, 'ACCEPTED')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await move('', orderId, 'ACCEPTED')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('concurrent moves on one order: exactly one wins', async () => {
    const orderId = await orderIn('CONFIRMED');
    // Whichever lands first, none of the others is legal after it.
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => move(tokens.STAFF, orderId, 'ACCEPTED')),
      move(tokens.ADMIN, orderId, 'ACCEPTED'),
      move(tokens.CUSTOMER, orderId, 'CANCELLED'),
    ]);
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((r) => r.errors)) {
      expect(['CONFLICT', 'FORBIDDEN']).toContain(loser.errors?.[0]?.extensions?.code);
      expect(loser.errors?.[0]?.extensions?.currentStatus).toBe(winners[0]!.data?.updateOrderStatus.status);
    }
  });

  test('a payment confirms the order; nobody else can', async () => {
    const orderId = await orderIn('PENDING_PAYMENT');
    for (const role of ROLES) expect((await move(tokens[role], orderId, 'CONFIRMED')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await platform.payOrder(customer.token, orderId);
    await platform.settle();
    const read: any = await platform.gql('query ($id: ID!) { order(id: $id) { status } }', { id: orderId }, customer.token);
    expect(read.data.order.status).toBe('CONFIRMED');
  });
});
