import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { platformPorts, processesMarked, runScript, until } from './harness/index.ts';

/**
 * `npm run dev` (platform/src/dev.ts): the platform on a persistent embedded database, restarted
 * when a watched file changes, on the same data. A directory of the test's own is watched too, so
 * that the test changes a file without touching the sources other tests run.
 */
test('a change restarts the platform on the same data, with a long-lived demo token; stopping it stops everything', async () => {
  const ports = await platformPorts();
  const dataDir = mkdtempSync(join(tmpdir(), 'supergraph-dev-data-'));
  const watched = mkdtempSync(join(tmpdir(), 'supergraph-dev-src-'));
  const marker = randomUUID();
  const run = runScript('platform/src/dev.ts', ['--data-dir', dataDir, '--watch', watched], {
    LOG_LEVEL: 'warn',
    SUPERGRAPH_TEST_RUN: marker,
    ...ports.env,
  });
  const output = run.output;
  const banners = () => output().split('Press Ctrl+C').length - 1;
  try {
    await until(() => banners() >= 1, 90_000, 'the first start', output);
    expect(output()).toContain('Starting; loading the demo data');
    const token = /Authorization: Bearer (\S+)/.exec(output())?.[1] ?? '';
    expect(token, output()).not.toBe('');
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(8 * 3600);
    // The web app, on Vite's dev server (it serves the sources, reloading as they change).
    expect(output()).toContain(`the web app is on http://127.0.0.1:${ports.web}`);
    await until(async () => (await fetch(`http://127.0.0.1:${ports.web}/`).catch(() => undefined))?.ok === true, 30_000, 'Vite');
    expect(await (await fetch(`http://127.0.0.1:${ports.web}/`)).text()).toContain('/src/main.tsx');

    writeFileSync(join(watched, 'resolver.ts'), 'export const changed = true;\n');
    await until(() => banners() >= 2, 90_000, 'the restart', output);
    expect(output()).toContain('resolver.ts changed; restarting…');
    expect(output()).toContain(`Starting on the data in ${dataDir}`);
    // The token from before the restart still works: same data, same keys.
    const answer = await fetch(`http://127.0.0.1:${ports.gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { email } }' }),
    });
    expect(await answer.json()).toEqual({ data: { me: { email: 'ada@napoli.example' } } });

    // A schema file changing recomposes the supergraph and regenerates the resolver types before
    // the restart (the SDLs themselves are unchanged here, so the composition is the same).
    writeFileSync(join(watched, 'schema.graphql'), 'type Query { changed: Boolean }\n');
    await until(() => banners() >= 3, 120_000, 'the restart after a schema change', output);
    expect(output()).toContain('schema.graphql changed; recomposing and regenerating the resolver types…');
    expect(output()).toContain('Composed gateway/supergraph.graphql from supergraph.yaml');
  } finally {
    await run.stop();
  }
  await until(() => processesMarked(marker).length === 0, 15_000, 'every process to stop', output);
}, 240_000);
