import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ADDRESS, customerWithHistory as withHistory, person, type Person } from './harness/data-rights.ts';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

/**
 * The right to erasure, across every subgraph. A customer with addresses, orders (one cancelled
 * with a note that names them), payments, a refund, sign-ins and a failed sign-in is erased; then
 * every text and JSON column of every table in every schema of the database (the subgraphs', the
 * event log's, and any a new domain adds) is scanned for anything that identifies them, and
 * nothing is found. Store analytics are unchanged, and replaying the event log rebuilds them
 * without bringing anything back.
 */

const STORE_NUMBERS = `{
  store(slug: "napoli") { analytics { orderCount revenueCents refundedCents averageOrderValueCents newCustomers ordersByStatus { status count } } }
  topCustomers(limit: 100) { customer { id } totalSpentCents orderCount }
  averageOrderValue { averageOrderValueCents paidOrders }
}`;

let platform: TestPlatform;
let staff: string;
let admin: string;

/** Every text and JSON column of every table of every schema but PostgreSQL's own. */
async function textColumns(): Promise<{ schema: string; table: string; column: string; type: string }[]> {
  const rows = await platform.databases.customers.execute(sql`
    select c.table_schema as schema, c.table_name as table, c.column_name as column, c.data_type as type
    from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
    where t.table_type = 'BASE TABLE'
      and c.table_schema not in ('pg_catalog', 'information_schema') and c.table_schema not like 'pg\\_%'
      and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb') or c.udt_name in ('_text', '_varchar'))
    order by 1, 2, 3`);
  return (rows as unknown as { rows?: unknown[] }).rows
    ? ((rows as unknown as { rows: never[] }).rows as never)
    : (rows as unknown as { schema: string; table: string; column: string; type: string }[]);
}

/** Where any of `needles` occurs (case-insensitively) in any text or JSON column: `schema.table.column`. */
async function findAnywhere(needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const { schema, table, column } of await textColumns()) {
    const target = sql.raw(`"${schema}"."${table}"`);
    const value = sql.raw(`"${column}"::text`);
    for (const needle of needles) {
      const rows = await platform.databases.customers.execute(
        sql`select count(*)::int as n from ${target} where ${value} ilike ${`%${needle}%`}`,
      );
      const n = Number(((rows as unknown as { rows?: { n: number }[] }).rows ?? (rows as unknown as { n: number }[]))[0]!.n);
      if (n > 0) found.push(`${schema}.${table}.${column} (${n} rows with "${needle}")`);
    }
  }
  return found;
}

/** Where the card's last four digits (4444, as a value of their own) are in a row that names one of `ids`. */
async function cardDigitsAbout(ids: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const { schema, table, column } of await textColumns()) {
    const rowText = sql.raw('row_to_json(r)::text');
    const value = sql.raw(`"${column}"::text`);
    const target = sql.raw(`"${schema}"."${table}" as r`);
    const rows = await platform.databases.customers.execute(
      sql`select count(*)::int as n from ${target} where (${value} = '4444' or ${value} like '%"4444"%')
          and (${sql.join(
            ids.map((id) => sql`${rowText} like ${`%${id}%`}`),
            sql` or `,
          )})`,
    );
    const n = Number(((rows as unknown as { rows?: { n: number }[] }).rows ?? (rows as unknown as { n: number }[]))[0]!.n);
    if (n > 0) found.push(`${schema}.${table}.${column}`);
  }
  return found;
}

