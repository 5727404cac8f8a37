import type { Sample } from '../measure.ts';
import type { Options } from '../options.ts';
import { hostOf, overRounds, save } from '../report.ts';
import type { Running } from './contenders.ts';

const NOTES = [
  '',
  "- **apollo**: stock `@apollo/gateway` 2.14 with Apollo Server 5's standalone server, nothing added. It has no read-merging, so it runs only with it off.",
  "- **hive**: Hive Gateway (`@graphql-hive/gateway`) on node:http, as the tests' harness starts it. Read-merging on is `inboundInflightRequestDeduplication: true` (what the public benchmark sets); off also turns off the merging of identical subgraph fetches in flight that Hive does by default (`deduplicateInflightRequests: false`), so that off means no merging at all.",
  '- **hive-router**: the same, with the Rust query planner of `@graphql-hive/router-runtime` (`unifiedGraphHandler`).',
  '- **ours**: our gateway (`gateway/src/index.ts`, as deployed) with its own query-plan executor (`GATEWAY_EXECUTOR=native`, the default; entity fetches issued together batched, `BATCH_ENTITY_FETCHES`); read-merging is `DEDUPE_READS`.',
  "- **ours-apollo-executor**: the same gateway with `GATEWAY_EXECUTOR=apollo`: `@apollo/gateway`'s executor runs the plans. The difference to **ours off** is what our executor buys.",
  '',
  "Latency percentiles are taken from every response's time. CPU per request is the process's user + system time over the run divided by the requests answered (10 ms clock ticks). Subgraph fetches are counted by the subgraphs: for one TestQuery sent alone before the load (the size of the contender's query plan), and per request answered under load, where read-merging shares one execution among identical requests in flight (short runs overstate it a little: the fetches of requests still in flight when a run ends count, their answers do not). The subgraphs answer a request body they have answered before from memory (the data never changes), so they cost little and the gateways are what is measured.",
];

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

const HEADER = [
  'Contender',
  'read-merging',
  'req/s',
  'p50 ms',
  'p99 ms',
  'gateway CPU ms/req',
  'gateway peak RSS MB',
  'subgraph fetches: TestQuery alone',
  'subgraph fetches/req under load',
  'subgraphs CPU ms/req',
  'errors',
];

/** The federation scenario's results: one row per contender and mode, in federation.* (or federation-quick.*). */
export function writeFederationResults(
  options: Options,
  running: Running[],
  samples: Record<string, Sample[]>,
  refused: Record<string, string>,
  planFetches: Record<string, number>,
) {
  const { rounds, seconds, connections } = options;
  const machine = { ...hostOf(), scenario: 'federation', rounds, seconds, connections };
  const summary = Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, overRounds(list)]));
  const lines = [
    "# Federation scenario: the public gateways benchmark's workload",
    '',
    `${machine.date} · ${machine.cores} cores (${machine.cpu}) · Node ${machine.node} · four in-memory subgraphs in one process · TestQuery (an 87 KB answer)`,
    `${rounds} round(s) of ${seconds} s per contender and mode, ${connections} connections all sending TestQuery, contenders alternating; medians. ` +
      "Each contender's answer was compared with the expected one before it was measured.",
    '',
    row(HEADER),
    row(HEADER.map(() => '---')),
  ];
  for (const { name, contender, merging } of running) {
    const mode = contender === 'apollo' ? 'off (has none)' : merging;
    const alone = planFetches[name] ?? '';
    const s = summary[name];
    const why = refused[name]?.replaceAll('|', '\\|');
    if (why) lines.push(row([contender, mode, `**not reported: its answer differs** (${why})`, '', '', '', '', alone, '', '', '']));
    else if (s)
      lines.push(
        row([contender, mode, s.rps, s.p50, s.p99, s.gatewayCpuMs, s.peakRssMb, alone, s.fetchesPerRequest, s.subgraphsCpuMs, s.errors]),
      );
  }
  lines.push(...NOTES);
  // A quick run is a sanity check, not a result: it does not replace the checked-in full run.
  save(options.quick ? 'federation-quick' : 'federation', { machine, summary, samples, refused, planFetches }, lines);
}
