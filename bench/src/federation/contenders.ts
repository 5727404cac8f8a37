import type { ChildProcess } from 'node:child_process';
import { waitUntilReady } from '@supergraph/platform';
import { generateInternalSecret } from '@supergraph/service-kit';
import { FEDERATION_PORTS } from '../layout.ts';
import { start, type Children } from '../processes.ts';
import { spawnOurGateway, subgraphUrlEnv } from '../services.ts';

/** Read-merging: identical requests in flight share one execution. */
export type Merging = 'off' | 'on';

/** What every contender of the scenario is given: the same supergraph and subgraphs. */
export interface Stage {
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  nodeFlags: string[];
  children: Children;
}

interface Contender {
  name: string;
  /** The modes it has: stock Apollo has no read-merging. */
  modes: Merging[];
  /** Starts it listening on `port` with read-merging `merging`; resolves once it is ready. */
  start: (stage: Stage, merging: Merging, port: number, slot: number) => Promise<ChildProcess>;
}

const COMMON = { NODE_ENV: 'production', LOG_LEVEL: 'warn', APOLLO_TELEMETRY_DISABLED: '1' };

/** One of this folder's contender scripts, on the stage's supergraph; resolves once it prints {"ready": …}. */
const script = (stage: Stage, name: string, file: string, env: Record<string, string>) =>
  start(
    name,
    `bench/src/federation/${file}`,
    { ...COMMON, BENCH_SUPERGRAPH_PATH: stage.supergraphPath, ...env },
    (l) => l.includes('"ready"'),
    stage.nodeFlags,
  ).then((child) => stage.children.track(child));

const hive =
  (routerRuntime: boolean): Contender['start'] =>
  (stage, merging, port) =>
    script(stage, routerRuntime ? 'hive-router' : 'hive', 'hive-gateway.ts', {
      BENCH_PORT: String(port),
      BENCH_MERGING: String(merging === 'on'),
      BENCH_ROUTER_RUNTIME: String(routerRuntime),
    });

/** Our gateway as deployed, executing plans with `executor` (`GATEWAY_EXECUTOR`). */
const ours =
  (executor: 'native' | 'apollo'): Contender['start'] =>
  async ({ supergraphPath, subgraphUrls, nodeFlags, children }, merging, port, slot) => {
    const child = spawnOurGateway(
      {
        ...COMMON,
        ...subgraphUrlEnv(subgraphUrls),
        SUPERGRAPH_PATH: supergraphPath,
        GATEWAY_PORT: String(port),
        METRICS_PORT: String(FEDERATION_PORTS.operations + slot),
        // Required, and sent to the subgraphs, which ignore it; the JWKS is fetched only for a bearer token, and none is sent.
        INTERNAL_TOKEN_SECRET: generateInternalSecret(),
        AUTH_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
        DEDUPE_READS: String(merging === 'on'),
        GATEWAY_EXECUTOR: executor,
      },
      nodeFlags,
      children,
    );
    await waitUntilReady(`http://127.0.0.1:${port}/ready`);
    return child;
  };

/** The four contenders (and ours on the stock executor), in the order they take turns. */
export const CONTENDERS: Contender[] = [
  {
    name: 'apollo',
    modes: ['off'],
    start: (stage, _merging, port) => script(stage, 'apollo', 'apollo-gateway.ts', { BENCH_PORT: String(port) }),
  },
  { name: 'hive', modes: ['off', 'on'], start: hive(false) },
  { name: 'hive-router', modes: ['off', 'on'], start: hive(true) },
  { name: 'ours', modes: ['off', 'on'], start: ours('native') },
  // Our gateway with @apollo/gateway's executor: what our own executor buys, in the same run.
  { name: 'ours-apollo-executor', modes: ['off'], start: ours('apollo') },
];

/** One contender in one mode, running. */
export interface Running {
  /** `<contender> <mode>`, as the results name it. */
  name: string;
  contender: string;
  merging: Merging;
  url: string;
  child: ChildProcess;
  startedAt: number;
}

/** Every contender in every mode it has, each a process of its own on its own port, started one after another. */
export async function startContenders(stage: Stage): Promise<Running[]> {
  const running: Running[] = [];
  for (const contender of CONTENDERS) {
    for (const merging of contender.modes) {
      const slot = running.length;
      const port = FEDERATION_PORTS.gateways + slot;
      const startedAt = Date.now();
      console.log(`Starting ${contender.name} (read-merging ${merging}) on port ${port}…`);
      const child = await contender.start(stage, merging, port, slot);
      // Warnings a child prints, and its CPU profile with --profile, are named by its process id.
      console.log(`  ready, process ${child.pid}`);
      const url = `http://127.0.0.1:${port}/graphql`;
      running.push({ name: `${contender.name} ${merging}`, contender: contender.name, merging, url, child, startedAt });
    }
  }
  return running;
}
