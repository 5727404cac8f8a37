import { createHash } from 'node:crypto';
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
