import { createEmbeddedDatabase, type DatabaseLifecycle, type DatabaseTarget } from './db.ts';
import { loadOrExit } from './config.ts';
import { listenOperations } from './http.ts';
import { createLogger, type Logger } from './logger.ts';
import { PostgresEventLog } from './events/postgres-log.ts';
import { startTracing } from './tracing.ts';
import type { EventTransport } from './events/types.ts';
import type { Service } from './service.ts';
import type { SubgraphConfig } from './subgraph-config.ts';

export interface StandaloneSubgraph<C extends SubgraphConfig, D extends DatabaseLifecycle> {
  readConfig: (env: Record<string, string | undefined>) => C;
  openDatabase: (target: DatabaseTarget) => Promise<D>;
  createServer: (deps: { config: C; database: D; logger: Logger; internalSecret: string; transport: EventTransport }) => Promise<Service>;
}

/** The target a config points at: its PostgreSQL URL, or a private in-memory embedded database. */
export async function databaseTarget(config: SubgraphConfig): Promise<DatabaseTarget> {
  return config.database.url
    ? { kind: 'postgres', url: config.database.url, poolSize: config.database.poolSize }
    : { kind: 'pglite', client: await createEmbeddedDatabase() };
}

/** `index.ts` of every subgraph: read config, open the database, listen, stop cleanly on a signal. */
export async function runStandaloneSubgraph<C extends SubgraphConfig, D extends DatabaseLifecycle>(definition: StandaloneSubgraph<C, D>): Promise<void> {
  const config = loadOrExit(() => definition.readConfig(process.env));
  const logger = createLogger(config.name, config.logLevel);
  const tracing = config.tracing.enabled ? startTracing({ serviceName: config.tracing.serviceName }) : undefined;
  try {
    if (!config.internalSecret) {
      logger.fatal('INTERNAL_TOKEN_SECRET must be set when a subgraph runs on its own, to the same value as the gateway\'s. Run `npm run keys` to create one.');
      process.exit(1);
    }
    const target = await databaseTarget(config);
    const database = await definition.openDatabase(target);
    // The event log lives with the data unless EVENTS_DATABASE_URL points elsewhere.
    const transport = await PostgresEventLog.open(config.events.url ? { kind: 'postgres', url: config.events.url } : target);
    const service = await definition.createServer({ config, database, logger, internalSecret: config.internalSecret, transport });
    const running = await service.listen(config.host, config.port);
    const operations = await listenOperations([service], config.operations.host, config.operations.port);
    logger.info({ url: running.url, operations: operations.origin, database: database.kind }, `${config.name} subgraph is listening`);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        logger.info({ signal }, 'shutting down');
        service
          .stop()
          .then(() => operations.close())
          .then(() => transport.close())
          .then(() => tracing?.shutdown())
          .then(() => process.exit(0), () => process.exit(1));
      });
    }
  } catch (error) {
    logger.fatal({ err: error }, `the ${config.name} subgraph could not start`);
    process.exit(1);
  }
}
