import { env, parseEnv, readSubgraphConfig, z, type SubgraphConfig } from '@supergraph/service-kit';
import { OWASP_LOG_N } from './auth/password.ts';

export interface CustomersConfig extends SubgraphConfig {
  auth: {
    /** PKCS#8 PEM of the Ed25519 key access tokens are signed with; generated in development when absent. */
    signingKeyPem: string | undefined;
    issuer: string;
    audience: string;
    ttlSeconds: number;
    /** scrypt cost as log2(N). Production never goes below OWASP's 17. */
    passwordLogN: number;
  };
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
      ACCESS_TOKEN_TTL_SECONDS: env.seconds(3600),
      PASSWORD_SCRYPT_LOG_N: z.coerce.number().int().min(base.development ? 10 : OWASP_LOG_N, {
        message: `must be at least ${OWASP_LOG_N} in production (OWASP)`,
      }).max(20).default(OWASP_LOG_N),
    }),
    source,
  );
  return {
    ...base,
    auth: {
      signingKeyPem: auth.AUTH_SIGNING_KEY,
      issuer: auth.AUTH_ISSUER,
      audience: auth.AUTH_AUDIENCE,
      ttlSeconds: auth.ACCESS_TOKEN_TTL_SECONDS,
      passwordLogN: auth.PASSWORD_SCRYPT_LOG_N,
    },
  };
}
