import type { ChildProcess } from 'node:child_process';
import { measure, type Target } from './measure.ts';
import { memoryAfterGc, rssMb } from './processes.ts';
import { median } from './statistics.ts';
import type { Workload } from './workloads.ts';

/** Seconds the load runs on after the collection that ends the warm-up, before the soak's first reading (see soak). */
const SOAK_SETTLE_SECONDS = 15;

/**
 * Memory over time: the mixed workload on our gateway for `seconds` after a warm-up. RSS
 * saw-tooths as V8 grows its heap and collects it, so two single readings say more about where
 * in the cycle they fell than about leaks. The soak therefore compares RSS under load as the
 * median of its first 10 one-second readings against the median of its last 10, and passes when
 * they are within 10% of each other and no request failed. What a leak would grow, the heap in use
 * just after a full garbage collection, is read after the warm-up and at the end. The warm-up is
 * 60 s: after 20 s, memory outside V8's heap (the compiler's, the allocator's) was still settling.
 */
export async function soak(
  target: Target,
  gatewayProcess: ChildProcess,
  subgraphsPid: number,
  workload: Workload,
  seconds: number,
  warmUp: number,
  connections: number,
) {
  console.log(`Soak: warming up for ${warmUp} s, then ${seconds} s of the ${workload.name} workload on our gateway…`);
  // A full collection first: V8 sizes its heap from what survived the last full collection, so the
  // warm-up starts from what the gateway really holds, not from what start-up left behind.
  const beforeWarmUp = await memoryAfterGc(gatewayProcess);
  await measure(target, subgraphsPid, workload, false, warmUp, connections);
  const afterWarmUp = await memoryAfterGc(gatewayProcess);
  // That collection (and the idle second after it) leaves RSS below its level under load for a few
  // seconds; the load runs on for 15 s before the soak's own readings start.
  await measure(target, subgraphsPid, workload, false, SOAK_SETTLE_SECONDS, connections);
  const subgraphsAfterWarmUp = Math.round(rssMb(subgraphsPid));
  const series: { second: number; gatewayMb: number; subgraphsMb: number }[] = [];
  const read = () =>
    series.push({ second: series.length, gatewayMb: Math.round(rssMb(target.pid)), subgraphsMb: Math.round(rssMb(subgraphsPid)) });
  read();
  const timer = setInterval(read, 1000);
  const sample = await measure(target, subgraphsPid, workload, false, seconds, connections);
  clearInterval(timer);
  read();
  const atEnd = await memoryAfterGc(gatewayProcess);
  const change = (from: number, to: number) => +(((to - from) / from) * 100).toFixed(1);
  // RSS under load: the median of the soak's first 10 readings against the median of its last 10.
  const window = Math.min(10, Math.floor(series.length / 2));
  const rssAtStartMb = median(series.slice(0, window).map((p) => p.gatewayMb));
  const rssAtEndMb = median(series.slice(-window).map((p) => p.gatewayMb));
  const rssChange = change(rssAtStartMb, rssAtEndMb);
  const subgraphsAtEnd = Math.round(rssMb(subgraphsPid));
  return {
    seconds,
    warmUpSeconds: warmUp,
    connections,
    requests: sample.requests,
    rps: Math.round(sample.rps),
    errors: sample.errors,
    gateway: {
      beforeWarmUp,
      afterWarmUp,
      atEnd,
      rssAtStartMb,
      rssAtEndMb,
      rssChangePercent: rssChange,
      heapChangePercent: change(afterWarmUp.heapUsedMb, atEnd.heapUsedMb),
      peakRssMb: Math.max(...series.map((s) => s.gatewayMb)),
    },
    subgraphs: {
      afterWarmUpMb: subgraphsAfterWarmUp,
      atEndMb: subgraphsAtEnd,
      changePercent: change(subgraphsAfterWarmUp, subgraphsAtEnd),
      peakMb: Math.max(...series.map((s) => s.subgraphsMb)),
    },
    passed: Math.abs(rssChange) <= 10 && sample.errors === 0,
    series,
  };
}
export type SoakResult = Awaited<ReturnType<typeof soak>>;

/** The soak's section of the results, in markdown. */
export function soakLines(result: SoakResult) {
  const { gateway: g, subgraphs: s } = result;
  const signed = (n: number) => `${n >= 0 ? '+' : ''}${n}%`;
  return [
    `## Memory soak: ${result.seconds} s of the mixed workload on our gateway`,
    '',
    `A gateway of its own, ${result.warmUpSeconds} s of warm-up, then ${result.seconds} s: ${result.requests} requests (${result.rps} req/s, ${result.connections} connections), **${result.errors} errors**. ` +
      `Gateway RSS under load (median of 10 one-second readings) ${g.rssAtStartMb} MB at the start and ${g.rssAtEndMb} MB at the end: **${signed(g.rssChangePercent)}**, ` +
      `**${result.passed ? 'passed' : 'FAILED'}** (within 10%, no errors). Heap in use just after a full garbage collection: ${g.afterWarmUp.heapUsedMb} MB after the warm-up, ${g.atEnd.heapUsedMb} MB at the end (${signed(g.heapChangePercent)}). Peak RSS ${g.peakRssMb} MB.`,
    '',
    `The subgraphs' process: RSS ${s.afterWarmUpMb} → ${s.atEndMb} MB (${signed(s.changePercent)}, peak ${s.peakMb} MB); with the embedded database it holds the data too, and the soak adds orders and payments to it.`,
    '',
    `Gateway RSS each second (MB): ${result.series.map((p) => p.gatewayMb).join(' ')}`,
  ];
}
