import { buildDataset, type DatasetSize } from '@supergraph/platform';
import type { Options } from '../options.ts';
import { hostOf, save } from '../report.ts';
import type { ContenderResult } from './run.ts';
import { LIFECYCLE, movingOrders } from './updates.ts';

const nameOf = (r: ContenderResult) => `${r.name}, turn ${r.turn}`;
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (header: string[], rows: (string | number)[][]) => [row(header), row(header.map(() => '---')), ...rows.map(row)];

/** MB per 1,000 subscriptions, from a reading before and one after `n` were opened. */
const perThousand = (before: number, after: number, n: number) => +(((after - before) * 1000) / n).toFixed(1);

/** Whether and how Hive Gateway serves the same subscription: what bench/src/subscriptions/hive-gateway.ts had to configure. */
const HIVE = [
  '',
  '## Hive Gateway on the same subscription',
  '',
  "Hive Gateway (`@graphql-hive/gateway`, the runtime on node:http as the tests' harness starts it, with the same identity propagation) serves the same subscription on the same supergraph, once configured for what our orders subgraph asks of whoever subscribes there (`bench/src/subscriptions/hive-gateway.ts`). Our gateway does each of these natively; for Hive they are its own configuration and plugin hooks, nothing patched:",
  '',
  "- **Clients over graphql-ws**: Hive's runtime has no WebSocket server of its own; as its CLI does, the script attaches graphql-ws (`useServer` with `getGraphQLWSOptions`) to the same server, taking the access token from `connection_init`'s `authorization` as the request's header.",
  "- **The subscription to the orders subgraph over graphql-ws**: `transportEntries.orders.options.subscriptions = { kind: 'ws', location: '/graphql' }` (`@graphql-mesh/transport-ws`). The entity fetches per event (payments, customers, analytics) stay on HTTP with the internal token header, as for queries.",
  "- **The internal tokens**: the orders subgraph accepts a graphql-ws connection only with a gateway-signed internal token in `connection_init` and a subscription only with the caller's internal token in the subscribe message's `extensions.internalToken`. A plugin's `onSubgraphExecute` puts both on each subscription's request: `extensions.internalToken`, and `extensions.connectionParams`, which Hive's WebSocket executor merges into the `connection_init` payload of its next connection.",
  '- **The subgraph\'s first message**: before any event, the orders subgraph sends a message with no `data`, only where it joined the event log (`extensions.position`; our gateway resumes after the last position it saw when its connection to the subgraph drops). Hive hands that message to the client as an event with an error ("Unexpected error." at `orderUpdated`; seen in the first runs), so the same plugin wraps the subgraph executor to leave messages without data or errors out.',
  '- **Its schema must be loaded first**: a subscription over WebSocket as Hive\'s very first request fails ("Expected null to be a GraphQL schema."): the runtime loads the supergraph on its first HTTP request. The script sends one query before it reports ready, as a readiness check would.',
  '',
  "What Hive does not do, and this run does not exercise: resume. When its connection to the orders subgraph drops, our gateway subscribes again with `resumeAfter` (the last log position) and the subgraph replays what was missed; Hive neither keeps the position nor sends it, so events committed while the connection is down would be lost to its subscribers. Hive also prints Node's `MaxListenersExceededWarning` (11 abort listeners on one AbortSignal) while the stream runs.",
];

