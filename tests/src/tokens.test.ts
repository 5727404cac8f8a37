import {
  generateAccessTokenKeys,
  generateInternalSecret,
  signAccessToken,
  signInternalToken,
  SigningKeyStore,
  INTERNAL_TOKEN_HEADER,
} from '@supergraph/service-kit';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

let platform: TestPlatform;
let keys: { privateKeyPem: string; publicKeyPem: string };
const internalSecret = generateInternalSecret();
const settings = { issuer: 'supergraph', audience: 'supergraph', ttlSeconds: 600 };
let ada: { accountId: string; role: 'CUSTOMER'; storeId: string; scopes: string[] };

beforeAll(async () => {
  keys = await generateAccessTokenKeys();
  platform = await startTestPlatform({
    env: { AUTH_SIGNING_KEY: keys.privateKeyPem, INTERNAL_TOKEN_SECRET: internalSecret },
  });
  const me: any = await platform.gql('{ me { id store { id } } }', {}, await platform.login('ada@napoli.example'));
  ada = { accountId: me.data.me.id, role: 'CUSTOMER', storeId: me.data.me.store.id, scopes: ['self'] };
});
afterAll(() => platform?.stop());

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = () => ({
  sub: ada.accountId,
  role: 'CUSTOMER',
  store: ada.storeId,
  iss: 'supergraph',
  aud: 'supergraph',
  iat: Math.floor(Date.now() / 1000),
  exp: Math.floor(Date.now() / 1000) + 600,
});

describe('tokens at the gateway', () => {
  test('a token signed with the configured key works', async () => {
    const { token } = await signAccessToken(ada, (await SigningKeyStore.fromPem(keys.privateKeyPem)).signing, settings);
    const result: any = await platform.gql('{ me { id } }', {}, token);
    expect(result.data.me.id).toBe(ada.accountId);
  });

  const attacks: [string, () => Promise<string>][] = [
    ['a malformed token', async () => 'not.a.jwt'],
    [
      'an expired token',
      async () =>
        (await signAccessToken(ada, (await SigningKeyStore.fromPem(keys.privateKeyPem)).signing, { ...settings, ttlSeconds: -60 })).token,
    ],
    [
      'a token signed with another key',
      async () =>
        (await signAccessToken(ada, (await SigningKeyStore.fromPem((await generateAccessTokenKeys()).privateKeyPem)).signing, settings))
          .token,
    ],
    ['alg: none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
    [
      'HS256 signed with the public key',
      async () => new SignJWT(claims()).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(keys.publicKeyPem)),
    ],
    [
      'a wrong issuer',
      async () =>
        (await signAccessToken(ada, (await SigningKeyStore.fromPem(keys.privateKeyPem)).signing, { ...settings, issuer: 'evil' })).token,
    ],
    [
      'a wrong audience',
      async () =>
        (await signAccessToken(ada, (await SigningKeyStore.fromPem(keys.privateKeyPem)).signing, { ...settings, audience: 'other-app' }))
          .token,
    ],
  ];
  test.each(attacks)('%s gets 401 UNAUTHENTICATED and no subgraph is called', async (_, makeToken) => {
    const token = await makeToken();
    platform.resetCounters();
    const result = await platform.gql('{ me { id email orders { edges { node { id } } } } }', {}, token);
    expect(result.status).toBe(401);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(platform.subgraphFetches.size).toBe(0);
  });

  test('a non-Bearer Authorization header is refused', async () => {
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic YWRhOnB3' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(response.status).toBe(401);
  });

  test.each([
    ['a valid token followed by junk', (token: string) => `Bearer ${token} junk`],
    ['two tokens', (token: string) => `Bearer ${token} ${token}`],
    ['a token with a comma after it', (token: string) => `Bearer ${token},`],
    ['no space after Bearer', (token: string) => `Bearer${token}`],
  ])('an Authorization header with %s is refused, even though the token in it is valid', async (_, header) => {
    const token = await platform.login('ada@napoli.example');
    platform.resetCounters();
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: header(token) },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    const body = (await response.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
    expect(response.status).toBe(401);
    expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(body.data).toBeUndefined();
    expect(platform.subgraphFetches.size).toBe(0);
  });

  test('client-sent identity headers are ignored', async () => {
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-user-id': ada.accountId,
        'x-role': 'ADMIN',
        [INTERNAL_TOKEN_HEADER]: await signInternalToken(ada, internalSecret),
      },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(await response.json()).toEqual({ data: { me: null } });
  });
});

