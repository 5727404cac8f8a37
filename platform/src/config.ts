import { ConfigError, env, parseEnv, readSubgraphConfig, readTracingConfig, z, type SubgraphConfig, type TracingConfig } from '@supergraph/service-kit';
import { readCustomersConfig, type CustomersConfig } from '@supergraph/customers';
import { readGatewayConfig, type GatewayConfig } from '@supergraph/gateway';
import { readPaymentsConfig, type PaymentsConfig } from '@supergraph/payments';

export interface PlatformConfig {
  gateway: GatewayConfig;
  customers: CustomersConfig;
  orders: SubgraphConfig;
  payments: PaymentsConfig;
  analytics: SubgraphConfig;
  /** Where the embedded database keeps its files; in memory when absent. */
  dataDir: string | undefined;
  demoData: boolean;
  /** One process, one tracer: named `supergraph` unless OTEL_SERVICE_NAME says otherwise. */
  tracing: TracingConfig;
}

/** Reads every service's config from one environment and reports every problem at once. */
export function readPlatformConfig(source: Record<string, string | undefined>): PlatformConfig {
  const problems = new Set<string>();
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      error.problems.forEach((p) => problems.add(p));
      return undefined;
    }
  };
  const platform = attempt(() =>
    parseEnv(z.object({ DATA_DIR: z.string().optional(), DEMO_DATA: env.bool(true) }), source),
  );
  const config = {
    gateway: attempt(() => readGatewayConfig(source)),
    customers: attempt(() => readCustomersConfig(source)),
    orders: attempt(() => readSubgraphConfig('orders', source)),
    payments: attempt(() => readPaymentsConfig(source)),
    analytics: attempt(() => readSubgraphConfig('analytics', source)),
  };
  if (problems.size > 0 || !platform) throw new ConfigError([...problems]);
  return {
    ...(config as Omit<PlatformConfig, 'dataDir' | 'demoData' | 'tracing'>),
    dataDir: platform.DATA_DIR,
    demoData: platform.DEMO_DATA,
    tracing: readTracingConfig(source, 'supergraph'),
  };
}
