import { setTimeout as sleep } from 'node:timers/promises';
import { measure, type Contender, type Sample, type SubgraphCounters, type Target } from './measure.ts';
import { cpuMs } from './processes.ts';
import type { Options } from './options.ts';
import type { Workload } from './workloads.ts';

/** Every sample taken, by workload and contender, in the order taken. */
export type Samples = Record<string, Partial<Record<Contender, Sample[]>>>;

/** A process under load: its name in the results, where it listens, and whether it is the direct baseline (which replays plans). */
export interface Entrant {
  name: string;
  target: Target;
  direct?: boolean;
}

/**
 * Resolves once the process is idle (no CPU clock tick in a quarter of a second), 15 s at most.
 * When a run ends, the requests still in flight are abandoned by the load generator but not by the
 * gateway, which finishes them: that work must not fall into the next entrant's run.
 */
async function settled(pid: number) {
  if (pid <= 0) return;
  const deadline = Date.now() + 15_000;
  for (let last = cpuMs(pid); Date.now() < deadline; ) {
    await sleep(250);
    const now = cpuMs(pid);
    if (now === last) return;
    last = now;
  }
}

/**
 * One workload against every entrant: a warm-up each, then the rounds, printing each sample as it
 * is taken. `counters` reads the subgraphs' counts (the platform's /metrics unless given).
 */
export async function measureRounds(
  workload: Workload,
  entrants: Entrant[],
  subgraphsPid: number,
  options: Pick<Options, 'rounds' | 'seconds' | 'connections'>,
  counters?: () => Promise<SubgraphCounters>,
): Promise<Record<string, Sample[]>> {
  const { rounds, seconds, connections } = options;
  const samples: Record<string, Sample[]> = Object.fromEntries(entrants.map((e) => [e.name, []]));
  const width = Math.max(...entrants.map((e) => e.name.length));
  const run = async (e: Entrant, s: number) => {
    const sample = await measure(e.target, subgraphsPid, workload, e.direct ?? false, s, connections, counters);
    await settled(e.target.pid);
    return sample;
  };
  // Warm up every entrant (JIT, plan caches, connections) before measuring.
  for (const e of entrants) await run(e, 2);
  for (let round = 0; round < rounds; round += 1) {
    // Alternate A B C A B C …, so a noisy moment does not pick the winner.
    for (const e of entrants) {
      const sample = await run(e, seconds);
      samples[e.name]!.push(sample);
      console.log(
        `${workload.name.padEnd(17)} ${e.name.padEnd(width)} round ${round + 1}: ${sample.rps.toFixed(0)} req/s, p50 ${sample.p50} ms, p99 ${sample.p99} ms, gateway CPU ${sample.gatewayCpuMs} ms/req, errors ${sample.errors}`,
      );
    }
  }
  return samples;
}

/** Every workload against every contender that can run it (the direct baseline has no writes). */
export async function measureWorkloads(
  workloads: Workload[],
  targets: Record<Contender, Target>,
  subgraphsPid: number,
  options: Pick<Options, 'rounds' | 'seconds' | 'connections'>,
): Promise<Samples> {
  const samples: Samples = {};
  for (const workload of workloads) {
    const contenders: Contender[] = workload.reads ? ['ours', 'hive', 'direct'] : ['ours', 'hive'];
    const entrants = contenders.map((c) => ({ name: c, target: targets[c], direct: c === 'direct' }));
    samples[workload.name] = await measureRounds(workload, entrants, subgraphsPid, options);
  }
  return samples;
}