const NOTES = (subscribers: number) => [
  '',
  '- **Latency** is, for every event a subscriber received, the time its client received it minus the `updatedAt` of the order in the event: the time the orders subgraph stamped on the change inside the transaction that committed it (the same machine clock; the stamp is taken just before the row is written, so the commit itself, a millisecond or so, is counted too). It covers the outbox, the event log, the orders subgraph following the log, its graphql-ws message to the gateway, the gateway fetching `payments`, `customer` and `metrics` for the event from three subgraphs, and the message to the client.',
  "- **Lost**: a change committed (read back from the orders after the stream: an order reaches a status only through the ones before it, so a mutation the gateway gave up on but the subgraph committed counts too) that its order's subscriber had not received 15 s after the last change was answered. An event that arrived with errors and no order at all (a subgraph timing out on a non-null field such as `customer` nulls the whole `orderUpdated`, as GraphQL requires) cannot say which change it carried: it is matched to one change of its order that arrived no other way, so it is counted delivered (and incomplete), not lost. **Duplicated**: the same change received again. Also counted, and also failing the run: events out of order, events for no committed change, events with errors or without a field asked for, subscriptions that failed, and subscriptions still open after their order's final change (the subgraph ends `orderUpdated` after DELIVERED). The run fails (exit code 1) when our gateway has any of them.",
  `- **RSS per 1,000 subscriptions**: the gateway's RSS with all ${subscribers} subscriptions open and following, minus its RSS before they were opened (after 10 warm-up subscriptions were opened and closed), scaled to 1,000. Each is read after a quiet second, just after a full garbage collection (\`bench/src/memory-probe.ts\`, loaded into both gateways by the benchmark), repeated a second apart until RSS moves by less than 2 MB: V8 hands freed pages back over seconds, and a fresh Hive Gateway's RSS falls by 60–80 MB in the first seconds after its first collection, which a single reading would have counted against its subscriptions. The heap figure is V8's heap in use at the same moments. Peak RSS is read as it is, every 250 ms of the stream.`,
  "- **Mutations**: the time from sending a move to its answer; a move refused only because the order had not yet reached the status before it (the payment's confirmation arrives by event) is sent again every 250 ms for up to 10 s, and its time includes those waits (moves retried counts the resends). A move that still failed, or failed otherwise, fails the run: the stream was not the one intended.",
  '- **CPU per change**: user + system time of the gateway process (and of the subgraphs process) from the first change sent to the last event received, divided by the changes made; the gateway under test also answered the mutations that made them.',
  '- **Turns**: a full run gives the gateways turns A B B A (ours, Hive, Hive, ours; `--quick`: ours, Hive): in quick runs the first turn measured worse whichever gateway had it (our p50 176 ms first, 32 ms second), as the platform settles after its start. Each turn is its own row.',
  "- Both gateways run on the same 2 cores as the subgraphs, the database and this benchmark's WebSocket clients, one gateway at a time, each on fresh orders (placed through the platform's own gateway, not the one measured), started fresh before its turn and stopped after it. Before the first turn, 20 orders go through their whole life at the same rate, so that the first gateway does not meet a colder platform than the second.",
];

