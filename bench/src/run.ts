import { join } from 'node:path';
import { createIsolatedDatabase } from '@supergraph/tests/harness';
import { benchCallers } from './callers.ts';
import { runDefer } from './defer/run.ts';
import { runDistributed } from './distributed/run.ts';
import { runFederation } from './federation/run.ts';
import { runScale } from './scale/run.ts';
import { PORTS, ROOT } from './layout.ts';
import { HELP, readOptions } from './options.ts';
import { Children, exited } from './processes.ts';
import { printProfiles, profiledServices, profileFlags, type Profiled } from './profiling.ts';
import { machineOf, writeResults, writeSoakResults } from './report.ts';
import { measureWorkloads } from './rounds.ts';
import { createShared, ourGatewayReady, restartOurGateway, startDirect, startServices, targetsOf } from './services.ts';
import { soak, type SoakResult } from './soak.ts';
import { runSubscriptions } from './subscriptions/run.ts';
import { loadWorkloads } from './workloads.ts';

type IsolatedDatabase = Awaited<ReturnType<typeof createIsolatedDatabase>>;

async function main() {
  const options = readOptions();
  if (!options) return console.log(HELP);
  if (options.scenario === 'federation') return runFederation(options);
  if (options.scenario === 'subscriptions') return runSubscriptions(options);
  if (options.scenario === 'defer') return runDefer(options);
  if (options.scenario === 'distributed') return runDistributed(options);
  if (options.scale) return runScale(options);
  const shared = await createShared();
  const children = new Children();
  const profiled: Profiled[] = [];
  let loadStartedAt = 0;
  process.once('exit', () => children.stopAll());

  // Every run starts from the same demo data: on PostgreSQL a database of its own, since the write
  // workloads add orders and a second run on the same database would read more data than the first.
  let isolated: IsolatedDatabase | undefined;
  try {
    if (options.db === 'postgres') isolated = await createIsolatedDatabase(process.env.DATABASE_URL!, 'supergraph_bench');
    const services = await startServices(shared, isolated?.url ?? '', profileFlags(options.profile), children);
    if (options.profile) profiled.push(...profiledServices(services, options.db));
    await ourGatewayReady();

    const callers = await benchCallers({
      gatewayUrl: `http://127.0.0.1:${PORTS.ours}/graphql`,
      privateKeyPem: shared.privateKeyPem,
      customers: options.callerCount,
      staffVariants: options.callerCount,
    });
    const all = loadWorkloads(join(ROOT, 'bench/workloads'), callers);
    const mixed = all.find((w) => w.name === 'mixed')!;
    const workloads = options.soak ? [] : options.quick ? all.filter((w) => w.reads) : all;
    const targets = targetsOf(services);
    if (workloads.some((w) => w.reads)) targets.direct.pid = (await startDirect(shared, workloads, children)).pid!;

    loadStartedAt = Date.now();
    const samples = await measureWorkloads(workloads, targets, services.subgraphs.pid!, options);
    let soakResult: SoakResult | undefined;
    if (!options.quick) {
      // The soak gets a gateway of its own, so what it measures is workload 4 and not memory the
      // workloads before it used (which the system takes back over minutes).
      const soaked = workloads.length > 0 ? await restartOurGateway(services.ours, shared, children) : services.ours;
      soakResult = await soak(
        { ...targets.ours, pid: soaked.pid! },
        soaked,
        services.subgraphs.pid!,
        mixed,
        options.soakSeconds,
        options.soakWarmUp,
        options.connections,
      );
    }

    const machine = machineOf(options);
    if (options.soak) return writeSoakResults(machine, soakResult!);
    writeResults(options, machine, samples, soakResult);
  } finally {
    await shutDown(children, profiled, isolated);
    if (options.profile && loadStartedAt > 0) printProfiles(profiled, loadStartedAt);
  }
}

/** Stops every child process, and waits for those whose exit matters: a profile to write, a database to drop. */
async function shutDown(children: Children, profiled: Profiled[], isolated: IsolatedDatabase | undefined) {
  children.stopAll();
  // A CPU profile is written when its process exits.
  await Promise.all(profiled.map(({ child }) => exited(child)));
  if (isolated) {
    // The services close their connections as they stop; the database goes after them.
    await Promise.all(children.all.map(exited));
    await isolated.drop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    console.error(`The benchmark failed: ${error instanceof Error ? error.message : String(error)}${cause}`);
    if (process.env.LOG_LEVEL === 'debug') console.error(error);
    process.exit(1);
  },
);
