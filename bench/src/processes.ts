import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './layout.ts';

/** Starts a script of the repository under tsx; resolves once one of its output lines passes `ready`. */
export function start(
  name: string,
  file: string,
  env: Record<string, string>,
  ready: (line: string) => boolean,
  nodeFlags: string[] = [],
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', join(ROOT, file)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.split('\n').some(ready)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready`)));
  });
}

/** Resolves when the process has exited, at once if it already has (by code or by signal). */
export const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** Every child process of a run, in the order started, so that all of them are stopped however the run ends. */
export class Children {
  readonly all: ChildProcess[] = [];

  track(child: ChildProcess): ChildProcess {
    this.all.push(child);
    return child;
  }

  stopAll(): void {
    for (const child of this.all) child.kill('SIGTERM');
  }
}

export const rssMb = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024;
};

/** User + system CPU time of a process so far, in milliseconds (Linux clock ticks are 10 ms). */
export const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
