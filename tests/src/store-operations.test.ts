import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

// Store operations end to end, through the gateway: a platform operator opens a store, its admin
// creates the staff who run it and sets the delivery fee, the staff keep the menu, and customers
// order from it. Everything refused writes nothing (rows counted before and after).

let platform: TestPlatform;
/** An admin of napoli, the platform operator's store in the tests (PLATFORM_OPERATOR_STORE). */
let operator: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  operator = await platform.login('admin@napoli.example');
});
afterAll(() => platform?.stop());

const tag = () => randomBytes(4).toString('hex');
const PASSWORD = 'a long enough password';
const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code ?? 'ok';

type Subgraph = 'customers' | 'orders' | 'analytics';
async function rows<T = Record<string, unknown>>(subgraph: Subgraph, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await platform.databases[subgraph].execute(query)) as unknown as { rows?: T[] } & T[];
  return result.rows ?? result;
}
/** Row counts of the tables a store operation writes, to show that a refused one wrote nothing. */
async function counts() {
  const [customers] = await rows<Record<string, number>>(
    'customers',
    sql`select
      (select count(*)::int from customers.stores) as stores,
      (select count(*)::int from customers.customers) as accounts,
      (select count(*)::int from customers.outbox_events) as outbox,
      (select count(*)::int from customers.audit_log where action not like 'auth.%') as audit`,
  );
  const [orders] = await rows<Record<string, number | string>>(
    'orders',
    sql`select
      (select count(*)::int from orders.menu_items) as menu,
      (select count(*)::int from orders.store_settings) as settings,
      (select count(*)::int from orders.audit_log) as audit,
      (select string_agg(id::text || price_cents || name || available || coalesce(removed_at::text, ''), ',' order by id) from orders.menu_items) as menu_print,
      (select string_agg(store_id::text || delivery_fee_cents, ',' order by store_id) from orders.store_settings) as fee_print`,
  );
  return { customers, orders };
}

const CREATE_STORE = `mutation ($input: CreateStoreInput!) {
  createStore(input: $input) { store { id slug name currency } admin { id email role store { slug } } }
}`;
const storeInput = (slug: string, overrides: Record<string, unknown> = {}, admin: Record<string, unknown> = {}) => ({
  slug,
  name: `Test Kitchen ${slug}`,
  currency: 'CHF',
  admin: { email: `boss@${slug}.example`, password: PASSWORD, firstName: 'Bo', lastName: 'Boss', ...admin },
  ...overrides,
});
const CREATE_ACCOUNT = `mutation ($input: CreateStoreAccountInput!) { createStoreAccount(input: $input) { id email role isActive store { slug } } }`;
const accountInput = (role: string, overrides: Record<string, unknown> = {}) => ({
  role,
  email: `${role.toLowerCase()}-${tag()}@example.com`,
  password: PASSWORD,
  firstName: 'Sam',
  lastName: 'Worker',
  ...overrides,
});
const ADD_ITEM = `mutation ($input: AddMenuItemInput!) { addMenuItem(input: $input) { id name description category priceCents currency available } }`;
const UPDATE_ITEM = `mutation ($input: UpdateMenuItemInput!) { updateMenuItem(input: $input) { id name description category priceCents currency available } }`;
const REMOVE_ITEM = 'mutation ($id: ID!) { removeMenuItem(id: $id) { id name available } }';
const SET_FEE = 'mutation ($fee: Int!) { setDeliveryFee(deliveryFeeCents: $fee) { id deliveryFeeCents } }';
const STORE =
  'query ($slug: String!) { store(slug: $slug) { id currency deliveryFeeCents menu { id name priceCents currency available category description } } }';
const ORDER =
  'query ($id: ID!) { order(id: $id) { subtotalCents deliveryFeeCents totalCents currency items { menuItemId name unitPriceCents quantity } } }';

/** A store opened by the operator, with its admin signed in, once orders has set it up (by event). */
async function openedStore(currency = 'CHF') {
  const slug = `kitchen-${tag()}`;
  const created: any = await platform.gql(CREATE_STORE, { input: storeInput(slug, { currency }) }, operator);
  expect(created.errors).toBeUndefined();
  await platform.settle();
  const admin = await platform.login(`boss@${slug}.example`, slug, PASSWORD);
  return { slug, id: created.data.createStore.store.id as string, admin };
}

