import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '@supergraph/gateway';
import { readPlatformConfig } from '@supergraph/platform';
import { expect, test } from 'vitest';

/** `npm start` as a person runs it (platform/src/start.ts), on free ports. */

async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<ReturnType<typeof createServer>>((r) => {
          const s = createServer();
          s.listen(0, '127.0.0.1', () => r(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

test('DEMO_TOKEN_TTL_SECONDS (development only) makes the banner token long-lived, and it works at the gateway; the banner says what starting loads', async () => {
  const [gateway, customers, orders, payments, analytics, metrics] = await freePorts(6);
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'platform/src/start.ts')], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DEMO_TOKEN_TTL_SECONDS: '86400',
      GATEWAY_PORT: String(gateway),
      CUSTOMERS_PORT: String(customers),
      ORDERS_PORT: String(orders),
      PAYMENTS_PORT: String(payments),
      ANALYTICS_PORT: String(analytics),
      METRICS_PORT: String(metrics),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    output += c.toString();
  });
  try {
    const deadline = Date.now() + 90_000;
    while (!output.includes('Press Ctrl+C') && child.exitCode === null && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(output).toContain('Starting; loading the demo data through the event log');
    const token = /Authorization: Bearer (\S+)/.exec(output)?.[1];
    expect(token, output).toBeDefined();
    const claims = JSON.parse(Buffer.from(token!.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(86400);
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
}, 120_000);

test('DEMO_TOKEN_TTL_SECONDS is refused in production', () => {
  expect(() => readPlatformConfig({ NODE_ENV: 'production', DEMO_TOKEN_TTL_SECONDS: '86400' })).toThrow(
    /DEMO_TOKEN_TTL_SECONDS: is for development only/,
  );
});
