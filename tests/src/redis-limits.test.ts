import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { opaqueKey } from '@supergraph/service-kit';
import { redisServer, type ServerProcess } from './harness/cluster.ts';
import {
  gqlAt,
  metric,
  redisAnswers,
  skippedBecause,
  startTestPlatform,
  until,
  watch,
  wsClient,
  type GraphQLResponse,
  type TestPlatform,
} from './harness/index.ts';

/**
 * Shared limits in Redis (REDIS_URL): the sign-in throttles count once for every customers replica,
 * and when Redis cannot be reached sign-in, registration and account deletion are refused (fail
 * closed) while reads are served (fail open). The replicas are two customers services over one
 * database, each with its own throttle and its own Redis connection, each behind its own gateway.
 *
 * The shared Redis of the machine (127.0.0.1:6379) is used with a key prefix of this run only; the
 * outage is played on a redis-server this file starts on a free port and kills, never the shared one.
 */
const SHARED = { host: '127.0.0.1', port: 6379 };

const reachable = await redisAnswers(SHARED.host, SHARED.port);
const redisServerInstalled = spawnSync('redis-server', ['--version']).status === 0;

const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { token } }';
const REGISTER = 'mutation ($input: RegisterInput!) { register(input: $input) { customer { id } } }';
const MY_ORDERS = 'subscription { myOrderUpdates { id status } }';
const DELETE_ME = 'mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) { customerId } }';

const gql = gqlAt;

const signIn = (url: string, email: string, password: string) => gql(url, LOGIN, { input: { storeSlug: 'napoli', email, password } });
/** What a refused subscription was told. */
const refusal = (w: { failure: unknown }) =>
  (w.failure as { extensions?: { code?: string; limit?: string } }[] | undefined)?.[0]?.extensions;
/** Subscriptions the orders subgraph is serving (each admitted subscription reaches it). */
const servedByOrders = (platform: TestPlatform) => metric(platform, 'graphql_subscriptions_active', 'orders');
const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code ?? 'ok';

