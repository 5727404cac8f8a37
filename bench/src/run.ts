import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateAccessTokenKeys, generateInternalSecret, JWKS_PATH } from '@supergraph/service-kit';
import { IDENTITY_PROVIDER, waitUntilReady } from '@supergraph/platform';
import { createIsolatedDatabase } from '@supergraph/tests/harness';
import { benchCallers } from './callers.ts';
import { capturePlans } from './capture.ts';
import { formatSummary, readProfile, summarizeProfile } from './profile-summary.ts';
import { PORTS, ROOT, SUBGRAPH_PORTS, SUBGRAPH_URLS } from './layout.ts';
import type { Contender, Target } from './measure.ts';
import { HELP, readOptions } from './options.ts';
import { exited, rssMb, start } from './processes.ts';
import { measureWorkloads } from './rounds.ts';
import { machineOf, writeResults, writeSoakResults } from './report.ts';
import { soak, type SoakResult } from './soak.ts';
import { loadWorkloads, type Workload } from './workloads.ts';

const PROFILE_DIR = join(ROOT, 'bench/profiles');

async function main() {
  const options = readOptions();
  if (!options) return console.log(HELP);
  const { rounds, seconds, connections, soakSeconds, soakWarmUp, callerCount } = options;

  const internalSecret = generateInternalSecret();
  const { privateKeyPem } = await generateAccessTokenKeys();
  const jwksUrl = SUBGRAPH_URLS[IDENTITY_PROVIDER]!.replace(/\/graphql$/, JWKS_PATH);
  const common = { NODE_ENV: 'production', LOG_LEVEL: 'warn', INTERNAL_TOKEN_SECRET: internalSecret, AUTH_JWKS_URL: jwksUrl };
  const children: ChildProcess[] = [];
  const stopAll = () => children.forEach((c) => c.kill('SIGTERM'));
  const profileFlags = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const profiled: { name: string; child: ChildProcess; startedAt: number }[] = [];
  let loadStartedAt = 0;
  process.once('exit', stopAll);

  // Every run starts from the same demo data: on PostgreSQL a database of its own, since the write
  // workloads add orders and a second run on the same database would read more data than the first.
  let isolated: Awaited<ReturnType<typeof createIsolatedDatabase>> | undefined;
  try {
    if (options.db === 'postgres') isolated = await createIsolatedDatabase(process.env.DATABASE_URL!, 'supergraph_bench');
    console.log('Starting the subgraphs with demo data…');
    const platformEnv = {
      ...common,
      AUTH_SIGNING_KEY: privateKeyPem,
      GATEWAY_PORT: String(PORTS.platformGateway),
      ...Object.fromEntries(Object.entries(SUBGRAPH_PORTS).map(([name, port]) => [`${name.toUpperCase()}_PORT`, String(port)])),
      METRICS_PORT: String(PORTS.subgraphsMetrics),
      DATABASE_URL: isolated?.url ?? '',
    };
    const subgraphsStartedAt = Date.now();
    const subgraphs = await start('subgraphs', 'platform/src/start.ts', platformEnv, (l) => l.includes('Press Ctrl+C'), profileFlags);
    children.push(subgraphs);
    const subgraphUrlEnv = Object.fromEntries(Object.entries(SUBGRAPH_URLS).map(([n, u]) => [`${n.toUpperCase()}_URL`, u]));
    // The memory probe lets the soak read our gateway's memory just after a full garbage collection.
    const probe = ['--expose-gc', '--import', join(ROOT, 'bench/src/memory-probe.ts')];
    const startOurs = (flags: string[]) => {
      const child = spawn(process.execPath, [...flags, '--import', 'tsx', ...probe, join(ROOT, 'gateway/src/index.ts')], {
        env: { ...process.env, ...common, ...subgraphUrlEnv, GATEWAY_PORT: String(PORTS.ours), METRICS_PORT: String(PORTS.oursMetrics) },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      children.push(child);
      return child;
    };
    const oursStartedAt = Date.now();
    const ours = startOurs(profileFlags);
    const hiveStartedAt = Date.now();
    const hive = await start('hive', 'bench/src/hive-server.ts', { ...common, BENCH_SUBGRAPH_URLS: JSON.stringify(SUBGRAPH_URLS), BENCH_HIVE_PORT: String(PORTS.hive) }, (l) => l.includes('"ready"'), profileFlags);
    children.push(hive);
    if (options.profile) {
      profiled.push(
        { name: 'Our gateway', child: ours, startedAt: oursStartedAt },
        { name: 'Hive Gateway', child: hive, startedAt: hiveStartedAt },
        { name: options.db === 'postgres' ? 'The subgraphs (one process)' : 'The subgraphs (one process, with the embedded database)', child: subgraphs, startedAt: subgraphsStartedAt },
      );
    }
    await waitUntilReady(`http://127.0.0.1:${PORTS.ours}/ready`);

    const gatewayUrl = `http://127.0.0.1:${PORTS.ours}/graphql`;
    const callers = await benchCallers({ gatewayUrl, privateKeyPem, customers: callerCount, staffVariants: callerCount });
    const all = loadWorkloads(join(ROOT, 'bench/workloads'), callers);
    const mixed = all.find((w) => w.name === 'mixed')!;
    const workloads = options.soak ? [] : options.quick ? all.filter((w) => w.reads) : all;
    const targets: Record<Contender, Target> = {
      ours: { url: `http://127.0.0.1:${PORTS.ours}`, pid: ours.pid! },
      hive: { url: `http://127.0.0.1:${PORTS.hive}`, pid: hive.pid! },
      direct: { url: `http://127.0.0.1:${PORTS.direct}`, pid: 0 },
    };

    if (workloads.some((w) => w.reads)) {
      console.log('Capturing the query plans of every read request for the direct baseline…');
      const plans = await capturePlans({ subgraphUrls: SUBGRAPH_URLS, jwksUrl, internalSecret, requests: workloads.flatMap((w) => w.reads ?? []).map((r) => ({ key: r.key, body: r.call.body, token: r.call.token })) });
      const plansFile = join(tmpdir(), `bench-plans-${process.pid}.json`);
      writeFileSync(plansFile, JSON.stringify(plans));
      const direct = await start('direct', 'bench/src/direct-server.ts', { ...common, BENCH_PLANS_FILE: plansFile, BENCH_DIRECT_PORT: String(PORTS.direct) }, (l) => l.includes('"ready"'));
      children.push(direct);
      targets.direct.pid = direct.pid!;
    }

    loadStartedAt = Date.now();
    const samples = await measureWorkloads(workloads, targets, subgraphs.pid!, options);
    let soakResult: SoakResult | undefined;
    if (!options.quick) {
      // The soak gets a gateway of its own, so what it measures is workload 4 and not memory the
      // workloads before it used (which the system takes back over minutes).
      let soaked = ours;
      if (workloads.length > 0) {
        ours.kill('SIGTERM');
        await exited(ours);
        soaked = startOurs([]);
        await waitUntilReady(`http://127.0.0.1:${PORTS.ours}/ready`);
      }
      soakResult = await soak({ ...targets.ours, pid: soaked.pid! }, soaked, subgraphs.pid!, mixed, soakSeconds, soakWarmUp, connections);
    }

    const machine = machineOf(options);
    if (options.soak) return writeSoakResults(machine, soakResult!);
    writeResults(options, machine, samples, soakResult);
  } finally {
    stopAll();
    // A CPU profile is written when its process exits.
    await Promise.all(profiled.map(({ child }) => exited(child)));
    if (isolated) {
      // The services close their connections as they stop; the database goes after them.
      await Promise.all(children.map(exited));
      await isolated.drop();
    }
    if (options.profile && loadStartedAt > 0) {
      for (const { name, child, startedAt } of profiled) {
        const file = readdirSync(PROFILE_DIR).find((f) => f.endsWith('.cpuprofile') && f.split('.').includes(String(child.pid)));
        // Start-up (loading modules, building the schema) is left out: only the time under load counts.
        if (file) console.log(`\n${formatSummary(`${name}, ${file}`, summarizeProfile(readProfile(join(PROFILE_DIR, file)), loadStartedAt - startedAt))}`);
      }
      console.log(`\nCPU profiles of both gateways and the subgraphs are in ${PROFILE_DIR} (open them in Chrome DevTools or speedscope).`);
    }
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    console.error(`The benchmark failed: ${error instanceof Error ? error.message : String(error)}${cause}`);
    if (process.env.LOG_LEVEL === 'debug') console.error(error);
    process.exit(1);
  },
);
