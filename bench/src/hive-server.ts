import { readFileSync } from 'node:fs';
import { SUPERGRAPH_SDL } from '@supergraph/gateway';
import { startHiveGateway } from '@supergraph/tests/harness';

// The benchmark's peer in a process of its own: Hive Gateway over the same supergraph and subgraphs.
const env = process.env;
const hive = await startHiveGateway({
  supergraphSdl: readFileSync(SUPERGRAPH_SDL, 'utf8'),
  subgraphUrls: JSON.parse(env.BENCH_SUBGRAPH_URLS!) as Record<string, string>,
  jwksUrl: env.AUTH_JWKS_URL!,
  internalSecret: env.INTERNAL_TOKEN_SECRET!,
  issuer: 'supergraph',
  audience: 'supergraph',
  port: Number(env.BENCH_HIVE_PORT),
  // The defer scenario: Hive answers @defer in parts only with this on.
  deferStream: env.BENCH_HIVE_DEFER === '1',
});
console.log(JSON.stringify({ ready: hive.url }));
process.once('SIGTERM', () => void hive.close().then(() => process.exit(0)));