describe.skipIf(!reachable)(
  `sign-in throttles shared in Redis${skippedBecause(!reachable && `Redis is not reachable at ${SHARED.host}:${SHARED.port}: start it as the developers' guide says`)}`,
  () => {
    const prefix = `supergraph-test:${randomUUID()}:`;
    let platform: TestPlatform;
    /** The platform's own gateway (before the first customers service) and a second one before a replica. */
    let gateways: [string, string];
    let redis: Redis;

    beforeAll(async () => {
      platform = await startTestPlatform({
        env: { REDIS_URL: `redis://${SHARED.host}:${SHARED.port}`, REDIS_KEY_PREFIX: prefix, LOGIN_ATTEMPTS_PER_ACCOUNT: '4' },
      });
      const replica = await platform.replica('customers');
      const second = await platform.startGateway({ CUSTOMERS_URL: replica.url });
      gateways = [platform.gatewayUrl, second.url];
      redis = new Redis(`redis://${SHARED.host}:${SHARED.port}`);
    }, 120_000);
    afterAll(async () => {
      if (redis) {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length > 0) await redis.del(...keys);
        redis.disconnect();
      }
      await platform?.stop();
    });

    test('failed sign-ins split across two replicas are throttled as if there were one', async () => {
      const { email } = await platform.register();
      const outcomes: string[] = [];
      // Alternating: replica 1, replica 2, … Four misses are allowed per account in all, not per replica.
      for (let i = 0; i < 6; i += 1) outcomes.push(codeOf(await signIn(gateways[i % 2]!, email, 'not the password')));
      expect(outcomes).toEqual([
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'TOO_MANY_REQUESTS',
        'TOO_MANY_REQUESTS',
      ]);
      // Even the right password waits now, on either replica, with the same answer as without Redis.
      for (const url of gateways) {
        const refused = await signIn(url, email, 'correct horse battery');
        expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) });
        expect(refused.errors?.[0]?.message).toMatch(/^Too many attempts\. Try again in \d+ seconds?\.$/);
      }
      // The counts are in Redis under this run's prefix, and no key names the person.
      const keys = await redis.keys(`${prefix}*`);
      expect(keys.some((k) => k.startsWith(`${prefix}throttle:login-account`))).toBe(true);
      expect(keys.join(' ')).not.toContain(email);
      expect(keys.join(' ')).not.toContain('napoli');
    });

    test('a successful sign-in on one replica starts the count again on the other', async () => {
      const { email } = await platform.register();
      // Three misses on replica 1, the right password on replica 2: replica 1 forgets its misses too.
      for (let i = 0; i < 3; i += 1) expect(codeOf(await signIn(gateways[0], email, 'nope'))).toBe('UNAUTHENTICATED');
      expect(codeOf(await signIn(gateways[1], email, 'correct horse battery'))).toBe('ok');
      for (let i = 0; i < 4; i += 1) expect(codeOf(await signIn(gateways[0], email, 'nope'))).toBe('UNAUTHENTICATED');
      expect(codeOf(await signIn(gateways[0], email, 'nope'))).toBe('TOO_MANY_REQUESTS');
    });

    test("a caller's subscriptions are counted across gateways; a dead gateway's stop counting when their lease runs out", async () => {
      const [a, b] = await Promise.all([
        platform.startGateway({ SUBSCRIPTIONS_PER_CALLER: '2' }),
        platform.startGateway({ SUBSCRIPTIONS_PER_CALLER: '2' }),
      ]);
      const customer = await platform.register();
      const clients = [wsClient(a.url, customer.token), wsClient(b.url, customer.token)] as const;
      const served = await servedByOrders(platform);
      // One at a time, so which one is over the limit is not left to timing.
      const first = watch(clients[0], MY_ORDERS);
      await until(async () => (await servedByOrders(platform)) >= served + 1, 10_000, 'the first subscription to be served');
      const second = watch(clients[1], MY_ORDERS);
      await until(async () => (await servedByOrders(platform)) >= served + 2, 10_000, 'the second subscription to be served');
      // Two open, one on each gateway: a third is refused on either, though each gateway holds only one.
      for (const client of clients) {
        const third = watch(client, MY_ORDERS);
        await third.ended;
        expect(refusal(third)).toMatchObject({ code: 'TOO_MANY_REQUESTS', limit: 'subscriptionsPerCaller' });
      }
      const key = `${prefix}subscriptions:${opaqueKey(customer.id)}`;
      expect(await redis.zcard(key)).toBe(2);
      // Ending one frees a place on the other gateway.
      first.stop();
      await until(async () => (await redis.zcard(key)) === 1, 10_000, 'the ended subscription to be released');
      const again = watch(clients[1], MY_ORDERS);
      // Counted in Redis once admitted (a refusal would leave the count at one).
      await until(async () => (await redis.zcard(key)) === 2 || again.failure !== undefined, 10_000, 'the new subscription to be admitted');
      expect(again.failure).toBeUndefined();
      again.stop();
      await until(async () => (await redis.zcard(key)) === 1, 10_000, 'the new subscription to be released');
      // A gateway that died holding a subscription: its entry counts while its lease runs…
      const [seconds] = await redis.time();
      await redis.zadd(key, Number(seconds) * 1000 + 60_000, 'a-dead-gateway:0');
      const whileLeased = watch(clients[0], MY_ORDERS);
      await whileLeased.ended;
      expect(refusal(whileLeased)).toMatchObject({ code: 'TOO_MANY_REQUESTS', limit: 'subscriptionsPerCaller' });
      // …and not once it has run out (nobody renewed it): the count heals by itself.
      await redis.zadd(key, Number(seconds) * 1000 - 1, 'a-dead-gateway:0');
      const healed = watch(clients[0], MY_ORDERS);
      await until(
        async () =>
          ((await redis.zscore(key, 'a-dead-gateway:0')) === null && (await redis.zcard(key)) === 2) || healed.failure !== undefined,
        10_000,
        'the expired entry to be dropped and the new subscription admitted',
      );
      expect(healed.failure).toBeUndefined();
      healed.stop();
      second.stop();
      for (const client of clients) await client.dispose();
      await a.stop();
      await b.stop();
    });

    test('without REDIS_URL each replica counts on its own, as before (the embedded default)', async () => {
      // Two more replicas, each counting in its own memory: twice the attempts get through.
      const own = await Promise.all([platform.replica('customers', { REDIS_URL: '' }), platform.replica('customers', { REDIS_URL: '' })]);
      const urls = await Promise.all(own.map((r) => platform.startGateway({ CUSTOMERS_URL: r.url })));
      const { email } = await platform.register();
      const outcomes: string[] = [];
      for (let i = 0; i < 9; i += 1) outcomes.push(codeOf(await signIn(urls[i % 2]!.url, email, 'not the password')));
      expect(outcomes.filter((o) => o === 'UNAUTHENTICATED')).toHaveLength(8);
      expect(outcomes.at(-1)).toBe('TOO_MANY_REQUESTS');
      for (const u of urls) await u.stop();
      for (const r of own) await r.stop();
    });
  },
);

