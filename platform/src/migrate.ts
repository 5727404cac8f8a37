import { parseArgs } from 'node:util';
import { createLogger, loadEnvFile, loadOrExit, plainErrorMessage } from '@supergraph/service-kit';
import { readPlatformConfig } from './config.ts';
import { DEMO_SIZE } from './demo/dataset.ts';
import { createSubgraphs, loadDemoData, openDatabases } from './platform.ts';
import { resolveSecrets } from './secrets.ts';
import { SUBGRAPH_NAMES } from './subgraphs.ts';

const HELP = `Applies every subgraph's database migrations, each to its own database, and exits: the step a
deployment runs once before it starts (or upgrades) the services. Each subgraph's process applies
its own migrations at start too (safely, when replicas start together), so this is for running
them ahead, with the rights to change the schema, rather than from every replica.

Usage: npm run migrate [-- --demo] [--data-dir <dir>]

  --demo             also load the demo data (stores, logins, orders) through the event path,
                     into databases that have none yet
  --data-dir <dir>   the embedded database's directory, as given to npm start

Each subgraph's database is <NAME>_DATABASE_URL (CUSTOMERS_DATABASE_URL, ORDERS_DATABASE_URL, …),
else DATABASE_URL; events go where EVENTS_TRANSPORT says (the PostgreSQL log, or NATS JetStream
with NATS_URL).`;

async function main() {
  const { values } = parseArgs({
    options: { demo: { type: 'boolean', default: false }, 'data-dir': { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) return console.log(HELP);
  loadEnvFile();
  const env = { ...process.env, DEMO_DATA: String(values.demo), ...(values['data-dir'] ? { DATA_DIR: values['data-dir'] } : {}) };
  const config = loadOrExit(() => readPlatformConfig(env));
  const embedded = SUBGRAPH_NAMES.filter((n) => !config.subgraphs[n].database.url);
  if (embedded.length > 0 && !config.dataDir) {
    console.error(
      `No database is set for ${embedded.join(', ')}, and an in-memory one is gone when this command ends. Set DATABASE_URL (or ${embedded.map((n) => `${n.toUpperCase()}_DATABASE_URL`).join(', ')}), or pass --data-dir <dir>.`,
    );
    process.exit(1);
  }
  const quiet = { ...config, gateway: { ...config.gateway, logLevel: process.env.LOG_LEVEL ?? 'warn' } };
  const logger = createLogger('platform', quiet.gateway.logLevel);
  const started = Date.now();
  // Opening each subgraph's database applies its migrations (under a lock per schema).
  const databases = await openDatabases(quiet);
  try {
    for (const name of SUBGRAPH_NAMES) {
      const where = config.subgraphs[name].database.url ? new URL(config.subgraphs[name].database.url!) : undefined;
      console.log(`${name}: migrations applied (${where ? `${where.host}${where.pathname}` : `embedded database in ${config.dataDir}`})`);
    }
    if (values.demo) {
      // Demo data goes through each subgraph's own code and the event path, with throwaway keys:
      // nothing it writes is signed.
      const secrets = await resolveSecrets({ ...quiet, gateway: { ...quiet.gateway, development: true } });
      const services = await createSubgraphs(quiet, databases, secrets);
      try {
        const logins = await loadDemoData(databases, services, DEMO_SIZE, quiet, logger);
        console.log(`Demo data is in place: ${logins.length} demo logins (password supergraph-demo).`);
      } finally {
        for (const service of Object.values(services)) await service.stop();
      }
    }
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await databases.events.close();
    await databases.closeEmbedded();
  }
}

main().catch((error) => {
  console.error(`Migrations failed: ${plainErrorMessage(error)}`);
  process.exit(1);
});
