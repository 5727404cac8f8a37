import { mkdirSync, readFileSync } from 'node:fs';
import { createServer as createAnalytics, openAnalyticsDatabase } from '@supergraph/analytics';
import { createServer as createCustomers, openCustomersDatabase, seedDemo as seedCustomers } from '@supergraph/customers';
import { createServer as createGateway } from '@supergraph/gateway';
import { advanceDemoOrders, createServer as createOrders, openOrdersDatabase, seedDemo as seedOrders } from '@supergraph/orders';
import { createServer as createPayments, openPaymentsDatabase, payDemoOrders } from '@supergraph/payments';
import {
  createEmbeddedDatabase,
  createLogger,
  listenOperations,
  PostgresEventLog,
  SigningKeyStore,
  type Database,
  type DatabaseTarget,
  type DestinationStream,
  type EventRuntime,
  type Logger,
  type RunningServer,
  type Service,
  type StatementCounter,
  type SubgraphConfig,
  type SubgraphName,
} from '@supergraph/service-kit';
import type { PGlite } from '@electric-sql/pglite';
import type { PlatformConfig } from './config.ts';
import { buildDataset, DEMO_SIZE, type DatasetSize, type DemoLogin } from './demo/dataset.ts';
import { resolveSecrets, type PlatformSecrets } from './secrets.ts';

export { readPlatformConfig, type PlatformConfig } from './config.ts';
export { buildDataset, DEMO_PASSWORD, DEMO_SIZE, type Dataset, type DatasetSize } from './demo/dataset.ts';

export interface PlatformOptions {
  config: PlatformConfig;
  /** Listen on free ports instead of the configured ones (tests). */
  ephemeralPorts?: boolean;
  /** Size of the demo data to load when `config.demoData` is on. */
  demoSize?: DatasetSize;
  /** Where every service writes its log lines (standard output when absent; tests read them). */
  logStream?: DestinationStream;
}

export interface Platform {
  gatewayUrl: string;
  /** The operations listener (`/metrics`, `/ready` in detail) for every service of this process. */
  operationsUrl: string;
  subgraphs: Record<SubgraphName, { url: string; statements: StatementCounter }>;
  /** Subgraph fetches the gateway made, per subgraph, since start (or the last reset). */
  subgraphFetches: Map<string, number>;
  databaseKind: DatabaseTarget['kind'];
  demoLogins: DemoLogin[];
  /** Waits until every outbox is published and every consumer has applied everything (tests, demo). */
  settle(): Promise<void>;
  /** Each subgraph's own database, for tests that check what was (not) written. */
  databases: Record<SubgraphName, Database<Record<string, unknown>>>;
  /** Reads the supergraph file again (SIGHUP does the same for `npm start`). */
  reloadSupergraph(): Promise<{ ok: boolean; error?: string }>;
  /** The identity provider's keys (tests rotate them). */
  signingKeys: SigningKeyStore;
  /** Each subgraph's event plumbing (relay and consumers). */
  events: Partial<Record<SubgraphName, EventRuntime>>;
  stop(): Promise<void>;
}

/**
 * Runs the gateway and all four subgraphs in this process: each subgraph on its own port with its
 * own schema, by default all in one embedded database. The composition root: the only code that
 * knows every service.
 */
