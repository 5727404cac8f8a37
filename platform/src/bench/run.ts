import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { generateAccessTokenKeys, generateInternalSecret } from '@supergraph/service-kit';
import { demoToken, firstMenuItem } from '../banner.ts';
import { waitUntilReady } from '../separate.ts';
import { capturePlans } from './capture.ts';

const HELP = `Benchmarks our gateway against Hive Gateway and the direct baseline, on the demo data.

Usage: npm run bench -- [--quick] [--db postgres] [--rounds N] [--seconds N] [--connections N]

  --quick          one short round of each read workload (under a minute), for a sanity check
  --db postgres    run the subgraphs on DATABASE_URL instead of the embedded database
Results go to bench/results/latest.md and latest.json.`;

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PORTS = { customers: 4101, orders: 4102, payments: 4103, analytics: 4104, platformGateway: 4180, ours: 4100, hive: 4200, direct: 4300 };
const SUBGRAPH_URLS = Object.fromEntries(['customers', 'orders', 'payments', 'analytics'].map((n) => [n, `http://127.0.0.1:${PORTS[n as 'orders']}/graphql`]));
const workloadFile = (name: string) => readFileSync(join(ROOT, 'bench/workloads', name), 'utf8');

type Contender = 'ours' | 'hive' | 'direct';
interface Sample {
  rps: number;
  p50: number;
  p97_5: number;
  p99: number;
  errors: number;
  requests: number;
  peakRssMb: number;
  sqlPerRequest: Record<string, number>;
  fetchesPerRequest: number;
}

