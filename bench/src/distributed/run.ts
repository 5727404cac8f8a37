import { join } from 'node:path';
import { type Cluster, startCluster } from '@supergraph/tests/cluster';
import { gqlAt } from '@supergraph/tests/harness';
import { benchCallers } from '../callers.ts';
import { ROOT } from '../layout.ts';
import { measure, type Sample } from '../measure.ts';
import type { Options } from '../options.ts';
import { hostOf, save } from '../report.ts';
import { percentile } from '../statistics.ts';
import { loadWorkloads } from '../workloads.ts';

/**
 * The distributed layout (a database per subgraph, every service its own process, limits in
 * Redis), measured twice, once per event transport, in one run:
 *
 * - events per second end to end: a burst of OrderPlaced events committed in one orders
 *   transaction, until the analytics consumer has applied the last of them;
 * - lag under a steady stream: orders placed through the gateways at a fixed rate, each from its
 *   commit in orders to the analytics transaction that applied it (both clocks are the database
 *   server's), p50 and p99;
 * - req/s of the mixed workload through one gateway, then through two gateway replicas at once
 *   (the same connections split between them), on the JetStream layout.
 */

const PLACE = 'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface TransportResult {
  transport: 'postgres' | 'nats';
  burst: { events: number; drainSeconds: number; eventsPerSecond: number };
  steady: { rate: number; orders: number; failures: number; lagMs: { p50: number; p99: number; max: number } };
}

interface ReplicaResult {
  gateways: 1 | 2;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function burst(cluster: Cluster, events: number): Promise<TransportResult['burst']> {
  const orders = cluster.databases.inspect('orders');
  const analytics = cluster.databases.inspect('analytics');
  try {
    const [{ before }] = (await analytics`select count(*)::int as before from analytics.order_facts`) as unknown as [{ before: number }];
    // As `events` placeOrder commits would leave them: a real OrderPlaced payload, a new order id each.
    const [{ committed }] = (await orders.begin(async (tx) => {
      await tx`
        insert into orders.outbox_events (id, type, version, aggregate_type, aggregate_id, sequence, occurred_at, payload)
        select gen_random_uuid(), 'OrderPlaced', t.version, 'Order', g.id::text, 1, now(),
               jsonb_set(jsonb_set(t.payload, '{orderId}', to_jsonb(g.id::text)), '{placedAt}', to_jsonb(to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
        from (select gen_random_uuid() as id from generate_series(1, ${events})) g,
             (select version, payload from orders.outbox_events where type = 'OrderPlaced' limit 1) t`;
      return tx`select clock_timestamp() as committed`;
    })) as unknown as [{ committed: Date }];
    const deadline = Date.now() + 600_000;
    for (;;) {
      const [{ n, last }] = (await analytics`select count(*)::int as n, max(updated_at) as last from analytics.order_facts`) as unknown as [
        { n: number; last: Date },
      ];
      if (n >= before + events) {
        const drainSeconds = (last.getTime() - committed.getTime()) / 1000;
        return { events, drainSeconds: +drainSeconds.toFixed(2), eventsPerSecond: Math.round(events / drainSeconds) };
      }
      if (Date.now() > deadline) throw new Error(`analytics applied ${n - before} of ${events} events in 10 minutes`);
      await sleep(100);
    }
  } finally {
    await Promise.all([orders.end(), analytics.end()]);
  }
}

/** Orders placed at `rate` per second for `seconds`, alternating gateways; each order's lag from orders' commit to analytics' apply. */
async function steady(cluster: Cluster, rate: number, seconds: number, tokens: string[], menuItemId: string) {
  const placed: string[] = [];
  let failures = 0;
  const sends: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < rate * seconds; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const url = cluster.gateways[i % cluster.gateways.length]!.url;
    sends.push(
      gqlAt(
        url,
        PLACE,
        {
          input: {
            items: [{ menuItemId, quantity: 1 }],
            deliveryAddress: { line1: '1 Bench Street', city: 'Napoli', postalCode: '80100', country: 'IT' },
            idempotencyKey: crypto.randomUUID(),
          },
        },
        tokens[i % tokens.length],
      ).then(
        (answer) => {
          if (answer.errors || !answer.data?.placeOrder) failures += 1;
          else placed.push(answer.data.placeOrder.id);
        },
        () => {
          failures += 1;
        },
      ),
    );
  }
  await Promise.all(sends);
  const orders = cluster.databases.inspect('orders');
  const analytics = cluster.databases.inspect('analytics');
  try {
    const committed = new Map(
      (
        (await orders`select id::text, created_at from orders.orders where id in ${orders(placed)}`) as unknown as {
          id: string;
          created_at: Date;
        }[]
      ).map((r) => [r.id, r.created_at.getTime()]),
    );
    let applied: { id: string; updated_at: Date }[] = [];
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      applied =
        (await analytics`select order_id::text as id, updated_at from analytics.order_facts where order_id in ${analytics(placed)}`) as unknown as {
          id: string;
          updated_at: Date;
        }[];
      if (applied.length === placed.length) break;
      await sleep(200);
    }
    if (applied.length < placed.length) throw new Error(`analytics applied ${applied.length} of ${placed.length} orders within 2 minutes`);
    const lags = applied.map((a) => a.updated_at.getTime() - committed.get(a.id)!).sort((a, b) => a - b);
    return {
      rate,
      orders: placed.length,
      failures,
      lagMs: { p50: percentile(lags, 50), p99: percentile(lags, 99), max: lags.at(-1) ?? 0 },
    };
  } finally {
    await Promise.all([orders.end(), analytics.end()]);
  }
}

