import { readSubgraphConfig, type SubgraphConfig } from '@supergraph/service-kit';

/** The analytics subgraph's settings: only those every subgraph has. */
export type AnalyticsConfig = SubgraphConfig;

export const PORT = 4004;

export const readAnalyticsConfig = (source: Record<string, string | undefined>): AnalyticsConfig =>
  readSubgraphConfig('analytics', PORT, source);
