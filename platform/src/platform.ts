import { mkdirSync, readFileSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { createServer as createGateway, type GatewayConfig } from '@supergraph/gateway';
import {
  createEmbeddedDatabase,
  createLogger,
  createSubgraph,
  JWKS_PATH,
  listenOperations,
  NatsEventLog,
  openEventLog,
  openSubgraphDatabase,
  SigningKeyStore,
  type Database,
  type DatabaseHandle,
  type DatabaseTarget,
  type DestinationStream,
  type EventLog,
  type EventRuntime,
  type Logger,
  type RetentionRemoval,
  type RunningServer,
  type Service,
  type StatementCounter,
  type SubgraphConfig,
} from '@supergraph/service-kit';
import type { PlatformConfig } from './config.ts';
import { buildDataset, DEMO_SIZE, type DatasetSize, type DemoLogin } from './demo/dataset.ts';
import { eventLogJob, runRetention } from './retention-ops.ts';
import { resolveSecrets, type PlatformSecrets } from './secrets.ts';
import { IDENTITY_PROVIDER, REGISTRY, type SubgraphName } from './subgraphs.ts';

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
  /** The event transport this process runs on (the PostgreSQL log, or NATS JetStream). */
  eventLog: EventLog;
  /** Applies the retention settings now, as every RETENTION_INTERVAL_MINUTES does (`npm run retention` too): each subgraph's tables, then the log. */
  retention(now?: Date): Promise<RetentionRemoval[]>;
  /**
   * Another instance of one subgraph, as a second replica would run: its own service (context,
   * throttles, relay, consumers) over the same database (its own pool on PostgreSQL) and event log,
   * with `config` as its settings, on a free port. Stopped with the platform, before the rest.
   */
  startReplica(name: SubgraphName, config: SubgraphConfig): Promise<{ url: string; service: Service; stop(): Promise<void> }>;
  stop(): Promise<void>;
}

const byName = <T>(entries: (readonly [SubgraphName, T])[]) => Object.fromEntries(entries) as Record<SubgraphName, T>;

/**
 * Runs the gateway and every subgraph of the registry in this process: each subgraph on its own
 * port with its own schema, by default all in one embedded database. The composition root: the
 * only code that starts every service.
 */
