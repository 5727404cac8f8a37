import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

let platform: TestPlatform;
let adminToken: string;
// Every sign-in below counts against the one client address (12 a minute): the tests are ordered with that in mind.
beforeAll(async () => {
  platform = await startTestPlatform({
    env: { LOGIN_ATTEMPTS_PER_ACCOUNT: '3', LOGIN_ATTEMPTS_PER_ADDRESS: '12', REGISTRATIONS_PER_ADDRESS: '3' },
    demoSize: { customersPerStore: 2, averageOrdersPerCustomer: 1 },
  });
  adminToken = await platform.login('admin@napoli.example');
});
afterAll(() => platform?.stop());

const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { token } }';
const login = (email: string, password: string, storeSlug = 'napoli') => platform.gql(LOGIN, { input: { storeSlug, email, password } });
const rows = async (subgraph: 'customers' | 'payments', query: string) =>
  ((await platform.databases[subgraph].execute(sql.raw(query))) as unknown as { rows?: Record<string, unknown>[] }).rows ??
  ((await platform.databases[subgraph].execute(sql.raw(query))) as unknown as Record<string, unknown>[]);

describe('throttling', () => {
  test('sign-in attempts per account: beyond the limit TOO_MANY_REQUESTS, even with the right password', async () => {
    for (let i = 0; i < 3; i += 1)
      expect((await login('staff@napoli.example', 'wrong password!')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const blocked = await login('staff@napoli.example', 'supergraph-demo');
    expect(blocked.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) });
    // Another account is not affected by this one's lock.
    expect((await login('admin@napoli.example', 'supergraph-demo')).data).toBeTruthy();
  });

  test('a successful sign-in resets the account count', async () => {
    await login('driver@napoli.example', 'wrong password!');
    await login('driver@napoli.example', 'wrong password!');
    expect((await login('driver@napoli.example', 'supergraph-demo')).errors).toBeUndefined();
    await login('driver@napoli.example', 'wrong password!');
    expect((await login('driver@napoli.example', 'supergraph-demo')).errors).toBeUndefined();
  });

  test('per client address: many accounts from one address are throttled too', async () => {
    const codes = [];
    for (let i = 0; i < 6; i += 1) codes.push((await login(`nobody${i}@napoli.example`, 'guess number one')).errors?.[0]?.extensions?.code);
    expect(codes).toContain('TOO_MANY_REQUESTS');
    expect(codes.indexOf('TOO_MANY_REQUESTS')).toBeGreaterThan(0);
  });

  test('registrations per address', async () => {
    const codes = [];
    for (let i = 0; i < 4; i += 1) {
      const result = await platform.gql('mutation ($input: RegisterInput!) { register(input: $input) { token } }', {
        input: { storeSlug: 'napoli', email: `mass-${i}@example.com`, password: 'a long enough password', firstName: 'M', lastName: 'R' },
      });
      codes.push(result.errors?.[0]?.extensions?.code ?? 'OK');
    }
    expect(codes).toEqual(['OK', 'OK', 'OK', 'TOO_MANY_REQUESTS']);
  });
});

describe('audit trail', () => {
  test('records sign-ins, profile and status changes, list reads and refunds with who, what, when and from where; no secrets', async () => {
    await platform.gql('{ customers(first: 5) { edges { cursor } } }', {}, adminToken);
    const entries = await rows(
      'customers',
      'select action, actor_role, client_ip, occurred_at, details::text as details from customers.audit_log order by id',
    );
    const actions = entries.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['auth.login.failed', 'auth.login.succeeded', 'customer.registered', 'customers.listed']),
    );
    const failed = entries.find((e) => e.action === 'auth.login.failed')!;
    expect(failed.client_ip).toMatch(/127\.0\.0\.1/);
    expect(failed.occurred_at).toBeTruthy();
    const listed = entries.find((e) => e.action === 'customers.listed')!;
    expect(listed.actor_role).toBe('ADMIN');
    const everything = JSON.stringify(entries);
    expect(everything.match(/supergraph-demo|wrong password!|guess number one|a long enough password|eyJ|"rt_/)?.[0]).toBeUndefined();
  });

  test('the audit log is append-only', async () => {
    await expect(rows('customers', "update customers.audit_log set action = 'tampered'")).rejects.toThrow();
    await expect(rows('customers', 'delete from customers.audit_log')).rejects.toThrow();
    await expect(rows('customers', 'truncate customers.audit_log')).rejects.toThrow();
    const [count] = await rows('customers', "select count(*)::int as n from customers.audit_log where action = 'tampered'");
    expect(count!.n).toBe(0);
  });
});
