import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '@supergraph/gateway';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

/**
 * `npm run new-subgraph -- loyalty` in a copy of the repository: the proof that a new domain takes
 * one command and that the customers subgraph does not know who consumes it. The copy holds every
 * file of the working tree; its node_modules points at this checkout's packages (an npm install
 * per test run would take minutes), so the one new workspace is linked by hand, as npm install
 * would link it.
 */
let copy: string;
/** This process's environment without vitest's own variables, so a vitest started in the copy is a run of its own (and writes no report over CI's). */
const cleanEnv = () => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS')),
  NO_COLOR: '1',
});
const sh = (command: string, args: string[]) =>
  spawnSync(command, args, { cwd: copy, encoding: 'utf8', env: cleanEnv(), timeout: 240_000 });

function copyOfTheRepository(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'supergraph-scaffold-')), 'repo');
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(REPO_ROOT, file))) continue; // deleted in the working tree, not yet committed
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(join(REPO_ROOT, file), join(root, file));
  }
  // Packages: the checkout's own, except the workspaces, which must be the copy's.
  mkdirSync(join(root, 'node_modules/@supergraph'), { recursive: true });
  for (const entry of readdirSync(join(REPO_ROOT, 'node_modules'))) {
    if (entry !== '@supergraph') symlinkSync(join(REPO_ROOT, 'node_modules', entry), join(root, 'node_modules', entry));
  }
  for (const workspace of readdirSync(join(REPO_ROOT, 'node_modules/@supergraph'))) {
    symlinkSync(readlinkSync(join(REPO_ROOT, 'node_modules/@supergraph', workspace)), join(root, 'node_modules/@supergraph', workspace));
  }
  for (const dir of [
    ...readdirSync(join(REPO_ROOT, 'subgraphs')).map((s) => `subgraphs/${s}`),
    'packages/service-kit',
    'gateway',
    'platform',
    'tests',
    'bench',
    'tools',
  ]) {
    const nested = join(REPO_ROOT, dir, 'node_modules');
    if (existsSync(nested) && existsSync(join(root, dir))) symlinkSync(nested, join(root, dir, 'node_modules'));
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd: root });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'before the scaffold');
  return root;
}

/** Files the scaffold changed or added, as `git status` names them (the package links left out). */
const changed = () =>
  execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: copy, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3))
    .filter((path) => !path.endsWith('node_modules'));

let scaffold: ReturnType<typeof sh>;
beforeAll(() => {
  copy = copyOfTheRepository();
  scaffold = sh('npm', ['run', 'new-subgraph', '--', 'loyalty', '--skip-install']);
  symlinkSync('../../subgraphs/loyalty', join(copy, 'node_modules/@supergraph/loyalty'));
}, 240_000);
afterAll(() => {
  if (copy) rmSync(dirname(copy), { recursive: true, force: true });
});

describe('a new domain in one command', () => {
  test('npm run new-subgraph -- loyalty succeeds and says what it did', () => {
    expect(scaffold.stderr).toBe('');
    expect(scaffold.status).toBe(0);
    expect(scaffold.stdout).toContain('Customer.loyalty is in gateway/supergraph.graphql');
  });

  test("it changes the registry, the platform's dependencies, supergraph.yaml, the supergraph and the client schema, adds the subgraph and its test, and nothing under subgraphs/customers", () => {
    const paths = changed();
    expect(paths.filter((p) => p.startsWith('subgraphs/customers/'))).toEqual([]);
    expect(paths.filter((p) => !p.startsWith('subgraphs/loyalty/')).sort()).toEqual(
      [
        'gateway/api-schema.graphql',
        'gateway/supergraph.graphql',
        'platform/package.json',
        'platform/src/subgraphs.ts',
        'supergraph.yaml',
        'tests/src/loyalty.test.ts',
      ].sort(),
    );
    for (const file of [
      'src/schema.graphql',
      'src/server.ts',
      'src/resolvers/Customer.ts',
      'src/db/schema.ts',
      'src/__generated__/resolvers-types.ts',
      'drizzle/0000_init.sql',
    ]) {
      expect(paths).toContain(`subgraphs/loyalty/${file}`);
    }
    expect(readFileSync(join(copy, 'gateway/supergraph.graphql'), 'utf8')).toMatch(/loyalty: Loyalty @join__field\(graph: LOYALTY\)/);
  });

  test('the new subgraph and the platform typecheck', () => {
    for (const project of ['subgraphs/loyalty', 'platform']) {
      const result = sh(join(REPO_ROOT, 'node_modules/.bin/tsc'), ['-p', project]);
      expect(result.stdout + result.stderr, project).toBe('');
    }
  }, 120_000);

  test('what it generated passes the linter and formatter as written (npm run lint)', () => {
    const result = sh(join(REPO_ROOT, 'node_modules/.bin/biome'), ['check', '.']);
    expect(result.status, result.stdout + result.stderr).toBe(0);
  }, 60_000);

  test('started with the platform, the profile query returns the new field through the gateway (the generated test)', () => {
    const result = sh(join(REPO_ROOT, 'node_modules/.bin/vitest'), ['run', 'tests/src/loyalty.test.ts', 'tests/src/registry.test.ts']);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/loyalty\.test\.ts \(3 tests\)/);
    expect(result.stdout).toMatch(/Tests\s+6 passed/);
  }, 240_000);

  test('the data-rights tests cover the new domain unchanged: its part is in the export, and after an erasure nothing in its schema identifies the person', () => {
    const result = sh(join(REPO_ROOT, 'node_modules/.bin/vitest'), ['run', 'tests/src/personal-data.test.ts', 'tests/src/erasure.test.ts']);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/personal-data\.test\.ts \(\d+ tests\)/);
    expect(result.stdout).toMatch(/erasure\.test\.ts \(\d+ tests\)/);
    expect(result.stdout).not.toMatch(/skipped/);
  }, 240_000);
});