describe.skipIf(!reachable || !redisServerInstalled)(
  `Redis unavailable${skippedBecause((!reachable || !redisServerInstalled) && (redisServerInstalled ? `Redis is not reachable at ${SHARED.host}:${SHARED.port}` : 'redis-server is not installed'))}`,
  () => {
    let server: ServerProcess;
    let platform: TestPlatform;
    const logLines: Record<string, unknown>[] = [];
    const customersLogs = (text: string) => logLines.filter((l) => l.service === 'customers' && String(l.msg).includes(text));

    beforeAll(async () => {
      server = await redisServer();
      platform = await startTestPlatform({
        env: { REDIS_URL: server.url, REDIS_KEY_PREFIX: `supergraph-test:${randomUUID()}:`, LOG_LEVEL: 'info' },
        logStream: { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) },
      });
    }, 120_000);
    afterAll(async () => {
      await platform?.stop();
      await server?.stop();
    });

    test('sign-in, registration and account deletion are refused with a clear error and nothing written; reads are served; all comes back with Redis', async () => {
      const { email, token } = await platform.register();
      const db = platform.databases.customers;
      const count = async (table: string) => {
        const result = (await db.execute(sql.raw(`select count(*)::int as n from customers.${table}`))) as unknown as
          | { rows: { n: number }[] }
          | { n: number }[];
        return ('rows' in result ? result.rows : result)[0]!.n;
      };
      const rows = async () => ({ customers: await count('customers'), audit: await count('audit_log') });

      await server.kill();
      // Until the connection notices (at once, on a killed server), an attempt may still be counted.
      await until(
        async () => codeOf(await signIn(platform.gatewayUrl, email, 'correct horse battery')) === 'SERVICE_UNAVAILABLE',
        15_000,
        'sign-in to be refused',
      );
      const before = await rows();

      const login = await signIn(platform.gatewayUrl, email, 'correct horse battery');
      expect(login.status).toBe(200);
      expect(login.data).toBeNull();
      expect(login.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(login.errors?.[0]?.message).toBe(
        'Signing in is not possible right now, because attempts cannot be counted at the moment. Nothing was changed; try again in a minute.',
      );
      const registration = await gql(platform.gatewayUrl, REGISTER, {
        input: {
          storeSlug: 'napoli',
          email: `test-${randomBytes(5).toString('hex')}@example.com`,
          password: 'correct horse battery',
          firstName: 'A',
          lastName: 'B',
        },
      });
      expect(registration.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(registration.errors?.[0]?.message).toMatch(/^Creating an account is not possible right now.*No account was created/);
      const erasure = await gql(platform.gatewayUrl, DELETE_ME, { input: { password: 'correct horse battery' } }, token);
      expect(erasure.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(erasure.errors?.[0]?.message).toMatch(/^Erasing your account is not possible right now.*Nothing was erased/);
      // Nothing written: no account, no erasure, no audit line for attempts that were never weighed.
      expect(await rows()).toEqual(before);

      // Reads are served: the caller's profile (the account is still there) and the stores.
      const me = await gql(platform.gatewayUrl, '{ me { email } stores { slug } }', {}, token);
      expect(me.errors).toBeUndefined();
      expect(me.data.me.email).toBe(email);
      expect(me.data.stores.length).toBeGreaterThan(0);

      // Subscriptions are reads too: admitted, each gateway counting its own callers.
      const served = await servedByOrders(platform);
      const client = wsClient(platform.gatewayUrl, token);
      const subscription = watch(client, MY_ORDERS);
      await until(async () => (await servedByOrders(platform)) >= served + 1, 10_000, 'the subscription to be served');
      expect(subscription.failure).toBeUndefined();
      subscription.stop();
      await client.dispose();

      // Still ready (reads are served), with the reason in the operators' detail, a gauge and a counter.
      const ready = await fetch(`${platform.operationsUrl}/ready`);
      const detail = (await ready.json()) as { services: { service: string; ready: boolean; checks: Record<string, unknown>[] }[] };
      const customers = detail.services.find((s) => s.service === 'customers')!;
      expect(customers.ready).toBe(true);
      expect(customers.checks.find((c) => c.name === 'redis')).toMatchObject({
        ok: true,
        state: 'unreachable',
        redis: `127.0.0.1:${server.port}`,
      });
      const gateway = detail.services.find((s) => s.service === 'gateway')!;
      expect(gateway.ready).toBe(true);
      expect(gateway.checks.find((c) => c.name === 'redis')).toMatchObject({ ok: true, state: 'unreachable' });
      const metrics = await (await fetch(`${platform.operationsUrl}/metrics`)).text();
      expect(metrics).toMatch(/redis_connected\{service="customers"\} 0/);
      expect(metrics).toMatch(/redis_connected\{service="gateway"\} 0/);
      expect(metrics).toMatch(/throttle_refusals_total\{action="sign-in",reason="store_unavailable",service="customers"\} [1-9]/);
      // The outage is logged once, not per refused request.
      expect(customersLogs('is unreachable')).toHaveLength(1);
      expect(logLines.filter((l) => l.service === 'gateway' && String(l.msg).includes('is unreachable'))).toHaveLength(1);

      await server.start();
      await until(
        async () => codeOf(await signIn(platform.gatewayUrl, email, 'correct horse battery')) === 'ok',
        15_000,
        'sign-in to work again',
      );
      expect(
        codeOf(
          await gql(platform.gatewayUrl, REGISTER, {
            input: {
              storeSlug: 'napoli',
              email: `test-${randomBytes(5).toString('hex')}@example.com`,
              password: 'correct horse battery',
              firstName: 'A',
              lastName: 'B',
            },
          }),
        ),
      ).toBe('ok');
      expect(customersLogs('is reachable again')).toHaveLength(1);

      // A Redis that hangs (stopped, not gone): the attempt gives up after the command timeout and is refused alike.
      server.pause();
      try {
        const hung = await signIn(platform.gatewayUrl, email, 'correct horse battery');
        expect(hung.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
        expect(customersLogs('did not answer').length).toBeGreaterThanOrEqual(1);
        expect((await gql(platform.gatewayUrl, '{ me { email } }', {}, token)).data.me.email).toBe(email);
      } finally {
        server.resume();
      }
      await until(
        async () => codeOf(await signIn(platform.gatewayUrl, email, 'correct horse battery')) === 'ok',
        15_000,
        'sign-in to work again',
      );
      const after = (await (await fetch(`${platform.operationsUrl}/ready`)).json()) as typeof detail;
      expect(after.services.find((s) => s.service === 'customers')!.checks.find((c) => c.name === 'redis')).toMatchObject({
        state: 'reachable',
      });
    }, 60_000);
  },
);
