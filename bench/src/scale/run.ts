import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { type DemoLogin, demoToken } from '@supergraph/platform';
import { createIsolatedDatabase } from '@supergraph/tests/harness';
import { PORTS, ROOT, SUBGRAPH_URLS } from '../layout.ts';
import type { Options } from '../options.ts';
import { Children, exited } from '../processes.ts';
import { measure } from '../measure.ts';
import { overRounds } from '../report.ts';
import { measureRounds } from '../rounds.ts';
import { createShared, ourGatewayReady, spawnOurGateway, startSubgraphs, subgraphUrlEnv } from '../services.ts';
import { type PhaseResult, writeScaleResults } from './report.ts';
import { loadScaleWorkloads, SCALE_QUERIES, type ScaleCallers } from './workload.ts';

const STAFF: DemoLogin = { role: 'STAFF', storeSlug: 'napoli', email: 'staff@napoli.example' };
const CUSTOMER: DemoLogin = { role: 'CUSTOMER', storeSlug: 'napoli', email: 'ada@napoli.example' };
const DAY = 86_400_000;
const WARM_UP_SECONDS = 10;

/** One GraphQL request through our gateway, failing with its errors. */
async function ask<T>(gateway: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data || body.errors) throw new Error(`${query.slice(0, 60)}… answered ${JSON.stringify(body.errors)}`);
  return body.data;
}

/**
 * One half of the run: fresh tokens (an access token lasts 15 minutes), the store's size, each
 * query once for its answer, then each alone on one connection (its latency) and the staff mix
 * on `options.connections`.
 */
async function measurePhase(phase: 'demo' | 'scale', options: Options, subgraphsPid: number, gatewayPid: number): Promise<PhaseResult> {
  const gateway = `http://127.0.0.1:${PORTS.ours}/graphql`;
  const staffToken = (await demoToken(gateway, STAFF)).token;
  const customerToken = (await demoToken(gateway, CUSTOMER)).token;
  const size = await ask<{
    customers: { totalCount: number; edges: { cursor: string }[] };
    me: { store: { analytics: { orderCount: number } } };
  }>(gateway, staffToken, '{ customers(first: 16) { totalCount edges { cursor } } me { store { analytics { orderCount } } } }');
  const callers: ScaleCallers = {
    customerToken,
    staffToken,
    cursors: [null, ...size.customers.edges.map((e) => e.cursor)],
    since: new Date(Date.now() - 30 * DAY).toISOString(),
  };
  const { queries, mix } = loadScaleWorkloads(join(ROOT, 'bench/workloads/scale'), callers);
  for (const q of queries) {
    const call = q.sequence[0]!.next({})!;
    const { query, variables } = JSON.parse(call.body) as { query: string; variables: Record<string, unknown> };
    await ask(gateway, call.token!, query, variables);
  }
  const dataset = { customers: size.customers.totalCount, orders: size.me.store.analytics.orderCount };
  console.log(
    `\n${phase === 'demo' ? 'The demo data' : 'The seeded store'}: napoli has ${dataset.customers.toLocaleString('en-US')} customers and ${dataset.orders.toLocaleString('en-US')} orders.`,
  );
  const target = { url: `http://127.0.0.1:${PORTS.ours}`, pid: gatewayPid };
  const entrants = [{ name: phase, target }];
  // The mix for a while first: every query's code compiled and plans cached, the database's pages
  // for these questions in memory (after a seed, as after any bulk load, they are not yet).
  console.log(`Warming up with the staff mix (${WARM_UP_SECONDS} s)…`);
  await measure(target, subgraphsPid, mix, false, WARM_UP_SECONDS, options.connections);
  const result: PhaseResult = { dataset, queries: {}, mix: undefined! };
  for (const q of queries) {
    const samples = await measureRounds(q, entrants, subgraphsPid, { ...options, connections: 1 });
    result.queries[q.name] = overRounds(samples[phase]!);
  }
  result.mix = overRounds((await measureRounds(mix, entrants, subgraphsPid, options))[phase]!);
  return result;
}

/** `npm run seed:scale` into the benchmark's database, its progress printed as it goes. */
async function seed(databaseUrl: string, customers: number, orders: number): Promise<number> {
  console.log(
    `\nSeeding napoli with ${customers.toLocaleString('en-US')} customers and ${orders.toLocaleString('en-US')} orders (npm run seed:scale)…`,
  );
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'platform/src/seed-scale.ts'),
      '--store',
      'napoli',
      '--customers',
      String(customers),
      '--orders',
      String(orders),
    ],
    { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`npm run seed:scale failed (exit code ${code}); its output is above.`);
  return (Date.now() - started) / 1000;
}

/**
 * `npm run bench -- --scale`: the platform (`npm start`, demo data) on a fresh PostgreSQL
 * database, our gateway in front of it with read merging off (every request executed); the
 * dashboards measured on the demo data, then napoli seeded (`npm run seed:scale`, while the
 * platform runs, as an operator would) and measured again. The database is dropped afterwards.
 */
export async function runScale(options: Options) {
  const { customers, orders } = options.scale!;
  const shared = await createShared();
  const children = new Children();
  process.once('exit', () => children.stopAll());
  const isolated = await createIsolatedDatabase(process.env.DATABASE_URL!, 'supergraph_bench_scale');
  try {
    const subgraphs = await startSubgraphs(shared, isolated.url, [], children);
    const ours = spawnOurGateway(
      {
        ...shared.common,
        ...subgraphUrlEnv(SUBGRAPH_URLS),
        GATEWAY_PORT: String(PORTS.ours),
        METRICS_PORT: String(PORTS.oursMetrics),
        DEDUPE_READS: 'false',
      },
      [],
      children,
    );
    await ourGatewayReady();
    const demo = await measurePhase('demo', options, subgraphs.pid!, ours.pid!);
    const seedSeconds = await seed(isolated.url, customers, orders);
    const scale = await measurePhase('scale', options, subgraphs.pid!, ours.pid!);
    writeScaleResults(options, { demo, scale, seedSeconds, queries: SCALE_QUERIES.map((q) => ({ name: q.name, label: q.label })) });
    const failed = [...Object.entries({ ...demo.queries, mix: demo.mix }), ...Object.entries({ ...scale.queries, mix: scale.mix })].filter(
      ([, s]) => s.errors > 0,
    );
    if (failed.length > 0)
      throw new Error(`some requests answered with errors: ${failed.map(([name, s]) => `${name} (${s.errors})`).join(', ')}`);
  } finally {
    children.stopAll();
    await Promise.all(children.all.map(exited));
    await isolated.drop();
  }
}