/** The subscriptions scenario's results, in subscriptions.* (or subscriptions-quick.*, subscriptions-postgres.*). */
export function writeSubscriptionResults(options: Options, size: DatasetSize, results: ContenderResult[]) {
  const { subscribers, rate, seconds, db } = options;
  const dataset = buildDataset(size);
  const moving = movingOrders(options);
  const changes = moving * LIFECYCLE.length;
  const machine = { ...hostOf(), scenario: 'subscriptions', database: db, subscribers, rate, seconds, moving, changes, size };
  const measured = results.filter((r) => !r.refused);
  const lines = [
    `# Subscriptions scenario: ${subscribers.toLocaleString('en')} live subscribers on one gateway`,
    '',
    `${machine.date} · ${machine.cores} cores (${machine.cpu}) · Node ${machine.node} · ${db} database · ${dataset.customers.stores.length} stores, ${dataset.customers.accounts.length} accounts, ${dataset.orders.orders.length} orders in the demo data`,
    '',
    `${subscribers} subscribers, each a customer of its own following its own new order with \`orderUpdated(orderId)\` (\`id status updatedAt payments { status } customer { firstName metrics { totalOrders } }\`: orders, then payments, customers and analytics for every event) over a graphql-ws connection of its own, the access token in \`connection_init\`. ` +
      `Once the gateway says all of them follow the event log, a steady stream of ${changes} changes at ${rate} per second (${changes / rate} s), open loop, through the gateway under test, moves ${moving} of the orders through their whole life: each is paid by its customer (the payment confirms it: CONFIRMED), then accepted and prepared by its store's staff, then taken out and delivered by its driver, its changes ${moving / rate} s apart; its subscription ends after DELIVERED. ` +
      `The other ${subscribers - moving} subscribers stay subscribed throughout and must receive nothing. Every subscriber must receive every change of its order exactly once.`,
    '',
    ...table(
      [
        'Gateway',
        'changes made',
        'events delivered',
        'lost',
        'duplicated',
        'other problems',
        'latency p50 ms',
        'p90 ms',
        'p99 ms',
        'max ms',
        'rate achieved /s',
        'mutations: p50 / p99 ms',
        'moves retried',
      ],
      measured.map((r) => {
        const d = r.deliveries!;
        const other = d.outOfOrder + d.unexpected + d.incomplete + d.failed + d.notCompleted + r.stream!.failures.length;
        return [
          nameOf(r),
          r.deliveries!.expected,
          `${d.delivered} / ${d.expected}`,
          `**${d.lost}**`,
          `**${d.duplicated}**`,
          other === 0 ? 0 : (r.problems ?? []).join('; '),
          `**${d.latencyMs.p50}**`,
          d.latencyMs.p90,
          `**${d.latencyMs.p99}**`,
          d.latencyMs.max,
          r.stream!.achievedRate,
          `${r.stream!.mutationMs.p50} / ${r.stream!.mutationMs.p99}`,
          r.stream!.retries,
        ];
      }),
    ),
    '',
    ...table(
      [
        'Gateway',
        'RSS idle MB',
        `RSS with ${subscribers} subscriptions MB`,
        '**RSS per 1,000 subscriptions MB**',
        'heap in use per 1,000 MB',
        'peak RSS during the stream MB',
        `time to open all and follow s`,
        'gateway CPU ms/change',
        'subgraphs CPU ms/change',
      ],
      measured.map((r) => {
        const m = r.memory!;
        return [
          nameOf(r),
          m.idle.rssMb,
          m.subscribed.rssMb,
          `**${perThousand(m.idle.rssMb, m.subscribed.rssMb, subscribers)}**`,
          perThousand(m.idle.heapUsedMb, m.subscribed.heapUsedMb, subscribers),
          r.peakRssMb!,
          r.openSeconds!,
          r.gatewayCpuMsPerChange!,
          r.subgraphsCpuMsPerChange!,
        ];
      }),
    ),
    '',
    "Latency by the status the change moved the order to (p50 / p99 ms; CONFIRMED is committed by the orders subgraph when the payment's event reaches it, the others by the mutation itself):",
    '',
    ...table(
      ['Gateway', ...LIFECYCLE],
      measured.map((r) => [
        nameOf(r),
        ...LIFECYCLE.map((status) => {
          const l = r.deliveries!.latencyByStatus[status];
          return l ? `${l.p50} / ${l.p99}` : '–';
        }),
      ]),
    ),
    ...NOTES(subscribers),
    ...HIVE,
  ];
  for (const r of results) {
    if (r.refused) lines.push('', `**${nameOf(r)}** could not be measured: ${r.refused}`);
    const examples = [...(r.deliveries?.examples ?? []), ...(r.stream?.failures.slice(0, 5) ?? [])];
    if (examples.length) lines.push('', `${nameOf(r)}, the first problems seen:`, '', ...examples.map((e) => `- ${e}`));
  }
  // A quick run is a sanity check, not a result: it does not replace the checked-in full run.
  const base = options.quick ? 'subscriptions-quick' : db === 'postgres' ? 'subscriptions-postgres' : 'subscriptions';
  save(base, { machine, results }, lines);
}
