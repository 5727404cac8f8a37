import { serveSubgraphs } from './subgraph-server.ts';

// The federation scenario's four subgraphs in a process of their own, one port each (BENCH_SUBGRAPH_PORTS, by name).
const running = await serveSubgraphs(JSON.parse(process.env.BENCH_SUBGRAPH_PORTS!));
console.log(JSON.stringify({ ready: running.urls }));
process.once('SIGTERM', () => void running.close().then(() => process.exit(0)));
