import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { controllableProxy, startTestPlatform, type SubgraphProxy, type TestPlatform } from './harness/index.ts';

let proxy: SubgraphProxy;
let paymentsProxy: SubgraphProxy;
let platform: TestPlatform;
let token: string;
const PROFILE = '{ me { email orders(first: 2) { edges { node { id } } } metrics { totalOrders } } }';

beforeAll(async () => {
  proxy = await controllableProxy();
  paymentsProxy = await controllableProxy();
  platform = await startTestPlatform({
    // Analytics' own timeout (300 ms) overrides the default for every subgraph.
    env: {
      ANALYTICS_URL: proxy.url,
      PAYMENTS_URL: paymentsProxy.url,
      SUBGRAPH_TIMEOUT_MS: '5000',
      ANALYTICS_TIMEOUT_MS: '300',
      SUBGRAPH_BREAKER_THRESHOLD: '3',
      SUBGRAPH_BREAKER_RESET_MS: '200',
    },
  });
  proxy.setTarget(platform.subgraphs.analytics.url);
  paymentsProxy.setTarget(platform.subgraphs.payments.url);
  token = await platform.login('ada@napoli.example');
});
afterAll(async () => {
  await platform?.stop();
  await proxy?.close();
  await paymentsProxy?.close();
});

describe('one failing subgraph nulls only its own fields', () => {
  test('healthy: everything arrives', async () => {
    const result: any = await platform.gql(PROFILE, {}, token);
    expect(result.errors).toBeUndefined();
    expect(result.data.me.metrics.totalOrders).toBeGreaterThan(0);
  });

  test('analytics down: email and orders still arrive; metrics is null with SUBGRAPH_UNAVAILABLE naming the service, no address', async () => {
    await proxy.down();
    const result: any = await platform.gql(PROFILE, {}, token);
    expect(result.data.me.email).toBe('ada@napoli.example');
    expect(result.data.me.orders.edges).toHaveLength(2);
    expect(result.data.me.metrics).toBeNull();
    expect(result.errors).toEqual([
      {
        message: 'The analytics service is unavailable.',
        path: ['me', 'metrics'],
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'analytics' },
      },
    ]);
    expect(JSON.stringify(result)).not.toMatch(/127\.0\.0\.1|http:|ECONNREFUSED|stack/);
    await proxy.up();
  });

  test('analytics hanging: SUBGRAPH_TIMEOUT after the configured timeout, the rest arrives', async () => {
    proxy.setMode('hang');
    const result: any = await platform.gql(PROFILE, {}, token);
    proxy.setMode('pass');
    expect(result.data.me.email).toBe('ada@napoli.example');
    expect(result.data.me.metrics).toBeNull();
    expect(result.errors[0]).toMatchObject({ path: ['me', 'metrics'], extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: 'analytics' } });
    expect(result.errors[0].message).toContain('300 ms');
  });

  test('a subgraph that keeps failing is short-circuited, then tried again and recovers', async () => {
    await new Promise((r) => setTimeout(r, 250)); // let the breaker from the last test close again
    proxy.setMode('hang');
    for (let i = 0; i < 3; i += 1) await platform.gql(PROFILE, {}, token);
    const seen = proxy.requests;
    const shortCircuited: any = await platform.gql(PROFILE, {}, token);
    expect(proxy.requests).toBe(seen); // not even asked
    expect(shortCircuited.errors[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'analytics' });
    expect(shortCircuited.data.me.email).toBe('ada@napoli.example');

    proxy.setMode('pass');
    await new Promise((r) => setTimeout(r, 250)); // the breaker's reset period (200 ms)
    const recovered: any = await platform.gql(PROFILE, {}, token);
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data.me.metrics.totalOrders).toBeGreaterThan(0);
  });

  test('a read whose connection dies is retried once, and succeeds', async () => {
    await new Promise((r) => setTimeout(r, 250)); // the breaker from earlier tests is closed again
    proxy.setMode('dropOnce');
    const before = proxy.requests;
    const result: any = await platform.gql(PROFILE, {}, token);
    expect(result.errors).toBeUndefined();
    expect(result.data.me.metrics.totalOrders).toBeGreaterThan(0);
    expect(proxy.requests - before).toBe(2); // the dropped attempt and its retry
  });
});

describe('mutations are never retried', () => {
  test('a payment whose connection dies is reported, not sent twice', async () => {
    const customer = await platform.register('napoli');
    const order = await platform.placeOrder(customer.token);
    await platform.settle();
    paymentsProxy.setMode('dropOnce');
    const before = paymentsProxy.requests;
    const result = await platform.payOrder(customer.token, order.id);
    expect(paymentsProxy.requests - before).toBe(1);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'payments' });
    // The client retries with the same idempotency key when it is ready; here a fresh attempt pays once.
    const retry = await platform.payOrder(customer.token, order.id);
    expect(retry.data?.payOrder.status).toBe('SUCCEEDED');
  });
});

describe('graceful shutdown', () => {
  test('requests in flight when the platform stops all complete', async () => {
    proxy.setMode('slow');
    const inFlight = Array.from({ length: 5 }, () => platform.gql(PROFILE, {}, token));
    await new Promise((r) => setTimeout(r, 50));
    const stopped = platform.stop();
    const results = await Promise.all(inFlight);
    await stopped;
    for (const result of results as any[]) {
      expect(result.status).toBe(200);
      expect(result.errors).toBeUndefined();
      expect(result.data.me.metrics.totalOrders).toBeGreaterThan(0);
    }
    platform = undefined as never;
  });
});
