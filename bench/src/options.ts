import { parseArgs } from 'node:util';

export const HELP = `Benchmarks our gateway against Hive Gateway and the direct baseline, on the demo data; or, with
--scenario federation, four gateways on the public gateways benchmark's workload; or, with
--scenario subscriptions, 1,000 live subscribers on one gateway.

Usage: npm run bench -- [options]

  --scenario NAME    platform (the default): our subgraphs and demo data, the four workloads of
                     bench/workloads and the soak; federation: the public gateways benchmark's
                     four in-memory subgraphs and TestQuery through stock @apollo/gateway, Hive
                     Gateway, Hive Gateway with the Rust query planner and ours, each with
                     read-merging off and on (about 5 minutes; --quick under a minute);
                     subscriptions: 1,000 graphql-ws subscribers (orderUpdated, one connection
                     each) on our gateway, then on Hive Gateway, with a steady stream of order
                     changes: event-to-client latency, RSS per 1,000 subscriptions, and a failed
                     run unless every change reached its subscriber exactly once (about 5
                     minutes; --quick, 100 subscribers, about 2 minutes);
                     defer: the profile query with its analytics part deferred, and without
                     @defer, through our gateway and Hive Gateway, analytics made slower by a
                     proxy: time to the first part and to the full answer (about 3 minutes;
                     --quick under a minute);
                     distributed (or --distributed): a database per subgraph, every service
                     its own process, limits in Redis, once with events on the PostgreSQL log
                     and once on NATS JetStream: events per second from orders to analytics
                     (a burst of 20,000), their lag p50/p99 under a steady stream of orders
                     (--rate a second), and req/s of the mixed workload through one gateway and
                     through two replicas (about 6 minutes; --quick about 3). Needs PostgreSQL
                     (DATABASE_URL, else 127.0.0.1:5432), nats-server and redis-server
  --distributed      the same as --scenario distributed
  --scale            the staff's dashboards as a store grows, on PostgreSQL (DATABASE_URL; a fresh
                     database, dropped afterwards): p50/p99 of the customer profile, the staff's
                     customer list, search, store analytics, top customers and average order,
                     and req/s of a staff mix, on the demo data and again after npm run seed:scale
                     has added --scale-customers and --scale-orders to napoli (defaults 200000 and
                     2000000: the seed takes minutes, the whole run about 20); bench/results/scale.*
  --scale-customers N, --scale-orders N   what --scale adds to napoli before its second half
  --quick            one short round of the two read workloads (under a minute), for a sanity check;
                     with --scenario federation, one short round of TestQuery
  --subscribers N    subscriptions scenario: subscribers, one order and one connection each
                     (default 1000; --quick 100)
  --rate N           subscriptions scenario: order changes per second (default 20, what the
                     embedded database carries on 2 cores); distributed: orders placed per
                     second for the lag (default 40)
  --analytics-delay N  defer scenario: ms the proxy in front of analytics adds (default 200)
  --soak             only the memory soak: the mixed workload on our gateway
  --soak-seconds N   how long the soak runs after its warm-up (default 60)
  --soak-warm-up N   seconds of load before the soak's first reading (default 60)
  --db postgres      run the subgraphs on a fresh database on DATABASE_URL's server (dropped
                     afterwards) instead of the embedded database
  --profile          write CPU profiles (--cpu-prof) of both gateways and the subgraphs to
                     bench/profiles/, and print where each spent its time under load (federation:
                     of every contender and mode, and the subgraphs)
  --rounds N         rounds per workload, contenders alternating (default 3; --quick 1)
  --seconds N        seconds per contender per round (default 10; --quick 3); subscriptions
                     scenario: seconds of the stream of changes (default 60; --quick 15)
  --connections N    concurrent connections (default 32; --quick 8; federation: 50 either way,
                     as in the public benchmark)

Results go to bench/results/latest.md and latest.json (--db postgres: latest-postgres.*;
--quick: quick.*; --soak: soak.*; --scenario federation: federation.*, with --quick federation-quick.*;
--scenario subscriptions: subscriptions.*, with --quick subscriptions-quick.*, with --db postgres
subscriptions-postgres.*; --scenario defer: defer.*, with --quick defer-quick.*; --scenario distributed:
distributed.*, with --quick distributed-quick.*; --scale: scale.*, or scale-<customers>-<orders>.* for
other sizes, with --quick scale-quick.*).`;

export const SCENARIOS = ['platform', 'federation', 'subscriptions', 'defer', 'distributed'] as const;

/** What one run does, from the command line with its defaults filled in and checked. */
export interface Options {
  scenario: (typeof SCENARIOS)[number];
  quick: boolean;
  soak: boolean;
  soakSeconds: number;
  soakWarmUp: number;
  db: 'embedded' | 'postgres';
  profile: boolean;
  rounds: number;
  seconds: number;
  connections: number;
  /** Distinct callers (customers, and staff variants) per read workload. */
  callerCount: number;
  /** The subscriptions scenario: subscribers (each its own customer, order and connection). */
  subscribers: number;
  /** The subscriptions scenario: order changes per second. */
  rate: number;
  /** The defer scenario: how much slower the proxy in front of analytics makes it (ms). */
  analyticsDelayMs: number;
  /** --scale: the dashboards on the demo data, then after seeding this many customers and orders into napoli. */
  scale: { customers: number; orders: number } | undefined;
}

