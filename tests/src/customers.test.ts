import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform?.stop());

const REGISTER = 'mutation ($input: RegisterInput!) { register(input: $input) { token expiresAt customer { id email role isActive } } }';
const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { token customer { email role } } }';
const valid = { storeSlug: 'napoli', email: 'linus@example.com', password: 'a long enough password', firstName: 'Linus', lastName: 'T' };
const storeCustomerCount = async () => {
  const admin = await platform.login('admin@napoli.example');
  const result: any = await platform.gql('{ customers(first: 100) { edges { node { id } } } }', {}, admin);
  return result.data.customers.edges.length as number;
};

describe('register', () => {
  test('creates a CUSTOMER and signs it in with a short-lived token', async () => {
    const result: any = await platform.gql(REGISTER, { input: valid });
    expect(result.errors).toBeUndefined();
    expect(result.data.register.customer).toMatchObject({ email: 'linus@example.com', role: 'CUSTOMER', isActive: true });
    const expiresIn = Date.parse(result.data.register.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(0);
    expect(expiresIn).toBeLessThanOrEqual(3600_000);
  });

  const invalid: [string, Record<string, unknown>, string, RegExp][] = [
    ['a bad email', { email: 'not-an-email' }, 'BAD_USER_INPUT', /input\.email/],
    ['a short password', { password: 'short' }, 'BAD_USER_INPUT', /at least 12/],
    ['an empty first name', { firstName: '  ' }, 'BAD_USER_INPUT', /firstName/],
    ['a bad phone number', { phone: 'call me' }, 'BAD_USER_INPUT', /phone/],
    ['a bad language tag', { preferredLanguage: 'english' }, 'BAD_USER_INPUT', /language/],
    ['an unknown store', { storeSlug: 'nowhere' }, 'NOT_FOUND', /nowhere/],
    ['a duplicate email in the store (any case)', { email: 'LINUS@example.com' }, 'CONFLICT', /already exists/],
  ];
  test.each(invalid)('rejects %s with a clear code and writes nothing', async (_, override, code, message) => {
    const before = await storeCustomerCount();
    const result = await platform.gql(REGISTER, { input: { ...valid, ...override } });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(await storeCustomerCount()).toBe(before);
  });

  test('the same email may exist at another store', async () => {
    const result: any = await platform.gql(REGISTER, { input: { ...valid, storeSlug: 'burger-barn' } });
    expect(result.errors).toBeUndefined();
  });

  test('a role, store id or status cannot be sent: the input has no such fields', async () => {
    const result = await platform.gql(REGISTER, { input: { ...valid, email: 'sneaky@example.com', role: 'ADMIN' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('role');
  });
});

describe('login', () => {
  test('every role signs in through the same mutation', async () => {
    for (const [email, role] of [
      ['ada@napoli.example', 'CUSTOMER'],
      ['staff@napoli.example', 'STAFF'],
      ['driver@napoli.example', 'DRIVER'],
      ['admin@napoli.example', 'ADMIN'],
    ]) {
      const result: any = await platform.gql(LOGIN, { input: { storeSlug: 'napoli', email, password: 'supergraph-demo' } });
      expect(result.data.login.customer).toEqual({ email, role });
    }
  });

  test('a wrong password and an unknown email fail alike', async () => {
    const wrong = await platform.gql(LOGIN, { input: { storeSlug: 'napoli', email: 'ada@napoli.example', password: 'wrong password!' } });
    const unknown = await platform.gql(LOGIN, {
      input: { storeSlug: 'napoli', email: 'nobody@napoli.example', password: 'wrong password!' },
    });
    const noStore = await platform.gql(LOGIN, {
      input: { storeSlug: 'nowhere', email: 'ada@napoli.example', password: 'wrong password!' },
    });
    for (const result of [wrong, unknown, noStore]) {
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.errors?.[0]?.message).toBe('The email or password is incorrect.');
    }
  });
});

describe('staff and admin tools', () => {
  test("customers lists only the store's customers, newest first, with search and cursors", async () => {
    const staff = await platform.login('staff@napoli.example');
    const all: any = await platform.gql(
      '{ customers(first: 100) { edges { node { id email role store { slug } createdAt } } } }',
      {},
      staff,
    );
    expect(all.errors).toBeUndefined();
    const nodes = all.data.customers.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(3);
    expect(nodes.every((n: any) => n.role === 'CUSTOMER' && n.store.slug === 'napoli')).toBe(true);
    expect(nodes.map((n: any) => n.createdAt)).toEqual([...nodes.map((n: any) => n.createdAt)].sort().reverse());

    const page1: any = await platform.gql(
      '{ customers(first: 2) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
      {},
      staff,
    );
    const page2: any = await platform.gql(
      'query ($after: String) { customers(first: 2, after: $after) { edges { node { id } } } }',
      { after: page1.data.customers.pageInfo.endCursor },
      staff,
    );
    expect([...page1.data.customers.edges, ...page2.data.customers.edges].map((e: any) => e.node.id)).toEqual(
      nodes.slice(0, 4).map((n: any) => n.id),
    );

    const search: any = await platform.gql('{ customers(search: "LOVELACE") { edges { node { email } } } }', {}, staff);
    expect(search.data.customers.edges.map((e: any) => e.node.email)).toEqual(['ada@napoli.example']);
    const wildcard: any = await platform.gql('{ customers(search: "%") { edges { node { email } } } }', {}, staff);
    expect(wildcard.data.customers.edges).toEqual([]);
  });

  test('customers is for staff and admins only', async () => {
    const ada = await platform.login('ada@napoli.example');
    const driver = await platform.login('driver@napoli.example');
    expect((await platform.gql('{ customers { edges { cursor } } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await platform.gql('{ customers { edges { cursor } } }', {}, ada)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await platform.gql('{ customers { edges { cursor } } }', {}, driver)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('setCustomerStatus deactivates an account, which then cannot sign in', async () => {
    const target = await platform.register('napoli', { email: 'deactivate-me@example.com' });
    const admin = await platform.login('admin@napoli.example');
    const otherAdmin = await platform.login('admin@burgerbarn.example', 'burger-barn');
    const mutation = 'mutation ($id: ID!, $on: Boolean!) { setCustomerStatus(id: $id, isActive: $on) { id isActive } }';

    expect((await platform.gql(mutation, { id: target.id, on: false }, target.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await platform.gql(mutation, { id: target.id, on: false }, otherAdmin)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const result: any = await platform.gql(mutation, { id: target.id, on: false }, admin);
    expect(result.data.setCustomerStatus).toEqual({ id: target.id, isActive: false });
    const login = await platform.gql(LOGIN, {
      input: { storeSlug: 'napoli', email: 'deactivate-me@example.com', password: 'correct horse battery' },
    });
    expect(login.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const missing = await platform.gql(mutation, { id: '00000000-0000-4000-8000-000000000000', on: true }, admin);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  test('who may change whose status follows the role hierarchy: staff → customers; admins → customers, drivers, staff; nobody → admins or themselves', async () => {
    const tokens = Object.fromEntries(
      await Promise.all(
        (['admin', 'staff', 'driver'] as const).map(async (role) => [role, await platform.login(`${role}@napoli.example`)]),
      ),
    ) as Record<'admin' | 'staff' | 'driver', string>;
    const ids: Record<string, string> = {};
    for (const [role, token] of Object.entries(tokens)) ids[role] = (await platform.gql<any>('{ me { id } }', {}, token)).data.me.id;
    const customer = await platform.register('napoli');
    ids.customer = customer.id;
    const mutation = 'mutation ($id: ID!, $on: Boolean!) { setCustomerStatus(id: $id, isActive: $on) { id isActive } }';
    // Re-activating keeps every account usable for the next row; the verdict is the same for both directions.
    const verdict = async (actor: 'admin' | 'staff', target: string) => {
      const result = await platform.gql<any>(mutation, { id: ids[target], on: true }, tokens[actor]);
      return result.errors?.[0]?.extensions?.code ?? 'ok';
    };
    const matrix: Record<string, Record<string, string>> = {};
    for (const actor of ['admin', 'staff'] as const) {
      matrix[actor] = {};
      for (const target of ['customer', 'driver', 'staff', 'admin']) matrix[actor][target] = await verdict(actor, target);
    }
    expect(matrix).toEqual({
      admin: { customer: 'ok', driver: 'ok', staff: 'ok', admin: 'FORBIDDEN' },
      staff: { customer: 'ok', driver: 'FORBIDDEN', staff: 'FORBIDDEN', admin: 'FORBIDDEN' },
    });
    const driver = await platform.gql(mutation, { id: ids.customer, on: true }, tokens.driver);
    expect(driver.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // And the admin really can take a staff account out of service: it then cannot sign in.
    expect((await platform.gql<any>(mutation, { id: ids.staff, on: false }, tokens.admin)).data.setCustomerStatus.isActive).toBe(false);
    expect(
      (await platform.gql(LOGIN, { input: { storeSlug: 'napoli', email: 'staff@napoli.example', password: 'supergraph-demo' } }))
        .errors?.[0]?.extensions?.code,
    ).toBe('UNAUTHENTICATED');
    await platform.gql(mutation, { id: ids.staff, on: true }, tokens.admin);
  });
});
