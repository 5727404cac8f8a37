import { setTimeout as sleep } from 'node:timers/promises';
import type { JWTVerifyGetKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidTokenError, SigningKeyStore, accessTokenVerifier, generateAccessTokenKeys, signAccessToken } from './access-tokens.ts';
import { generateInternalSecret, internalRequestVerifier, internalTokenSigner, signInternalToken } from './internal-tokens.ts';
import type { Viewer } from './viewer.ts';

const settings = { issuer: 'https://id.test', audience: 'supergraph-test', ttlSeconds: 600 };
const ada: Viewer = { accountId: '00000000-0000-4000-8000-00000000000a', role: 'CUSTOMER', storeId: 'store-1', scopes: ['self'] };
const grace: Viewer = { ...ada, accountId: '00000000-0000-4000-8000-00000000000b' };

let store: SigningKeyStore;
/** The public key, handed out by a function that counts how often jose asked for it (once per signature checked). */
let keyLookups = 0;
const countingKeys: JWTVerifyGetKey = async () => {
  keyLookups += 1;
  const { importJWK } = await import('jose');
  return (await importJWK(store.jwks().keys[0]!, 'EdDSA')) as never;
};

beforeAll(async () => {
  store = await SigningKeyStore.fromPem((await generateAccessTokenKeys()).privateKeyPem);
});

describe('accessTokenVerifier', () => {
  it('checks a token once and then remembers who it belongs to', async () => {
    const verify = accessTokenVerifier(countingKeys, settings);
    const { token } = await signAccessToken(ada, store.signing, settings);
    keyLookups = 0;
    expect(await verify(token)).toEqual(ada);
    expect(await verify(token)).toEqual(ada);
    expect(await verify(token)).toEqual(ada);
    expect(keyLookups).toBe(1);
    const { token: other } = await signAccessToken(grace, store.signing, settings);
    expect(await verify(other)).toEqual(grace);
    expect(keyLookups).toBe(2);
  });

  it('never remembers a token that failed, and refuses it every time', async () => {
    const verify = accessTokenVerifier(countingKeys, settings);
    const { token } = await signAccessToken(ada, store.signing, settings);
    const [header, , signature] = token.split('.');
    const forged = [
      header,
      Buffer.from(
        JSON.stringify({
          sub: grace.accountId,
          role: 'ADMIN',
          store: 'store-1',
          iss: settings.issuer,
          aud: settings.audience,
          exp: 4_000_000_000,
        }),
      ).toString('base64url'),
      signature,
    ].join('.');
    for (let i = 0; i < 2; i += 1) await expect(verify(forged)).rejects.toBeInstanceOf(InvalidTokenError);
    const wrongAudience = (await signAccessToken(ada, store.signing, { ...settings, audience: 'someone-else' })).token;
    for (let i = 0; i < 2; i += 1) await expect(verify(wrongAudience)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('stops accepting a remembered token once it expires', async () => {
    const verify = accessTokenVerifier(countingKeys, settings);
    const { token, expiresAt } = await signAccessToken(ada, store.signing, { ...settings, ttlSeconds: 1 });
    expect(await verify(token)).toEqual(ada);
    await sleep(expiresAt.getTime() - Date.now() + 50);
    await expect(verify(token)).rejects.toThrow(/expired/);
  });
});

describe('internal tokens', () => {
  it('the gateway reuses one token per caller and address, and a new caller gets a new one', async () => {
    const sign = internalTokenSigner(generateInternalSecret());
    const first = await sign(ada, { ip: '10.0.0.1' });
    expect(await sign(ada, { ip: '10.0.0.1' })).toBe(first);
    expect(await sign({ ...ada }, { ip: '10.0.0.1' })).toBe(first);
    expect(await sign(grace, { ip: '10.0.0.1' })).not.toBe(first);
    expect(await sign(ada, { ip: '10.0.0.2' })).not.toBe(first);
    expect(await sign({ ...ada, role: 'STAFF' }, { ip: '10.0.0.1' })).not.toBe(first);
    expect(await sign(null, { ip: '10.0.0.1' })).not.toBe(first);
  });

  it('a subgraph accepts a reused token for the caller it names, and refuses any other secret or a tampered token', async () => {
    const secret = generateInternalSecret();
    const verify = internalRequestVerifier(secret);
    const token = await internalTokenSigner(secret)(ada, { ip: '10.0.0.1' });
    for (let i = 0; i < 2; i += 1) expect(await verify(token)).toEqual({ viewer: ada, client: { ip: '10.0.0.1' } });
    expect(await verify(await signInternalToken(null, secret))).toEqual({ viewer: null, client: { ip: null } });
    const foreign = await signInternalToken(ada, generateInternalSecret());
    for (let i = 0; i < 2; i += 1) await expect(verify(foreign)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(verify(`${token.slice(0, -2)}xx`)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(verify(undefined)).rejects.toBeInstanceOf(InvalidTokenError);
  });
});
