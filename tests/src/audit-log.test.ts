import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

/**
 * Admins read their store's audit logs (each domain's through its own `Store` field), filtered and
 * by page; staff's and admins' reads of other people's data are themselves in the log, once per
 * person per request; a person's reads of their own data are not.
 */

let platform: TestPlatform;
let admin: string;
let staff: string;
let alice: { id: string; token: string };
let staffId: string;

const LOG = `query ($filter: AuditLogFilter, $first: Int, $after: String) {
  store(slug: "napoli") {
    auditLog(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id domain occurredAt action actorId actorRole targetType targetId details } }
    }
  }
}`;
const PAYMENTS_LOG = LOG.replace('auditLog(', 'paymentsAuditLog(').replace('auditLog', 'paymentsAuditLog');
const ORDERS_LOG = LOG.replace('auditLog(', 'ordersAuditLog(').replace('auditLog', 'ordersAuditLog');
const ANALYTICS_LOG = LOG.replace('auditLog(', 'analyticsAuditLog(').replace('auditLog', 'analyticsAuditLog');
const FIELD = new Map([
  [LOG, 'auditLog'],
  [PAYMENTS_LOG, 'paymentsAuditLog'],
  [ORDERS_LOG, 'ordersAuditLog'],
  [ANALYTICS_LOG, 'analyticsAuditLog'],
]);

async function log(filter: Record<string, unknown>, first = 100, after?: string, query = LOG) {
  const result: any = await platform.gql(query, { filter, first, after }, admin);
  expect(result.errors).toBeUndefined();
  return result.data.store[FIELD.get(query)!];
}

beforeAll(async () => {
  platform = await startTestPlatform();
  admin = await platform.login('admin@napoli.example');
  staff = await platform.login('staff@napoli.example');
  staffId = ((await platform.gql('{ me { id } }', {}, staff)) as any).data.me.id;
  alice = await platform.register('napoli');
  const order = await platform.placeOrder(alice.token);
  await platform.payOrder(alice.token, order.id);
  await platform.settle();
});
afterAll(() => platform?.stop());

