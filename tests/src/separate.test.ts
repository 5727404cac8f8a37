import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createIsolatedDatabase, listenOn, platformPorts, processesMarked, runScript, skippedBecause, until } from './harness/index.ts';

/**
 * `npm start -- --separate`: every service its own process, as deployed. It honours every port
 * variable (the gateway is wired to the subgraphs where they listen), and when start-up fails it
 * stops every process it started. Needs PostgreSQL (the processes cannot share an embedded one).
 */
const serverUrl = process.env.DATABASE_URL;

let database: Awaited<ReturnType<typeof createIsolatedDatabase>> | undefined;
beforeAll(async () => {
  if (serverUrl) database = await createIsolatedDatabase(serverUrl, 'supergraph_separate');
});
afterAll(async () => {
  await database?.drop();
});

/** `npm start -- --separate --no-demo` on the ports `ports` names, its processes marked with `marker`. */
const separate = (ports: Record<string, string>, marker: string) =>
  runScript('platform/src/start.ts', ['--separate', '--no-demo'], {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database!.url,
    SUPERGRAPH_TEST_RUN: marker,
    ...ports,
  });

describe.skipIf(!serverUrl)(`npm start -- --separate${skippedBecause(!serverUrl && 'it needs PostgreSQL: set DATABASE_URL')}`, () => {
  test('honours every port variable: the gateway reaches each subgraph where it listens; stopping it stops them all', async () => {
    const marker = randomUUID();
    const ports = await platformPorts();
    const run = separate(ports.env, marker);
    let child: ChildProcess | undefined = run.child;
    try {
      await until(() => run.output().includes('Press Ctrl+C') || run.child.exitCode !== null, 90_000, 'the platform to start');
      expect(run.child.exitCode, run.output()).toBeNull();
      const answer = await fetch(`http://127.0.0.1:${ports.gateway}/graphql`, {
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
    const ports = await platformPorts();
    const squatter = await listenOn(ports.orders);
    try {
      const run = separate(ports.env, marker);
      const code = await Promise.race([run.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 90_000))]);
      if (code === 'timeout') run.child.kill('SIGKILL');
      expect(code, run.output()).toBe(1);
      expect(run.output()).toContain(`127.0.0.1:${ports.orders} is already in use by another process`);
      expect(run.output()).toContain('supergraph could not start');
      await until(() => processesMarked(marker).length === 0, 10_000, 'no process of the run to be left');
      // Every other port is free again.
      for (const port of [ports.gateway, ports.customers, ports.payments, ports.analytics]) (await listenOn(port)).close();
    } finally {
      squatter.close();
    }
  }, 120_000);
});
