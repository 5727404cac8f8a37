import { readFileSync } from 'node:fs';
import { readPlatformConfig } from '@supergraph/platform';
import { WEB_MANIFEST } from '@supergraph/web/paths';
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

    // The web app beside the gateway: its page, where the gateway is, and its operations served by
    // id at the gateway (the app's manifest, in the development posture: arbitrary operations still run, above).
    expect(output()).toContain(`Web app:  http://127.0.0.1:${ports.web}`);
    const page = await fetch(`http://127.0.0.1:${ports.web}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' http://127.0.0.1:${ports.gateway}`);
    expect(await page.text()).toContain('<div id="root">');
    expect(await (await fetch(`http://127.0.0.1:${ports.web}/config.json`)).json()).toEqual({
      gatewayUrl: `http://127.0.0.1:${ports.gateway}/graphql`,
    });
    expect((await fetch(`http://127.0.0.1:${ports.web}/assets/nothing-here.js`)).status).toBe(404);
    const stores = (JSON.parse(readFileSync(WEB_MANIFEST, 'utf8')) as { operations: { id: string; name: string }[] }).operations.find(
      (o) => o.name === 'Stores',
    )!;
    const byId = await fetch(`http://127.0.0.1:${ports.gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: stores.id } } }),
    });
    expect(((await byId.json()) as { data: { stores: unknown[] } }).data.stores).toHaveLength(3);
  } finally {
    await run.stop();
  }
}, 120_000);

test('DEMO_TOKEN_TTL_SECONDS is refused in production', () => {
  expect(() => readPlatformConfig({ NODE_ENV: 'production', DEMO_TOKEN_TTL_SECONDS: '86400' })).toThrow(
    /DEMO_TOKEN_TTL_SECONDS: is for development only/,
  );
});

test('the web app is served in development with its manifest at the gateway (audit), and in production only when asked', () => {
  const development = readPlatformConfig({ NODE_ENV: 'development' });
  expect(development.web).toEqual({ enabled: true, host: '127.0.0.1', port: 4173 });
  expect(development.gateway.persistedOperations).toEqual({ manifest: WEB_MANIFEST, mode: 'audit' });
  // A manifest of one's own, or persisted operations off, wins over the app's.
  expect(readPlatformConfig({ NODE_ENV: 'development', PERSISTED_OPERATIONS: 'off' }).gateway.persistedOperations.manifest).toBeUndefined();
  expect(readPlatformConfig({ NODE_ENV: 'development', WEB_APP: 'false' }).gateway.persistedOperations.mode).toBe('off');

  const production = readPlatformConfig({ NODE_ENV: 'production' });
  expect(production.web.enabled).toBe(false);
  expect(production.gateway.persistedOperations.manifest).toBeUndefined();
  const served = readPlatformConfig({ NODE_ENV: 'production', WEB_APP: 'true', WEB_PORT: '8080', CORS_ORIGINS: 'https://app.example.com' });
  expect(served.gateway.corsOrigins).toEqual(['https://app.example.com', 'http://127.0.0.1:8080']);

  expect(() => readPlatformConfig({ NODE_ENV: 'development', WEB_APP: 'maybe', WEB_PORT: 'x' })).toThrow(
    /WEB_APP: must be true or false[\s\S]*WEB_PORT/,
  );
});
