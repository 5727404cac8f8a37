import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { type FSWatcher, watch } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '@supergraph/gateway';
import { loadEnvFile } from '@supergraph/service-kit';

const HELP = `The development loop: npm start on a persistent embedded database (.data/dev), restarted
a moment after any source file changes; when a subgraph's schema.graphql changes, the supergraph is
recomposed and the resolver types regenerated first (a composition error is shown and the running
platform kept). The banner's demo token lasts 8 hours (DEMO_TOKEN_TTL_SECONDS to change it).
The web app (apps/web) runs on Vite's dev server (WEB_PORT, default 4173), which reloads it as you
edit; a change to its documents regenerates its types and its manifest, which the gateway reloads.

Usage: npm run dev -- [options]

  --data-dir <dir>  Where the embedded database lives (default .data/dev). Delete it for fresh demo data.
  --watch <dir>     Watch this directory too (repeatable).
  --help            Show this help.`;

/** The web app's sources: served by Vite's dev server, not by a restart. */
const WEB_SOURCES = join(REPO_ROOT, 'apps/web/src');
/** Where sources live: every workspace's src, and the list of subgraphs. */
const WATCHED = ['gateway/src', 'platform/src', 'packages', 'subgraphs', 'supergraph.yaml'];
/** Files that change because of the loop itself, or that do not change what runs. */
const IGNORED = /(__generated__|node_modules|\.test\.ts$|\/drizzle\/meta\/|~$|\.swp$)/;

function main() {
  loadEnvFile();
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: join(REPO_ROOT, '.data/dev') },
      watch: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(HELP);

  const env: Record<string, string | undefined> = { NODE_ENV: 'development', ...process.env };
  // A long-lived demo token is for development only (production refuses the setting).
  if (env.NODE_ENV !== 'production') env.DEMO_TOKEN_TTL_SECONDS ??= String(8 * 3600);
  const webApp = env.WEB_APP === undefined || ['true', '1', 'yes'].includes(env.WEB_APP);
  // The platform serves the gateway; Vite serves the app (and the gateway still takes the app's manifest).
  if (webApp) env.PERSISTED_OPERATIONS_MANIFEST ??= join(REPO_ROOT, 'apps/web/src/__generated__/persisted-query-manifest.json');
  const platformEnv = { ...env, WEB_APP: 'false' };
  let vite: ChildProcess | undefined;
  if (webApp) {
    const port = env.WEB_PORT ?? '4173';
    vite = spawn(join(REPO_ROOT, 'node_modules/.bin/vite'), ['--port', port, '--strictPort', '--host', env.WEB_HOST ?? '127.0.0.1'], {
      cwd: join(REPO_ROOT, 'apps/web'),
      env: { ...env, VITE_GATEWAY_URL: `http://127.0.0.1:${env.GATEWAY_PORT ?? '4000'}/graphql` },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    console.log(`dev: the web app is on http://127.0.0.1:${port} (Vite; it reloads as you edit apps/web).`);
  }
  let child: ChildProcess | undefined;
  let stopping = false;
  const start = () => {
    child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'platform/src/start.ts'), '--data-dir', values['data-dir']!], {
      cwd: REPO_ROOT,
      env: platformEnv,
      stdio: 'inherit',
    });
    const started = child;
    started.on('exit', (code, signal) => {
      if (child === started && !stopping && !restarting)
        console.log(`dev: the platform stopped (${signal ?? `exit code ${code}`}); it starts again on the next change.`);
    });
  };
  const stopChild = () =>
    new Promise<void>((resolve) => {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return resolve();
      const killer = setTimeout(() => running.kill('SIGKILL'), 10_000);
      running.once('exit', () => {
        clearTimeout(killer);
        resolve();
      });
      running.kill('SIGTERM');
    });

  let restarting = false;
  let changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const restart = async () => {
    const files = [...changed];
    changed = new Set();
    restarting = true;
    try {
      const schemas = files.filter((f) => f.endsWith('schema.graphql') || f.endsWith('supergraph.yaml'));
      if (schemas.length > 0) {
        console.log(
          `dev: ${schemas.map((f) => relative(REPO_ROOT, f)).join(', ')} changed; recomposing and regenerating the resolver types…`,
        );
        const compose = spawnSync('npm', ['run', 'compose', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit', env });
        if (compose.status !== 0) {
          console.log('dev: the supergraph does not compose; the running platform is kept. Fix the SDL and save again.');
          return;
        }
        spawnSync('npm', ['run', 'codegen', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit', env });
      }
      console.log(`dev: ${files.length === 1 ? relative(REPO_ROOT, files[0]!) : `${files.length} files`} changed; restarting…`);
      await stopChild();
      if (!stopping) start();
    } finally {
      restarting = false;
      // Changes made while it restarted are taken now.
      if (changed.size > 0 && !stopping) schedule();
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (restarting) return;
      void restart();
    }, 300);
  };

  // The web app's documents: its types and manifest are generated again (the gateway reloads the manifest by itself).
  let webTimer: NodeJS.Timeout | undefined;
  const regenerateWeb = () => {
    clearTimeout(webTimer);
    webTimer = setTimeout(() => {
      const codegen = spawnSync('npm', ['run', 'codegen', '--silent', '-w', '@supergraph/web'], { cwd: REPO_ROOT, env, encoding: 'utf8' });
      if (codegen.status !== 0)
        console.log(`dev: the web app's documents do not validate against the schema:\n${codegen.stderr || codegen.stdout}`);
    }, 300);
  };

  const watchers: FSWatcher[] = [];
  if (webApp)
    watchers.push(
      watch(WEB_SOURCES, { recursive: true }, (_event, name) => {
        if (name && !IGNORED.test(name.toString()) && /\.tsx?$/.test(name.toString())) regenerateWeb();
      }),
    );
  for (const path of [...WATCHED.map((p) => join(REPO_ROOT, p)), ...values.watch!]) {
    watchers.push(
      watch(path, { recursive: true }, (_event, name) => {
        const file = name ? join(path, name.toString()) : path;
        if (IGNORED.test(file)) return;
        changed.add(file);
        schedule();
      }),
    );
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping = true;
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      vite?.kill('SIGTERM');
      void stopChild().then(() => process.exit(0));
    });
  }
  console.log(`dev: watching the sources; the embedded database is in ${relative(REPO_ROOT, values['data-dir']!) || values['data-dir']}.`);
  start();
}

main();