function start(name: string, file: string, env: Record<string, string>, ready: (line: string) => boolean): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, file)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.split('\n').some(ready)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready`)));
  });
}

const rssMb = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024;
};

/** SQL statements and GraphQL requests each subgraph has seen, from its /metrics. */
async function subgraphCounters() {
  const counters: Record<string, { sql: number; requests: number }> = {};
  for (const [name, url] of Object.entries(SUBGRAPH_URLS)) {
    const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
    const sum = (metric: string) =>
      text.split('\n').filter((l) => l.startsWith(`${metric}{`) || l.startsWith(`${metric} `)).reduce((n, l) => n + Number(l.split(' ').at(-1)), 0);
    counters[name] = { sql: sum('db_statements_total'), requests: sum('graphql_requests_total') };
  }
  return counters;
}

async function measure(url: string, pid: number, body: () => string, token: string, seconds: number, connections: number): Promise<Sample> {
  const before = await subgraphCounters();
  let errors = 0;
  let peakRssMb = rssMb(pid);
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb(pid))), 100);
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        setupRequest: (req) => ({ ...req, body: body() }),
        onResponse: (status, responseBody) => {
          if (status !== 200 || responseBody.includes('"errors"')) errors += 1;
        },
      },
    ],
  });
  clearInterval(sampler);
  const after = await subgraphCounters();
  const requests = result.requests.total;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    errors: errors + result.non2xx + result.errors,
    requests,
    peakRssMb: Math.round(peakRssMb),
    sqlPerRequest: Object.fromEntries(Object.keys(after).map((n) => [n, +((after[n]!.sql - before[n]!.sql) / Math.max(1, requests)).toFixed(2)])),
    fetchesPerRequest: +(Object.keys(after).reduce((sum, n) => sum + after[n]!.requests - before[n]!.requests, 0) / Math.max(1, requests)).toFixed(2),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, db: { type: 'string', default: 'embedded' }, rounds: { type: 'string' }, seconds: { type: 'string' }, connections: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) return console.log(HELP);
  const rounds = Number(values.rounds ?? (values.quick ? 1 : 3));
  const seconds = Number(values.seconds ?? (values.quick ? 3 : 10));
  const connections = Number(values.connections ?? (values.quick ? 8 : 32));
  if (values.db === 'postgres' && !process.env.DATABASE_URL) throw new Error('--db postgres needs DATABASE_URL.');

  const internalSecret = generateInternalSecret();
  const { privateKeyPem } = await generateAccessTokenKeys();
  const jwksUrl = `http://127.0.0.1:${PORTS.customers}/.well-known/jwks.json`;
  const common = { NODE_ENV: 'production', LOG_LEVEL: 'warn', INTERNAL_TOKEN_SECRET: internalSecret, AUTH_JWKS_URL: jwksUrl };
  const children: ChildProcess[] = [];
  const stopAll = () => children.forEach((c) => c.kill('SIGTERM'));
  process.once('exit', stopAll);

  try {
    console.log('Starting the subgraphs with demo data…');
    const platformEnv = {
      ...common,
      AUTH_SIGNING_KEY: privateKeyPem,
      GATEWAY_PORT: String(PORTS.platformGateway),
      CUSTOMERS_PORT: String(PORTS.customers),
      ORDERS_PORT: String(PORTS.orders),
      PAYMENTS_PORT: String(PORTS.payments),
      ANALYTICS_PORT: String(PORTS.analytics),
      ...(values.db === 'postgres' ? {} : { DATABASE_URL: '' }),
    };
    children.push(await start('subgraphs', 'platform/src/start.ts', platformEnv, (l) => l.includes('Press Ctrl+C')));
    const subgraphUrlEnv = Object.fromEntries(Object.entries(SUBGRAPH_URLS).map(([n, u]) => [`${n.toUpperCase()}_URL`, u]));
    const ours = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'gateway/src/index.ts')], { env: { ...process.env, ...common, ...subgraphUrlEnv, GATEWAY_PORT: String(PORTS.ours) }, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(ours);
    children.push(await start('hive', 'platform/src/bench/hive-server.ts', { ...common, BENCH_SUBGRAPH_URLS: JSON.stringify(SUBGRAPH_URLS), BENCH_HIVE_PORT: String(PORTS.hive) }, (l) => l.includes('"ready"')));
    await waitUntilReady(`http://127.0.0.1:${PORTS.ours}/ready`);

    const gatewayUrl = `http://127.0.0.1:${PORTS.ours}/graphql`;
    const login = async (email: string) => (await demoToken(gatewayUrl, { role: 'CUSTOMER', storeSlug: 'napoli', email })).token;
    const tokens = { customer: await login('ada@napoli.example'), staff: await login('staff@napoli.example') };
    const menuItem = await firstMenuItem(gatewayUrl, 'napoli');
    if (!menuItem) throw new Error('The demo store has no menu.');

    const profile = workloadFile('1-customer-profile.graphql');
    const staffList = workloadFile('2-staff-customers.graphql');
    const placeOrder = `mutation { placeOrder(input: { items: [{ menuItemId: "${menuItem}", quantity: 1 }], deliveryAddress: { line1: "1 Bench St", city: "Napoli", postalCode: "80100", country: "IT" }, idempotencyKey: "KEY" }) { id totalCents } }`;
    const workloads = [
      { name: 'customer-profile', token: tokens.customer, body: () => JSON.stringify({ query: profile }), direct: true },
      { name: 'staff-customers', token: tokens.staff, body: () => JSON.stringify({ query: staffList }), direct: true },
      ...(values.quick ? [] : [{ name: 'place-order', token: tokens.customer, body: () => JSON.stringify({ query: placeOrder.replace('KEY', randomUUID()) }), direct: false }]),
    ];

    console.log('Capturing the query plans for the direct baseline…');
    const plans = await capturePlans({ subgraphUrls: SUBGRAPH_URLS, jwksUrl, internalSecret, workloads: workloads.filter((w) => w.direct).map((w) => ({ name: w.name, query: JSON.parse(w.body()).query as string, token: w.token })) });
    const plansFile = join(tmpdir(), `bench-plans-${process.pid}.json`);
    writeFileSync(plansFile, JSON.stringify(plans));
    const direct = await start('direct', 'platform/src/bench/direct-server.ts', { ...common, BENCH_PLANS_FILE: plansFile, BENCH_DIRECT_PORT: String(PORTS.direct) }, (l) => l.includes('"ready"'));
    children.push(direct);

    const targets: Record<Contender, { url: (w: string) => string; pid: number }> = {
      ours: { url: () => `http://127.0.0.1:${PORTS.ours}/graphql`, pid: ours.pid! },
      hive: { url: () => `http://127.0.0.1:${PORTS.hive}/graphql`, pid: children[2]!.pid! },
      direct: { url: (w) => `http://127.0.0.1:${PORTS.direct}/${w}`, pid: direct.pid! },
    };

    const samples: Record<string, Record<Contender, Sample[]>> = {};
    for (const workload of workloads) {
      samples[workload.name] = { ours: [], hive: [], direct: [] };
      const contenders: Contender[] = workload.direct ? ['ours', 'hive', 'direct'] : ['ours', 'hive'];
      // Warm up every contender (JIT, plan caches, connections) before measuring.
      for (const c of contenders) await measure(targets[c].url(workload.name), targets[c].pid, workload.body, workload.token, 1, connections);
      for (let round = 0; round < rounds; round += 1) {
        // Alternate A B C A B C …, so a noisy moment does not pick the winner.
        for (const c of contenders) {
          const sample = await measure(targets[c].url(workload.name), targets[c].pid, workload.body, workload.token, seconds, connections);
          samples[workload.name]![c].push(sample);
          console.log(`${workload.name.padEnd(17)} ${c.padEnd(6)} round ${round + 1}: ${sample.rps.toFixed(0)} req/s, p50 ${sample.p50} ms, p99 ${sample.p99} ms, errors ${sample.errors}`);
        }
      }
    }

    const summary = Object.fromEntries(
      Object.entries(samples).map(([workload, byContender]) => [
        workload,
        Object.fromEntries(
          Object.entries(byContender)
            .filter(([, list]) => list.length > 0)
            .map(([c, list]) => [c, { rps: Math.round(median(list.map((s) => s.rps))), p50: median(list.map((s) => s.p50)), p97_5: median(list.map((s) => s.p97_5)), p99: median(list.map((s) => s.p99)), errors: list.reduce((n, s) => n + s.errors, 0), peakRssMb: Math.max(...list.map((s) => s.peakRssMb)), sqlPerRequest: list.at(-1)!.sqlPerRequest, fetchesPerRequest: list.at(-1)!.fetchesPerRequest }]),
        ),
      ]),
    );
    const machine = { cores: availableParallelism(), cpu: cpus()[0]?.model, node: process.version, date: new Date().toISOString(), rounds, seconds, connections, database: values.db, dataset: '3 stores, 309 accounts, 3,030 orders' };
    const lines = [
      `# Benchmark results`,
      '',
      `${machine.date} · ${machine.cores} cores (${machine.cpu}) · Node ${machine.node} · ${machine.database} database · ${machine.dataset}`,
      `${rounds} round(s) of ${seconds} s per contender and workload, ${connections} connections, contenders alternating; medians.`,
      '',
      '| Workload | Contender | req/s | p50 ms | p97.5 ms | p99 ms | errors | peak RSS MB | subgraph fetches/req | SQL/req (customers, orders, payments, analytics) |',
      '|---|---|---|---|---|---|---|---|---|---|',
    ];
    for (const [workload, byContender] of Object.entries(summary)) {
      for (const [c, s] of Object.entries(byContender)) {
        lines.push(`| ${workload} | ${c} | ${s.rps} | ${s.p50} | ${s.p97_5} | ${s.p99} | ${s.errors} | ${s.peakRssMb} | ${s.fetchesPerRequest} | ${Object.values(s.sqlPerRequest).join(', ')} |`);
      }
      const ours = byContender.ours!;
      const hive = byContender.hive;
      const direct = byContender.direct;
      lines.push(`| ${workload} | **ratios** | ours/hive req/s **${hive ? (ours.rps / hive.rps).toFixed(2) : '–'}** | ours/direct p50 **${direct ? (ours.p50 / Math.max(0.01, direct.p50)).toFixed(2) : '–'}** | | ours/hive p99 **${hive ? (ours.p99 / Math.max(0.01, hive.p99)).toFixed(2) : '–'}** | | | | |`);
    }
    lines.push('', 'autocannon reports p97.5 rather than p95. Subgraph fetches and SQL per request are counted at the subgraphs (their /metrics), so a gateway that merges identical requests in flight shows fewer than one per client request.');
    lines.push('', 'Peak RSS is the gateway process alone (for direct: the replay process). The direct baseline replays the subgraph requests of our query plan, level by level, with no parsing, planning or merging: the floor any gateway could reach. Writes have no direct baseline (a replayed mutation is not the same request).');
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/latest.json'), `${JSON.stringify({ machine, summary, samples }, null, 2)}\n`);
    writeFileSync(join(ROOT, 'bench/results/latest.md'), `${lines.join('\n')}\n`);
    console.log(`\n${lines.join('\n')}\n\nWritten to bench/results/latest.md and latest.json.`);
  } finally {
    stopAll();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`The benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
