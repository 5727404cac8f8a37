import { env, parseEnv, readSubgraphConfig, z, type SubgraphConfig } from '@supergraph/service-kit';
import { OWASP_LOG_N } from './auth/password.ts';
import type { ThrottleLimits } from './auth/throttle.ts';

export interface CustomersConfig extends SubgraphConfig {
  auth: {
    /** PKCS#8 PEM of the Ed25519 key access tokens are signed with; generated in development when absent. */
    signingKeyPem: string | undefined;
    /** Public keys (SPKI PEM) of earlier signing keys, still published so their tokens verify until they expire. */
    previousVerificationKeyPems: string[];
    refreshTtlSeconds: number;
    issuer: string;
    audience: string;
    ttlSeconds: number;
    /** scrypt cost as log2(N). Production never goes below OWASP's 17. */
    passwordLogN: number;
  };
  throttle: ThrottleLimits;
}

const pem = z
  .string()
  .transform((v) => v.replace(/\\n/g, '\n'))
  .refine((v) => v.includes('-----BEGIN PRIVATE KEY-----'), 'must be a PKCS#8 PEM private key (npm run keys prints one)');

export function readCustomersConfig(source: Record<string, string | undefined>): CustomersConfig {
  const base = readSubgraphConfig('customers', source);
  const auth = parseEnv(
    z.object({
      AUTH_SIGNING_KEY: pem.optional(),
      AUTH_ISSUER: z.string().default('supergraph'),
      AUTH_AUDIENCE: z.string().default('supergraph'),
      AUTH_PREVIOUS_VERIFICATION_KEYS: z.string().optional(),
      ACCESS_TOKEN_TTL_SECONDS: env.seconds(900),
      REFRESH_TOKEN_TTL_SECONDS: env.seconds(30 * 24 * 3600),
      PASSWORD_SCRYPT_LOG_N: z.coerce.number().int().min(base.development ? 10 : OWASP_LOG_N, {
        message: `must be at least ${OWASP_LOG_N} in production (OWASP)`,
      }).max(20).default(OWASP_LOG_N),
      LOGIN_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
      LOGIN_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
      REGISTRATIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(10),
    }),
    source,
  );
  return {
    ...base,
    auth: {
      signingKeyPem: auth.AUTH_SIGNING_KEY,
      issuer: auth.AUTH_ISSUER,
      audience: auth.AUTH_AUDIENCE,
      previousVerificationKeyPems: (auth.AUTH_PREVIOUS_VERIFICATION_KEYS ?? '')
        .replace(/\\n/g, '\n')
        .split(/(?=-----BEGIN PUBLIC KEY-----)/)
        .map((k) => k.trim().replace(/^,|,$/g, '').trim())
        .filter(Boolean),
      ttlSeconds: auth.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlSeconds: auth.REFRESH_TOKEN_TTL_SECONDS,
      passwordLogN: auth.PASSWORD_SCRYPT_LOG_N,
    },
    throttle: {
      loginPerAccount: auth.LOGIN_ATTEMPTS_PER_ACCOUNT,
      loginPerAddress: auth.LOGIN_ATTEMPTS_PER_ADDRESS,
      registerPerAddress: auth.REGISTRATIONS_PER_ADDRESS,
    },
  };
}
