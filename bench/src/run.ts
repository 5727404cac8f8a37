import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateAccessTokenKeys, generateInternalSecret, JWKS_PATH } from '@supergraph/service-kit';
import { IDENTITY_PROVIDER, waitUntilReady } from '@supergraph/platform';
import { createIsolatedDatabase } from '@supergraph/tests/harness';
import { benchCallers } from './callers.ts';
import { capturePlans } from './capture.ts';
import { formatSummary, readProfile, summarizeProfile } from './profile-summary.ts';
import { PORTS, ROOT, SUBGRAPH_PORTS, SUBGRAPH_URLS } from './layout.ts';
import { measure, type Contender, type Sample, type Target } from './measure.ts';
import { HELP, readOptions } from './options.ts';
import { exited, rssMb, start } from './processes.ts';
import { measureWorkloads } from './rounds.ts';
import { soak, soakLines, type SoakResult } from './soak.ts';
import { median } from './statistics.ts';
import { loadWorkloads, type Workload } from './workloads.ts';

const DATASET = '3 stores, 309 accounts, 3,030 orders';

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

    const machine = { cores: availableParallelism(), cpu: cpus()[0]?.model, node: process.version, date: new Date().toISOString(), rounds, seconds, connections, database: options.db, dataset: DATASET, callersPerReadWorkload: callerCount };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    if (options.soak) {
      const lines = [`# Memory soak`, '', `${machine.date} · ${machine.cores} cores (${machine.cpu}) · Node ${machine.node} · ${machine.database} database · ${DATASET}`, '', ...soakLines(soakResult!)];
      writeFileSync(join(ROOT, 'bench/results/soak.json'), `${JSON.stringify({ machine, soak: soakResult }, null, 2)}\n`);
      writeFileSync(join(ROOT, 'bench/results/soak.md'), `${lines.join('\n')}\n`);
      return console.log(`\n${lines.join('\n')}\n\nWritten to bench/results/soak.md and soak.json.`);
    }

    const summary = Object.fromEntries(
      Object.entries(samples).map(([workload, byContender]) => [
        workload,
        Object.fromEntries(
          Object.entries(byContender).map(([c, list]) => [
            c,
            {
              rps: Math.round(median(list.map((s) => s.rps))),
              p50: median(list.map((s) => s.p50)),
              p95: median(list.map((s) => s.p95)),
              p99: median(list.map((s) => s.p99)),
              errors: list.reduce((n, s) => n + s.errors, 0),
              gatewayCpuMs: median(list.map((s) => s.gatewayCpuMs)),
              subgraphsCpuMs: median(list.map((s) => s.subgraphsCpuMs)),
              peakRssMb: Math.max(...list.map((s) => s.peakRssMb)),
              sqlPerRequest: list.at(-1)!.sqlPerRequest,
              fetchesPerRequest: list.at(-1)!.fetchesPerRequest,
            },
          ]),
        ) as Partial<Record<Contender, Omit<Sample, 'requests'>>>,
      ]),
    );
    const lines = [
      `# Benchmark results`,
      '',
      `${machine.date} · ${machine.cores} cores (${machine.cpu}) · Node ${machine.node} · ${machine.database} database · ${DATASET}`,
      `${rounds} round(s) of ${seconds} s per contender and workload, ${connections} connections, contenders alternating; medians. ` +
        `Every request of a read workload is a different one (${callerCount} customers; staff of 3 stores starting at ${callerCount / 3} places each), so no gateway can answer two clients with one execution.`,
      '',
      '| Workload | Contender | req/s | p50 ms | p95 ms | p99 ms | errors | gateway CPU ms/req | subgraphs CPU ms/req | gateway peak RSS MB | subgraph fetches/req | SQL/req (customers, orders, payments, analytics) |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ];
    for (const [workload, byContender] of Object.entries(summary)) {
      for (const [c, s] of Object.entries(byContender)) {
        lines.push(`| ${workload} | ${c} | ${s.rps} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.errors} | ${s.gatewayCpuMs} | ${s.subgraphsCpuMs} | ${s.peakRssMb} | ${s.fetchesPerRequest} | ${Object.values(s.sqlPerRequest).join(', ')} |`);
      }
      const { ours, hive, direct } = byContender;
      const ratio = (a: number, b: number) => (a / Math.max(0.01, b)).toFixed(2);
      lines.push(`| ${workload} | **ratios** | ours/hive req/s **${ratio(ours!.rps, hive!.rps)}** | ours/direct p50 **${direct ? ratio(ours!.p50, direct.p50) : '–'}** | | ours/hive p99 **${ratio(ours!.p99, hive!.p99)}** | | ours/hive CPU **${ratio(ours!.gatewayCpuMs, hive!.gatewayCpuMs)}** | | | | |`);
    }
    lines.push(
      '',
      'Latency percentiles are taken from every response\'s time (autocannon\'s own summary has no p95). CPU per request is the process\'s user + system time over the run divided by the requests answered (10 ms clock ticks). Subgraph fetches and SQL per request are counted at the subgraphs (their /metrics).',
      '',
      'The direct baseline replays the subgraph requests of our query plan for each read request, level by level, with no parsing, planning or merging: the floor any gateway could reach (its CPU and RSS are the replay process\'s). Writes have no direct baseline (a replayed mutation is not the same request).',
    );
    if (soakResult) lines.push('', ...soakLines(soakResult));
    // A quick run is a sanity check, not a result: it does not replace the checked-in full run.
    const base = options.quick ? 'quick' : options.db === 'postgres' ? 'latest-postgres' : 'latest';
    writeFileSync(join(ROOT, `bench/results/${base}.json`), `${JSON.stringify({ machine, summary, samples, soak: soakResult }, null, 2)}\n`);
    writeFileSync(join(ROOT, `bench/results/${base}.md`), `${lines.join('\n')}\n`);
    console.log(`\n${lines.join('\n')}\n\nWritten to bench/results/${base}.md and ${base}.json.`);
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
