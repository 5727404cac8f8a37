import { fileURLToPath } from 'node:url';
import { REGISTRY } from '@supergraph/platform';

/** The repository's root: every script the benchmark starts and every file it writes is under it. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const PORTS = { platformGateway: 4180, ours: 4100, hive: 4200, direct: 4300, subgraphsMetrics: 4185, oursMetrics: 4186 };
/** Each subgraph of the registry 100 ports above its default (4001 → 4101), clear of a running `npm start`. */
export const SUBGRAPH_PORTS = Object.fromEntries(REGISTRY.map(({ definition }) => [definition.name, definition.port + 100]));
export const SUBGRAPH_URLS = Object.fromEntries(Object.entries(SUBGRAPH_PORTS).map(([n, port]) => [n, `http://127.0.0.1:${port}/graphql`]));

/**
 * The federation scenario (`--scenario federation`): its four subgraphs, then one port per
 * contender and mode from `gateways` on (see federation/contenders.ts), and our gateway's
 * operations listeners from `operations` on. Clear of the platform scenario's ports.
 */
export const FEDERATION_PORTS = {
  subgraphs: { accounts: 4401, inventory: 4402, products: 4403, reviews: 4404 },
  gateways: 4410,
  operations: 4430,
} as const;
