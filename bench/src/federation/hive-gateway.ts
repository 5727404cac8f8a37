import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';

// Contenders "hive" and "hive-router": Hive Gateway over the scenario's supergraph, started as
// tests/src/harness/hive.ts starts it (the runtime on node:http, logging off), with the Rust query
// planner of @graphql-hive/router-runtime when BENCH_ROUTER_RUNTIME=true.
const env = process.env;
const merging = env.BENCH_MERGING === 'true';
const routerRuntime = env.BENCH_ROUTER_RUNTIME === 'true';
const runtime = createGatewayRuntime({
  supergraph: readFileSync(env.BENCH_SUPERGRAPH_PATH!, 'utf8'),
  logging: false,
  // Read-merging on: identical requests in flight share one execution (the public benchmark turns it on).
  inboundInflightRequestDeduplication: merging,
  // Hive also merges identical subgraph fetches in flight unless told not to: off is no merging at all.
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: merging } } },
  unifiedGraphHandler: routerRuntime ? (await import('@graphql-hive/router-runtime')).unifiedGraphHandler : undefined,
});
const server = createServer(runtime);
await new Promise<void>((resolve) => server.listen(Number(env.BENCH_PORT), '127.0.0.1', resolve));
console.log(JSON.stringify({ ready: `http://127.0.0.1:${env.BENCH_PORT}/graphql` }));
process.once('SIGTERM', async () => {
  await runtime.dispose();
  server.close(() => process.exit(0));
});
