import {
  env,
  parseEnv,
  readAll,
  readRedisConfig,
  readSigningKeyConfig,
  readSubgraphConfig,
  z,
  type RedisConfig,
  type SigningKeyConfig,
  type SubgraphConfig,
} from '@supergraph/service-kit';
import { OWASP_LOG_N } from './auth/password.ts';
import type { ThrottleLimits } from './auth/throttle.ts';

export interface CustomersConfig extends SubgraphConfig {
  auth: SigningKeyConfig & {
    refreshTtlSeconds: number;
    issuer: string;
    audience: string;
    ttlSeconds: number;
    /** scrypt cost as log2(N). Production never goes below OWASP's 17. */
    passwordLogN: number;
    /** Refresh tokens expired or revoked more than this many days ago are removed (retention). */
    refreshTokenRetentionDays: number;
  };
  throttle: ThrottleLimits;
  /** Where the throttles count when replicas must share them (REDIS_URL); null: in this process's memory. */
  redis: RedisConfig | null;
  /**
   * The slug of the platform operator's own store: its admins may create stores (their tokens carry
   * `platform:stores`). Null: nobody creates stores through the API.
   */
  platformOperatorStore: string | null;
}

export const PORT = 4001;

export function readCustomersConfig(source: Record<string, string | undefined>): CustomersConfig {
  const base = readSubgraphConfig('customers', PORT, source);
  const [keys, redis, auth] = readAll(
    () => readSigningKeyConfig(source),
    () => readRedisConfig(source),
    () =>
      parseEnv(
        z.object({
          AUTH_ISSUER: z.string().default('supergraph'),
          AUTH_AUDIENCE: z.string().default('supergraph'),
          ACCESS_TOKEN_TTL_SECONDS: env.seconds(900),
          REFRESH_TOKEN_TTL_SECONDS: env.seconds(30 * 24 * 3600),
          REFRESH_TOKEN_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(30),
          PASSWORD_SCRYPT_LOG_N: z.coerce
            .number()
            .int()
            .min(base.development ? 10 : OWASP_LOG_N, {
              message: `must be at least ${OWASP_LOG_N} in production (OWASP)`,
            })
            .max(20)
            .default(OWASP_LOG_N),
          LOGIN_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
          LOGIN_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
          REGISTRATIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(10),
          PLATFORM_OPERATOR_STORE: z
            .string()
            .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a store slug, like napoli')
            .optional(),
        }),
        source,
      ),
  );
  return {
    ...base,
    auth: {
      ...keys,
      issuer: auth.AUTH_ISSUER,
      audience: auth.AUTH_AUDIENCE,
      ttlSeconds: auth.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlSeconds: auth.REFRESH_TOKEN_TTL_SECONDS,
      passwordLogN: auth.PASSWORD_SCRYPT_LOG_N,
      refreshTokenRetentionDays: auth.REFRESH_TOKEN_RETENTION_DAYS,
    },
    throttle: {
      loginPerAccount: auth.LOGIN_ATTEMPTS_PER_ACCOUNT,
      loginPerAddress: auth.LOGIN_ATTEMPTS_PER_ADDRESS,
      registerPerAddress: auth.REGISTRATIONS_PER_ADDRESS,
    },
    redis,
    platformOperatorStore: auth.PLATFORM_OPERATOR_STORE ?? null,
  };
}
