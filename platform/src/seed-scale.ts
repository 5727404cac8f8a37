import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnvFile, loadOrExit, plainErrorMessage } from '@supergraph/service-kit';
import { readPlatformConfig } from './config.ts';
import { duration, ScaleRefused, seedScale } from './scale/seed.ts';

const HELP = `Adds many customers and orders to a store that exists, in every subgraph's own tables, for
trying the platform (and benchmarking it) at the size of a busy store.

Usage: npm run seed:scale -- [--store <slug>] [--customers <n>] [--orders <n>] [--data-dir <dir>]

  --store <slug>      the store (default napoli, the demo's first store: its demo logins see the data)
  --customers <n>     customers to add (default 200000); they cannot sign in (no password)
  --orders <n>        orders to add (default 2000000), all by the customers added, placed over
                      the last two years: mostly delivered, some cancelled (half of them refunded),
                      the last hours' on their way; paid, partly refunded, or declined as orders are
  --data-dir <dir>    the embedded database's directory, as given to npm start (stop it first:
                      an embedded database opens in one process only)

The database is DATABASE_URL's (each subgraph's own with CUSTOMERS_DATABASE_URL,
ORDERS_DATABASE_URL, PAYMENTS_DATABASE_URL, ANALYTICS_DATABASE_URL), or --data-dir's. On
PostgreSQL the platform may keep running. Each subgraph writes its own rows in one transaction,
computed in its database (INSERT … SELECT over generate_series), then VACUUM ANALYZE; analytics
rebuilds its read models from its facts. No events are written: the rows stand as their events
would have left them, and nobody is told of them (see docs/operations.md, "A big store").`;

/** A count from the command line: digits, optionally grouped with "_" or "," (200_000, 2,000,000). */
function count(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,3}([_,]?\d{3})*$|^\d+$/.test(value.trim()))
    throw new ScaleRefused(`--${name} must be a whole number (like 200000, 200_000 or 200,000); "${value}" is not one.`);
  const parsed = Number(value.trim().replace(/[_,]/g, ''));
  if (parsed > max)
    throw new ScaleRefused(`--${name} is at most ${max.toLocaleString('en-US')}; ${parsed.toLocaleString('en-US')} is more.`);
  return parsed;
}

async function main() {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        store: { type: 'string' },
        customers: { type: 'string' },
        orders: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new ScaleRefused(`${plainErrorMessage(error)}. npm run seed:scale -- --help lists the options.`);
  }
  if (values.help) {
    console.log(HELP);
    return;
  }
  const storeSlug = ((values.store as string | undefined) ?? 'napoli').trim();
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(storeSlug))
    throw new ScaleRefused(
      `--store takes a store's slug (lower-case letters and digits, words joined by hyphens, like napoli); "${storeSlug}" is not one.`,
    );
  const customers = count('customers', values.customers as string | undefined, 200_000, 10_000_000);
  const orders = count('orders', values.orders as string | undefined, 2_000_000, 100_000_000);
  if (customers === 0 && orders === 0) throw new ScaleRefused('--customers and --orders are both 0: there is nothing to add.');
  if (orders > 0 && customers === 0)
    throw new ScaleRefused('The orders added are placed by the customers added: give --customers at least 1 with --orders.');

  loadEnvFile();
  const dataDir = values['data-dir'] as string | undefined;
  const env = { ...process.env, DEMO_DATA: 'false', ...(dataDir ? { DATA_DIR: dataDir } : {}) };
  const config = loadOrExit(() => readPlatformConfig(env));
  const embedded = Object.values(config.subgraphs).some((s) => !s.database.url);
  if (embedded && !config.dataDir)
    throw new ScaleRefused(
      'An in-memory database is gone with the process that ran it, so there is nothing to add to. Set DATABASE_URL, or pass --data-dir <dir> as given to npm start.',
    );
  if (embedded && config.dataDir && !existsSync(join(config.dataDir, 'pglite')))
    throw new ScaleRefused(
      `There is no embedded database in ${config.dataDir}. Start the platform on it once (npm start -- --data-dir ${config.dataDir}), stop it, then run this.`,
    );

  const result = await seedScale(config, { storeSlug, customers, orders }, (line) => console.log(line));
  console.log(`Done in ${duration(result.seconds)} (run ${result.run}). ${result.store.slug} now has, by subgraph:`);
  for (const [subgraph, counted] of Object.entries(result.counts)) {
    console.log(
      `  ${subgraph.padEnd(10)} ${Object.entries(counted)
        .map(([what, value]) => `${value.toLocaleString('en-US')} ${what}`)
        .join(', ')}`,
    );
  }
}

main().catch((error) => {
  if (error instanceof ScaleRefused) console.error(error.message);
  else console.error(`The seed failed: ${plainErrorMessage(error)}`);
  process.exit(1);
});
