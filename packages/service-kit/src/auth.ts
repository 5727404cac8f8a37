import { randomBytes } from 'node:crypto';
import {
  SignJWT,
  calculateJwkThumbprint,
  createRemoteJWKSet,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  importJWK,
  importPKCS8,
  importSPKI,
  jwtVerify,
  errors as joseErrors,
  type CryptoKey,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';

export const ROLES = ['CUSTOMER', 'STAFF', 'DRIVER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: the verified claims of the caller, or `null` when anonymous. */
export interface Viewer {
  accountId: string;
  role: Role;
  storeId: string;
  /** What the token allows, for schema-declared `@requiresScopes` (e.g. `self`, `store:customers`). */
  scopes: string[];
}

/** Staff and admins act for their store; they see its customers and orders. */
export const isStoreOperator = (viewer: Viewer | null): viewer is Viewer =>
  viewer !== null && (viewer.role === 'STAFF' || viewer.role === 'ADMIN');

const claimsSchema = z.object({
  sub: z.string().min(1),
  role: z.enum(ROLES),
  store: z.string().min(1),
  /** Space-separated, as in RFC 8693 and RFC 9068. */
  scope: z.string().default(''),
});

const toViewer = (payload: unknown): Viewer => {
  const claims = claimsSchema.parse(payload);
  return { accountId: claims.sub, role: claims.role, storeId: claims.store, scopes: claims.scope.split(' ').filter(Boolean) };
};

// ---------------------------------------------------------------------------------------------
// Access tokens: issued by the customers subgraph (the identity provider), verified at the gateway.
// EdDSA (Ed25519) only: the algorithm is pinned on both sides.
// ---------------------------------------------------------------------------------------------

export const ACCESS_TOKEN_ALG = 'EdDSA';

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export async function generateAccessTokenKeys(): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const { privateKey, publicKey } = await generateKeyPair(ACCESS_TOKEN_ALG, { crv: 'Ed25519', extractable: true });
  return { privateKeyPem: await exportPKCS8(privateKey), publicKeyPem: await exportSPKI(publicKey) };
}

export const importSigningKey = (pem: string) => importPKCS8(pem, ACCESS_TOKEN_ALG, { extractable: true });
export const importVerificationKey = (pem: string) => importSPKI(pem, ACCESS_TOKEN_ALG, { extractable: true });

/** A signing key with its id (the RFC 7638 thumbprint of its public half), as published in the JWKS. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function publicJwkOf(publicKey: CryptoKey): Promise<JWK> {
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { ...jwk, kid, alg: ACCESS_TOKEN_ALG, use: 'sig' };
}

/**
 * The identity provider's keys: one to sign with, and the public keys verifiers should accept
 * (the current one plus any still in use after a rotation). `rotate` swaps the signing key while
 * the old public key stays published, so tokens already issued keep working until they expire.
 */
export class SigningKeyStore {
  private current!: SigningKey;
  private readonly retired: JWK[] = [];

  private constructor() {}

  static async fromPem(privateKeyPem: string, previousPublicKeyPems: string[] = []): Promise<SigningKeyStore> {
    const store = new SigningKeyStore();
    await store.use(privateKeyPem);
    for (const pem of previousPublicKeyPems) store.retired.push(await publicJwkOf(await importVerificationKey(pem)));
    return store;
  }

  private async use(privateKeyPem: string) {
    const privateKey = await importSigningKey(privateKeyPem);
    const { d: _private, ...publicPart } = await exportJWK(privateKey);
    const publicKey = await importJwkPublic(publicPart);
    const publicJwk = await publicJwkOf(publicKey);
    this.current = { kid: publicJwk.kid!, privateKey, publicJwk };
  }

  get signing(): SigningKey {
    return this.current;
  }

  /** Signs with a new key from now on; the old public key stays in the JWKS. */
  async rotate(privateKeyPem: string): Promise<void> {
    this.retired.unshift(this.current.publicJwk);
    await this.use(privateKeyPem);
  }

  /** The JSON Web Key Set to publish at /.well-known/jwks.json. */
  jwks(): { keys: JWK[] } {
    return { keys: [this.current.publicJwk, ...this.retired.filter((k) => k.kid !== this.current.kid)] };
  }
}

const importJwkPublic = async (jwk: JWK) => (await importJWK({ ...jwk, alg: ACCESS_TOKEN_ALG }, ACCESS_TOKEN_ALG, { extractable: true })) as CryptoKey;

/**
 * Verification keys from the identity provider's JWKS URL: cached, and fetched again when a token
 * names a key id not yet seen (no more often than `cooldownMs`), so keys rotate without a restart.
 */
export const remoteKeySet = (url: string, cooldownMs: number): JWTVerifyGetKey =>
  createRemoteJWKSet(new URL(url), { cooldownDuration: cooldownMs, cacheMaxAge: 10 * 60_000, timeoutDuration: 5_000 });

export async function signAccessToken(viewer: Viewer, key: SigningKey, settings: AccessTokenSettings) {
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAt = issuedAt + settings.ttlSeconds;
  const token = await new SignJWT({ role: viewer.role, store: viewer.storeId, scope: viewer.scopes.join(' ') })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, typ: 'JWT', kid: key.kid })
    .setSubject(viewer.accountId)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key.privateKey);
  return { token, expiresAt: new Date(expiresAt * 1000) };
}

