import autocannon from 'autocannon';
import { PORTS, SUBGRAPH_URLS } from './layout.ts';
import { cpuMs, rssMb } from './processes.ts';
import { percentile } from './statistics.ts';
import type { Carry, Workload } from './workloads.ts';

export type Contender = 'ours' | 'hive' | 'direct';

/** Where a contender listens, and its process (whose memory and CPU time are read). */
export interface Target {
  url: string;
  pid: number;
}

export interface Sample {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  requests: number;
  peakRssMb: number;
  /** CPU time the gateway process (for direct: the replay process) spent per request. */
  gatewayCpuMs: number;
  /** CPU time the subgraphs' process spent per request. */
  subgraphsCpuMs: number;
  sqlPerRequest: Record<string, number>;
  fetchesPerRequest: number;
}

/** What each subgraph has done so far: SQL statements run and GraphQL requests answered. */
export type SubgraphCounters = Record<string, { sql: number; requests: number }>;

/** The platform's counters, from the subgraphs process's /metrics. */
async function platformCounters(): Promise<SubgraphCounters> {
  const text = await (await fetch(`http://127.0.0.1:${PORTS.subgraphsMetrics}/metrics`)).text();
  const counters: SubgraphCounters = {};
  for (const name of Object.keys(SUBGRAPH_URLS)) {
    const sum = (metric: string) =>
      text
        .split('\n')
        .filter((l) => l.startsWith(`${metric}{`) && l.includes(`service="${name}"`))
        .reduce((n, l) => n + Number(l.split(' ').at(-1)), 0);
    counters[name] = { sql: sum('db_statements_total'), requests: sum('graphql_requests_total') };
  }
  return counters;
}

/**
 * autocannon's run of the workload's sequence on every connection, with the failed responses
 * counted (a 200 with GraphQL errors fails too) and every response's time kept.
 */
async function load(target: Target, workload: Workload, direct: boolean, seconds: number, connections: number) {
  let errors = 0;
  // autocannon's summary has no p95, so every response time is kept and the percentiles are taken from them.
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        connections,
        duration: seconds,
        requests: workload.sequence.map((step) => ({
          method: 'POST',
          setupRequest: (req, carry) => {
            const call = step.next(carry as Carry);
            if (!call) return null as never;
            const path = direct ? call.directPath! : '/graphql';
            return {
              ...req,
              path,
              headers: { 'content-type': 'application/json', ...(call.token ? { authorization: `Bearer ${call.token}` } : {}) },
              body: call.body,
            };
          },
          onResponse: (status, body, carry) => {
            if (status !== 200 || body.includes('"errors"')) errors += 1;
            else step.onResponse?.(body, carry as Carry);
          },
        })),
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  });
  return { result, errors, times };
}

/** Drives one workload against one contender for `seconds`, through real HTTP; `counters` reads the subgraphs' counts. */
export async function measure(
  target: Target,
  subgraphsPid: number,
  workload: Workload,
  direct: boolean,
  seconds: number,
  connections: number,
  counters: () => Promise<SubgraphCounters> = platformCounters,
): Promise<Sample> {
  const before = await counters();
  const cpuBefore = { gateway: cpuMs(target.pid), subgraphs: cpuMs(subgraphsPid) };
  let peakRssMb = rssMb(target.pid);
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb(target.pid))), 100);
  const { result, errors, times } = await load(target, workload, direct, seconds, connections);
  times.sort((a, b) => a - b);
  clearInterval(sampler);
  const after = await counters();
  const requests = Math.max(1, result.requests.total);
  const perRequest = (value: number) => +(value / requests).toFixed(2);
  return {
    rps: result.requests.average,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: errors + result.non2xx + result.errors,
    requests: result.requests.total,
    peakRssMb: Math.round(peakRssMb),
    gatewayCpuMs: perRequest(cpuMs(target.pid) - cpuBefore.gateway),
    subgraphsCpuMs: perRequest(cpuMs(subgraphsPid) - cpuBefore.subgraphs),
    sqlPerRequest: Object.fromEntries(Object.keys(after).map((n) => [n, perRequest(after[n]!.sql - before[n]!.sql)])),
    fetchesPerRequest: perRequest(Object.keys(after).reduce((sum, n) => sum + after[n]!.requests - before[n]!.requests, 0)),
  };
}