export async function startPlatform({
  config,
  ephemeralPorts = false,
  demoSize = DEMO_SIZE,
  logStream,
}: PlatformOptions): Promise<Platform> {
  const logger = createLogger('platform', config.gateway.logLevel, logStream);
  const secrets = await resolveSecrets(config);
  const databases = await openDatabases(config);
  const signingKeys = await SigningKeyStore.fromPem(secrets.signingKeyPem, config.signingKeys.previousVerificationKeyPems);
  const services = await createSubgraphs(config, databases, secrets, { signingKeys, logStream });
  const demoLogins = config.demoData ? await loadDemoData(databases, services, demoSize, config, logger) : [];
  // The event log belongs to no subgraph: its retention is the platform's.
  const logRetention = eventLogJob(config, databases.events, services, logger);

  const started: Service[] = [];
  const replicas = new Set<() => Promise<void>>();
  let operations: RunningServer | undefined;
  const stop = async () => {
    await logRetention.stop();
    await operations?.close();
    for (const stopReplica of [...replicas])
      await stopReplica().catch((error) => logger.error({ err: error }, 'stopping a replica failed'));
    // Gateway first, so nothing new reaches the subgraphs while they stop.
    for (const service of started.reverse())
      await service.stop().catch((error) => logger.error({ err: error }, `stopping ${service.name} failed`));
    await databases.events.close();
    await databases.closeEmbedded();
  };

  try {
    const listening: (readonly [SubgraphName, { url: string; statements: StatementCounter }])[] = [];
    for (const { definition } of REGISTRY) {
      const { name } = definition;
      const settings: SubgraphConfig = config.subgraphs[name];
      const running = await services[name].listen(settings.host, ephemeralPorts ? 0 : settings.port);
      started.push(services[name]);
      listening.push([name, { url: running.url, statements: databases.handles[name].statements }]);
    }
    const subgraphs = byName(listening);

    const subgraphFetches = new Map<string, number>();
    const gateway = await createPlatformGateway(config.gateway, subgraphs, secrets.internalSecret, {
      logStream,
      onSubgraphFetch: (name) => subgraphFetches.set(name, (subgraphFetches.get(name) ?? 0) + 1),
    });
    const running = await gateway.listen(config.gateway.host, ephemeralPorts ? 0 : config.gateway.port);
    started.push(gateway);
    operations = await listenOperations(started, config.gateway.operations.host, ephemeralPorts ? 0 : config.gateway.operations.port);
    logRetention.start();

    return {
      gatewayUrl: running.url,
      operationsUrl: operations.origin,
      subgraphs,
      subgraphFetches,
      databaseKind: databases.kind,
      demoLogins,
      settle: () => settle(services),
      reloadSupergraph: () => gateway.reload!(),
      signingKeys,
      databases: byName(REGISTRY.map(({ definition: { name } }) => [name, databases.handles[name].db] as const)),
      events: byName(
        REGISTRY.flatMap(({ definition: { name } }) => (services[name].events ? [[name, services[name].events!] as const] : [])),
      ),
      eventLog: databases.events,
      retention: (now) => runRetention(services, logRetention, now),
      async startReplica(name, settings) {
        const { definition } = REGISTRY.find((r) => r.definition.name === name)!;
        const shared = databases.handles[name];
        // PostgreSQL: a pool of its own, as another process would have; embedded: the one database there is.
        const database =
          shared.kind === 'postgres' && settings.database.url
            ? await openSubgraphDatabase(definition, { kind: 'postgres', url: settings.database.url, poolSize: settings.database.poolSize })
            : shared;
        // On NATS a connection of its own too: a replica's reads and acknowledgements are its own, as in another process.
        const transport = databases.events instanceof NatsEventLog ? await NatsEventLog.open(databases.events.config) : databases.events;
        const service = await createSubgraph(definition, {
          config: settings,
          database,
          logger: createLogger(`${name}-replica`, settings.logLevel, logStream),
          internalSecret: secrets.internalSecret,
          transport,
          signingKeys,
        });
        const running = await service.listen(settings.host, 0);
        const stopReplica = async () => {
          replicas.delete(stopReplica);
          await service.stop();
          if (transport !== databases.events) await transport.close();
        };
        replicas.add(stopReplica);
        return { url: running.url, service, stop: stopReplica };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A gateway in front of this process's subgraphs: routed to where they listen, unless the config
 * points it elsewhere (a proxy, say), and verifying tokens with the identity provider's keys.
 * `startPlatform` builds its own with it; tests build a second one beside it (another executor).
 */
export function createPlatformGateway(
  gatewayConfig: GatewayConfig,
  subgraphs: Record<SubgraphName, { url: string }>,
  internalSecret: string,
  options: { logStream?: DestinationStream; onSubgraphFetch?: (subgraph: string) => void } = {},
): Promise<Service> {
  return createGateway({
    config: {
      ...gatewayConfig,
      subgraphUrls: { ...Object.fromEntries(Object.entries(subgraphs).map(([n, s]) => [n, s.url])), ...gatewayConfig.subgraphUrls },
      auth: { ...gatewayConfig.auth, jwksUrl: subgraphs[IDENTITY_PROVIDER].url.replace(/\/graphql$/, JWKS_PATH) },
    },
    supergraphSdl: readFileSync(gatewayConfig.supergraphPath, 'utf8'),
    supergraphPath: gatewayConfig.supergraphPath,
    logger: createLogger('gateway', gatewayConfig.logLevel, options.logStream),
    internalSecret,
    onSubgraphFetch: options.onSubgraphFetch,
  });
}

/** The event settings every subgraph shares (each reads the same variables). */
const eventsSettings = (config: PlatformConfig) => Object.values<SubgraphConfig>(config.subgraphs)[0]!.events;

/** Where the PostgreSQL event log lives: EVENTS_DATABASE_URL or DATABASE_URL, or (undefined) the embedded database beside the data. */
export const eventLogUrl = (config: PlatformConfig): string | undefined => eventsSettings(config).url;

/**
 * Whether the event log and the consumers' own tables outlive this process on a server (else only
 * --data-dir keeps them): with NATS JetStream, the subgraphs' databases must be on PostgreSQL.
 */
export const eventsPersist = (config: PlatformConfig): boolean =>
  eventsSettings(config).transport.kind === 'nats'
    ? Object.values<SubgraphConfig>(config.subgraphs).every((s) => s.database.url !== undefined)
    : eventLogUrl(config) !== undefined;

/** Opens (and migrates) each subgraph's database: its own PostgreSQL URL, or the one shared embedded database. */
export async function openDatabases(config: PlatformConfig) {
  const opened = await openSubgraphDatabases(config);
  // NATS JetStream (EVENTS_TRANSPORT=nats), or the PostgreSQL log: EVENTS_DATABASE_URL, DATABASE_URL or the embedded database.
  const events = await openEventLog(eventsSettings(config), opened.embeddedTarget);
  return {
    handles: opened.handles,
    kind: opened.kind,
    events,
    /** Closes the embedded database (each service closes its own pool). */
    closeEmbedded: opened.closeEmbedded,
  };
}

/**
 * Opens (and migrates) each subgraph's database, and nothing else (no event log): for a command
 * that works on the subgraphs' own tables (`npm run seed:scale`). `close` closes every one.
 */
export async function openSubgraphDatabases(config: PlatformConfig) {
  let embedded: PGlite | undefined;
  const embeddedTarget = async (): Promise<DatabaseTarget> => {
    if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
    embedded ??= await createEmbeddedDatabase(config.dataDir ? `${config.dataDir}/pglite` : undefined);
    return { kind: 'pglite', client: embedded };
  };
  const targetFor = async (subgraph: SubgraphConfig): Promise<DatabaseTarget> =>
    subgraph.database.url ? { kind: 'postgres', url: subgraph.database.url, poolSize: subgraph.database.poolSize } : embeddedTarget();
  const handles = [] as (readonly [SubgraphName, DatabaseHandle<Record<string, unknown>>])[];
  // One after the other: the embedded database runs one statement at a time anyway.
  for (const { definition } of REGISTRY)
    handles.push([definition.name, await openSubgraphDatabase(definition, await targetFor(config.subgraphs[definition.name]))]);
  const closeEmbedded = async () => embedded?.close();
  return {
    handles: byName(handles),
    /** `pglite` when every subgraph is on the embedded database, else `postgres`. */
    kind: handles.every(([, h]) => h.kind === 'pglite') ? ('pglite' as const) : ('postgres' as const),
    embeddedTarget,
    closeEmbedded,
    async close() {
      for (const [, handle] of handles) await handle.close();
      await closeEmbedded();
    },
  };
}
export type Databases = Awaited<ReturnType<typeof openDatabases>>;

/** Every subgraph of the registry, built (not yet listening) over its database and the shared event log. */
export async function createSubgraphs(
  config: PlatformConfig,
  databases: Databases,
  secrets: PlatformSecrets,
  options: { signingKeys?: SigningKeyStore; logStream?: DestinationStream } = {},
): Promise<Record<SubgraphName, Service>> {
  const signingKeys =
    options.signingKeys ?? (await SigningKeyStore.fromPem(secrets.signingKeyPem, config.signingKeys.previousVerificationKeyPems));
  const services: (readonly [SubgraphName, Service])[] = [];
  for (const { definition } of REGISTRY) {
    const { name } = definition;
    services.push([
      name,
      await createSubgraph(definition, {
        config: config.subgraphs[name],
        database: databases.handles[name],
        logger: createLogger(name, config.gateway.logLevel, options.logStream),
        internalSecret: secrets.internalSecret,
        transport: databases.events,
        signingKeys,
      }),
    ]);
  }
  return byName(services);
}

/**
 * Loads the deterministic demo data through the same path real traffic takes: each subgraph's own
 * code writes its rows and events (the registry's demo steps, in order), and the events flow
 * through the log to the other subgraphs between steps. Stores, accounts and orders are placed;
 * payments then pay most orders (which confirms them, by event); orders then move along the state
 * machine, and cancelling a paid order refunds it. The metrics analytics shows are computed from
 * those events, not seeded. A no-op on a database that already has the demo data.
 */
export async function loadDemoData(
  databases: Databases,
  services: Record<SubgraphName, Service>,
  size: DatasetSize,
  config: PlatformConfig,
  logger: Logger,
): Promise<DemoLogin[]> {
  const dataset = buildDataset(size);
  const steps = REGISTRY.flatMap(({ definition, demo }) => demo.map((step) => ({ name: definition.name, step }))).sort(
    (a, b) => a.step.order - b.step.order,
  );
  const started = Date.now();
  for (const [i, { name, step }] of steps.entries()) {
    const result = await step.run(databases.handles[name].db, dataset, config.subgraphs[name]);
    if (result === false) {
      if (i === 0) return dataset.logins;
      throw new Error(`The demo data is loaded only in part (${name} found its part there already). Start with an empty database.`);
    }
    await settle(services);
  }
  logger.info(
    {
      customers: dataset.customers.accounts.length,
      orders: dataset.orders.orders.length,
      events: await databases.events.size(),
      seconds: (Date.now() - started) / 1000,
    },
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
