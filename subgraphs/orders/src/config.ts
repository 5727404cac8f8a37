import { readSubgraphConfig, type SubgraphConfig } from '@supergraph/service-kit';

/** The orders subgraph's settings: only those every subgraph has. */
export type OrdersConfig = SubgraphConfig;

export const PORT = 4002;

export const readOrdersConfig = (source: Record<string, string | undefined>): OrdersConfig => readSubgraphConfig('orders', PORT, source);