export async function startPlatform({ config, ephemeralPorts = false, demoSize = DEMO_SIZE, logStream }: PlatformOptions): Promise<Platform> {
  const logger = createLogger('platform', config.gateway.logLevel, logStream);
  const secrets = await resolveSecrets(config);

  const databases = await openDatabases(config);
  const { customersDb, ordersDb, paymentsDb, analyticsDb } = databases;
  const signingKeys = await SigningKeyStore.fromPem(secrets.signingKeyPem, config.customers.auth.previousVerificationKeyPems);
  const services = await createSubgraphs(config, databases, secrets, { signingKeys, logStream });
  const demoLogins = config.demoData ? await loadDemoData(databases, services, demoSize, config, logger) : [];
  const statements = { customers: customersDb.statements, orders: ordersDb.statements, payments: paymentsDb.statements, analytics: analyticsDb.statements };

  const started: Service[] = [];
  let operations: RunningServer | undefined;
  const stop = async () => {
    await operations?.close();
    // Gateway first, so nothing new reaches the subgraphs while they stop.
    for (const service of started.reverse()) await service.stop().catch((error) => logger.error({ err: error }, `stopping ${service.name} failed`));
    await databases.events.close();
    await databases.closeEmbedded();
  };

  try {
    const subgraphs = {} as Platform['subgraphs'];
    for (const name of Object.keys(services) as SubgraphName[]) {
      const running = await services[name].listen(config[name].host, ephemeralPorts ? 0 : config[name].port);
      started.push(services[name]);
      subgraphs[name] = { url: running.url, statements: statements[name] };
    }

    const subgraphFetches = new Map<string, number>();
    const gateway = await createGateway({
      config: {
        ...config.gateway,
        // Where this process's subgraphs listen, unless the config points the gateway elsewhere (a proxy, say).
        subgraphUrls: { ...Object.fromEntries(Object.entries(subgraphs).map(([n, s]) => [n, s.url])), ...config.gateway.subgraphUrls },
        auth: { ...config.gateway.auth, jwksUrl: subgraphs.customers.url.replace(/\/graphql$/, '/.well-known/jwks.json') },
      },
      supergraphSdl: readFileSync(config.gateway.supergraphPath, 'utf8'),
      supergraphPath: config.gateway.supergraphPath,
      logger: createLogger('gateway', config.gateway.logLevel, logStream),
      internalSecret: secrets.internalSecret,
      onSubgraphFetch: (name) => subgraphFetches.set(name, (subgraphFetches.get(name) ?? 0) + 1),
    });
    const running = await gateway.listen(config.gateway.host, ephemeralPorts ? 0 : config.gateway.port);
    started.push(gateway);
    operations = await listenOperations(started, config.gateway.operations.host, ephemeralPorts ? 0 : config.gateway.operations.port);

    const events = Object.fromEntries(Object.entries(services).flatMap(([name, s]) => (s.events ? [[name, s.events]] : []))) as Platform['events'];
    return {
      gatewayUrl: running.url,
      operationsUrl: operations.origin,
      subgraphs,
      subgraphFetches,
      databaseKind: customersDb.kind,
      demoLogins,
      settle: () => settle(services),
      reloadSupergraph: () => gateway.reload!(),
      signingKeys,
      databases: { customers: customersDb.db, orders: ordersDb.db, payments: paymentsDb.db, analytics: analyticsDb.db } as Platform['databases'],
      events,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Opens (and migrates) each subgraph's database: its own PostgreSQL URL, or the one shared embedded database. */
export async function openDatabases(config: PlatformConfig) {
  let embedded: PGlite | undefined;
  const targetFor = async (subgraph: SubgraphConfig): Promise<DatabaseTarget> => {
    if (subgraph.database.url) return { kind: 'postgres', url: subgraph.database.url, poolSize: subgraph.database.poolSize };
    if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
    embedded ??= await createEmbeddedDatabase(config.dataDir ? `${config.dataDir}/pglite` : undefined);
    return { kind: 'pglite', client: embedded };
  };
  // One after the other: the embedded database runs one statement at a time anyway.
  const customersDb = await openCustomersDatabase(await targetFor(config.customers));
  const ordersDb = await openOrdersDatabase(await targetFor(config.orders));
  const paymentsDb = await openPaymentsDatabase(await targetFor(config.payments));
  const analyticsDb = await openAnalyticsDatabase(await targetFor(config.analytics));
  // The event log: on EVENTS_DATABASE_URL / DATABASE_URL, or beside the data in the embedded database.
  const eventsUrl = config.customers.events.url;
  const events = await PostgresEventLog.open(eventsUrl ? { kind: 'postgres', url: eventsUrl } : await targetFor({ ...config.customers, database: { ...config.customers.database, url: undefined } }));
  return {
    customersDb,
    ordersDb,
    paymentsDb,
    analyticsDb,
    events,
    /** Closes the embedded database (each service closes its own pool). */
    closeEmbedded: async () => embedded?.close(),
  };
}
type Databases = Awaited<ReturnType<typeof openDatabases>>;

/** The four subgraphs, built (not yet listening) over their databases and the shared event log. */
export async function createSubgraphs(
  config: PlatformConfig,
  databases: Databases,
  secrets: PlatformSecrets,
  options: { signingKeys?: SigningKeyStore; logStream?: DestinationStream } = {},
): Promise<Record<SubgraphName, Service>> {
  const signingKeys = options.signingKeys ?? (await SigningKeyStore.fromPem(secrets.signingKeyPem, config.customers.auth.previousVerificationKeyPems));
  const common = { internalSecret: secrets.internalSecret, transport: databases.events };
  const logger = (name: string) => createLogger(name, config.gateway.logLevel, options.logStream);
  return {
    customers: await createCustomers({ ...common, config: config.customers, database: databases.customersDb, logger: logger('customers'), signingKeys }),
    orders: await createOrders({ ...common, config: config.orders, database: databases.ordersDb, logger: logger('orders') }),
    payments: await createPayments({ ...common, config: config.payments, database: databases.paymentsDb, logger: logger('payments') }),
    analytics: await createAnalytics({ ...common, config: config.analytics, database: databases.analyticsDb, logger: logger('analytics') }),
  };
}

/**
 * Loads the deterministic demo data through the same path real traffic takes: each subgraph's own
 * code writes its rows and events, and the events flow through the log to the other subgraphs.
 * Stores, accounts and orders are placed; payments then pay most orders (which confirms them, by
 * event); orders then move along the state machine, and cancelling a paid order refunds it. The
 * metrics analytics shows are computed from those events, not seeded. A no-op on a database that
 * already has the demo data.
 */
export async function loadDemoData(databases: Databases, services: Record<SubgraphName, Service>, size: DatasetSize, config: PlatformConfig, logger: Logger): Promise<DemoLogin[]> {
  const dataset = buildDataset(size);
  const seeded = await seedCustomers(databases.customersDb.db, dataset.customers, { passwordLogN: config.customers.auth.passwordLogN });
  if (!seeded) return dataset.logins;
  const started = Date.now();
  await seedOrders(databases.ordersDb.db, dataset.orders);
  await settle(services);
  await payDemoOrders(databases.paymentsDb.db, dataset.fates.filter((f) => f.paid).map((f) => f.orderId));
  await settle(services);
  await advanceDemoOrders(databases.ordersDb.db, dataset.fates.filter((f) => f.status !== 'PENDING_PAYMENT' && f.status !== 'CONFIRMED'));
  await settle(services);
  logger.info(
    { customers: dataset.customers.accounts.length, orders: dataset.orders.orders.length, events: await databases.events.size(), seconds: (Date.now() - started) / 1000 },
    'demo data loaded through the event log',
  );
  return dataset.logins;
}

/**
 * Runs every relay and consumer until a full pass finds nothing left to do: all outboxes
 * published and every consumer caught up (a pass can create work for another, e.g. a payment
 * confirms an order).
 */
export async function settle(services: Record<string, Service>, maxPasses = 50): Promise<void> {
  const runtimes = Object.values(services).flatMap((s) => (s.events ? [s.events] : []));
  for (let pass = 0; pass < maxPasses; pass += 1) {
    for (const runtime of runtimes) await runtime.settleOnce();
    const outboxes = await Promise.all(runtimes.map((r) => r.relay?.pending() ?? 0));
    // A consumer someone stopped (a test, an operator) is not waited for.
    const lags = await Promise.all(runtimes.flatMap((r) => r.consumers.filter((c) => c.active).map((c) => c.lag())));
    if ([...outboxes, ...lags].every((n) => n === 0)) return;
  }
  throw new Error('Events did not settle: a consumer is stuck (see its lag on /ready).');
}
