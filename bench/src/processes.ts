import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './layout.ts';

/** Node's flags that preload the memory probe (memory-probe.ts); the process also needs an IPC channel. */
export const MEMORY_PROBE_FLAGS = ['--expose-gc', '--import', join(ROOT, 'bench/src/memory-probe.ts')];

/**
 * Starts a script of the repository under tsx; resolves once one of its output lines passes
 * `ready`. With `memoryProbe`, memoryAfterGc can read its memory.
 */
export function start(
  name: string,
  file: string,
  env: Record<string, string>,
  ready: (line: string) => boolean,
  nodeFlags: string[] = [],
  memoryProbe = false,
): Promise<ChildProcess> {
  const probe = memoryProbe ? MEMORY_PROBE_FLAGS : [];
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', ...probe, join(ROOT, file)], {
    env: { ...process.env, ...env },
    stdio: memoryProbe ? ['ignore', 'pipe', 'inherit', 'ipc'] : ['ignore', 'pipe', 'inherit'],
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

/** A process's memory just after a full garbage collection (see memory-probe.ts), in MB. */
export interface MemoryReading {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
}

/** Asks a process started with the memory probe for its memory just after a full garbage collection. */
export function memoryAfterGc(child: ChildProcess): Promise<MemoryReading> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The process did not report its memory (is the memory probe loaded?).')), 10_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as MemoryReading);
    });
    child.send('memory');
  });
}
