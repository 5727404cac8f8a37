import type { ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './layout.ts';
import type { Options } from './options.ts';
import { formatSummary, readProfile, summarizeProfile } from './profile-summary.ts';
import type { Services } from './services.ts';

export const PROFILE_DIR = join(ROOT, 'bench/profiles');

/** A process started with --cpu-prof, and when it was started. */
export interface Profiled {
  name: string;
  child: ChildProcess;
  startedAt: number;
}

/** Node's flags for the processes --profile profiles (both gateways and the subgraphs); none without it. */
export const profileFlags = (profile: boolean) => (profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []);

export function profiledServices(services: Services, db: Options['db']): Profiled[] {
  return [
    { name: 'Our gateway', child: services.ours, startedAt: services.startedAt.ours },
    { name: 'Hive Gateway', child: services.hive, startedAt: services.startedAt.hive },
    {
      name: db === 'postgres' ? 'The subgraphs (one process)' : 'The subgraphs (one process, with the embedded database)',
      child: services.subgraphs,
      startedAt: services.startedAt.subgraphs,
    },
  ];
}

/** Where each profiled process spent its time under load; their profiles are written once they have exited. */
export function printProfiles(profiled: Profiled[], loadStartedAt: number) {
  for (const { name, child, startedAt } of profiled) {
    const file = readdirSync(PROFILE_DIR).find((f) => f.endsWith('.cpuprofile') && f.split('.').includes(String(child.pid)));
    // Start-up (loading modules, building the schema) is left out: only the time under load counts.
    if (file)
      console.log(
        `\n${formatSummary(`${name}, ${file}`, summarizeProfile(readProfile(join(PROFILE_DIR, file)), loadStartedAt - startedAt))}`,
      );
  }
  console.log(`\nCPU profiles of both gateways and the subgraphs are in ${PROFILE_DIR} (open them in Chrome DevTools or speedscope).`);
}
