import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { InvalidTokenError } from './access-tokens.ts';
import { rememberedUntilExpiry } from './remembered.ts';
import { toViewer, type Viewer } from './viewer.ts';

/**
 * Internal tokens: the gateway tells a subgraph who the caller is with a short-lived token signed
 * with a secret only the gateway and the subgraphs share. A subgraph trusts nothing else, so a
 * request that did not come through the gateway (or forged identity headers) is refused.
 */

export const INTERNAL_TOKEN_HEADER = 'x-supergraph-internal-token';
const INTERNAL_ISSUER = 'supergraph-gateway';
const INTERNAL_AUDIENCE = 'supergraph-subgraphs';
const INTERNAL_TTL_SECONDS = 60;

export const generateInternalSecret = () => randomBytes(32).toString('base64url');
const secretKey = (secret: string) => new TextEncoder().encode(secret);

/** What the gateway knows about the client beyond identity: its address (for throttling and audit). */
export interface ClientInfo {
  ip: string | null;
}

export async function signInternalToken(viewer: Viewer | null, secret: string, client: ClientInfo = { ip: null }): Promise<string> {
  const claims = viewer ? { role: viewer.role, store: viewer.storeId, scope: viewer.scopes.join(' '), anon: false } : { anon: true };
  const jwt = new SignJWT({ ...claims, ...(client.ip ? { ip: client.ip } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(INTERNAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${INTERNAL_TTL_SECONDS}s`);
  if (viewer) jwt.setSubject(viewer.accountId);
  return jwt.sign(secretKey(secret));
}

/**
 * `signInternalToken` for the gateway: a token lives 60 s, so the one signed for a caller (and
 * address) is reused for 30 s, and every subgraph fetch of those 30 s costs no signature.
 */
export function internalTokenSigner(secret: string, maxEntries = 10_000) {
  const tokens = new LRUCache<string, Promise<string>>({ max: maxEntries, ttl: (INTERNAL_TTL_SECONDS / 2) * 1000 });
  return (viewer: Viewer | null, client: ClientInfo = { ip: null }): Promise<string> => {
    const key = viewer
      ? `${viewer.accountId}\u0000${viewer.role}\u0000${viewer.storeId}\u0000${viewer.scopes.join(' ')}\u0000${client.ip ?? ''}`
      : `\u0000${client.ip ?? ''}`;
    let token = tokens.get(key);
    if (!token) {
      token = signInternalToken(viewer, secret, client);
      tokens.set(key, token);
      token.catch(() => tokens.delete(key));
    }
    return token;
  };
}

export interface InternalCaller {
  viewer: Viewer | null;
  client: ClientInfo;
}

/** The caller (null when anonymous) and the client's address, as the gateway vouched for them; throws InvalidTokenError when the token is missing or bad. */
export async function verifyInternalRequest(token: string | undefined, secret: string): Promise<InternalCaller> {
  return (await verifyInternalClaims(token, secret)).caller;
}

/**
 * `verifyInternalRequest` for a subgraph: the gateway reuses an internal token for many fetches
 * (see `internalTokenSigner`), so a token that verified is remembered until it expires and its
 * signature is checked once. A token that failed is never remembered.
 */
export function internalRequestVerifier(secret: string, maxEntries = 10_000) {
  const verify = rememberedUntilExpiry(maxEntries, async (token: string) => {
    const { caller, expiresAtMs } = await verifyInternalClaims(token, secret);
    return { value: caller, expiresAtMs };
  });
  return async (token: string | undefined): Promise<InternalCaller> => verify(token ?? '');
}

async function verifyInternalClaims(token: string | undefined, secret: string): Promise<{ caller: InternalCaller; expiresAtMs: number }> {
  if (!token) throw new InvalidTokenError('This service only answers requests that come through the gateway.');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, secretKey(secret), {
      algorithms: ['HS256'],
      issuer: INTERNAL_ISSUER,
      audience: INTERNAL_AUDIENCE,
      requiredClaims: ['exp'],
    }));
  } catch {
    throw new InvalidTokenError('This service only answers requests that come through the gateway.');
  }
  return {
    caller: {
      viewer: payload.anon === true ? null : toViewer(payload),
      client: { ip: typeof payload.ip === 'string' ? payload.ip : null },
    },
    expiresAtMs: (payload.exp as number) * 1000,
  };
}
