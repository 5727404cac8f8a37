import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '@supergraph/gateway';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createIsolatedDatabase } from './harness/index.ts';

/**
 * `npm start -- --separate`: every service its own process, as deployed. It honours every port
 * variable (the gateway is wired to the subgraphs where they listen), and when start-up fails it
 * stops every process it started. Needs PostgreSQL (the processes cannot share an embedded one).
 */
const serverUrl = process.env.DATABASE_URL;
const SERVICES = ['GATEWAY', 'CUSTOMERS', 'ORDERS', 'PAYMENTS', 'ANALYTICS'] as const;

let database: Awaited<ReturnType<typeof createIsolatedDatabase>> | undefined;
beforeAll(async () => {
  if (serverUrl) database = await createIsolatedDatabase(serverUrl, 'supergraph_separate');
});
afterAll(async () => {
  await database?.drop();
});

async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, () => listenOn(0)));
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

const listenOn = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

/** Processes (other than this one) whose environment carries the marker: what a run left behind. */
function processesMarked(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(join('/proc', entry, 'environ'), 'utf8').includes(marker)) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

async function separate(ports: Record<(typeof SERVICES)[number], number>, metricsPort: number, marker: string) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database!.url,
    METRICS_PORT: String(metricsPort),
    SUPERGRAPH_TEST_RUN: marker,
    ...Object.fromEntries(SERVICES.map((s) => [`${s}_PORT`, String(ports[s])])),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'platform/src/start.ts'), '--separate', '--no-demo'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!serverUrl)('npm start -- --separate (skipped, because it needs PostgreSQL: set DATABASE_URL)', () => {
  test('honours every port variable: the gateway reaches each subgraph where it listens; stopping it stops them all', async () => {
    const marker = randomUUID();
    const [gateway, customers, orders, payments, analytics, metrics] = (await freePorts(6)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const run = await separate(
      { GATEWAY: gateway, CUSTOMERS: customers, ORDERS: orders, PAYMENTS: payments, ANALYTICS: analytics },
      metrics,
      marker,
    );
    let child: ChildProcess | undefined = run.child;
    try {
      await until(() => run.output().includes('Press Ctrl+C') || run.child.exitCode !== null, 90_000, 'the platform to start');
      expect(run.child.exitCode, run.output()).toBeNull();
      const answer = await fetch(`http://127.0.0.1:${gateway}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ stores { slug menu { name } } }' }),
      });
      const body = (await answer.json()) as { data?: unknown; errors?: unknown };
      expect(body.errors).toBeUndefined();
      run.child.kill('SIGTERM');
      await run.exited;
      child = undefined;
      await until(() => processesMarked(marker).length === 0, 10_000, 'every service to stop');
    } finally {
      child?.kill('SIGKILL');
    }
  }, 120_000);

  test('a port taken by another process: a clear error, and no process left behind', async () => {
    const marker = randomUUID();
    const [gateway, customers, orders, payments, analytics, metrics] = (await freePorts(6)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const squatter = await listenOn(orders);
    try {
      const run = await separate(
        { GATEWAY: gateway, CUSTOMERS: customers, ORDERS: orders, PAYMENTS: payments, ANALYTICS: analytics },
        metrics,
        marker,
      );
      const code = await Promise.race([run.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 90_000))]);
      if (code === 'timeout') run.child.kill('SIGKILL');
      expect(code, run.output()).toBe(1);
      expect(run.output()).toContain(`127.0.0.1:${orders} is already in use by another process`);
      expect(run.output()).toContain('supergraph could not start');
      await until(() => processesMarked(marker).length === 0, 10_000, 'no process of the run to be left');
      // Every other port is free again.
      for (const port of [gateway, customers, payments, analytics]) (await listenOn(port)).close();
    } finally {
      squatter.close();
    }
  }, 120_000);
});
