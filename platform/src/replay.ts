import { parseArgs } from 'node:util';
import { createLogger, loadEnvFile, loadOrExit, NatsEventLog } from '@supergraph/service-kit';
import { createSubgraphs, eventsPersist, openDatabases } from './platform.ts';
import { readPlatformConfig } from './config.ts';
import { resolveSecrets } from './secrets.ts';

const HELP = `Rebuilds an event consumer's projection from the start of the event log.

Usage: npm run events:replay -- --consumer <name> [--partial]

Consumers: analytics (customer and store figures), payments (its record of orders), orders
(payment confirmations; replaying re-checks and changes nothing).

The database must persist: set DATABASE_URL, or pass --data-dir <dir> as given to npm start.
On PostgreSQL the platform may keep running meanwhile (its consumer waits while the projection is
rebuilt); an embedded database in --data-dir opens in one process only, so stop npm start first.

The log is whole unless EVENT_LOG_RETENTION_DAYS removed its old positions (on NATS JetStream,
EVENTS_TRANSPORT=nats: unless the stream's limits NATS_STREAM_MAX_AGE_DAYS or NATS_STREAM_MAX_BYTES
removed its first events; the replay then reads the stream from its first event kept). Then a replay could
rebuild only from the events after those, and the projection would lack what the removed ones
said: the replay says from which position it could start, and runs only with --partial.`;

async function main() {
  const { values } = parseArgs({
    options: {
      consumer: { type: 'string' },
      partial: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.consumer) {
    console.log(HELP);
    process.exit(values.help ? 0 : 1);
  }
  loadEnvFile();
  const env = { ...process.env, DEMO_DATA: 'false', ...(values['data-dir'] ? { DATA_DIR: values['data-dir'] } : {}) };
  const config = loadOrExit(() => readPlatformConfig(env));
  if (!eventsPersist(config) && !config.dataDir) {
    console.error('There is nothing to replay in an in-memory database. Set DATABASE_URL, or pass --data-dir <dir>.');
    process.exit(1);
  }
  const logger = createLogger('replay', config.gateway.logLevel);
  const databases = await openDatabases(config);
  const services = await createSubgraphs(config, databases, await resolveSecrets(config));
  const consumers = Object.values(services).flatMap((s) => s.events?.consumers ?? []);
  const consumer = consumers.find((c) => c.name === values.consumer);
  try {
    if (!consumer) {
      console.error(`There is no consumer named "${values.consumer}". Consumers: ${consumers.map((c) => c.name).join(', ')}.`);
      process.exitCode = 1;
      return;
    }
    const removed = await databases.events.removedThrough();
    if (removed && !values.partial) {
      console.error(
        `The event log no longer starts at its beginning: ${databases.events instanceof NatsEventLog ? "the stream's limits (NATS_STREAM_MAX_AGE_DAYS, NATS_STREAM_MAX_BYTES)" : 'retention (EVENT_LOG_RETENTION_DAYS)'} removed every event up to position ${removed.position} (last on ${removed.at.toISOString()}). A replay of ${consumer.name} can rebuild only from position ${removed.position + 1} on, and its projection would lack what the removed events said. Nothing was changed. Run again with --partial to rebuild from position ${removed.position + 1} anyway.`,
      );
      process.exitCode = 1;
      return;
    }
    const started = Date.now();
    await consumer.replay();
    logger.info(
      {
        consumer: consumer.name,
        seconds: (Date.now() - started) / 1000,
        lag: await consumer.lag(),
        fromPosition: (removed?.position ?? 0) + 1,
      },
      removed
        ? `projection rebuilt from position ${removed.position + 1} of the event log (retention removed the events before it)`
        : 'projection rebuilt from the whole event log',
    );
  } finally {
    for (const service of Object.values(services)) await service.stop();
    await databases.events.close();
    await databases.closeEmbedded();
  }
}

main().catch((error) => {
  console.error(`The replay failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
