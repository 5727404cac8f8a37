import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@supergraph/gateway';
import { generateInternalSecret } from '@supergraph/service-kit';
import { afterEach, describe, expect, test } from 'vitest';

/**
 * `.env` is read at start by every entry point (here the gateway's, as deployed), with Node's own
 * env-file reader: its values are validated like exported ones, and an exported variable wins.
 */
const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

function envFile(lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'supergraph-env-')), '.env');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Starts the gateway with only `env` (and PATH); resolves with its exit code and output, or once `until` appears in its output. */
function gateway(env: Record<string, string>, until?: RegExp): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'gateway/src/index.ts')], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', GATEWAY_PORT: '0', METRICS_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) resolve({ code: null, output });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('.env', () => {
  test("a value in .env is checked like an exported one: a typo'd LOG_LEVEL is refused with a clear message", async () => {
    const file = envFile(['# a comment', 'LOG_LEVEL=loud', 'MAX_QUERY_DEPTH=deep']);
    const { code, output } = await gateway({ ENV_FILE: file });
    expect(code).toBe(1);
    expect(output).toContain('LOG_LEVEL:');
    expect(output).toContain('MAX_QUERY_DEPTH:');
    expect(output).toContain('See .env.example');
  });

  test('an exported variable wins over .env, and the rest of .env is used', async () => {
    const file = envFile(['LOG_LEVEL=loud', `INTERNAL_TOKEN_SECRET=${generateInternalSecret()}`]);
    const { code, output } = await gateway({ ENV_FILE: file, LOG_LEVEL: 'info' }, /gateway is listening/);
    expect(code).toBeNull();
    expect(output).toContain('gateway is listening');
  });

  test('ENV_FILE naming a file that does not exist is an error, not silence', async () => {
    const { code, output } = await gateway({ ENV_FILE: '/nonexistent/.env' });
    expect(code).toBe(1);
    expect(output).toContain('ENV_FILE names /nonexistent/.env, which does not exist.');
  });
});
