import { WEB_MANIFEST } from '@supergraph/web/paths';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { customerWithHistory, person, type Person } from './harness/data-rights.ts';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

/**
 * The right of access: `GET /personal-data` at the gateway, one document with every domain's part
 * (each read through the federation as the caller), for the customer or an admin of their store.
 */

let platform: TestPlatform;
let staff: string;
let admin: string;
let p: Person;
let account: Awaited<ReturnType<typeof customerWithHistory>>;

const exportUrl = (base: string, customerId?: string) =>
  `${base.replace(/\/graphql$/, '/personal-data')}${customerId ? `?customerId=${customerId}` : ''}`;
const download = (token: string | undefined, customerId?: string, base = platform.gatewayUrl) =>
  fetch(exportUrl(base, customerId), { headers: token ? { authorization: `Bearer ${token}` } : {} });

beforeAll(async () => {
  platform = await startTestPlatform();
  staff = await platform.login('staff@napoli.example');
  admin = await platform.login('admin@napoli.example');
  p = person();
  account = await customerWithHistory(platform, staff, p);
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

describe('GET /personal-data', () => {
  test("the customer's own: every domain's part, as a download, without secrets", async () => {
    const response = await download(account.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="personal-data-${account.id}.json"`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    const document = JSON.parse(text);
    expect(document).toMatchObject({ format: 'supergraph-personal-data', version: 1, customerId: account.id, errors: [] });
    // A part from every subgraph of the platform, whichever they are (a new domain's too).
    expect(Object.keys(document.parts).sort()).toEqual(Object.keys(platform.subgraphs).sort());

    const { customers, orders, payments, analytics } = document.parts;
    expect(customers.account).toMatchObject({
      id: account.id,
      email: p.email,
      firstName: p.firstName,
      lastName: p.lastName,
      phone: p.phone,
    });
    expect(customers.addresses).toEqual([expect.objectContaining({ line1: p.line1, line2: p.line2, city: 'Napoli', isDefault: true })]);
    expect(customers.sessions.length).toBeGreaterThanOrEqual(2);
    const actions = customers.auditEntries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['customer.registered', 'auth.login.failed', 'auth.login.succeeded', 'customer.address.added']),
    );

    expect(orders.orders).toHaveLength(2);
    for (const order of orders.orders) expect(order.deliveryAddress).toMatchObject({ line1: p.line1, line2: p.line2 });
    expect(orders.orders.map((o: { status: string }) => o.status).sort()).toEqual(['CANCELLED', 'CONFIRMED']);
    expect(orders.orders.find((o: { status: string }) => o.status === 'CANCELLED').cancelReason).toContain(p.firstName);

    expect(payments.payments).toHaveLength(2);
    for (const payment of payments.payments) expect(payment.card).toEqual({ brand: 'mastercard', last4: '4444' });
    expect(payments.payments.flatMap((x: { refunds: unknown[] }) => x.refunds).length).toBe(2);

    expect(analytics.orderFacts).toHaveLength(2);
    expect(analytics.registeredAt).toEqual(expect.any(String));

    // Never a secret: no password hash, no refresh token or its hash.
    expect(text).not.toContain(account.refreshToken);
    expect(text).not.toMatch(/scrypt|passwordHash|password_hash|tokenHash|token_hash/i);
  });

  test("an admin of the store, for a customer: allowed, and the read is itself in the customer's audit trail", async () => {
    const response = await download(admin, account.id);
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.parts.customers.account.email).toBe(p.email);
    const again = await (await download(account.token)).json();
    expect(again.parts.customers.auditEntries).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'customer.personal_data.read', by: 'admin' })]),
    );
  });

  test("every domain's audit entries about the person are in its part: staff reading their orders and payments too", async () => {
    const read: any = await platform.gql(
      'query ($id: ID!) { customer(id: $id) { orders { edges { node { id } } } payments { edges { node { id } } } } }',
      { id: account.id },
      staff,
    );
    expect(read.errors).toBeUndefined();
    const document = await (await download(account.token)).json();
    expect(document.parts.orders.auditEntries).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'customer.orders.read', by: 'staff' })]),
    );
    expect(document.parts.payments.auditEntries).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'customer.payments.read', by: 'staff' })]),
    );
    expect(document.parts.customers.auditEntries).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'customer.read', by: 'staff' })]),
    );
  });

  test('everyone else is refused, before anything is sent', async () => {
    const other = await platform.register('napoli');
    const foreignAdmin = await platform.login('admin@burgerbarn.example', 'burger-barn');
    const cases: [string | undefined, string | undefined, number, string][] = [
      [undefined, undefined, 401, 'UNAUTHENTICATED'],
      ['not a token', undefined, 401, 'UNAUTHENTICATED'],
      [staff, account.id, 403, 'FORBIDDEN'],
      [other.token, account.id, 403, 'FORBIDDEN'],
      [foreignAdmin, account.id, 403, 'FORBIDDEN'],
      [admin, 'not-a-uuid', 400, 'BAD_USER_INPUT'],
      [admin, '00000000-0000-4000-8000-000000000000', 404, 'NOT_FOUND'],
    ];
    for (const [token, customerId, status, code] of cases) {
      const response = await download(token, customerId);
      const body = await response.json();
      expect([response.status, body.errors?.[0]?.extensions?.code], `${status} ${code}`).toEqual([status, code]);
      expect(JSON.stringify(body)).not.toContain(p.email);
    }
    const post = await fetch(exportUrl(platform.gatewayUrl), { method: 'POST', headers: { authorization: `Bearer ${account.token}` } });
    expect(post.status).toBe(405);
  });

  test('a gateway that runs only its manifest (safelist) still serves the export: its own operations are not a client’s', async () => {
    const safelisted = await platform.startGateway({ PERSISTED_OPERATIONS_MANIFEST: WEB_MANIFEST, PERSISTED_OPERATIONS: 'safelist' });
    const response = await download(account.token, undefined, safelisted.url);
    expect(response.status).toBe(200);
    expect((await response.json()).errors).toEqual([]);
  });
});
