import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUPERGRAPH_SDL } from '@supergraph/gateway';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './testing.ts';

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
    const withoutStores = original.replace(/\n  """All stores[^\n]*\n  stores: [^\n]*/, '');
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
    const response = await fetch(platform.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ stores { slug } }' }) });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
