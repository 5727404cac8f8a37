import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateAccessTokenKeys, generateInternalSecret, JWKS_PATH } from '@supergraph/service-kit';
import { IDENTITY_PROVIDER, waitUntilReady, type DatasetSize } from '@supergraph/platform';
import { capturePlans } from './capture.ts';
import { PORTS, ROOT, SUBGRAPH_PORTS, SUBGRAPH_URLS } from './layout.ts';
import type { Contender, Target } from './measure.ts';
import { exited, MEMORY_PROBE_FLAGS, start, type Children } from './processes.ts';
import type { Workload } from './workloads.ts';

/** What every process of a run shares: the internal token secret, the access-token signing key, and the environment built from them. */
export interface Shared {
  internalSecret: string;
  privateKeyPem: string;
  jwksUrl: string;
  common: Record<string, string>;
}

export async function createShared(): Promise<Shared> {
  const internalSecret = generateInternalSecret();
  const { privateKeyPem } = await generateAccessTokenKeys();
  const jwksUrl = SUBGRAPH_URLS[IDENTITY_PROVIDER]!.replace(/\/graphql$/, JWKS_PATH);
  const common = { NODE_ENV: 'production', LOG_LEVEL: 'warn', INTERNAL_TOKEN_SECRET: internalSecret, AUTH_JWKS_URL: jwksUrl };
  return { internalSecret, privateKeyPem, jwksUrl, common };
}

/** The processes under test, and when each was started (a CPU profile's start-up is left out of its summary). */
export interface Services {
  subgraphs: ChildProcess;
  ours: ChildProcess;
  hive: ChildProcess;
  startedAt: { subgraphs: number; ours: number; hive: number };
}

/**
 * The subgraphs with the demo data, then our gateway and Hive Gateway on them. Our gateway is not
 * waited for here: it gets ready while Hive starts (ourGatewayReady waits for it).
 */
export async function startServices(shared: Shared, databaseUrl: string, nodeFlags: string[], children: Children): Promise<Services> {
  const subgraphsStartedAt = Date.now();
  const subgraphs = await startSubgraphs(shared, databaseUrl, nodeFlags, children);
  const oursStartedAt = Date.now();
  const ours = startOurGateway(shared, nodeFlags, children);
  const hiveStartedAt = Date.now();
  const hiveEnv = { ...shared.common, BENCH_SUBGRAPH_URLS: JSON.stringify(SUBGRAPH_URLS), BENCH_HIVE_PORT: String(PORTS.hive) };
  const hive = children.track(await start('hive', 'bench/src/hive-server.ts', hiveEnv, (l) => l.includes('"ready"'), nodeFlags));
  return { subgraphs, ours, hive, startedAt: { subgraphs: subgraphsStartedAt, ours: oursStartedAt, hive: hiveStartedAt } };
}

/**
 * The subgraphs' process, ready: `npm start` with the demo data, or, with `demoSize`, the same
 * platform on demo data of that size (bench/src/platform-process.ts).
 */
export async function startSubgraphs(
  shared: Shared,
  databaseUrl: string,
  nodeFlags: string[],
  children: Children,
  demoSize?: DatasetSize,
): Promise<ChildProcess> {
  console.log(`Starting the subgraphs with demo data${demoSize ? ` (${demoSize.customersPerStore} customers per store)` : ''}…`);
  const platformEnv = {
    ...shared.common,
    AUTH_SIGNING_KEY: shared.privateKeyPem,
    GATEWAY_PORT: String(PORTS.platformGateway),
    ...Object.fromEntries(Object.entries(SUBGRAPH_PORTS).map(([name, port]) => [`${name.toUpperCase()}_PORT`, String(port)])),
    METRICS_PORT: String(PORTS.subgraphsMetrics),
    DATABASE_URL: databaseUrl,
  };
  const child = demoSize
    ? await start(
        'subgraphs',
        'bench/src/platform-process.ts',
        { ...platformEnv, BENCH_DEMO_SIZE: JSON.stringify(demoSize) },
        (l) => l.includes('"ready"'),
        nodeFlags,
      )
    : await start('subgraphs', 'platform/src/start.ts', platformEnv, (l) => l.includes('Press Ctrl+C'), nodeFlags);
  return children.track(child);
}

/** Our gateway's settings for subgraphs at these URLs: `<NAME>_URL` for each. */
export const subgraphUrlEnv = (urls: Record<string, string>) =>
  Object.fromEntries(Object.entries(urls).map(([n, u]) => [`${n.toUpperCase()}_URL`, u]));

/**
 * Our gateway (gateway/src/index.ts, as deployed) with these settings, not waited for (it prints
 * nothing; ask its /ready over HTTP), with an IPC channel for the memory probe.
 */
export function spawnOurGateway(env: Record<string, string>, nodeFlags: string[], children: Children): ChildProcess {
  // The memory probe lets the soak read our gateway's memory just after a full garbage collection.
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', ...MEMORY_PROBE_FLAGS, join(ROOT, 'gateway/src/index.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return children.track(child);
}

/** Our gateway on the platform scenario's ports, over the subgraphs of startSubgraphs; not waited for (ourGatewayReady). */
export function startOurGateway(shared: Shared, nodeFlags: string[], children: Children): ChildProcess {
  const env = {
    ...shared.common,
    ...subgraphUrlEnv(SUBGRAPH_URLS),
    GATEWAY_PORT: String(PORTS.ours),
    METRICS_PORT: String(PORTS.oursMetrics),
  };
  return spawnOurGateway(env, nodeFlags, children);
}

export const ourGatewayReady = () => waitUntilReady(`http://127.0.0.1:${PORTS.ours}/ready`);

/** A fresh gateway in place of `ours`, ready, and never profiled. */
export async function restartOurGateway(ours: ChildProcess, shared: Shared, children: Children): Promise<ChildProcess> {
  ours.kill('SIGTERM');
  await exited(ours);
  const fresh = startOurGateway(shared, [], children);
  await ourGatewayReady();
  return fresh;
}

/** Where each contender listens; the direct baseline's process is known once it is started. */
export function targetsOf(services: Services): Record<Contender, Target> {
  return {
    ours: { url: `http://127.0.0.1:${PORTS.ours}`, pid: services.ours.pid! },
    hive: { url: `http://127.0.0.1:${PORTS.hive}`, pid: services.hive.pid! },
    direct: { url: `http://127.0.0.1:${PORTS.direct}`, pid: 0 },
  };
}

/** The direct baseline: every read request run once through our gateway with its subgraph fetches recorded, then a server that replays them. */
export async function startDirect(shared: Shared, workloads: Workload[], children: Children): Promise<ChildProcess> {
  console.log('Capturing the query plans of every read request for the direct baseline…');
  const requests = workloads.flatMap((w) => w.reads ?? []).map((r) => ({ key: r.key, body: r.call.body, token: r.call.token }));
  const plans = await capturePlans({
    subgraphUrls: SUBGRAPH_URLS,
    jwksUrl: shared.jwksUrl,
    internalSecret: shared.internalSecret,
    requests,
  });
  const plansFile = join(tmpdir(), `bench-plans-${process.pid}.json`);
  writeFileSync(plansFile, JSON.stringify(plans));
  const directEnv = { ...shared.common, BENCH_PLANS_FILE: plansFile, BENCH_DIRECT_PORT: String(PORTS.direct) };
  return children.track(await start('direct', 'bench/src/direct-server.ts', directEnv, (l) => l.includes('"ready"')));
}
