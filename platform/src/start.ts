import { existsSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { staleSupergraph, SUPERGRAPH_SDL } from '@supergraph/gateway';
import { loadEnvFile, loadOrExit, startTracing, stopOnSignal } from '@supergraph/service-kit';
import { banner, demoToken, firstMenuItem, sampleOrderFlow } from './banner.ts';
import { startPlatform } from './platform.ts';
import { type PlatformConfig, readPlatformConfig } from './config.ts';
import { startSeparate } from './separate.ts';
import { buildWebApp, serveWebApp } from './web.ts';

const HELP = `Starts the supergraph: the gateway and the customers, orders, payments and analytics subgraphs.

Usage: npm start -- [options]

Options:
  --data-dir <dir>  Keep the embedded database (and development keys) in <dir> instead of in memory.
  --no-demo         Do not load demo data.
  --separate        Run each service as its own process, as deployed. Needs DATABASE_URL.
                    (The web app is not served then: deploy its build, npm run build -w @supergraph/web.)
  --help            Show this help.

Without DATABASE_URL everything runs on an embedded PostgreSQL (PGlite): no server, no Docker.
Every setting can also come from the environment or from .env (exported variables win; ENV_FILE
names another file); see .env.example.`;

async function main() {
  loadEnvFile();
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      demo: { type: 'boolean', default: true },
      separate: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowNegative: true,
  });
  if (values.help) return console.log(HELP);

  const env = {
    ...process.env,
    ...(values['data-dir'] ? { DATA_DIR: values['data-dir'] } : {}),
    ...(values.demo === false ? { DEMO_DATA: 'false' } : {}),
  };
  const config = loadOrExit(() => readPlatformConfig(env));
  if (values.separate) return startSeparate(config, env);

  if (config.demoData) console.log(startingMessage(config));
  // In development the SDLs are edited here: say so when the composed supergraph has fallen behind them.
  const stale = config.gateway.development && config.gateway.supergraphPath === SUPERGRAPH_SDL ? staleSupergraph() : undefined;
  if (stale) console.warn(`Warning: ${stale}`);
  const tracing = config.tracing.enabled ? startTracing({ serviceName: config.tracing.serviceName }) : undefined;
  // Built before the platform starts (a second, and only when apps/web changed), so a broken app says so at once.
  const webBuild = config.web.enabled ? await buildWebApp((line) => console.log(line)) : undefined;
  const platform = await startPlatform({ config });
  const web = webBuild
    ? await serveWebApp({ dir: webBuild, host: config.web.host, port: config.web.port, gatewayUrl: platform.gatewayUrl }).catch(
        async (error: NodeJS.ErrnoException) => {
          await platform.stop();
          throw error.code === 'EADDRINUSE'
            ? new Error(`port ${config.web.port} of the web app is taken by another program: set WEB_PORT to a free one, or WEB_APP=false.`)
            : error;
        },
      )
    : undefined;
  const customerLogin = platform.demoLogins.find((l) => l.role === 'CUSTOMER');
  const longLived = config.demoTokenTtlSeconds ? { keys: platform.signingKeys, ttlSeconds: config.demoTokenTtlSeconds } : undefined;
  const token = customerLogin ? await demoToken(platform.gatewayUrl, customerLogin, longLived) : undefined;
  const menuItemId = customerLogin ? await firstMenuItem(platform.gatewayUrl, customerLogin.storeSlug) : undefined;
  const orderFlow = menuItemId ? sampleOrderFlow(menuItemId, Date.now().toString(36)) : undefined;
  const mode =
    platform.databaseKind === 'pglite'
      ? `one process, embedded database ${config.dataDir ? `in ${config.dataDir}` : 'in memory'}`
      : 'one process, PostgreSQL';
  console.log(
    banner({
      gatewayUrl: platform.gatewayUrl,
      operations: platform.operationsUrl,
      webUrl: web?.url,
      mode,
      logins: platform.demoLogins,
      token,
      orderFlow,
    }),
  );

  process.on('SIGHUP', () => void platform.reloadSupergraph());
  stopOnSignal(
    () => console.log('Stopping…'),
    () => web?.close(),
    () => platform.stop(),
    () => tracing?.shutdown(),
  );
}

/** What starting will take: demo data is loaded only into an empty database. */
function startingMessage(config: PlatformConfig): string {
  if (config.dataDir && existsSync(config.dataDir) && readdirSync(config.dataDir).length > 0)
    return `Starting on the data in ${config.dataDir}…`;
  if (Object.values(config.subgraphs).some((s) => s.database.url))
    return 'Starting; demo data is loaded through the event log if the database has none yet…';
  return 'Starting; loading the demo data through the event log, which takes a few seconds…';
}

main().catch((error) => {
  console.error(
    `supergraph could not start: ${error instanceof Error ? error.message : String(error)}`,
    error instanceof Error && error.cause ? `(${String((error.cause as Error).message ?? error.cause)})` : '',
  );
  process.exit(1);
});
