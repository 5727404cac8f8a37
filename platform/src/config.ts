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
  /** One process, one tracer: named `supergraph` unless OTEL_SERVICE_NAME says otherwise. */
  tracing: TracingConfig;
}

/** Reads every service's config from one environment and reports every problem at once. */
export function readPlatformConfig(source: Record<string, string | undefined>): PlatformConfig {
  const [platform, signingKeys, gateway, ...subgraphs] = readAll(
    () => parseEnv(z.object({ DATA_DIR: z.string().optional(), DEMO_DATA: env.bool(true) }), source),
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
    tracing: readTracingConfig(source, 'supergraph'),
  };
}