describe('keys, rotation and refresh tokens', () => {
  test('the customers subgraph publishes its public keys as a JWKS, without private parts', async () => {
    const response = await fetch(platform.subgraphs.customers.url.replace(/\/graphql$/, '/.well-known/jwks.json'));
    expect(response.headers.get('cache-control')).toContain('max-age');
    const { keys: published } = (await response.json()) as { keys: Record<string, string>[] };
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: expect.any(String) });
    expect(published[0]).not.toHaveProperty('d');
  });

  test('a new signing key is accepted without restarting the gateway, and old tokens keep working', async () => {
    const before = await platform.login('ada@napoli.example');
    await platform.signingKeys.rotate((await generateAccessTokenKeys()).privateKeyPem);
    const after = await platform.login('ada@napoli.example');
    const header = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string };
    expect(header(after).kid).not.toBe(header(before).kid);
    for (const token of [after, before]) {
      const result: any = await platform.gql('{ me { id } }', {}, token);
      expect(result.data.me.id).toBe(ada.accountId);
    }
  });

  const AUTH = 'token refreshToken refreshTokenExpiresAt customer { id }';
  const refresh = (refreshToken: string) =>
    platform.gql<any>(`mutation ($t: String!) { refreshToken(input: { refreshToken: $t }) { ${AUTH} } }`, { t: refreshToken });

  test('a refresh token buys a new access token once, and is rotated', async () => {
    const login: any = await platform.gql(
      `mutation { login(input: { storeSlug: "napoli", email: "ada@napoli.example", password: "supergraph-demo" }) { ${AUTH} } }`,
    );
    expect(login.errors).toBeUndefined();
    const first = login.data.login;
    expect(first.refreshToken).toMatch(/^rt_/);
    expect(Date.parse(first.refreshTokenExpiresAt)).toBeGreaterThan(Date.now() + 24 * 3600_000);
    const second = (await refresh(first.refreshToken)).data.refreshToken;
    expect(second.customer.id).toBe(ada.accountId);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(((await platform.gql('{ me { id } }', {}, second.token)) as any).data.me.id).toBe(ada.accountId);

    // The old token again: treated as stolen, and the whole session is revoked.
    const replay = await refresh(first.refreshToken);
    expect(replay.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await refresh(second.refreshToken)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('logout revokes the session; garbage is refused', async () => {
    const login: any = await platform.gql(
      `mutation { login(input: { storeSlug: "napoli", email: "ada@napoli.example", password: "supergraph-demo" }) { ${AUTH} } }`,
    );
    const out: any = await platform.gql('mutation ($t: String!) { logout(input: { refreshToken: $t }) }', {
      t: login.data.login.refreshToken,
    });
    expect(out.data.logout).toBe(true);
    expect((await refresh(login.data.login.refreshToken)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await refresh('rt_garbage')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('subgraphs trust only the gateway', () => {
  const entities = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id email } } }`;
  const call = async (url: string, token: string | undefined, query = entities) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { [INTERNAL_TOKEN_HEADER]: token } : {}) },
      body: JSON.stringify({ query, variables: { r: [{ __typename: 'Customer', id: ada.accountId }] } }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  test('_entities and _service without a valid gateway token are rejected', async () => {
    const expired = await new SignJWT({ role: 'CUSTOMER', store: ada.storeId, anon: false })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(ada.accountId)
      .setIssuer('supergraph-gateway')
      .setAudience('supergraph-subgraphs')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 300)
      .sign(new TextEncoder().encode(internalSecret));
    const forged = await signInternalToken(ada, generateInternalSecret());
    for (const subgraph of Object.values(platform.subgraphs)) {
      for (const token of [undefined, forged, expired, 'garbage']) {
        for (const query of [entities, '{ _service { sdl } }']) {
          const { status, body } = await call(subgraph.url, token, query);
          expect(status).toBe(401);
          expect(body.data).toBeUndefined();
          expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
        }
      }
    }
  });

  test('a valid internal token still gets only what its caller may see', async () => {
    const bobToken = await signInternalToken(
      { accountId: '00000000-0000-4000-8000-000000000001', role: 'CUSTOMER', storeId: ada.storeId, scopes: ['self'] },
      internalSecret,
    );
    const { body } = await call(platform.subgraphs.customers.url, bobToken);
    expect(body.data._entities).toEqual([null]);
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    const adaToken = await signInternalToken(ada, internalSecret);
    expect((await call(platform.subgraphs.customers.url, adaToken)).body.data._entities[0].id).toBe(ada.accountId);
  });

  test('a refused entity in a batch nulls only itself', async () => {
    const response = await fetch(platform.subgraphs.orders.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: await signInternalToken(ada, internalSecret) },
      body: JSON.stringify({
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id orderCount } } }',
        variables: {
          r: [
            { __typename: 'Customer', id: ada.accountId },
            { __typename: 'Customer', id: '00000000-0000-4000-8000-000000000001' },
          ],
        },
      }),
    });
    const body = (await response.json()) as any;
    expect(body.data._entities).toEqual([{ id: ada.accountId, orderCount: 12 }, null]);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ path: ['_entities', 1], extensions: { code: 'FORBIDDEN' } });
  });
});
