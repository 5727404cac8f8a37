import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DatasetSize } from '@supergraph/platform';
import { createIsolatedDatabase, metric } from '@supergraph/tests/harness';
import { benchCallers, benchDrivers } from '../callers.ts';
import { PORTS, SUBGRAPH_URLS } from '../layout.ts';
import type { Options } from '../options.ts';
import { Children, cpuMs, exited, memoryAfterGc, type MemoryReading, rssMb, start } from '../processes.ts';
import { printProfiles, profileFlags, type Profiled } from '../profiling.ts';
import { createShared, ourGatewayReady, type Shared, startOurGateway, startSubgraphs } from '../services.ts';
import { awaitDeliveries, checkDeliveries, type Deliveries, problemsOf } from './deliveries.ts';
import { writeSubscriptionResults } from './report.ts';
import { closeSubscribers, openSubscribers, type Subscriber } from './subscribers.ts';
import {
  committedChanges,
  type GraphqlClient,
  graphqlClient,
  LIFECYCLE,
  movingOrders,
  placeOrders,
  type StreamOrder,
  type StreamResult,
  streamUpdates,
} from './updates.ts';

/** Subscriptions opened and closed on each gateway before its memory is first read, so its plans are cached and its code compiled. */
const WARM_UP = 10;
/** How long after the last change every subscriber has to receive what it is owed. */
const GRACE_MS = 15_000;
const SUBGRAPHS_METRICS = { operationsUrl: `http://127.0.0.1:${PORTS.subgraphsMetrics}` };

/** One gateway under test: how to start it, and how many of its subscriptions are following the event log. */
interface LiveContender {
  name: 'ours' | 'hive';
  url: string;
  start(shared: Shared, nodeFlags: string[], children: Children): Promise<ChildProcess>;
  /** Subscriptions streaming to clients that the orders subgraph confirmed follow its event log. */
  following(): Promise<number>;
}

/** Subscriptions the orders subgraph is serving to a gateway (counted once each is following its event log). */
const ordersServing = () => metric(SUBGRAPHS_METRICS, 'graphql_subscriptions_active', 'orders');

const CONTENDERS: LiveContender[] = [
  {
    name: 'ours',
    url: `http://127.0.0.1:${PORTS.ours}/graphql`,
    start: async (shared, nodeFlags, children) => {
      const child = startOurGateway(shared, nodeFlags, children);
      await ourGatewayReady();
      return child;
    },
    // The gateway's own gauge: subscriptions whose subgraph confirmed it follows the event log.
    following: () => metric({ operationsUrl: `http://127.0.0.1:${PORTS.oursMetrics}` }, 'subscriptions_following'),
  },
  {
    name: 'hive',
    url: `http://127.0.0.1:${PORTS.hive}/graphql`,
    start: async (shared, nodeFlags, children) => {
      const env = { ...shared.common, BENCH_SUBGRAPH_URLS: JSON.stringify(SUBGRAPH_URLS), BENCH_PORT: String(PORTS.hive) };
      const ready = (l: string) => l.includes('"ready"');
      return children.track(await start('hive', 'bench/src/subscriptions/hive-gateway.ts', env, ready, nodeFlags, true));
    },
    // Hive has no such gauge; the orders subgraph counts a subscription once it follows the log.
    following: ordersServing,
  },
];

/** What one gateway did with the scenario's subscribers. */
export interface ContenderResult {
  name: LiveContender['name'];
  /** Which turn of the run this was (1 is the first). */
  turn?: number;
  /** Why it could not be measured, when it could not. */
  refused?: string;
  openSeconds?: number;
  /** Settled, just after full collections: before the subscribers subscribed, and with all of them following. */
  memory?: { idle: MemoryReading; subscribed: MemoryReading };
  stream?: StreamResult;
  deliveries?: Deliveries;
  /** CPU time over the stream (from the first change to the last delivery) per change, in ms. */
  gatewayCpuMsPerChange?: number;
  subgraphsCpuMsPerChange?: number;
  peakRssMb?: number;
  problems?: string[];
}

