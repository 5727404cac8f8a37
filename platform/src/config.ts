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
import { WEB_MANIFEST } from '@supergraph/web/paths';
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
  /** The reference web app (apps/web), served by `npm start` beside the gateway; off by default in production. */
  web: { enabled: boolean; host: string; port: number };
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
            WEB_APP: z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' }).optional(),
            WEB_HOST: z.string().min(1).default('127.0.0.1'),
            WEB_PORT: env.port(4173),
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
    () => readGatewayConfig(withWebApp(source), SUBGRAPH_NAMES),
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
    web: { enabled: webEnabled(source), host: platform.WEB_HOST, port: platform.WEB_PORT },
  };
}

const webEnabled = (source: Record<string, string | undefined>) =>
  source.WEB_APP === undefined ? source.NODE_ENV !== 'production' : ['true', '1', 'yes'].includes(source.WEB_APP);

/**
 * What serving the web app changes at the gateway. In development, with no manifest of its own
 * configured, the gateway takes the web app's: the app's operations are served by id, and anything
 * else (Sandbox) runs and is logged (audit). Production names its manifest itself, and the app's
 * origin is added to the origins CORS allows.
 */
function withWebApp(source: Record<string, string | undefined>): Record<string, string | undefined> {
  if (!webEnabled(source)) return source;
  if (source.NODE_ENV === 'production') {
    // Production allows only the origins it names: the app it serves itself is one of them.
    const origin = `http://${source.WEB_HOST ?? '127.0.0.1'}:${source.WEB_PORT ?? '4173'}`;
    return { ...source, CORS_ORIGINS: [source.CORS_ORIGINS, origin].filter(Boolean).join(',') };
  }
  if (source.PERSISTED_OPERATIONS_MANIFEST || source.PERSISTED_OPERATIONS === 'off') return source;
  return { ...source, PERSISTED_OPERATIONS_MANIFEST: WEB_MANIFEST };
}
