import { readSubgraphConfig, runStandaloneSubgraph } from '@supergraph/service-kit';
import { createServer, openPaymentsDatabase } from './server.ts';

// Runs the payments subgraph as its own process (the deployed shape).
await runStandaloneSubgraph({
  readConfig: (env) => readSubgraphConfig('payments', env),
  openDatabase: openPaymentsDatabase,
  createServer,
});
