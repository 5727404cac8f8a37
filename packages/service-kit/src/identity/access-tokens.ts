import {
  SignJWT,
  calculateJwkThumbprint,
  createRemoteJWKSet,
  decodeJwt,
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
import { parseEnv, z } from '../config/env.ts';
import { rememberedUntilExpiry } from './remembered.ts';
import { toViewer, type Viewer } from './viewer.ts';

/**
 * Access tokens: signed by the identity provider (the subgraph where accounts sign in), verified
 * at the gateway against its published key set. EdDSA (Ed25519) only: the algorithm is pinned on
 * both sides.
 */

export const ACCESS_TOKEN_ALG = 'EdDSA';

/** Where the identity provider publishes its public keys (a JSON Web Key Set). */
export const JWKS_PATH = '/.well-known/jwks.json';

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

const importJwkPublic = async (jwk: JWK) =>
  (await importJWK({ ...jwk, alg: ACCESS_TOKEN_ALG }, ACCESS_TOKEN_ALG, { extractable: true })) as CryptoKey;

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
export async function verifyAccessToken(
  token: string,
  keys: JWTVerifyGetKey | CryptoKey,
  settings: Pick<AccessTokenSettings, 'issuer' | 'audience'>,
): Promise<Viewer> {
  return (await verifyAccessTokenClaims(token, keys, settings)).viewer;
}

async function verifyAccessTokenClaims(
  token: string,
  keys: JWTVerifyGetKey | CryptoKey,
  settings: Pick<AccessTokenSettings, 'issuer' | 'audience'>,
) {
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
export function accessTokenVerifier(
  keys: JWTVerifyGetKey | CryptoKey,
  settings: Pick<AccessTokenSettings, 'issuer' | 'audience'>,
  maxEntries = 10_000,
) {
  return rememberedUntilExpiry(maxEntries, async (token: string) => {
    const { viewer, expiresAtMs } = await verifyAccessTokenClaims(token, keys, settings);
    return { value: viewer, expiresAtMs };
  });
}

/** The identity provider's keys as configured: the one to sign with, and earlier public keys still published. */
export interface SigningKeyConfig {
  /** PKCS#8 PEM of the Ed25519 signing key (AUTH_SIGNING_KEY); generated in development when absent. */
  signingKeyPem: string | undefined;
  /** SPKI PEMs of earlier signing keys (AUTH_PREVIOUS_VERIFICATION_KEYS), published until their tokens expire. */
  previousVerificationKeyPems: string[];
}

const privateKeyPem = z
  .string()
  .transform((v) => v.replace(/\\n/g, '\n'))
  .refine((v) => v.includes('-----BEGIN PRIVATE KEY-----'), 'must be a PKCS#8 PEM private key (npm run keys prints one)');

/** AUTH_SIGNING_KEY and AUTH_PREVIOUS_VERIFICATION_KEYS: read by the identity provider, and by the platform that runs it. */
export function readSigningKeyConfig(source: Record<string, string | undefined>): SigningKeyConfig {
  const parsed = parseEnv(
    z.object({ AUTH_SIGNING_KEY: privateKeyPem.optional(), AUTH_PREVIOUS_VERIFICATION_KEYS: z.string().optional() }),
    source,
  );
  return {
    signingKeyPem: parsed.AUTH_SIGNING_KEY,
    previousVerificationKeyPems: (parsed.AUTH_PREVIOUS_VERIFICATION_KEYS ?? '')
      .replace(/\\n/g, '\n')
      .split(/(?=-----BEGIN PUBLIC KEY-----)/)
      .map((k) => k.trim().replace(/^,|,$/g, '').trim())
      .filter(Boolean),
  };
}

/** When a token says it expires (ms since the epoch); read without verifying, so only for a token already verified. */
export function tokenExpiresAtMs(token: string): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
