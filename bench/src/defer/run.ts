import { controllableProxy, incremental, type Part } from '@supergraph/tests/harness';
import { benchCallers, type BenchCustomer } from '../callers.ts';
import { PORTS, SUBGRAPH_URLS } from '../layout.ts';
import type { Options } from '../options.ts';
import { Children, exited, start } from '../processes.ts';
import { hostOf, save } from '../report.ts';
import { createShared, ourGatewayReady, spawnOurGateway, startSubgraphs, subgraphUrlEnv } from '../services.ts';
import { percentile } from '../statistics.ts';

/** The README's profile query, with the analytics part (`metrics`) deferred; and the same without `@defer`. */
const FIELDS =
  'firstName lastName email orders(first: 10) { edges { node { orderNumber status totalCents currency payments { status } } } }';
export const DEFERRED_PROFILE = `query Profile { me { ${FIELDS} ... @defer(label: "metrics") { metrics { totalOrders totalSpentCents } } } }`;
export const PROFILE = `query Profile { me { ${FIELDS} metrics { totalOrders totalSpentCents } } }`;

const CONTENDERS = ['ours', 'hive'] as const;
type Contender = (typeof CONTENDERS)[number];

interface Timings {
  requests: number;
  failures: number;
  /** The first failure, in words. */
  example?: string;
  /** From sending the request to its first part (ms). */
  first: number[];
  /** From sending it to its last part (ms). */
  full: number[];
  seconds: number;
}

interface Row {
  contender: Contender;
  query: 'deferred' | 'whole';
  rps: number;
  failures: number;
  example?: string;
  first: { p50: number; p95: number; p99: number };
  full: { p50: number; p95: number; p99: number };
}

/**
 * Closed loop: `connections` clients, each sending the next request as soon as the last was
 * answered, for `seconds`; each answer must be right (two parts, metrics in the second, no errors).
 */
