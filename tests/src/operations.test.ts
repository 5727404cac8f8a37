import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUPERGRAPH_SDL } from '@supergraph/gateway';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

const original = readFileSync(SUPERGRAPH_SDL, 'utf8');
const file = join(mkdtempSync(join(tmpdir(), 'supergraph-')), 'supergraph.graphql');
let platform: TestPlatform;

beforeAll(async () => {
  writeFileSync(file, original);
  platform = await startTestPlatform({ env: { SUPERGRAPH_PATH: file }, demoSize: { customersPerStore: 1, averageOrdersPerCustomer: 1 } });
});
afterAll(() => platform?.stop());

const storesWork = async () => (await platform.gql('{ stores { slug } }')).errors === undefined;

describe('reloading the supergraph without a restart', () => {
  test('a new supergraph is served after a reload; a broken one is refused and the last good one stays', async () => {
    expect(await storesWork()).toBe(true);

    // A supergraph without Query.stores.
    const withoutStores = original.replace(/\n {2}"""All stores[^\n]*\n {2}stores: [^\n]*/, '');
    expect(withoutStores).not.toBe(original);
    writeFileSync(file, withoutStores);
    expect(await platform.reloadSupergraph()).toEqual({ ok: true });
    const gone = await platform.gql('{ stores { slug } }');
    expect(gone.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    writeFileSync(file, 'this is not a supergraph');
    const broken = await platform.reloadSupergraph();
    expect(broken.ok).toBe(false);
    expect(broken.error).toBeTruthy();
    // Still the last good one: without stores, but everything else answers.
    expect((await platform.gql('{ store(slug: "napoli") { name } }')).errors).toBeUndefined();

    writeFileSync(file, original);
    expect(await platform.reloadSupergraph()).toEqual({ ok: true });
    expect(await storesWork()).toBe(true);
  });

  test('the gateway returns the request id it used, so a client can quote it', async () => {
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ stores { slug } }' }),
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

/** Whether a sample of `name` with at least these labels (in any order) is exposed. */
const hasSample = (text: string, name: string, labels: Record<string, string>) =>
  text
    .split('\n')
    .some(
      (line) => line.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)) && /\} \d/.test(line),
    );

describe('metrics', () => {
  test('Prometheus metrics of the gateway and every subgraph on the operations listener: requests, subgraph fetches, consumer lag', async () => {
    await platform.gql('query StoreList { stores { slug menu { name } } }');
    const text = await (await fetch(`${platform.operationsUrl}/metrics`)).text();
    expect(hasSample(text, 'graphql_requests_total', { operation: 'StoreList', outcome: 'ok', service: 'gateway' })).toBe(true);
    expect(hasSample(text, 'subgraph_fetch_duration_seconds_count', { subgraph: 'orders', outcome: 'ok', service: 'gateway' })).toBe(true);
    expect(text).toContain('process_cpu_seconds_total');
    expect(hasSample(text, 'event_consumer_lag', { consumer: 'analytics', service: 'analytics' })).toBe(true);
    expect(hasSample(text, 'db_pool_connections', { state: 'max', service: 'analytics' })).toBe(true);
    expect(hasSample(text, 'db_pool_connections', { state: 'in_use', service: 'analytics' })).toBe(true);
    expect(hasSample(text, 'db_statements_total', { service: 'analytics' })).toBe(true);
    // Every statement and transaction gave its connection back (on PostgreSQL this is counted per statement).
    expect(
      text.split('\n').find((l) => l.startsWith('db_pool_connections{') && l.includes('state="in_use"') && l.includes('service="orders"')),
    ).toMatch(/ 0$/);
    expect(hasSample(text, 'graphql_requests_total', { operation: 'StoreList__customers__0', outcome: 'ok', service: 'customers' })).toBe(
      true,
    );
    // One family per metric, as Prometheus requires, however many services share the process.
    expect(text.split('\n').filter((l) => l === '# TYPE graphql_requests_total counter')).toHaveLength(1);
  });

  test('the public ports serve no metrics, and their /ready says only ready or not', async () => {
    for (const url of [platform.gatewayUrl, ...Object.values(platform.subgraphs).map((s) => s.url)]) {
      const origin = url.replace(/\/graphql$/, '');
      expect((await fetch(`${origin}/metrics`)).status).toBe(404);
      const ready = await fetch(`${origin}/ready`);
      expect(ready.status).toBe(200);
      const body = (await ready.json()) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['service', 'status']);
      expect(body.status).toBe('ready');
    }
  });
});

describe('identical reads in flight share one execution', () => {
  test('the same read by the same caller at once is executed once; different callers and mutations are not merged', async () => {
    const ada = await platform.login('ada@napoli.example');
    const query = '{ me { email orders(first: 2) { edges { node { id } } } } }';
    platform.resetCounters();
    await platform.gql(query, {}, ada);
    const single = Object.fromEntries(platform.subgraphFetches);

    platform.resetCounters();
    const together = await Promise.all(Array.from({ length: 5 }, () => platform.gql(query, {}, ada)));
    expect(new Set(together.map((r) => JSON.stringify(r.data))).size).toBe(1);
    // Requests that arrive while the first is answered share it (timing decides how many do).
    expect(platform.subgraphFetches.get('customers')).toBeLessThan(5 * single.customers!);

    const staff = await platform.login('staff@napoli.example');
    platform.resetCounters();
    await Promise.all([platform.gql(query, {}, ada), platform.gql(query, {}, staff)]);
    expect(platform.subgraphFetches.get('customers')).toBe(2 * single.customers!);

    const menu = await platform.menu('napoli');
    const place = `mutation { placeOrder(input: { items: [{ menuItemId: "${menu[0]!.id}", quantity: 1 }], deliveryAddress: { line1: "1 A St", city: "B", postalCode: "1", country: "IT" }, idempotencyKey: "dedupe-test-order" }) { id } }`;
    platform.resetCounters();
    const placed = await Promise.all([platform.gql(place, {}, ada), platform.gql(place, {}, ada)]);
    expect(platform.subgraphFetches.get('orders')).toBe(2);
    expect(placed[0]!.data).toEqual(placed[1]!.data); // the idempotency key, not the gateway, makes them one order
  });
});
