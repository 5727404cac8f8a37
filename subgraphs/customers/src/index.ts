import { runStandaloneSubgraph } from '@supergraph/service-kit';
import { customers } from './server.ts';

// Runs the customers subgraph as its own process (the deployed shape).
await runStandaloneSubgraph(customers);
