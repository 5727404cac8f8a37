import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createLogger, JWKS_PATH, type SubgraphConfig } from '@supergraph/service-kit';
import { banner, demoToken, firstMenuItem, sampleOrderFlow } from './banner.ts';
import type { PlatformConfig } from './config.ts';
import { DEMO_SIZE } from './demo/dataset.ts';
import { createSubgraphs, loadDemoData, openDatabases } from './platform.ts';
import { eventLogJob } from './retention-ops.ts';
import { IDENTITY_PROVIDER, REGISTRY, SUBGRAPH_NAMES } from './subgraphs.ts';
import { resolveSecrets } from './secrets.ts';

const entry = (path: string) => fileURLToPath(new URL(`../../${path}/src/index.ts`, import.meta.url));

/**
 * The deployed shape on one machine: migrations and demo data first, then each subgraph and the
 * gateway as its own process against PostgreSQL, sharing only keys and URLs through the environment.
 */
export async function startSeparate(config: PlatformConfig, env: Record<string, string | undefined>) {
  const settings = (name: (typeof SUBGRAPH_NAMES)[number]): SubgraphConfig => config.subgraphs[name];
  const needsUrl = SUBGRAPH_NAMES.filter((n) => !settings(n).database.url);
  if (needsUrl.length > 0) {
    console.error(
      `--separate runs every service as its own process, so they cannot share an embedded database.\nSet DATABASE_URL (or ${needsUrl.map((n) => `${n.toUpperCase()}_DATABASE_URL`).join(', ')}), for example DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres.`,
    );
    process.exit(1);
  }
  const logger = createLogger('platform', config.gateway.logLevel);
  const secrets = await resolveSecrets(config);
  // Migrations and demo data first, with the subgraphs built in this process (not listening),
  // so the demo's events flow through their consumers before the real processes start.
  const databases = await openDatabases(config);
  const services = await createSubgraphs(config, databases, secrets);
  const logins = config.demoData ? await loadDemoData(databases, services, DEMO_SIZE, config, logger) : [];
  // Each subgraph process applies retention to its own tables; the shared event log's is this process's.
  const logRetention = eventLogJob(config, databases.events, services, logger);
  for (const service of Object.values(services)) await service.stop();

  const urlOf = (name: (typeof SUBGRAPH_NAMES)[number], path = '/graphql') => `http://${settings(name).host}:${settings(name).port}${path}`;
  const childEnv = {
    ...env,
    INTERNAL_TOKEN_SECRET: secrets.internalSecret,
    AUTH_SIGNING_KEY: secrets.signingKeyPem,
    AUTH_JWKS_URL: urlOf(IDENTITY_PROVIDER, JWKS_PATH),
    // The gateway reaches each subgraph where it was told to listen (<NAME>_PORT), not at supergraph.yaml's defaults.
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, urlOf(name)])),
  };
  // Each process gets the database settings of its own and no other: a subgraph its own database
  // (and the PostgreSQL event log, when events travel there), the gateway none. With a database per
  // subgraph (<NAME>_DATABASE_URL) and events on NATS, no process can name another's database.
  const DATABASE_SETTINGS = ['DATABASE_URL', 'EVENTS_DATABASE_URL', ...SUBGRAPH_NAMES.map((n) => `${n.toUpperCase()}_DATABASE_URL`)];
  const withoutDatabases = Object.fromEntries(Object.entries(childEnv).filter(([key]) => !DATABASE_SETTINGS.includes(key)));
  const envOf = (path: string): Record<string, string | undefined> => {
    const name = SUBGRAPH_NAMES.find((n) => path === `subgraphs/${n}`);
    if (!name) return withoutDatabases;
    const own = settings(name);
    return {
      ...withoutDatabases,
      [`${name.toUpperCase()}_DATABASE_URL`]: own.database.url,
      ...(own.events.transport.kind === 'postgres' && own.events.url ? { EVENTS_DATABASE_URL: own.events.url } : {}),
    };
  };
  const children: ChildProcess[] = [];
  // Each process has its own operations listener: the gateway's on METRICS_PORT, the subgraphs' on the ports after it.
  const metricsPort = (i: number) => config.gateway.operations.port + i;
  let stopping = false;
  /** Stops every child started (SIGTERM, then SIGKILL after 5 s) and waits until each has exited. */
  const stopChildren = async () => {
    stopping = true;
    const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
    for (const child of alive) child.kill('SIGTERM');
    const killer = setTimeout(() => {
      for (const child of alive) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }, 5_000);
    await Promise.all(
      alive.map((child) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())))),
    );
    clearTimeout(killer);
    await logRetention.stop();
    await databases.events.close();
  };
  const stopAll = (code: number) => {
    if (stopping) return;
    void stopChildren().then(() => process.exit(code));
  };
  let failedChild: ((error: Error) => void) | undefined;
  const childFailed = new Promise<never>((_, reject) => {
    failedChild = reject;
  });
  childFailed.catch(() => undefined);
  const run = (path: string, metricsPortOfChild: number) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry(path)], {
      env: { ...envOf(path), METRICS_PORT: String(metricsPortOfChild) },
      stdio: 'inherit',
    });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      // While starting, the start-up fails (and stops the others); later, the others are stopped here.
      if (failedChild)
        return failedChild(new Error(`${path} stopped while starting (${signal ?? `exit code ${code}`}); see its message above.`));
      logger.error({ service: path, code, signal }, 'a service stopped unexpectedly; stopping the others');
      stopAll(1);
    });
    children.push(child);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stopAll(0));

  const gatewayUrl = `http://${config.gateway.host}:${config.gateway.port}/graphql`;
  try {
    // A child that fails to start (its port taken, say) ends the wait at once, rather than after the readiness timeout.
    const started = async () => {
      for (const [i, { definition }] of REGISTRY.entries()) run(`subgraphs/${definition.name}`, metricsPort(i + 1));
      for (const name of SUBGRAPH_NAMES) await waitUntilReady(urlOf(name, '/ready'));
      run('gateway', metricsPort(0));
      await waitUntilReady(`http://${config.gateway.host}:${config.gateway.port}/ready`);
    };
    await Promise.race([started(), childFailed]);
    failedChild = undefined;
    logRetention.start();
  } catch (error) {
    // No process is left behind holding a port.
    await stopChildren();
    throw error;
  }

  const customerLogin = logins.find((l) => l.role === 'CUSTOMER');
  const token = customerLogin ? await demoToken(gatewayUrl, customerLogin) : undefined;
  const menuItemId = customerLogin ? await firstMenuItem(gatewayUrl, customerLogin.storeSlug) : undefined;
  const orderFlow = menuItemId ? sampleOrderFlow(menuItemId, Date.now().toString(36)) : undefined;
  const host = config.gateway.operations.host;
  const operations = `http://${host}:${metricsPort(0)} (gateway), ports ${metricsPort(1)}–${metricsPort(SUBGRAPH_NAMES.length)} (${SUBGRAPH_NAMES.join(', ')})`;
  console.log(banner({ gatewayUrl, operations, mode: 'separate processes, PostgreSQL', logins, token, orderFlow }));
}

/** Polls a readiness URL until it answers 2xx. */
export async function waitUntilReady(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs / 1000} seconds.`);
}
