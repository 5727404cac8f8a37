import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './layout.ts';
import type { Contender, Sample } from './measure.ts';
import type { Options } from './options.ts';
import type { Samples } from './rounds.ts';
import { soakLines, type SoakResult } from './soak.ts';
import { median } from './statistics.ts';

const DATASET = '3 stores, 309 accounts, 3,030 orders';
const RESULTS_DIR = join(ROOT, 'bench/results');

/** The machine and the moment of a run. */
export const hostOf = () => ({
  cores: availableParallelism(),
  cpu: cpus()[0]?.model,
  node: process.version,
  date: new Date().toISOString(),
});

/** Where and how the run was made, at the head of every result. */
export function machineOf(options: Options) {
  const { rounds, seconds, connections, db, callerCount } = options;
  return {
    ...hostOf(),
    rounds,
    seconds,
    connections,
    database: db,
    dataset: DATASET,
    callersPerReadWorkload: callerCount,
  };
}
type Machine = ReturnType<typeof machineOf>;

/** Each contender's result on one workload, over its rounds. */
type Summary = Record<string, Partial<Record<Contender, Omit<Sample, 'requests'>>>>;

const machineLine = (m: Machine) => `${m.date} · ${m.cores} cores (${m.cpu}) · Node ${m.node} · ${m.database} database · ${DATASET}`;

/** Writes bench/results/<base>.json and <base>.md, and prints the markdown. */
export function save(base: string, json: object, lines: string[]) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${base}.json`), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(RESULTS_DIR, `${base}.md`), `${lines.join('\n')}\n`);
  console.log(`\n${lines.join('\n')}\n\nWritten to bench/results/${base}.md and ${base}.json.`);
}

/** The results of a --soak run: the soak alone, in soak.md and soak.json. */
export function writeSoakResults(machine: Machine, result: SoakResult) {
  const lines = [`# Memory soak`, '', machineLine(machine), '', ...soakLines(result)];
  save('soak', { machine, soak: result }, lines);
}

/** Medians over the rounds; errors summed, the highest peak RSS, and the last round's fetch and SQL counts. */
export function overRounds(list: Sample[]): Omit<Sample, 'requests'> {
  return {
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
  };
}

function summarize(samples: Samples): Summary {
  return Object.fromEntries(
    Object.entries(samples).map(([workload, byContender]) => [
      workload,
      Object.fromEntries(Object.entries(byContender).map(([c, list]) => [c, overRounds(list)])),
    ]),
  );
}

function headLines(machine: Machine) {
  const { rounds, seconds, connections, callersPerReadWorkload: callerCount } = machine;
  return [
    `# Benchmark results`,
    '',
    machineLine(machine),
    `${rounds} round(s) of ${seconds} s per contender and workload, ${connections} connections, contenders alternating; medians. ` +
      `Every request of a read workload is a different one (${callerCount} customers; staff of 3 stores starting at ${callerCount / 3} places each), so no gateway can answer two clients with one execution.`,
    '',
  ];
}

/** One row per workload and contender, then a row of the ratios that matter for that workload. */
function tableLines(summary: Summary) {
  const lines = [
    '| Workload | Contender | req/s | p50 ms | p95 ms | p99 ms | errors | gateway CPU ms/req | subgraphs CPU ms/req | gateway peak RSS MB | subgraph fetches/req | SQL/req (customers, orders, payments, analytics) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [workload, byContender] of Object.entries(summary)) {
    for (const [c, s] of Object.entries(byContender)) {
      lines.push(
        `| ${workload} | ${c} | ${s.rps} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.errors} | ${s.gatewayCpuMs} | ${s.subgraphsCpuMs} | ${s.peakRssMb} | ${s.fetchesPerRequest} | ${Object.values(s.sqlPerRequest).join(', ')} |`,
      );
    }
    const { ours, hive, direct } = byContender;
    const ratio = (a: number, b: number) => (a / Math.max(0.01, b)).toFixed(2);
    lines.push(
      `| ${workload} | **ratios** | ours/hive req/s **${ratio(ours!.rps, hive!.rps)}** | ours/direct p50 **${direct ? ratio(ours!.p50, direct.p50) : '–'}** | | ours/hive p99 **${ratio(ours!.p99, hive!.p99)}** | | ours/hive CPU **${ratio(ours!.gatewayCpuMs, hive!.gatewayCpuMs)}** | | | | |`,
    );
  }
  return lines;
}

const NOTES = [
  '',
  "Latency percentiles are taken from every response's time (autocannon's own summary has no p95). CPU per request is the process's user + system time over the run divided by the requests answered (10 ms clock ticks). Subgraph fetches and SQL per request are counted at the subgraphs (their /metrics).",
  '',
  "The direct baseline replays the subgraph requests of our query plan for each read request, level by level, with no parsing, planning or merging: the floor any gateway could reach (its CPU and RSS are the replay process's). Writes have no direct baseline (a replayed mutation is not the same request).",
];

/** The results of a benchmark run: the table of every workload, the soak if it ran, in latest.* (or quick.*, latest-postgres.*). */
export function writeResults(options: Options, machine: Machine, samples: Samples, soakResult: SoakResult | undefined) {
  const summary = summarize(samples);
  const lines = [...headLines(machine), ...tableLines(summary), ...NOTES];
  if (soakResult) lines.push('', ...soakLines(soakResult));
  // A quick run is a sanity check, not a result: it does not replace the checked-in full run.
  const base = options.quick ? 'quick' : options.db === 'postgres' ? 'latest-postgres' : 'latest';
  save(base, { machine, summary, samples, soak: soakResult }, lines);
}