/** A staff account of the store, created by its admin, signed in. */
async function staffOf(store: { slug: string; admin: string }) {
  const input = accountInput('STAFF');
  const created: any = await platform.gql(CREATE_ACCOUNT, { input }, store.admin);
  expect(created.errors).toBeUndefined();
  return platform.login(input.email, store.slug, PASSWORD);
}

const addItem = async (token: string, input: Record<string, unknown>) => {
  const added: any = await platform.gql(ADD_ITEM, { input: { category: 'Mains', priceCents: 1000, ...input } }, token);
  expect(added.errors, JSON.stringify(added.errors)).toBeUndefined();
  return added.data.addMenuItem as { id: string; name: string; priceCents: number; currency: string };
};

const place = (token: string, items: { menuItemId: string; quantity: number }[]) =>
  platform.gql<any>(
    'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id subtotalCents deliveryFeeCents totalCents currency } }',
    {
      input: {
        items,
        deliveryAddress: { line1: '1 Test Street', city: 'Zurich', postalCode: '8000', country: 'CH' },
        idempotencyKey: randomUUID(),
      },
    },
    token,
  );

describe('opening a store', () => {
  test('the operator opens a store with its first admin; orders sets it up to sell from the StoreOpened event', async () => {
    const slug = `kitchen-${tag()}`;
    const before = await counts();
    const created: any = await platform.gql(CREATE_STORE, { input: storeInput(slug, { currency: 'JPY' }) }, operator);
    expect(created.errors).toBeUndefined();
    expect(created.data.createStore.store).toMatchObject({ slug, currency: 'JPY', name: `Test Kitchen ${slug}` });
    expect(created.data.createStore.admin).toMatchObject({ email: `boss@${slug}.example`, role: 'ADMIN', store: { slug } });
    const storeId = created.data.createStore.store.id;

    // One event, with no free text (no name), for whoever listens.
    const [event] = await rows<{ type: string; payload: Record<string, unknown> }>(
      'customers',
      sql`select type, payload from customers.outbox_events where aggregate_id = ${storeId}`,
    );
    expect(event).toEqual({ type: 'StoreOpened', payload: { storeId, currency: 'JPY', openedAt: expect.any(String) } });
    await platform.settle();
    const store: any = await platform.gql(STORE, { slug });
    expect(store.data.store).toEqual({ id: storeId, currency: 'JPY', deliveryFeeCents: 0, menu: [] });

    // On the record, in the operator's store: who opened the store and made its admin.
    const adminId = created.data.createStore.admin.id;
    const [napoli] = await rows<{ id: string }>('customers', sql`select id from customers.stores where slug = 'napoli'`);
    const audit = await rows(
      'customers',
      sql`select action, actor_role, store_id, target_type from customers.audit_log
      where target_id in (${storeId}, ${adminId}) order by id`,
    );
    expect(audit).toEqual([
      { action: 'store.created', actor_role: 'ADMIN', store_id: napoli!.id, target_type: 'Store' },
      { action: 'account.created', actor_role: 'ADMIN', store_id: napoli!.id, target_type: 'Customer' },
    ]);
    const after = await counts();
    expect(after.customers).toMatchObject({ stores: before.customers!.stores! + 1, accounts: before.customers!.accounts! + 1 });
    expect(after.orders).toMatchObject({ settings: Number(before.orders!.settings) + 1 });

    // The new admin signs in at the new store, and may not open stores themselves.
    const admin = await platform.login(`boss@${slug}.example`, slug, PASSWORD);
    expect(codeOf(await platform.gql(CREATE_STORE, { input: storeInput(`kitchen-${tag()}`) }, admin))).toBe('FORBIDDEN');
  });

  test('bad input is BAD_USER_INPUT on the field, a slug taken is CONFLICT; neither writes anything', async () => {
    const slug = `kitchen-${tag()}`;
    const bad: [Record<string, unknown>, string][] = [
      [storeInput('Has Capitals'), 'input.slug'],
      [storeInput('double--hyphen'), 'input.slug'],
      [storeInput('-leading'), 'input.slug'],
      [storeInput('x'), 'input.slug'],
      [storeInput('a'.repeat(41)), 'input.slug'],
      [storeInput(slug, { currency: 'XYZ' }), 'input.currency'],
      [storeInput(slug, { currency: 'eur' }), 'input.currency'],
      [storeInput(slug, { currency: 'EURO' }), 'input.currency'],
      [storeInput(slug, { name: '   ' }), 'input.name'],
      [storeInput(slug, {}, { password: 'short' }), 'input.admin.password'],
      [storeInput(slug, {}, { email: 'not an email' }), 'input.admin.email'],
    ];
    const before = await counts();
    for (const [input, field] of bad) {
      const result: any = await platform.gql(CREATE_STORE, { input }, operator);
      expect(result.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors[0].message).not.toMatch(/select|insert|constraint|stack/i);
    }
    // The demo store's slug is taken: CONFLICT, and the admin account is not created either.
    const taken: any = await platform.gql(CREATE_STORE, { input: storeInput('napoli') }, operator);
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.slug' });
    expect(taken.errors[0].message).toBe('A store with the slug "napoli" exists already.');
    expect(await counts()).toEqual(before);
  });

  test('only the operator store’s admins may open stores', async () => {
    const before = await counts();
    for (const [email, storeSlug] of [
      ['admin@burgerbarn.example', 'burger-barn'],
      ['staff@napoli.example', 'napoli'],
      ['driver@napoli.example', 'napoli'],
      ['ada@napoli.example', 'napoli'],
    ] as const) {
      const token = await platform.login(email, storeSlug);
      expect(codeOf(await platform.gql(CREATE_STORE, { input: storeInput(`kitchen-${tag()}`) }, token)), email).toBe('FORBIDDEN');
    }
    expect(codeOf(await platform.gql(CREATE_STORE, { input: storeInput(`kitchen-${tag()}`) }))).toBe('UNAUTHENTICATED');
    expect(await counts()).toEqual(before);
  });

  test('a store without selling settings takes no orders, and says so', async () => {
    const store = await openedStore();
    // As if its StoreOpened event had never reached orders.
    await rows('orders', sql`delete from orders.store_settings where store_id = ${store.id}`);
    const customer = await platform.register(store.slug);
    const refused: any = await place(customer.token, [{ menuItemId: randomUUID(), quantity: 1 }]);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors[0].message).toMatch(/does not take orders yet/);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const staff = await staffOf(store);
    const add: any = await platform.gql(ADD_ITEM, { input: { name: 'Soup', category: 'Starters', priceCents: 500 } }, staff);
    expect(add.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(add.errors[0].message).toMatch(/not set up to sell yet/);
    expect(codeOf(await platform.gql(SET_FEE, { fee: 100 }, store.admin))).toBe('CONFLICT');
  });
});

