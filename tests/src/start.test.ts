import { readPlatformConfig } from '@supergraph/platform';
import { expect, test } from 'vitest';
import { platformPorts, runScript, until } from './harness/index.ts';

/** `npm start` as a person runs it (platform/src/start.ts), on free ports. */

test('DEMO_TOKEN_TTL_SECONDS (development only) makes the banner token long-lived, and it works at the gateway; the banner says what starting loads', async () => {
  const ports = await platformPorts();
  const run = runScript('platform/src/start.ts', [], {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DEMO_TOKEN_TTL_SECONDS: '86400',
    ...ports.env,
  });
  const output = run.output;
  try {
    await until(() => output().includes('Press Ctrl+C') || run.child.exitCode !== null, 90_000, 'the platform to start', output);
    expect(output()).toContain('Starting; loading the demo data through the event log');
    const token = /Authorization: Bearer (\S+)/.exec(output())?.[1];
    expect(token, output()).toBeDefined();
    const claims = JSON.parse(Buffer.from(token!.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(86400);
    const answer = await fetch(`http://127.0.0.1:${ports.gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { email } }' }),
    });
    expect(await answer.json()).toEqual({ data: { me: { email: 'ada@napoli.example' } } });
  } finally {
    await run.stop();
  }
}, 120_000);

test('DEMO_TOKEN_TTL_SECONDS is refused in production', () => {
  expect(() => readPlatformConfig({ NODE_ENV: 'production', DEMO_TOKEN_TTL_SECONDS: '86400' })).toThrow(
    /DEMO_TOKEN_TTL_SECONDS: is for development only/,
  );
});
