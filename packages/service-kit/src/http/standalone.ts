import type { BaseContext } from '@apollo/server';
import { loadEnvFile, loadOrExit } from '../config/env.ts';
import type { SubgraphConfig } from '../config/subgraph.ts';
import { createEmbeddedDatabase, type DatabaseTarget } from '../db/database.ts';
import { openEventLog } from '../events/open.ts';
import { createLogger } from '../observability/logger.ts';
import type { RequestIdentity } from '../observability/request-log.ts';
import { startTracing } from '../observability/tracing.ts';
import { listenOperations } from './operations.ts';
import { stopOnSignal } from './shutdown.ts';
import { createSubgraph, openSubgraphDatabase, type SubgraphDefinition } from './subgraph.ts';

/** The target a config points at: its PostgreSQL URL, or a private in-memory embedded database. */
export async function databaseTarget(config: SubgraphConfig): Promise<DatabaseTarget> {
  return config.database.url
    ? { kind: 'postgres', url: config.database.url, poolSize: config.database.poolSize }
    : { kind: 'pglite', client: await createEmbeddedDatabase() };
}

/**
 * A subgraph as its own process (the deployed shape), the whole of every subgraph's `index.ts`:
 * read its config, open its database, listen (and the operations listener), stop cleanly on a signal.
 */
export async function runStandaloneSubgraph<
  C extends SubgraphConfig,
  S extends Record<string, unknown>,
  Ctx extends BaseContext & RequestIdentity,
>(definition: SubgraphDefinition<C, S, Ctx>): Promise<void> {
  loadEnvFile();
  const config = loadOrExit(() => definition.readConfig(process.env));
  const logger = createLogger(config.name, config.logLevel);
  const tracing = config.tracing.enabled ? startTracing({ serviceName: config.tracing.serviceName }) : undefined;
  try {
    if (!config.internalSecret) {
      logger.fatal(
        "INTERNAL_TOKEN_SECRET must be set when a subgraph runs on its own, to the same value as the gateway's. Run `npm run keys` to create one.",
      );
      process.exit(1);
    }
    const target = await databaseTarget(config);
    const database = await openSubgraphDatabase(definition, target);
    // NATS JetStream when EVENTS_TRANSPORT=nats; else the log lives with the data unless EVENTS_DATABASE_URL points elsewhere.
    const transport = await openEventLog(config.events, async () => target);
    const signingKeys = await definition.signingKeys?.(config);
    const service = await createSubgraph(definition, {
      config,
      database,
      logger,
      internalSecret: config.internalSecret,
      transport,
      signingKeys,
    });
    const running = await service.listen(config.host, config.port);
    const operations = await listenOperations([service], config.operations.host, config.operations.port);
    logger.info({ url: running.url, operations: operations.origin, database: database.kind }, `${config.name} subgraph is listening`);
    stopOnSignal(
      (signal) => logger.info({ signal }, 'shutting down'),
      () => service.stop(),
      () => operations.close(),
      () => transport.close(),
      () => tracing?.shutdown(),
    );
  } catch (error) {
    logger.fatal({ err: error }, `the ${config.name} subgraph could not start`);
    process.exit(1);
  }
}
