import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@supergraph/gateway';
import { expect, test } from 'vitest';

/**
 * `npm run dev` (platform/src/dev.ts): the platform on a persistent embedded database, restarted
 * when a watched file changes, on the same data. A directory of the test's own is watched too, so
 * that the test changes a file without touching the sources other tests run.
 */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve) => {
          const server = createServer();
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

const marked = (marker: string) =>
  readdirSync('/proc').filter((entry) => {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) return false;
    try {
      return readFileSync(join('/proc', entry, 'environ'), 'utf8').includes(marker);
    } catch {
      return false;
    }
  });

async function until(check: () => boolean, timeoutMs: number, what: string, output: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${what}; output:\n${output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a change restarts the platform on the same data, with a long-lived demo token; stopping it stops everything', async () => {
  const [gateway, customers, orders, payments, analytics, metrics] = await freePorts(6);
  const dataDir = mkdtempSync(join(tmpdir(), 'supergraph-dev-data-'));
  const watched = mkdtempSync(join(tmpdir(), 'supergraph-dev-src-'));
  const marker = randomUUID();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'platform/src/dev.ts'), '--data-dir', dataDir, '--watch', watched],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'warn',
        SUPERGRAPH_TEST_RUN: marker,
        GATEWAY_PORT: String(gateway),
        CUSTOMERS_PORT: String(customers),
        ORDERS_PORT: String(orders),
        PAYMENTS_PORT: String(payments),
        ANALYTICS_PORT: String(analytics),
        METRICS_PORT: String(metrics),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const banners = () => output.split('Press Ctrl+C').length - 1;
  try {
    await until(
      () => banners() >= 1,
      90_000,
      'the first start',
      () => output,
    );
    expect(output).toContain('Starting; loading the demo data');
    const token = /Authorization: Bearer (\S+)/.exec(output)?.[1] ?? '';
    expect(token, output).not.toBe('');
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(8 * 3600);

    writeFileSync(join(watched, 'resolver.ts'), 'export const changed = true;\n');
    await until(
      () => banners() >= 2,
      90_000,
      'the restart',
      () => output,
    );
    expect(output).toContain('resolver.ts changed; restarting…');
    expect(output).toContain(`Starting on the data in ${dataDir}`);
    // The token from before the restart still works: same data, same keys.
    const answer = await fetch(`http://127.0.0.1:${gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { email } }' }),
    });
    expect(await answer.json()).toEqual({ data: { me: { email: 'ada@napoli.example' } } });
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  }
  await until(
    () => marked(marker).length === 0,
    15_000,
    'every process to stop',
    () => output,
  );
}, 240_000);
