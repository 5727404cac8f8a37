import { readSubgraphConfig, runStandaloneSubgraph } from '@supergraph/service-kit';
import { createServer, openOrdersDatabase } from './server.ts';

// Runs the orders subgraph as its own process (the deployed shape).
await runStandaloneSubgraph({
  readConfig: (env) => readSubgraphConfig('orders', env),
  openDatabase: openOrdersDatabase,
  createServer,
});
