import { measure, type Contender, type Sample, type Target } from './measure.ts';
import type { Options } from './options.ts';
import type { Workload } from './workloads.ts';

/** Every sample taken, by workload and contender, in the order taken. */
export type Samples = Record<string, Partial<Record<Contender, Sample[]>>>;

/**
 * Every workload against every contender that can run it (the direct baseline has no writes), a
 * warm-up each and then the rounds, printing each sample as it is taken.
 */
export async function measureWorkloads(
  workloads: Workload[],
  targets: Record<Contender, Target>,
  subgraphsPid: number,
  options: Pick<Options, 'rounds' | 'seconds' | 'connections'>,
): Promise<Samples> {
  const { rounds, seconds, connections } = options;
  const samples: Samples = {};
  for (const workload of workloads) {
    const contenders: Contender[] = workload.reads ? ['ours', 'hive', 'direct'] : ['ours', 'hive'];
    samples[workload.name] = Object.fromEntries(contenders.map((c) => [c, []]));
    // Warm up every contender (JIT, plan caches, connections) before measuring.
    for (const c of contenders) await measure(targets[c], subgraphsPid, workload, c === 'direct', 2, connections);
    for (let round = 0; round < rounds; round += 1) {
      // Alternate A B C A B C …, so a noisy moment does not pick the winner.
      for (const c of contenders) {
        const sample = await measure(targets[c], subgraphsPid, workload, c === 'direct', seconds, connections);
        samples[workload.name]![c]!.push(sample);
        console.log(
          `${workload.name.padEnd(17)} ${c.padEnd(6)} round ${round + 1}: ${sample.rps.toFixed(0)} req/s, p50 ${sample.p50} ms, p99 ${sample.p99} ms, gateway CPU ${sample.gatewayCpuMs} ms/req, errors ${sample.errors}`,
        );
      }
    }
  }
  return samples;
}
