import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEDERATION_PORTS } from '../layout.ts';
import type { SubgraphCounters } from '../measure.ts';
import type { Options } from '../options.ts';
import { Children, exited, start } from '../processes.ts';
import { printProfiles, profileFlags, type Profiled } from '../profiling.ts';
import { measureRounds } from '../rounds.ts';
import { startContenders, type Running } from './contenders.ts';
import { writeFederationResults } from './report.ts';
import { composeFederation } from './subgraphs.ts';
import { FEDERATION_WORKLOAD, checkAnswer } from './workload.ts';

const SUBGRAPH_URLS = Object.fromEntries(
  Object.entries(FEDERATION_PORTS.subgraphs).map(([name, port]) => [name, `http://127.0.0.1:${port}/graphql`]),
) as Record<keyof typeof FEDERATION_PORTS.subgraphs, string>;

/** Requests each subgraph has answered, from the subgraphs process (which runs no SQL). */
async function counters(): Promise<SubgraphCounters> {
  const requests = (await (await fetch(`http://127.0.0.1:${FEDERATION_PORTS.subgraphs.accounts}/requests`)).json()) as Record<
    string,
    number
  >;
  return Object.fromEntries(Object.entries(requests).map(([name, count]) => [name, { sql: 0, requests: count }]));
}

const fetchesSoFar = async () => Object.values(await counters()).reduce((sum, c) => sum + c.requests, 0);

/**
 * Sends TestQuery once to every contender, alone: those whose answer is not the expected one are
 * refused, with why; for the others, how many subgraph fetches their query plan made for it.
 */
async function check(running: Running[]) {
  const refused: Record<string, string> = {};
  const planFetches: Record<string, number> = {};
  for (const { name, url } of running) {
    const before = await fetchesSoFar();
    const difference = await checkAnswer(url);
    planFetches[name] = (await fetchesSoFar()) - before;
    if (!difference) continue;
    refused[name] = difference;
    console.log(`${name}: its answer to TestQuery is not the expected one, so it is not measured (${difference}).`);
  }
  return { refused, planFetches };
}

/**
 * `--scenario federation`: the public gateways benchmark's four subgraphs and TestQuery, through
 * every contender in every read-merging mode, all started before the first is measured, all on the
 * same supergraph and subgraphs, taking turns round after round.
 */
export async function runFederation(options: Options) {
  const children = new Children();
  const nodeFlags = profileFlags(options.profile);
  const profiled: Profiled[] = [];
  let loadStartedAt = 0;
  const supergraphPath = join(tmpdir(), `bench-federation-${process.pid}.graphql`);
  process.once('exit', () => children.stopAll());
  try {
    console.log("Starting the public gateways benchmark's four subgraphs…");
    const subgraphsStartedAt = Date.now();
    const subgraphsEnv = { NODE_ENV: 'production', BENCH_SUBGRAPH_PORTS: JSON.stringify(FEDERATION_PORTS.subgraphs) };
    const subgraphs = children.track(
      await start('subgraphs', 'bench/src/federation/subgraphs-process.ts', subgraphsEnv, (l) => l.includes('"ready"'), nodeFlags),
    );
    writeFileSync(supergraphPath, composeFederation(SUBGRAPH_URLS));
    const running = await startContenders({ supergraphPath, subgraphUrls: SUBGRAPH_URLS, nodeFlags, children });
    if (options.profile) {
      profiled.push({ name: 'The subgraphs', child: subgraphs, startedAt: subgraphsStartedAt });
      profiled.push(...running.map(({ name, child, startedAt }) => ({ name, child, startedAt })));
    }

    const { refused, planFetches } = await check(running);
    const entrants = running
      .filter((r) => !refused[r.name])
      .map((r) => ({ name: r.name, target: { url: new URL(r.url).origin, pid: r.child.pid! } }));
    loadStartedAt = Date.now();
    const samples = await measureRounds(FEDERATION_WORKLOAD, entrants, subgraphs.pid!, options, counters);
    writeFederationResults(options, running, samples, refused, planFetches);
  } finally {
    children.stopAll();
    rmSync(supergraphPath, { force: true });
    // A CPU profile is written when its process exits.
    await Promise.all(profiled.map(({ child }) => exited(child)));
    if (options.profile && loadStartedAt > 0) printProfiles(profiled, loadStartedAt);
  }
}
