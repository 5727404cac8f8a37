import type { Sample } from '../measure.ts';
import type { Options } from '../options.ts';
import { hostOf, save } from '../report.ts';

type Summary = Omit<Sample, 'requests'>;

/** What one half of `--scale` measured: napoli's size, each query alone, the staff mix. */
export interface PhaseResult {
  dataset: { customers: number; orders: number };
  queries: Record<string, Summary>;
  mix: Summary;
}

const sql = (s: Summary) =>
  +Object.values(s.sqlPerRequest)
    .reduce((a, b) => a + b, 0)
    .toFixed(1);
const times = (s: Summary) => `${s.p50} / ${s.p99}`;
const ratio = (a: number, b: number) => `${(a / Math.max(0.5, b)).toFixed(2)}×`;
const n = (value: number) => value.toLocaleString('en-US');

/** The table `--scale` prints and writes: query | demo p50/p99 | scale p50/p99 | growth, then the mix's req/s. */
export function writeScaleResults(
  options: Options,
  run: { demo: PhaseResult; scale: PhaseResult; seedSeconds: number; queries: { name: string; label: string }[] },
) {
  const { demo, scale } = run;
  const { customers, orders } = options.scale!;
  const host = hostOf();
  const lines = [
    '# Staff dashboards as a store grows',
    '',
    `${host.date} · ${host.cores} cores (${host.cpu}) · Node ${host.node} · PostgreSQL, a fresh database (dropped afterwards)`,
    '',
    `demo: napoli as \`npm start\` loads it, ${n(demo.dataset.customers)} customers and ${n(demo.dataset.orders)} orders; ` +
      `scale: the same after \`npm run seed:scale -- --store napoli --customers ${customers} --orders ${orders}\` ` +
      `(${Math.round(run.seedSeconds)} s, while the platform ran), ${n(scale.dataset.customers)} customers and ${n(scale.dataset.orders)} orders.`,
    `Each query alone on one connection, ${options.rounds} round(s) of ${options.seconds} s after a 2 s warm-up, medians of the rounds; ` +
      `the staff mix (bench/workloads/scale/staff-mix.json) on ${options.connections} connections. Through our gateway, read merging off; ` +
      'staff queries as staff@napoli.example, the profile as ada@napoli.example. SQL per request is counted at the subgraphs.',
    '',
    '| Query | demo p50 / p99 ms | scale p50 / p99 ms | growth (p50) | SQL per request, demo → scale |',
    '|---|---|---|---|---|',
    ...run.queries.map(({ name, label }) => {
      const d = demo.queries[name]!;
      const s = scale.queries[name]!;
      return `| ${label} | ${times(d)} | ${times(s)} | ${ratio(s.p50, d.p50)} | ${sql(d)} → ${sql(s)} |`;
    }),
    `| staff mix, ${options.connections} connections: req/s (p50 / p99 ms) | ${Math.round(demo.mix.rps)} (${times(demo.mix)}) | ${Math.round(scale.mix.rps)} (${times(scale.mix)}) | ${ratio(scale.mix.rps, demo.mix.rps)} req/s | ${sql(demo.mix)} → ${sql(scale.mix)} |`,
    '',
    'Growth is the scale p50 over the demo p50 (for the mix: req/s over req/s). Errors: ' +
      `${[...Object.values(demo.queries), demo.mix, ...Object.values(scale.queries), scale.mix].reduce((sum, s) => sum + s.errors, 0)}.`,
  ];
  const sizes = customers === 200_000 && orders === 2_000_000;
  const base = options.quick ? 'scale-quick' : sizes ? 'scale' : `scale-${customers}-${orders}`;
  save(base, { machine: { ...host, rounds: options.rounds, seconds: options.seconds, connections: options.connections }, run }, lines);
}
