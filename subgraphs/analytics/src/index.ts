import { runStandaloneSubgraph } from '@supergraph/service-kit';
import { analytics } from './server.ts';

// Runs the analytics subgraph as its own process (the deployed shape).
await runStandaloneSubgraph(analytics);