async function customerTokens(cluster: Cluster, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const registered = await gqlAt(cluster.gateways[0]!.url, 'mutation ($input: RegisterInput!) { register(input: $input) { token } }', {
      input: {
        storeSlug: 'napoli',
        email: `bench-${i}-${crypto.randomUUID().slice(0, 8)}@example.com`,
        password: 'correct horse battery',
        firstName: 'Bench',
        lastName: `Caller ${i}`,
      },
    });
    if (registered.errors) throw new Error(`registering a bench customer failed: ${registered.errors[0]!.message}`);
    tokens.push(registered.data.register.token);
  }
  return tokens;
}

const CLUSTER_ENV = {
  LOG_LEVEL: 'error',
  REGISTRATIONS_PER_ADDRESS: '100000',
  LOGIN_ATTEMPTS_PER_ADDRESS: '100000',
};

/** Mixed workload req/s through one gateway, then two at once; rounds alternate. */
async function replicas(cluster: Cluster, options: Options): Promise<ReplicaResult[]> {
  const callers = await benchCallers({
    gatewayUrl: cluster.gateways[0]!.url,
    privateKeyPem: cluster.privateKeyPem,
    customers: options.callerCount,
    staffVariants: options.callerCount,
  });
  const mixed = loadWorkloads(join(ROOT, 'bench/workloads'), callers).find((w) => w.name === 'mixed')!;
  const origin = (i: number) => cluster.gateways[i]!.url.replace(/\/graphql$/, '');
  const subgraphsPid = cluster.replicas.orders[0]!.pid();
  const none = async () => ({});
  const runs: Record<1 | 2, Sample[][]> = { 1: [], 2: [] };
  for (let round = 0; round < options.rounds; round += 1) {
    for (const count of [1, 2] as const) {
      const share = Math.max(1, Math.floor(options.connections / count));
      runs[count].push(
        await Promise.all(
          Array.from({ length: count }, (_, i) =>
            measure({ url: origin(i), pid: cluster.gateways[i]!.pid() }, subgraphsPid, mixed, false, options.seconds, share, none),
          ),
        ),
      );
    }
  }
  return ([1, 2] as const).map((count) => {
    const rounds = runs[count];
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    return {
      gateways: count,
      rps: Math.round(median(rounds.map((r) => r.reduce((n, s) => n + s.rps, 0)))),
      p50: median(rounds.map((r) => Math.max(...r.map((s) => s.p50)))),
      p99: median(rounds.map((r) => Math.max(...r.map((s) => s.p99)))),
      errors: rounds.flat().reduce((n, s) => n + s.errors, 0),
    };
  });
}