/** The identity provider's keys could not be fetched: not the caller's fault. */
export class KeysUnavailableError extends Error {
  constructor() {
    super('Sign-in cannot be checked right now. Please try again in a moment.');
    this.name = 'KeysUnavailableError';
  }
}

export class InvalidTokenError extends Error {
  constructor(public readonly reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/** Verifies a bearer token; throws InvalidTokenError with a reason a client can act on. */
export async function verifyAccessToken(token: string, keys: JWTVerifyGetKey | CryptoKey, settings: Pick<AccessTokenSettings, 'issuer' | 'audience'>): Promise<Viewer> {
  return (await verifyAccessTokenClaims(token, keys, settings)).viewer;
}

async function verifyAccessTokenClaims(token: string, keys: JWTVerifyGetKey | CryptoKey, settings: Pick<AccessTokenSettings, 'issuer' | 'audience'>) {
  try {
    const { payload } = await jwtVerify(token, keys as JWTVerifyGetKey, {
      algorithms: [ACCESS_TOKEN_ALG],
      issuer: settings.issuer,
      audience: settings.audience,
      requiredClaims: ['exp', 'iss', 'aud', 'sub'],
    });
    return { viewer: toViewer(payload), expiresAtMs: payload.exp! * 1000 };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError('Your session has expired. Refresh it, or sign in again.');
    if (error instanceof joseErrors.JWKSTimeout || (error instanceof Error && /fetch|ECONNREFUSED|network/i.test(error.message))) {
      throw new KeysUnavailableError();
    }
    throw new InvalidTokenError('The access token is not valid. Sign in again to get a new one.');
  }
}

/**
 * `verifyAccessToken` for a server that sees the same callers again and again (the gateway): a
 * token that verified is remembered until it expires, so each caller's signature is checked once,
 * not on every request. Bounded (least recently used tokens go first); a token that failed is
 * never remembered. Access tokens cannot be revoked before they expire in any case (sign-out
 * revokes the refresh token), so remembering one changes nothing a caller could observe.
 */
export function accessTokenVerifier(keys: JWTVerifyGetKey | CryptoKey, settings: Pick<AccessTokenSettings, 'issuer' | 'audience'>, maxEntries = 10_000) {
  return rememberedUntilExpiry(maxEntries, async (token: string) => {
    const { viewer, expiresAtMs } = await verifyAccessTokenClaims(token, keys, settings);
    return { value: viewer, expiresAtMs };
  });
}

/**
 * Wraps a token check so that a token that passed is remembered (bounded, least recently used
 * first) until the expiry the check read from it, and checked again only after that. A check that
 * throws is never remembered.
 */
function rememberedUntilExpiry<T extends object>(maxEntries: number, check: (token: string) => Promise<{ value: T; expiresAtMs: number }>) {
  const passed = new LRUCache<string, T>({ max: maxEntries, ttlAutopurge: false });
  return async (token: string): Promise<T> => {
    const known = passed.get(token);
    if (known) return known;
    const { value, expiresAtMs } = await check(token);
    const ttl = expiresAtMs - Date.now();
    if (ttl > 0) passed.set(token, value, { ttl });
    return value;
  };
}

// ---------------------------------------------------------------------------------------------
// Internal tokens: the gateway tells a subgraph who the caller is with a short-lived token signed
// with a secret only the gateway and the subgraphs share. A subgraph trusts nothing else, so a
// request that did not come through the gateway (or forged identity headers) is refused.
// ---------------------------------------------------------------------------------------------

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
    const key = viewer ? `${viewer.accountId}\u0000${viewer.role}\u0000${viewer.storeId}\u0000${viewer.scopes.join(' ')}\u0000${client.ip ?? ''}` : `\u0000${client.ip ?? ''}`;
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
    caller: { viewer: payload.anon === true ? null : toViewer(payload), client: { ip: typeof payload.ip === 'string' ? payload.ip : null } },
    expiresAtMs: (payload.exp as number) * 1000,
  };
}