async function load(url: string, query: string, customers: BenchCustomer[], connections: number, seconds: number): Promise<Timings> {
  const timings: Timings = { requests: 0, failures: 0, first: [], full: [], seconds };
  const deferred = query.includes('@defer');
  const until = Date.now() + seconds * 1000;
  let next = 0;
  const client = async () => {
    while (Date.now() < until) {
      const customer = customers[next++ % customers.length]!;
      const sent = performance.now();
      let first = 0;
      try {
        const answer = await incremental(
          url,
          { query },
          {
            token: customer.token,
            onPart: (_part: Part, index: number) => {
              if (index === 0) first = performance.now() - sent;
            },
            ...(deferred ? {} : { accept: 'application/json' }),
          },
        );
        const full = performance.now() - sent;
        const problem =
          answer.status !== 200
            ? `HTTP ${answer.status}`
            : answer.merged.errors.length > 0
              ? answer.merged.errors[0]!.message
              : deferred && answer.parts.length < 2
                ? 'answered in one part'
                : typeof (answer.merged.data as { me?: { metrics?: { totalOrders?: unknown } } } | null)?.me?.metrics?.totalOrders !==
                    'number'
                  ? 'no metrics'
                  : undefined;
        timings.requests += 1;
        if (problem) {
          timings.failures += 1;
          timings.example ??= problem;
          continue;
        }
        timings.first.push(first);
        timings.full.push(full);
      } catch (error) {
        timings.requests += 1;
        timings.failures += 1;
        timings.example ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  return timings;
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => Math.round(percentile(sorted, p));
  return { p50: at(50), p95: at(95), p99: at(99) };
};

/**
 * `--scenario defer`: the subgraphs on the demo data, analytics made `delayMs` slower by a proxy
 * in front of it (for both gateways: the benchmark's artificial delay, nothing in the platform),
 * our gateway and Hive Gateway (its `deferStream` on) over them; the profile query with its
 * analytics part deferred, and the same query without `@defer`, through each, rounds alternating.
 */
export async function runDefer(options: Options) {
  const shared = await createShared();
  const children = new Children();
  process.once('exit', () => children.stopAll());
  const delayed = await controllableProxy();
  const delayMs = options.analyticsDelayMs;
  try {
    await startSubgraphs(shared, '', [], children);
    delayed.setTarget(SUBGRAPH_URLS.analytics!);
    delayed.setDelay(delayMs);
    delayed.setMode('slow');
    const urls = { ...SUBGRAPH_URLS, analytics: delayed.url };
    spawnOurGateway(
      { ...shared.common, ...subgraphUrlEnv(urls), GATEWAY_PORT: String(PORTS.ours), METRICS_PORT: String(PORTS.oursMetrics) },
      [],
      children,
    );
    const hiveEnv = {
      ...shared.common,
      BENCH_SUBGRAPH_URLS: JSON.stringify(urls),
      BENCH_HIVE_PORT: String(PORTS.hive),
      BENCH_HIVE_DEFER: '1',
    };
    children.track(await start('hive', 'bench/src/hive-server.ts', hiveEnv, (l) => l.includes('"ready"')));
    await ourGatewayReady();
    const gateways: Record<Contender, string> = {
      ours: `http://127.0.0.1:${PORTS.ours}/graphql`,
      hive: `http://127.0.0.1:${PORTS.hive}/graphql`,
    };
    const { customers } = await benchCallers({
      gatewayUrl: gateways.ours,
      privateKeyPem: shared.privateKeyPem,
      customers: options.callerCount,
      staffVariants: 3,
    });

    console.log(`Warming up both gateways (analytics ${delayMs} ms slower)…`);
    for (const contender of CONTENDERS) {
      for (const query of [DEFERRED_PROFILE, PROFILE]) await load(gateways[contender], query, customers, options.connections, 2);
    }
    const samples = new Map<string, Timings[]>();
    for (let round = 1; round <= options.rounds; round++) {
      // Alternating who goes first, so that neither always meets the machine in the same state.
      const order = round % 2 === 1 ? CONTENDERS : [...CONTENDERS].reverse();
      for (const contender of order) {
        for (const [name, query] of [
          ['deferred', DEFERRED_PROFILE],
          ['whole', PROFILE],
        ] as const) {
          console.log(
            `Round ${round}/${options.rounds}: ${contender}, the profile ${name === 'deferred' ? 'with metrics deferred' : 'without @defer'}…`,
          );
          const timings = await load(gateways[contender], query, customers, options.connections, options.seconds);
          const key = `${contender}/${name}`;
          samples.set(key, [...(samples.get(key) ?? []), timings]);
        }
      }
    }
    const rows: Row[] = [...samples.entries()].map(([key, list]) => {
      const [contender, query] = key.split('/') as [Contender, Row['query']];
      const requests = list.reduce((n, t) => n + t.requests, 0);
      const seconds = list.reduce((n, t) => n + t.seconds, 0);
      return {
        contender,
        query,
        rps: Math.round(requests / seconds),
        failures: list.reduce((n, t) => n + t.failures, 0),
        example: list.find((t) => t.example)?.example,
        first: stats(list.flatMap((t) => t.first)),
        full: stats(list.flatMap((t) => t.full)),
      };
    });
    writeDeferResults(options, rows);
    const ours = rows.filter((r) => r.contender === 'ours' && r.failures > 0);
    if (ours.length > 0)
      throw new Error(`our gateway answered ${ours.map((r) => `${r.failures} ${r.query} requests wrongly (${r.example})`).join(', ')}`);
  } finally {
    children.stopAll();
    await Promise.all(children.all.map(exited));
    await delayed.close();
  }
}

function writeDeferResults(options: Options, rows: Row[]) {
  const machine = { ...hostOf(), scenario: 'defer', rounds: options.rounds, seconds: options.seconds, connections: options.connections };
  const cell = (r: Row) => [
    r.contender === 'ours' ? 'ours' : 'Hive Gateway',
    r.query === 'deferred' ? 'metrics deferred' : 'without @defer',
    r.rps,
    r.query === 'deferred' ? `**${r.first.p50}** / ${r.first.p95} / ${r.first.p99}` : '(one part)',
    `**${r.full.p50}** / ${r.full.p95} / ${r.full.p99}`,
    r.failures === 0 ? 0 : `${r.failures} (${r.example})`,
  ];
  const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  const lines = [
    '# @defer scenario: the profile page with its slowest domain deferred',
    '',
    `${machine.date} · ${machine.cores} cores (${machine.cpu}) · Node ${machine.node} · embedded database · demo data · analytics ${options.analyticsDelayMs} ms slower (a proxy in front of it, for both gateways)`,
    '',
    "The README's profile query (the customer, their last 10 orders with payments, and their analytics `metrics`) with `... @defer { metrics { … } }`, and the same query without `@defer`, through each gateway; " +
      `${options.connections} clients in a closed loop, ${options.seconds} s per query and gateway per round, ${options.rounds} rounds, the gateways alternating which goes first; ${options.callerCount} different customers in turn. ` +
      'Deferred requests ask for parts as Apollo Client does (`Accept: multipart/mixed;deferSpec=20220824, application/json`); the others for JSON. Every answer is checked: no errors, the metrics there, and for deferred requests at least two parts.',
    '',
    row(['Gateway', 'query', 'req/s', 'first part p50 / p95 / p99 ms', 'full answer p50 / p95 / p99 ms', 'failures']),
    row(['---', '---', '---', '---', '---', '---']),
    ...rows.map((r) => row(cell(r))),
    '',
    "- **First part**: from sending the request to reading the first part's closing boundary (the client can render it then): the customer and the orders, from customers, orders and payments. **Full answer**: to the end of the last part, for which the analytics fetch (held back by the delay) has to answer.",
    '- Hive Gateway serves `@defer` with `deferStream: true` in its runtime options (`bench/src/hive-server.ts`), in the multipart format of graphql-js 17 (its incremental entries carry the same `data` and `path`).',
    '- Both gateways run on the same cores as the subgraphs, the database and this benchmark, one at a time.',
  ];
  save(options.quick ? 'defer-quick' : 'defer', { machine, analyticsDelayMs: options.analyticsDelayMs, rows }, lines);
}
