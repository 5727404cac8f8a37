import { runStandaloneSubgraph } from '@supergraph/service-kit';
import { readPaymentsConfig } from './config.ts';
import { createServer, openPaymentsDatabase } from './server.ts';

// Runs the payments subgraph as its own process (the deployed shape).
await runStandaloneSubgraph({
  readConfig: readPaymentsConfig,
  openDatabase: openPaymentsDatabase,
  createServer,
});
