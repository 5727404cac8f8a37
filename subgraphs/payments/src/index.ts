import { runStandaloneSubgraph } from '@supergraph/service-kit';
import { payments } from './server.ts';

// Runs the payments subgraph as its own process (the deployed shape).
await runStandaloneSubgraph(payments);