describe('complete data access logging', () => {
  test("staff reading a customer's profile and payments is recorded once per person per request, by domain", async () => {
    const before = (await log({ targetId: alice.id, action: 'customer.read' })).totalCount;
    const result: any = await platform.gql(
      `query ($id: ID!) { a: customer(id: $id) { email phone addresses { city } payments { edges { node { id } } } orders { edges { node { customer { email } payments { amountCents } } } } }
        b: customer(id: $id) { firstName } }`,
      { id: alice.id },
      staff,
    );
    expect(result.errors).toBeUndefined();
    const reads = await log({ targetId: alice.id, action: 'customer.read' });
    // One request at the customers subgraph for the root fields, one for the order's customer entity.
    expect(reads.totalCount - before).toBe(2);
    const entry = reads.edges[0].node;
    expect(entry).toMatchObject({ domain: 'customers', actorId: staffId, actorRole: 'STAFF', targetType: 'Customer', targetId: alice.id });
    expect(entry.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const payments = await log({ targetId: alice.id, action: 'customer.payments.read' }, 100, undefined, PAYMENTS_LOG);
    expect(payments.totalCount).toBeGreaterThanOrEqual(1);
    expect(payments.edges[0].node).toMatchObject({ domain: 'payments', actorId: staffId, targetId: alice.id });
  });

  test("staff reading a customer's orders, one order, or the store's board is recorded in the orders domain's log, once per person per request", async () => {
    const reads = async () => (await log({ targetId: alice.id, action: 'customer.orders.read' }, 100, undefined, ORDERS_LOG)).totalCount;
    const before = await reads();
    const orderId = (await platform.placeOrder(alice.token)).id;
    await platform.settle();
    const byCustomer: any = await platform.gql(
      'query ($id: ID!, $order: ID!) { customer(id: $id) { orders { edges { node { id } } } } order(id: $order) { id } }',
      { id: alice.id, order: orderId },
      staff,
    );
    expect(byCustomer.errors).toBeUndefined();
    // Two requests at the orders subgraph (the root `order`, and the customer's `orders` as an entity): one entry each.
    expect((await reads()) - before).toBe(2);
    const board: any = await platform.gql(
      '{ store(slug: "napoli") { orders(first: 100) { edges { node { id customer { id } } } } } }',
      {},
      staff,
    );
    expect(board.errors).toBeUndefined();
    expect((await reads()) - before).toBe(3);
    const entry = (await log({ targetId: alice.id, action: 'customer.orders.read' }, 1, undefined, ORDERS_LOG)).edges[0].node;
    expect(entry).toMatchObject({ domain: 'orders', actorId: staffId, actorRole: 'STAFF', targetType: 'Customer', targetId: alice.id });
    // The menu changes staff make are in the same log.
    const added: any = await platform.gql(
      'mutation { addMenuItem(input: { name: "Audit test pizza", category: "Pizza", priceCents: 900 }) { id } }',
      {},
      staff,
    );
    expect(added.errors).toBeUndefined();
    const menu = await log({ action: 'menu.item.added', targetId: added.data.addMenuItem.id }, 10, undefined, ORDERS_LOG);
    expect(menu.totalCount).toBe(1);
    // Her own reads are not recorded.
    await platform.gql('{ me { orders { edges { node { id } } } } }', {}, alice.token);
    expect((await reads()) - before).toBe(3);
  });

  test("staff reading a customer's figures, or the top customers, is recorded in the analytics domain's log", async () => {
    const reads = async () =>
      (await log({ targetId: alice.id, action: 'customer.metrics.read' }, 100, undefined, ANALYTICS_LOG)).totalCount;
    const before = await reads();
    const metrics: any = await platform.gql('query ($id: ID!) { customer(id: $id) { metrics { totalOrders } } }', { id: alice.id }, staff);
    expect(metrics.errors).toBeUndefined();
    expect((await reads()) - before).toBe(1);
    const top: any = await platform.gql('{ topCustomers(limit: 100) { customer { id } totalSpentCents } }', {}, staff);
    expect(top.errors).toBeUndefined();
    const listed = top.data.topCustomers.map((t: any) => t.customer.id) as string[];
    expect(listed).toContain(alice.id);
    expect((await reads()) - before).toBe(2);
    // One entry for every person on the list.
    const all = await log({ action: 'customer.metrics.read', actorId: staffId }, 100, undefined, ANALYTICS_LOG);
    expect(all.totalCount).toBeGreaterThanOrEqual(listed.length);
    await platform.gql('{ me { metrics { totalOrders } } }', {}, alice.token);
    expect((await reads()) - before).toBe(2);
  });

  test('a customer list records every person listed, in the same statement as the listing', async () => {
    const before = (await log({ action: 'customer.read', actorId: staffId })).totalCount;
    platform.resetCounters();
    const listed: any = await platform.gql('{ customers(first: 3) { edges { node { id email } } } }', {}, staff);
    const statements = platform.statementCounts().customers;
    expect(listed.data.customers.edges).toHaveLength(3);
    expect((await log({ action: 'customer.read', actorId: staffId })).totalCount - before).toBe(3);
    // The page, and the listing's entries with the readings: no statement per customer.
    expect(statements).toBe(2);
  });

  test("a person's reads of their own data are not recorded", async () => {
    const before = (await log({ targetId: alice.id })).totalCount;
    await platform.gql(
      '{ me { email addresses { city } payments { edges { node { id } } } orders { edges { node { payments { id } } } } } }',
      {},
      alice.token,
    );
    const after = await log({ targetId: alice.id });
    expect(after.edges.filter((e: any) => e.node.actorId === alice.id && e.node.action.endsWith('.read'))).toEqual([]);
    expect(after.totalCount).toBe(before);
  });
});

describe('reading the audit log', () => {
  test('filters by actor, subject, action and time, pages by cursor, and only the store', async () => {
    const all = await log({ actorId: staffId });
    expect(all.totalCount).toBeGreaterThan(3);
    for (const e of all.edges) expect(e.node.actorId).toBe(staffId);
    const first = await log({ actorId: staffId }, 2);
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await log({ actorId: staffId }, 2, first.pageInfo.endCursor);
    expect(second.edges[0].node.id).toBe(all.edges[2].node.id);
    expect(second.totalCount).toBe(all.totalCount);
    // Newest first.
    const ids = all.edges.map((e: any) => Number(e.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const since = all.edges.at(-1).node.occurredAt;
    const until = new Date(Date.parse(all.edges[0].node.occurredAt) + 1).toISOString();
    expect((await log({ actorId: staffId, since, until })).totalCount).toBe(all.totalCount);
    expect((await log({ actorId: staffId, until: since })).totalCount).toBe(0);
    expect((await log({ targetType: 'Customer', targetId: alice.id, action: 'customer.read' })).totalCount).toBeGreaterThan(0);
    expect((await log({ action: 'no.such_action' })).totalCount).toBe(0);

    // Another store's admin sees none of these (they are not of their store).
    const foreign: any = await platform.gql(
      LOG.replace('"napoli"', '"burger-barn"'),
      { filter: { actorId: staffId } },
      await platform.login('admin@burgerbarn.example', 'burger-barn'),
    );
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data.store.auditLog.totalCount).toBe(0);
  });

  test('reading it is itself audited, with the filter', async () => {
    await log({ action: 'customer.login' }, 5);
    const reads = await log({ action: 'audit_log.read' }, 1);
    expect(reads.edges[0].node).toMatchObject({ action: 'audit_log.read', actorRole: 'ADMIN', targetType: 'Store' });
    expect(reads.edges[0].node.details).toMatchObject({ first: 5 });
    const payments = await log({}, 1, undefined, PAYMENTS_LOG);
    expect(payments.edges).toHaveLength(1);
    expect((await log({ action: 'audit_log.read' }, 1, undefined, PAYMENTS_LOG)).totalCount).toBeGreaterThan(0);
  });

  test.each([
    [{ actorId: 'not-an-id' }, 'filter.actorId'],
    [{ targetId: 'x' }, 'filter.targetId'],
    [{ action: 'DROP TABLE' }, 'filter.action'],
    [{ targetType: 'customer;' }, 'filter.targetType'],
    [{ since: '2026-02-01T00:00:00.000Z', until: '2026-01-01T00:00:00.000Z' }, 'filter.until'],
  ])('a bad filter %j is BAD_USER_INPUT at %s, and nothing is recorded', async (filter, field) => {
    const before = (await log({ action: 'audit_log.read' })).totalCount;
    const result: any = await platform.gql(LOG, { filter }, admin);
    expect(result.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors[0].extensions.field).toBe(field);
    // The read just before (for `before`) and the one after are the only new ones.
    expect((await log({ action: 'audit_log.read' })).totalCount).toBe(before + 1);
  });

  test('a bad cursor and a bad page size are BAD_USER_INPUT', async () => {
    for (const variables of [{ after: 'bm90IGEgY3Vyc29y' }, { first: 1000 }]) {
      const result: any = await platform.gql(LOG, variables, admin);
      expect(result.errors[0].extensions.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
  });
});