beforeAll(async () => {
  platform = await startTestPlatform();
  staff = await platform.login('staff@napoli.example');
  admin = await platform.login('admin@napoli.example');
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

const customerWithHistory = (p: Person) => withHistory(platform, staff, p);

describe('deleteMyAccount', () => {
  let p: Person;
  let account: Awaited<ReturnType<typeof customerWithHistory>>;
  let before: unknown;

  beforeAll(async () => {
    p = person();
    account = await customerWithHistory(p);
    // The scan can see the person before: it would see them after.
    expect(await findAnywhere([p.tag])).not.toEqual([]);
    expect(await cardDigitsAbout([account.id, ...account.orderIds, ...account.paymentIds])).toEqual(['payments.payments.method_last4']);
    before = await platform.gql(STORE_NUMBERS, {}, staff);
  }, 120_000);

  test('a wrong password erases nothing', async () => {
    const refused: any = await platform.gql(
      'mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { customerId } }',
      { input: { password: 'not it' } },
      account.token,
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
    expect(refused.errors?.[0]?.message).toMatch(/password/);
    expect(((await platform.gql('{ me { email } }', {}, account.token)) as any).data.me.email).toBe(p.email);
  });

  test('with the password: the account is erased, and nothing anywhere identifies the person', async () => {
    const erased: any = await platform.gql(
      'mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { customerId erasedAt } }',
      { input: { password: p.password } },
      account.token,
    );
    expect(erased.errors).toBeUndefined();
    expect(erased.data.deleteMyAccount.customerId).toBe(account.id);
    await platform.settle();

    expect(await findAnywhere([p.tag, p.phone.replace('+1 555 ', ''), p.email])).toEqual([]);
    // The card's last four digits, as a value of their own, in no row that belongs to the person.
    expect(await cardDigitsAbout([account.id, ...account.orderIds, ...account.paymentIds])).toEqual([]);
  });

  test('what accounting needs is kept: the store numbers are unchanged, and a replay rebuilds them without the person', async () => {
    expect(await platform.gql(STORE_NUMBERS, {}, staff)).toEqual(before);
    await platform.events.analytics!.consumer('analytics').replay();
    await platform.settle();
    expect(await platform.gql(STORE_NUMBERS, {}, staff)).toEqual(before);
    expect(await findAnywhere([p.tag])).toEqual([]);
    // The orders and payments are still there, amounts and all, under the pseudonym.
    const seen: any = await platform.gql(
      `query ($id: ID!) { customer(id: $id) { firstName lastName email phone addresses { line1 }
        orders(first: 5) { edges { node { status totalCents deliveryAddress { line1 } cancelReason payments { amountCents refundedCents method { brand last4 } } } } } } }`,
      { id: account.id },
      admin,
    );
    expect(seen.errors).toBeUndefined();
    const customer = seen.data.customer;
    expect(customer).toMatchObject({ firstName: 'Erased', lastName: 'customer', phone: null, addresses: [] });
    expect(customer.email).toBe(`erased-${account.id}@erased.invalid`);
    const orders = customer.orders.edges.map((e: any) => e.node);
    expect(orders).toHaveLength(2);
    for (const order of orders) {
      expect(order.totalCents).toBeGreaterThan(0);
      expect(order.deliveryAddress.line1).toBe('erased');
      expect(order.cancelReason).toBeNull();
    }
    expect(orders.flatMap((o: any) => o.payments).map((x: any) => x.amountCents)).toHaveLength(2);
  });

  test('delivered again (every consumer of customer events replays the whole log), the erasure changes nothing more', async () => {
    const orders = platform.events.orders!.consumer('orders-accounts');
    const payments = platform.events.payments!.consumer('payments-accounts');
    const snapshot = async () => [
      await platform.databases.orders.execute(
        sql`select id, delivery_address, cancel_reason, idempotency_key, total_cents from orders.orders where customer_id = ${account.id} order by id`,
      ),
      await platform.databases.payments.execute(
        sql`select id, method_brand, method_last4, amount_cents, refunded_cents, idempotency_key from payments.payments where customer_id = ${account.id} order by id`,
      ),
    ];
    const once = await snapshot();
    await orders.replay();
    await payments.replay();
    await platform.settle();
    expect(await snapshot()).toEqual(once);
    expect(await findAnywhere([p.tag])).toEqual([]);
    expect(await platform.gql(STORE_NUMBERS, {}, staff)).toEqual(before);
  });

  test('the person cannot sign in, every session is over, and the email can register again', async () => {
    const login: any = await platform.gql('mutation ($input: LoginInput!) { login(input: $input) { token } }', {
      input: { storeSlug: 'napoli', email: p.email, password: p.password },
    });
    expect(login.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const refreshed: any = await platform.gql('mutation ($input: RefreshTokenInput!) { refreshToken(input: $input) { token } }', {
      input: { refreshToken: account.refreshToken },
    });
    expect(refreshed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // The access token is still signed and unexpired, but refused where it is used.
    const me: any = await platform.gql('{ me { id } }', {}, account.token);
    expect(me.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const placed: any = await platform.gql(
      'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
      {
        input: {
          items: [{ menuItemId: (await platform.menu('napoli'))[0]!.id, quantity: 1 }],
          deliveryAddress: ADDRESS(p),
          idempotencyKey: randomUUID(),
        },
      },
      account.token,
    );
    expect(placed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const paid = await platform.payOrder(account.token, account.orderIds[0]!);
    expect(paid.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const again = await platform.register('napoli', { email: p.email });
    expect(again.email).toBe(p.email);
    expect(again.id).not.toBe(account.id);
  });
});

describe('eraseCustomer (an admin, for a request received another way)', () => {
  test('erases a customer of the store; erasing again answers the same receipt; others may not', async () => {
    const p = person();
    const account = await customerWithHistory(p);
    const ERASE = 'mutation ($id: ID!, $reason: String!) { eraseCustomer(id: $id, reason: $reason) { customerId erasedAt } }';
    const reason = 'Request by letter, 2026-12-01';

    // Staff may not; an admin of another store does not see the customer; a staff account is not erased this way.
    expect(((await platform.gql(ERASE, { id: account.id, reason }, staff)) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    const foreign = await platform.login('admin@burgerbarn.example', 'burger-barn');
    expect(((await platform.gql(ERASE, { id: account.id, reason }, foreign)) as any).errors[0].extensions.code).toBe('NOT_FOUND');
    const staffId = ((await platform.gql('{ me { id } }', {}, staff)) as any).data.me.id;
    expect(((await platform.gql(ERASE, { id: staffId, reason }, admin)) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    expect(((await platform.gql(ERASE, { id: account.id, reason: '' }, admin)) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(((await platform.gql(ERASE, { id: 'not-an-id', reason }, admin)) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(((await platform.gql('{ me { email } }', {}, account.token)) as any).data.me.email).toBe(p.email);

    const first: any = await platform.gql(ERASE, { id: account.id, reason }, admin);
    expect(first.errors).toBeUndefined();
    const second: any = await platform.gql(ERASE, { id: account.id, reason }, admin);
    expect(second.data).toEqual(first.data);
    await platform.settle();
    expect(await findAnywhere([p.tag, p.email])).toEqual([]);
  });
});
