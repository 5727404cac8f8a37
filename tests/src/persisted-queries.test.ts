import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { incremental, startTestPlatform, type TestPlatform } from './harness/index.ts';

/**
 * Automatic persisted queries (the `extensions.persistedQuery.sha256Hash` protocol Apollo Client's
 * persisted-queries link speaks) through the gateway: a hash it has not seen asks for the query,
 * the query with its hash registers it, and the hash alone then runs it, over GET too.
 */
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform?.stop());

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(platform.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('automatic persisted queries', () => {
  test('unknown hash → PERSISTED_QUERY_NOT_FOUND; query and hash → answered and kept; hash alone → answered, by POST and GET', async () => {
    const query = `{ stores { slug name } } # ${Math.random()}`;
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };
    const unknown = await post({ extensions: { persistedQuery } });
    const unknownBody = (await unknown.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(unknownBody.errors[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await post({ query, extensions: { persistedQuery } });
    const expected = (await registered.json()) as { data: { stores: unknown[] } };
    expect(expected.data.stores.length).toBeGreaterThan(0);

    const byHash = await post({ extensions: { persistedQuery } });
    expect(await byHash.json()).toEqual(expected);
    const byGet = await fetch(`${platform.gatewayUrl}?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery }))}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await byGet.json()).toEqual(expected);
  });

  test('a hash that is not the query’s is refused', async () => {
    const answer = await post({
      query: '{ stores { slug } }',
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256('something else') } },
    });
    const body = (await answer.json()) as { errors: { extensions: { code: string } }[] };
    expect(answer.status).toBe(400);
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  test('a persisted query with @defer, sent by hash, is answered in parts', async () => {
    const token = await platform.login('ada@napoli.example');
    const query = '{ me { firstName ... @defer { email } } }';
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };
    await post({ query, extensions: { persistedQuery } }, { authorization: `Bearer ${token}` });
    const answer = await incremental(platform.gatewayUrl, { extensions: { persistedQuery } }, { token });
    expect(answer.parts).toHaveLength(2);
    expect(answer.merged.data).toEqual({ me: { firstName: 'Ada', email: 'ada@napoli.example' } });
  });
});

const manifestOf = (bodies: Record<string, string>) =>
  JSON.stringify({
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: Object.entries(bodies).map(([name, body]) => ({ id: sha256(body), name, type: 'query', body })),
  });

describe('a persisted operations manifest', () => {
  const STORES = 'query Stores { stores { slug } }';
  const MENU = 'query Menu { store(slug: "napoli") { menu { name } } }';
  const send = (url: string, body: unknown) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
    }));

  test('safelist: listed operations by id or by text, nothing else; the manifest reloads when its file changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    const path = join(dir, 'manifest.json');
    writeFileSync(path, manifestOf({ Stores: STORES }));
    const gateway = await platform.startGateway({ PERSISTED_OPERATIONS_MANIFEST: path, PERSISTED_OPERATIONS: 'safelist' });
    try {
      // By id, never registered: served from the manifest.
      const byId = await send(gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(STORES) } } });
      expect(byId.body.errors).toBeUndefined();
      expect(byId.body.data).toEqual(expect.objectContaining({ stores: expect.any(Array) }));
      // The listed text itself.
      expect((await send(gateway.url, { query: STORES })).body.errors).toBeUndefined();
      // Anything else, sent as text or registered as an automatic persisted query, is refused.
      const freeform = await send(gateway.url, { query: MENU });
      expect(freeform.status).toBe(400);
      expect(freeform.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
      const registering = await send(gateway.url, {
        query: MENU,
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256(MENU) } },
      });
      expect(registering.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
      const unknown = await send(gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(MENU) } } });
      expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

      // A new manifest is used without a restart.
      writeFileSync(path, manifestOf({ Stores: STORES, Menu: MENU }));
      const deadline = Date.now() + 5_000;
      let menu = await send(gateway.url, { query: MENU });
      while (menu.body.errors && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        menu = await send(gateway.url, { query: MENU });
      }
      expect(menu.body.errors).toBeUndefined();
      // One that does not read keeps the last good one.
      writeFileSync(path, '{ not json');
      await new Promise((r) => setTimeout(r, 300));
      expect((await send(gateway.url, { query: MENU })).body.errors).toBeUndefined();
    } finally {
      await gateway.stop();
    }
  });

  test('audit: anything runs, the manifest is served by id too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    const path = join(dir, 'manifest.json');
    writeFileSync(path, manifestOf({ Stores: STORES }));
    const gateway = await platform.startGateway({ PERSISTED_OPERATIONS_MANIFEST: path, PERSISTED_OPERATIONS: 'audit' });
    try {
      expect((await send(gateway.url, { query: MENU })).body.errors).toBeUndefined();
      expect(
        (await send(gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(STORES) } } })).body.errors,
      ).toBeUndefined();
    } finally {
      await gateway.stop();
    }
  });

  test('a broken manifest, or safelist without one, is refused at start with a message saying why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    const path = join(dir, 'manifest.json');
    writeFileSync(path, JSON.stringify({ format: 'something-else', version: 1, operations: [] }));
    await expect(platform.startGateway({ PERSISTED_OPERATIONS_MANIFEST: path })).rejects.toThrow(
      /is not an apollo-persisted-query-manifest: format/,
    );
    await expect(platform.startGateway({ PERSISTED_OPERATIONS: 'safelist' })).rejects.toThrow(
      /PERSISTED_OPERATIONS: safelist and audit need/,
    );
  });
});
