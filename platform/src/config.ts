import {
  env,
  parseEnv,
  readAll,
  readSigningKeyConfig,
  readTracingConfig,
  z,
  type SigningKeyConfig,
  type TracingConfig,
} from '@supergraph/service-kit';
import { readGatewayConfig, type GatewayConfig } from '@supergraph/gateway';
import { SUBGRAPH_NAMES, SUBGRAPHS } from './subgraphs.ts';

type Entry = (typeof SUBGRAPHS)[number];

/** Every subgraph's settings, by name, each of its own type (customers' has its sign-in settings). */
export type SubgraphConfigs = { [E in Entry as E['definition']['name']]: ReturnType<E['definition']['readConfig']> };

export interface PlatformConfig {
  gateway: GatewayConfig;
  subgraphs: SubgraphConfigs;
  /** The deployment's access-token keys, which the platform holds for the identity provider it runs. */
  signingKeys: SigningKeyConfig;
  /** Where the embedded database keeps its files; in memory when absent. */
  dataDir: string | undefined;
  demoData: boolean;
  /** Development only: the banner's demo token lives this long instead of an access token's 15 minutes. */
  demoTokenTtlSeconds: number | undefined;
  /** One process, one tracer: named `supergraph` unless OTEL_SERVICE_NAME says otherwise. */
  tracing: TracingConfig;
}

/** Reads every service's config from one environment and reports every problem at once. */
export function readPlatformConfig(source: Record<string, string | undefined>): PlatformConfig {
  const [platform, signingKeys, gateway, ...subgraphs] = readAll(
    () =>
      parseEnv(
        z
          .object({
            NODE_ENV: env.nodeEnv(),
            DATA_DIR: z.string().optional(),
            DEMO_DATA: env.bool(true),
            DEMO_TOKEN_TTL_SECONDS: z.coerce
              .number()
              .int()
              .min(60)
              .max(30 * 24 * 3600, { message: 'must be at most 30 days (2592000)' })
              .optional(),
          })
          .refine((v) => v.NODE_ENV !== 'production' || v.DEMO_TOKEN_TTL_SECONDS === undefined, {
            message: 'is for development only: a long-lived token has no place in production',
            path: ['DEMO_TOKEN_TTL_SECONDS'],
          }),
        source,
      ),
    () => readSigningKeyConfig(source),
    () => readGatewayConfig(source, SUBGRAPH_NAMES),
    ...SUBGRAPHS.map(
      ({ definition }) =>
        () =>
          definition.readConfig(source),
    ),
  );
  return {
    gateway,
    subgraphs: Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, subgraphs[i]])) as SubgraphConfigs,
    signingKeys,
    dataDir: platform.DATA_DIR,
    demoData: platform.DEMO_DATA,
    demoTokenTtlSeconds: platform.DEMO_TOKEN_TTL_SECONDS,
    tracing: readTracingConfig(source, 'supergraph'),
  };
}
