import { readSubgraphConfig, runStandaloneSubgraph } from '@supergraph/service-kit';
import { createServer, openAnalyticsDatabase } from './server.ts';

// Runs the analytics subgraph as its own process (the deployed shape).
await runStandaloneSubgraph({
  readConfig: (env) => readSubgraphConfig('analytics', env),
  openDatabase: openAnalyticsDatabase,
  createServer,
});