export async function runDistributed(options: Options) {
  const burstEvents = options.quick ? 2000 : 20_000;
  const steadySeconds = options.quick ? 5 : 20;
  const transports: TransportResult[] = [];
  let replicaRows: ReplicaResult[] = [];
  for (const transport of ['postgres', 'nats'] as const) {
    console.log(`Starting the distributed layout with events on ${transport === 'nats' ? 'NATS JetStream' : 'the PostgreSQL log'}…`);
    const cluster = await startCluster({ gateways: 2, events: transport, env: CLUSTER_ENV });
    try {
      const menu = (await gqlAt(cluster.gateways[0]!.url, '{ store(slug: "napoli") { menu { id available } } }')).data.store.menu as {
        id: string;
        available: boolean;
      }[];
      const menuItemId = menu.find((m) => m.available)!.id;
      const tokens = await customerTokens(cluster, 8);
      console.log(`  a burst of ${burstEvents} events…`);
      const burstResult = await burst(cluster, burstEvents);
      console.log(`  ${options.rate} orders a second for ${steadySeconds} s…`);
      const steadyResult = await steady(cluster, options.rate, steadySeconds, tokens, menuItemId);
      transports.push({ transport, burst: burstResult, steady: steadyResult });
      if (transport === 'nats') {
        console.log('  the mixed workload through one gateway, then two…');
        replicaRows = await replicas(cluster, options);
      }
    } finally {
      await cluster.stop();
    }
  }
  const host = hostOf();
  const name = (t: TransportResult['transport']) => (t === 'nats' ? 'NATS JetStream' : 'PostgreSQL log');
  const lines = [
    '# Distributed layout',
    '',
    `${host.date} · ${host.cores} cores (${host.cpu}) · Node ${host.node} · a database per subgraph on one PostgreSQL server, every service its own process, limits in Redis`,
    '',
    '## Events, orders → analytics',
    '',
    `A burst: ${burstEvents} OrderPlaced events committed in one orders transaction, until analytics applied the last (includes the relay noticing them: up to one EVENTS_POLL_MS). Steady: ${options.rate} orders a second placed through two gateways for ${steadySeconds} s; lag from the order's commit in orders to the analytics transaction that applied it.`,
    '',
    '| transport | burst events/s | burst drained in | steady orders | lag p50 | lag p99 | lag max |',
    '|---|---|---|---|---|---|---|',
    ...transports.map(
      (t) =>
        `| ${name(t.transport)} | ${t.burst.eventsPerSecond} | ${t.burst.drainSeconds} s | ${t.steady.orders}${t.steady.failures ? ` (${t.steady.failures} failed)` : ''} | ${t.steady.lagMs.p50} ms | ${t.steady.lagMs.p99} ms | ${t.steady.lagMs.max} ms |`,
    ),
    '',
    '## Gateway replicas (mixed workload, JetStream layout)',
    '',
    `${options.connections} connections for ${options.seconds} s, ${options.rounds} rounds (medians); with two gateways the connections are split between them.`,
    '',
    '| gateways | req/s | p50 | p99 | errors |',
    '|---|---|---|---|---|',
    ...replicaRows.map((r) => `| ${r.gateways} | ${r.rps} | ${r.p50} ms | ${r.p99} ms | ${r.errors} |`),
    '',
    `On ${host.cores} cores the second gateway shares the same cores with the first, the subgraphs, PostgreSQL, NATS, Redis and the load generator: what it can show is that replicas add no overhead and share the load correctly, not that they add throughput. On separate machines each gateway brings its own cores.`,
  ];
  save(options.quick ? 'distributed-quick' : 'distributed', { host, burstEvents, steadySeconds, transports, replicas: replicaRows }, lines);
}