/** The options of this run, or undefined when --help asks for the help text instead. */
export function readOptions(): Options | undefined {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'platform' },
      distributed: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      soak: { type: 'boolean', default: false },
      'soak-seconds': { type: 'string', default: '60' },
      'soak-warm-up': { type: 'string', default: '60' },
      db: { type: 'string', default: 'embedded' },
      rounds: { type: 'string' },
      seconds: { type: 'string' },
      connections: { type: 'string' },
      subscribers: { type: 'string' },
      rate: { type: 'string' },
      'analytics-delay': { type: 'string' },
      scale: { type: 'boolean', default: false },
      'scale-customers': { type: 'string' },
      'scale-orders': { type: 'string' },
      profile: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  if (values.distributed && values.scenario !== 'platform' && values.scenario !== 'distributed')
    throw new Error('--distributed is --scenario distributed: give one of them.');
  const scenario = (values.distributed ? 'distributed' : values.scenario) as Options['scenario'];
  if (!SCENARIOS.includes(scenario)) throw new Error(`--scenario must be one of: ${SCENARIOS.join(', ')}.`);
  const federation = scenario === 'federation';
  if (federation && (values.soak || values.db !== 'embedded')) throw new Error('--scenario federation takes neither --soak nor --db.');
  const subscriptions = scenario === 'subscriptions';
  if (subscriptions && (values.soak || values.rounds || values.connections))
    throw new Error('--scenario subscriptions takes none of --soak, --rounds, --connections (see --subscribers, --rate, --seconds).');
  const distributed = scenario === 'distributed';
  if (scenario !== 'subscriptions' && values.subscribers) throw new Error('--subscribers is for --scenario subscriptions.');
  if (scenario !== 'subscriptions' && !distributed && values.rate)
    throw new Error('--rate is for --scenario subscriptions or distributed.');
  if (distributed && (values.soak || values.db !== 'embedded' || values.profile))
    throw new Error("--scenario distributed takes none of --soak, --db, --profile (it makes its own databases on DATABASE_URL's server).");
  const defer = scenario === 'defer';
  if (defer && (values.soak || values.db !== 'embedded' || values.profile))
    throw new Error('--scenario defer takes none of --soak, --db, --profile.');
  if (!defer && values['analytics-delay']) throw new Error('--analytics-delay is for --scenario defer.');
  const analyticsDelayMs = Number(values['analytics-delay'] ?? 200);
  if (!values.scale && (values['scale-customers'] || values['scale-orders']))
    throw new Error('--scale-customers and --scale-orders are for --scale.');
  if (values.scale) {
    if (scenario !== 'platform' || values.soak || values.db !== 'embedded' || values.profile)
      throw new Error('--scale takes none of --scenario, --soak, --db, --profile (it always runs on PostgreSQL).');
    if (!process.env.DATABASE_URL)
      throw new Error(
        '--scale measures on PostgreSQL: set DATABASE_URL to a server (postgres://user@host:5432/postgres); a database of its own is created there and dropped afterwards.',
      );
  }
  const scaleCustomers = Number(values['scale-customers'] ?? 200_000);
  const scaleOrders = Number(values['scale-orders'] ?? 2_000_000);
  const rounds = Number(values.rounds ?? (values.quick ? 1 : distributed ? 2 : 3));
  const seconds = Number(values.seconds ?? (subscriptions ? (values.quick ? 15 : 60) : values.quick ? 3 : 10));
  // The public gateways benchmark runs its workload with 50 virtual users.
  const connections = Number(
    values.connections ?? (federation ? 50 : defer || values.scale ? (values.quick ? 4 : 8) : values.quick ? 8 : 32),
  );
  const soakSeconds = Number(values['soak-seconds']);
  const soakWarmUp = Number(values['soak-warm-up']);
  const subscribers = Number(values.subscribers ?? (values.quick ? 100 : 1000));
  const rate = Number(values.rate ?? (distributed ? 40 : 20));
  // Distinct requests per read workload, half again as many as the connections (a multiple of the 3
  // stores): requests are taken in turn, so no two requests in flight are the same.
  const callerCount = Math.max(18, Math.ceil((connections * 1.5) / 3) * 3);
  const counts = {
    rounds,
    seconds,
    connections,
    'soak-seconds': soakSeconds,
    'soak-warm-up': soakWarmUp,
    subscribers,
    rate,
    'analytics-delay': analyticsDelayMs,
    ...(values.scale ? { 'scale-customers': scaleCustomers, 'scale-orders': scaleOrders } : {}),
  };
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1.`);
  }
  if (values.db !== 'embedded' && values.db !== 'postgres') throw new Error('--db must be "embedded" or "postgres".');
  if (values.db === 'postgres' && !process.env.DATABASE_URL) throw new Error('--db postgres needs DATABASE_URL.');
  return {
    scenario,
    quick: values.quick,
    soak: values.soak,
    soakSeconds,
    soakWarmUp,
    db: values.db,
    profile: values.profile,
    rounds,
    seconds,
    connections,
    callerCount,
    subscribers,
    rate,
    analyticsDelayMs,
    scale: values.scale ? { customers: scaleCustomers, orders: scaleOrders } : undefined,
  };
}