describe("a store's accounts", () => {
  test('an admin creates staff, driver and admin accounts with a password; they sign in with their role; deactivated, they cannot', async () => {
    const store = await openedStore();
    for (const role of ['STAFF', 'DRIVER', 'ADMIN']) {
      const input = accountInput(role);
      const created: any = await platform.gql(CREATE_ACCOUNT, { input }, store.admin);
      expect(created.errors).toBeUndefined();
      expect(created.data.createStoreAccount).toMatchObject({ email: input.email, role, isActive: true, store: { slug: store.slug } });
      const token = await platform.login(input.email, store.slug, PASSWORD);
      const me: any = await platform.gql('{ me { role store { slug } } }', {}, token);
      expect(me.data.me).toEqual({ role, store: { slug: store.slug } });
      const [audit] = await rows(
        'customers',
        sql`select action, actor_role, details from customers.audit_log
        where action = 'account.created' and target_id = ${created.data.createStoreAccount.id}`,
      );
      expect(audit).toEqual({ action: 'account.created', actor_role: 'ADMIN', details: { role } });
      if (role === 'ADMIN') continue; // nobody changes an admin's status (setCustomerStatus)
      const off: any = await platform.gql(
        'mutation ($id: ID!) { setCustomerStatus(id: $id, isActive: false) { isActive } }',
        { id: created.data.createStoreAccount.id },
        store.admin,
      );
      expect(off.data.setCustomerStatus.isActive).toBe(false);
      const login: any = await platform.gql('mutation ($input: LoginInput!) { login(input: $input) { token } }', {
        input: { storeSlug: store.slug, email: input.email, password: PASSWORD },
      });
      expect(login.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  test('refused: customers (who register themselves), weak passwords, bad emails, emails taken, non-admins; nothing written', async () => {
    const store = await openedStore();
    const staff = await staffOf(store);
    const existing = accountInput('STAFF');
    expect((await platform.gql(CREATE_ACCOUNT, { input: existing }, store.admin)).errors).toBeUndefined();
    const before = await counts();
    const bad: [Record<string, unknown>, string][] = [
      [accountInput('CUSTOMER'), 'input.role'],
      [accountInput('STAFF', { password: 'elevenchars' }), 'input.password'],
      [accountInput('STAFF', { password: 'x'.repeat(129) }), 'input.password'],
      [accountInput('DRIVER', { email: 'nope' }), 'input.email'],
      [accountInput('DRIVER', { firstName: '' }), 'input.firstName'],
      [accountInput('DRIVER', { phone: 'call me' }), 'input.phone'],
    ];
    for (const [input, field] of bad) {
      const result: any = await platform.gql(CREATE_ACCOUNT, { input }, store.admin);
      expect(result.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const taken: any = await platform.gql(
      CREATE_ACCOUNT,
      { input: { ...accountInput('DRIVER'), email: existing.email.toUpperCase() } },
      store.admin,
    );
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.email' });
    expect(codeOf(await platform.gql(CREATE_ACCOUNT, { input: accountInput('STAFF') }, staff))).toBe('FORBIDDEN');
    expect(codeOf(await platform.gql(CREATE_ACCOUNT, { input: accountInput('STAFF') }))).toBe('UNAUTHENTICATED');
    expect(await counts()).toEqual(before);
  });

  test("an admin's accounts are for their own store only: the same email may exist at another store", async () => {
    const one = await openedStore();
    const two = await openedStore();
    const input = accountInput('DRIVER');
    const first: any = await platform.gql(CREATE_ACCOUNT, { input }, one.admin);
    const second: any = await platform.gql(CREATE_ACCOUNT, { input }, two.admin);
    expect(first.data.createStoreAccount.store.slug).toBe(one.slug);
    expect(second.data.createStoreAccount.store.slug).toBe(two.slug);
    // The first store's admin cannot change the second store's account.
    const foreign: any = await platform.gql(
      'mutation ($id: ID!) { setCustomerStatus(id: $id, isActive: false) { id } }',
      { id: second.data.createStoreAccount.id },
      one.admin,
    );
    expect(codeOf(foreign)).toBe('FORBIDDEN');
  });
});

describe('the menu', () => {
  test('staff add, rename, reprice, take off and put back, and remove items; orders keep what they were placed at', async () => {
    const store = await openedStore('CHF');
    const staff = await staffOf(store);
    const fee: any = await platform.gql(SET_FEE, { fee: 450 }, store.admin);
    expect(fee.data.setDeliveryFee).toEqual({ id: store.id, deliveryFeeCents: 450 });

    const soup = await addItem(staff, { name: 'Soup', description: 'Of the day.', category: 'Starters', priceCents: 650 });
    expect(soup).toMatchObject({ name: 'Soup', priceCents: 650, currency: 'CHF' });
    const rosti = await addItem(staff, { name: 'Rösti', priceCents: 1800 });
    const customer = await platform.register(store.slug);
    const first: any = await place(customer.token, [
      { menuItemId: soup.id, quantity: 2 },
      { menuItemId: rosti.id, quantity: 1 },
    ]);
    expect(first.data.placeOrder).toMatchObject({ subtotalCents: 3100, deliveryFeeCents: 450, totalCents: 3550, currency: 'CHF' });

    // Renamed, repriced, recategorised, re-described: the order placed keeps its copy.
    const changed: any = await platform.gql(
      UPDATE_ITEM,
      { input: { id: soup.id, name: 'Soup of the day', priceCents: 700, category: 'Soups', description: null } },
      staff,
    );
    expect(changed.data.updateMenuItem).toMatchObject({ name: 'Soup of the day', priceCents: 700, category: 'Soups', description: null });
    expect((await platform.gql(SET_FEE, { fee: 500 }, store.admin)).errors).toBeUndefined();
    const kept: any = await platform.gql(ORDER, { id: first.data.placeOrder.id }, customer.token);
    expect(kept.data.order).toEqual({
      subtotalCents: 3100,
      deliveryFeeCents: 450,
      totalCents: 3550,
      currency: 'CHF',
      items: [
        { menuItemId: soup.id, name: 'Soup', unitPriceCents: 650, quantity: 2 },
        { menuItemId: rosti.id, name: 'Rösti', unitPriceCents: 1800, quantity: 1 },
      ],
    });
    const second: any = await place(customer.token, [{ menuItemId: soup.id, quantity: 1 }]);
    expect(second.data.placeOrder).toMatchObject({ subtotalCents: 700, deliveryFeeCents: 500, totalCents: 1200 });

    // Off sale for now: listed, not orderable; back on sale: orderable again.
    await platform.gql(UPDATE_ITEM, { input: { id: rosti.id, available: false } }, staff);
    const off: any = await place(customer.token, [{ menuItemId: rosti.id, quantity: 1 }]);
    expect(off.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.items.0.menuItemId' });
    expect(off.errors[0].message).toBe('"Rösti" is not available right now.');
    const listed: any = await platform.gql(STORE, { slug: store.slug });
    expect(listed.data.store.menu.find((m: any) => m.id === rosti.id).available).toBe(false);
    await platform.gql(UPDATE_ITEM, { input: { id: rosti.id, available: true } }, staff);
    expect((await place(customer.token, [{ menuItemId: rosti.id, quantity: 1 }])).errors).toBeUndefined();

    // Removed: gone from the menu, not orderable, not changeable; old orders still name it.
    const removed: any = await platform.gql(REMOVE_ITEM, { id: soup.id }, store.admin);
    expect(removed.data.removeMenuItem).toEqual({ id: soup.id, name: 'Soup of the day', available: false });
    const menu: any = await platform.gql(STORE, { slug: store.slug });
    expect(menu.data.store.menu.map((m: any) => m.id)).toEqual([rosti.id]);
    const gone: any = await place(customer.token, [{ menuItemId: soup.id, quantity: 1 }]);
    expect(gone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.items.0.menuItemId' });
    expect(gone.errors[0].message).toMatch(/no longer on the menu/);
    expect(codeOf(await platform.gql(UPDATE_ITEM, { input: { id: soup.id, priceCents: 1 } }, staff))).toBe('NOT_FOUND');
    expect(codeOf(await platform.gql(REMOVE_ITEM, { id: soup.id }, staff))).toBe('NOT_FOUND');
    const old: any = await platform.gql(ORDER, { id: first.data.placeOrder.id }, customer.token);
    expect(old.data.order.items[0]).toEqual({ menuItemId: soup.id, name: 'Soup', unitPriceCents: 650, quantity: 2 });
    // A removed item's name is free for a new item.
    expect((await addItem(staff, { name: 'soup of the day' })).name).toBe('soup of the day');

    // Every change is on the record, with who made it.
    const audit = await rows(
      'orders',
      sql`select action, actor_role, target_id, details from orders.audit_log
      where target_id in (${soup.id}, ${rosti.id}, ${store.id}) order by id`,
    );
    expect(audit.map((a: any) => [a.action, a.actor_role])).toEqual([
      ['store.delivery_fee.set', 'ADMIN'],
      ['menu.item.added', 'STAFF'],
      ['menu.item.added', 'STAFF'],
      ['menu.item.updated', 'STAFF'],
      ['store.delivery_fee.set', 'ADMIN'],
      ['menu.item.updated', 'STAFF'],
      ['menu.item.updated', 'STAFF'],
      ['menu.item.removed', 'ADMIN'],
    ]);
    expect(audit[3]).toMatchObject({
      details: { fields: ['name', 'description', 'category', 'priceCents'], priceCents: { from: 650, to: 700 } },
    });
    expect(audit[4]).toMatchObject({ details: { from: 450, to: 500, currency: 'CHF' } });
  });

  test('bad menu input is BAD_USER_INPUT on the field; a name taken is CONFLICT; nothing is written', async () => {
    const store = await openedStore();
    const staff = await staffOf(store);
    const item = await addItem(staff, { name: 'Fondue' });
    const before = await counts();
    const badAdds: [Record<string, unknown>, string][] = [
      [{ name: '', category: 'Mains', priceCents: 100 }, 'input.name'],
      [{ name: 'x'.repeat(101), category: 'Mains', priceCents: 100 }, 'input.name'],
      [{ name: 'Tea', category: ' ', priceCents: 100 }, 'input.category'],
      [{ name: 'Tea', category: 'Drinks', priceCents: -1 }, 'input.priceCents'],
      [{ name: 'Tea', category: 'Drinks', priceCents: 1_000_001 }, 'input.priceCents'],
      [{ name: 'Tea', category: 'Drinks', priceCents: 100, description: 'y'.repeat(501) }, 'input.description'],
    ];
    for (const [input, field] of badAdds) {
      const result: any = await platform.gql(ADD_ITEM, { input }, staff);
      expect(result.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // Not an integer: GraphQL itself refuses it.
    expect(codeOf(await platform.gql(ADD_ITEM, { input: { name: 'Tea', category: 'Drinks', priceCents: 1.5 } }, staff))).toBe(
      'BAD_USER_INPUT',
    );
    const badUpdates: [Record<string, unknown>, string][] = [
      [{ id: 'not-an-id', priceCents: 1 }, 'input.id'],
      [{ id: item.id }, 'input'],
      [{ id: item.id, priceCents: -5 }, 'input.priceCents'],
      [{ id: item.id, name: '  ' }, 'input.name'],
      [{ id: item.id, name: null }, 'input.name'],
      [{ id: item.id, available: null }, 'input.available'],
    ];
    for (const [input, field] of badUpdates) {
      const result: any = await platform.gql(UPDATE_ITEM, { input }, staff);
      expect(result.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await platform.gql<any>(REMOVE_ITEM, { id: 'nope' }, staff)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    for (const fee of [-1, 100_001])
      expect((await platform.gql<any>(SET_FEE, { fee }, store.admin)).errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'deliveryFeeCents',
      });
    // The same name again, in other capitals: CONFLICT, on add and on rename.
    const again: any = await platform.gql(ADD_ITEM, { input: { name: 'FONDUE', category: 'Mains', priceCents: 100 } }, staff);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.name' });
    expect(await counts()).toEqual(before);
    const other = await addItem(staff, { name: 'Raclette' });
    const beforeRename = await counts();
    const rename: any = await platform.gql(UPDATE_ITEM, { input: { id: other.id, name: 'fondue', priceCents: 5 } }, staff);
    expect(rename.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.name' });
    expect(await counts()).toEqual(beforeRename);
  });

  test("staff change only their own store's menu; drivers and customers none; only admins set the fee", async () => {
    const store = await openedStore();
    const staff = await staffOf(store);
    const item = await addItem(staff, { name: 'Birchermüesli' });
    const napoliStaff = await platform.login('staff@napoli.example');
    const driverInput = accountInput('DRIVER');
    await platform.gql(CREATE_ACCOUNT, { input: driverInput }, store.admin);
    const driver = await platform.login(driverInput.email, store.slug, PASSWORD);
    const customer = await platform.register(store.slug);
    const before = await counts();
    expect(codeOf(await platform.gql(UPDATE_ITEM, { input: { id: item.id, priceCents: 1 } }, napoliStaff))).toBe('FORBIDDEN');
    expect(codeOf(await platform.gql(REMOVE_ITEM, { id: item.id }, napoliStaff))).toBe('FORBIDDEN');
    for (const token of [driver, customer.token]) {
      expect(codeOf(await platform.gql(ADD_ITEM, { input: { name: 'Tea', category: 'Drinks', priceCents: 1 } }, token))).toBe('FORBIDDEN');
      expect(codeOf(await platform.gql(UPDATE_ITEM, { input: { id: item.id, priceCents: 1 } }, token))).toBe('FORBIDDEN');
      expect(codeOf(await platform.gql(REMOVE_ITEM, { id: item.id }, token))).toBe('FORBIDDEN');
    }
    for (const token of [staff, driver, customer.token]) expect(codeOf(await platform.gql(SET_FEE, { fee: 1 }, token))).toBe('FORBIDDEN');
    expect(codeOf(await platform.gql(SET_FEE, { fee: 1 }))).toBe('UNAUTHENTICATED');
    expect(await counts()).toEqual(before);
  });
});

describe('a store opened through the API runs end to end', () => {
  test('its admin creates staff and a driver, staff keep the menu, a customer orders and pays, staff assign the new driver, who delivers; analytics counts it', async () => {
    const store = await openedStore('CHF');
    const staff = await staffOf(store);
    const driverInput = accountInput('DRIVER');
    const createdDriver: any = await platform.gql(CREATE_ACCOUNT, { input: driverInput }, store.admin);
    expect(createdDriver.errors).toBeUndefined();
    const driver = await platform.login(driverInput.email, store.slug, PASSWORD);
    const fee: any = await platform.gql(SET_FEE, { fee: 300 }, store.admin);
    expect(fee.errors).toBeUndefined();
    const item = await addItem(staff, { name: 'Rösti', priceCents: 1850 });
    const customer = await platform.register(store.slug);
    const placed = await place(customer.token, [{ menuItemId: item.id, quantity: 2 }]);
    expect(placed.errors).toBeUndefined();
    expect(placed.data.placeOrder).toMatchObject({ subtotalCents: 3700, deliveryFeeCents: 300, totalCents: 4000, currency: 'CHF' });
    const orderId = placed.data.placeOrder.id as string;
    await platform.settle();
    const paid = await platform.payOrder(customer.token, orderId);
    expect(paid.errors).toBeUndefined();
    await platform.settle();

    const move = (token: string, status: string) =>
      platform.gql<any>(
        'mutation ($input: UpdateOrderStatusInput!) { updateOrderStatus(input: $input) { status driver { id } } }',
        { input: { orderId, status } },
        token,
      );
    expect((await move(staff, 'ACCEPTED')).data.updateOrderStatus.status).toBe('ACCEPTED');
    // The driver the admin just created is known to orders (AccountCreated), so staff can assign them.
    const assigned: any = await platform.gql(
      'mutation ($input: AssignDriverInput!) { assignDriver(input: $input) { driver { id } } }',
      { input: { orderId, driverId: createdDriver.data.createStoreAccount.id } },
      staff,
    );
    expect(assigned.errors, JSON.stringify(assigned.errors)).toBeUndefined();
    expect(assigned.data.assignDriver.driver.id).toBe(createdDriver.data.createStoreAccount.id);
    expect((await move(staff, 'PREPARING')).data.updateOrderStatus.status).toBe('PREPARING');
    expect((await move(driver, 'OUT_FOR_DELIVERY')).data.updateOrderStatus.status).toBe('OUT_FOR_DELIVERY');
    expect((await move(driver, 'DELIVERED')).data.updateOrderStatus.status).toBe('DELIVERED');
    await platform.settle();

    const numbers: any = await platform.gql(
      'query ($slug: String!) { store(slug: $slug) { analytics { orderCount revenueCents currency } } }',
      { slug: store.slug },
      store.admin,
    );
    expect(numbers.errors).toBeUndefined();
    expect(numbers.data.store.analytics).toMatchObject({ orderCount: 1, revenueCents: 4000, currency: 'CHF' });
    const fact = await rows<{ driver_id: string }>(
      'analytics',
      sql`select driver_id from analytics.order_facts where order_id = ${orderId}`,
    );
    expect(fact[0]?.driver_id).toBe(createdDriver.data.createStoreAccount.id);
  });
});

describe('the demo data', () => {
  test('went through the same operations: each demo store was opened (StoreOpened) and set up with its fee and menu', async () => {
    const opened = await rows<{ n: number }>(
      'customers',
      sql`select count(*)::int as n from customers.outbox_events where type = 'StoreOpened'`,
    );
    const stores = await rows<{ n: number }>('customers', sql`select count(*)::int as n from customers.stores`);
    expect(opened[0]!.n).toBe(stores[0]!.n);
    const napoli: any = await platform.gql(STORE, { slug: 'napoli' });
    expect(napoli.data.store).toMatchObject({ currency: 'EUR', deliveryFeeCents: 250 });
    expect(napoli.data.store.menu.map((m: any) => m.name)).toContain('Margherita');
    const barn: any = await platform.gql(STORE, { slug: 'burger-barn' });
    expect(barn.data.store).toMatchObject({ currency: 'USD', deliveryFeeCents: 399 });
    expect(barn.data.store.menu).toHaveLength(6);
  });
});