/** Polls `read` until it gives `n` (or, with `atMost`, at most `n`); throws after `timeoutMs`. */
async function until(read: () => Promise<number>, n: number, what: string, timeoutMs: number, atMost = false) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await read();
    if (atMost ? now <= n : now >= n) return;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${n} ${what}, there are ${now}`);
    await sleep(50);
  }
}

/** Resolves once the process has had a quiet second (at most one clock tick of CPU), 20 s at most. */
async function quiet(pid: number) {
  const deadline = Date.now() + 20_000;
  for (let last = cpuMs(pid); Date.now() < deadline; ) {
    await sleep(1000);
    const now = cpuMs(pid);
    if (now - last <= 10) return;
    last = now;
  }
}

/**
 * The process's memory once it has settled: a full collection a second, until RSS moves by less
 * than 2 MB from one to the next (V8 hands freed pages back over several seconds), 15 at most.
 */
async function settledMemory(child: ChildProcess): Promise<MemoryReading> {
  let last = await memoryAfterGc(child);
  for (let i = 0; i < 15; i += 1) {
    const now = await memoryAfterGc(child);
    if (Math.abs(now.rssMb - last.rssMb) < 2) return now;
    last = now;
  }
  return last;
}

interface Cast {
  customers: { token: string; storeId: string; menuItemId: string; address: Record<string, string> }[];
  staff: Map<string, string>;
  drivers: Map<string, string>;
  /** The platform's own gateway (in the subgraphs' process), for what is not measured: placing the orders, reading them back. */
  platform: GraphqlClient;
}

/** The customers' orders with the tokens of those who move them. */
const streamOrders = (cast: Cast, customers: Cast['customers'], orderIds: string[]): StreamOrder[] =>
  customers.map((c, i) => ({
    orderId: orderIds[i]!,
    customerToken: c.token,
    staffToken: cast.staff.get(c.storeId)!,
    driverToken: cast.drivers.get(c.storeId)!,
  }));

/** Runs the scenario on one gateway: orders, warm-up, subscribers, memory, the stream, the check. */
async function measureContender(
  contender: LiveContender,
  cast: Cast,
  options: Options,
  shared: Shared,
  nodeFlags: string[],
  children: Children,
  subgraphsPid: number,
  profiled: Profiled[],
): Promise<ContenderResult> {
  const log = (text: string) => console.log(`${contender.name}: ${text}`);
  const startedAt = Date.now();
  const gateway = await contender.start(shared, nodeFlags, children);
  if (options.profile) profiled.push({ name: contender.name === 'ours' ? 'Our gateway' : 'Hive Gateway', child: gateway, startedAt });
  const client = graphqlClient(contender.url);
  const wsUrl = contender.url.replace(/^http/, 'ws');
  let subscribers: Subscriber[] = [];
  try {
    log(`placing ${cast.customers.length} orders, one per subscriber…`);
    const orderIds = await placeOrders(cast.platform, cast.customers);
    const orders = streamOrders(cast, cast.customers, orderIds);

    // Warm-up: the store's staff follow a few of the orders, then stop.
    const warm = await openSubscribers(
      wsUrl,
      orders.slice(0, WARM_UP).map((o) => ({ orderId: o.orderId, token: o.staffToken })),
    );
    await until(contender.following, Math.min(WARM_UP, orders.length), 'warm-up subscriptions following', 30_000);
    await closeSubscribers(warm);
    await until(ordersServing, 0, 'warm-up subscriptions left at the orders subgraph', 30_000, true);
    await quiet(gateway.pid!);

    const idle = await settledMemory(gateway);
    log(`RSS ${idle.rssMb} MB idle (after full collections); opening ${orders.length} subscribers, one connection each…`);
    const openedAt = Date.now();
    subscribers = await openSubscribers(
      wsUrl,
      orders.map((o) => ({ orderId: o.orderId, token: o.customerToken })),
    );
    await until(contender.following, orders.length, 'subscriptions following the event log', 120_000);
    await until(ordersServing, orders.length, 'subscriptions at the orders subgraph', 30_000);
    const openSeconds = (Date.now() - openedAt) / 1000;
    const early = subscribers.filter((s) => s.received.length > 0 || s.failure || s.completed);
    // Counted by the check as unexpected events (nothing has changed yet).
    if (early.length > 0) log(`${early.length} subscribers received something before any change was made`);
    await quiet(gateway.pid!);
    const subscribed = await settledMemory(gateway);
    log(`all ${orders.length} following after ${openSeconds} s; RSS ${subscribed.rssMb} MB (after full collections)`);

    const moving = orders.slice(0, movingOrders(options));
    log(`${moving.length * LIFECYCLE.length} changes at ${options.rate}/s, ${moving.length} orders through their whole life…`);
    const cpuBefore = { gateway: cpuMs(gateway.pid!), subgraphs: cpuMs(subgraphsPid) };
    let peakRssMb = rssMb(gateway.pid!);
    const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb(gateway.pid!))), 250);
    const stream = await streamUpdates(client, moving, options.rate);
    await awaitDeliveries(subscribers, await committedChanges(cast.platform, orders), GRACE_MS);
    clearInterval(sampler);
    const cpu = { gateway: cpuMs(gateway.pid!) - cpuBefore.gateway, subgraphs: cpuMs(subgraphsPid) - cpuBefore.subgraphs };
    // Read again: a mutation the gateway gave up on may have been committed meanwhile.
    const deliveries = checkDeliveries(subscribers, await committedChanges(cast.platform, orders));
    const problems = problemsOf(deliveries, stream.failures.length);
    const perChange = (ms: number) => +(ms / Math.max(1, deliveries.expected)).toFixed(2);
    log(
      `latency p50 ${deliveries.latencyMs.p50} ms, p99 ${deliveries.latencyMs.p99} ms; ${deliveries.delivered}/${deliveries.expected} delivered, ` +
        `${deliveries.lost} lost, ${deliveries.duplicated} duplicated${problems.length ? `; PROBLEMS: ${problems.join(', ')}` : ''}`,
    );
    log(
      `latency by status (p50/p99 ms): ${Object.entries(deliveries.latencyByStatus)
        .map(([k, v]) => `${k} ${v.p50}/${v.p99}`)
        .join(', ')}; gateway CPU ${perChange(cpu.gateway)} ms/change, subgraphs ${perChange(cpu.subgraphs)}`,
    );
    for (const example of [...deliveries.examples, ...stream.failures.slice(0, 5)]) log(`  ${example}`);
    return {
      name: contender.name,
      openSeconds,
      memory: { idle, subscribed },
      stream,
      deliveries,
      gatewayCpuMsPerChange: perChange(cpu.gateway),
      subgraphsCpuMsPerChange: perChange(cpu.subgraphs),
      peakRssMb: Math.round(peakRssMb),
      problems,
    };
  } finally {
    await closeSubscribers(subscribers);
    await client.close();
    gateway.kill('SIGTERM');
    await exited(gateway);
  }
}

/**
 * `--scenario subscriptions`: the platform on demo data with a customer for every subscriber;
 * then, one gateway at a time (ours, then Hive Gateway), every customer places an order and
 * follows it over a graphql-ws connection of its own while a steady stream of changes moves every
 * order through its life. Fails (after writing the results) unless our gateway delivered every
 * committed change to its subscriber exactly once, complete and in order.
 */
export async function runSubscriptions(options: Options) {
  const shared = await createShared();
  const children = new Children();
  const nodeFlags = profileFlags(options.profile);
  const profiled: Profiled[] = [];
  let loadStartedAt = 0;
  process.once('exit', () => children.stopAll());
  let isolated: Awaited<ReturnType<typeof createIsolatedDatabase>> | undefined;
  let cast: Cast | undefined;
  try {
    if (options.db === 'postgres') isolated = await createIsolatedDatabase(process.env.DATABASE_URL!, 'supergraph_bench');
    // A customer of its own for every subscriber (the stores take them in turn); fewer orders each than `npm start`'s.
    const size: DatasetSize = { customersPerStore: Math.ceil(options.subscribers / 3), averageOrdersPerCustomer: 3 };
    const subgraphsStartedAt = Date.now();
    const subgraphs = await startSubgraphs(shared, isolated?.url ?? '', nodeFlags, children, size);
    if (options.profile) profiled.push({ name: 'The subgraphs (one process)', child: subgraphs, startedAt: subgraphsStartedAt });
    // Tokens are made through the platform's own gateway (the demo logins), not through the gateways under test.
    const platformGateway = `http://127.0.0.1:${PORTS.platformGateway}/graphql`;
    const callers = await benchCallers({
      gatewayUrl: platformGateway,
      privateKeyPem: shared.privateKeyPem,
      customers: options.subscribers,
      staffVariants: 3,
      size,
    });
    cast = {
      customers: callers.customers,
      staff: new Map(callers.staff.map((s) => [s.storeId, s.token])),
      drivers: await benchDrivers(platformGateway, size),
      platform: graphqlClient(platformGateway, 16),
    };

    // The write path warmed up before the first gateway's turn, so that it is not the only one to meet a cold platform.
    const warm = cast.customers.slice(0, Math.min(20, cast.customers.length));
    const warmIds = await placeOrders(cast.platform, warm);
    const warmOrders = streamOrders(cast, warm, warmIds);
    console.log(`Warming up the subgraphs: ${warmOrders.length} orders through their whole life at ${options.rate}/s…`);
    await streamUpdates(cast.platform, warmOrders, options.rate);

    // The first turn meets a platform that has just started, and measured worse for it whichever
    // gateway had it (in quick runs: p50 176 against 32 ms for ours first and second), so a full run
    // takes turns A B B A: each gateway has one early and one late turn.
    const [ours, hive] = CONTENDERS as [LiveContender, LiveContender];
    const turns = options.quick ? [ours, hive] : [ours, hive, hive, ours];
    loadStartedAt = Date.now();
    const results: ContenderResult[] = [];
    for (const [i, contender] of turns.entries()) {
      const turn = i + 1;
      try {
        const result = await measureContender(contender, cast, options, shared, nodeFlags, children, subgraphs.pid!, profiled);
        results.push({ ...result, turn });
      } catch (error) {
        // Ours must work; Hive Gateway's failure is a result, reported as such.
        if (contender.name === 'ours') throw error;
        const refused = error instanceof Error ? error.message : String(error);
        console.log(`${contender.name}: not measured: ${refused}`);
        results.push({ name: contender.name, turn, refused });
      }
    }
    writeSubscriptionResults(options, size, results);
    const failed = results.filter((r) => r.name === 'ours' && r.problems?.length);
    if (failed.length > 0)
      throw new Error(`our gateway did not deliver every change exactly once: ${failed.flatMap((r) => r.problems!).join(', ')}`);
  } finally {
    await cast?.platform.close();
    children.stopAll();
    await Promise.all(children.all.map(exited));
    await isolated?.drop();
    if (options.profile && loadStartedAt > 0) printProfiles(profiled, loadStartedAt);
  }
}
