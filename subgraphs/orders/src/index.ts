import { runStandaloneSubgraph } from '@supergraph/service-kit';
import { orders } from './server.ts';

// Runs the orders subgraph as its own process (the deployed shape).
await runStandaloneSubgraph(orders);
