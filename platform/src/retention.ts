import { parseArgs } from 'node:util';
import { createLogger, plainErrorMessage } from '@supergraph/service-kit';
import { PERSISTENT_DATABASE, withServices } from './event-ops.ts';
import { eventLogJob, formatRetention, runRetention } from './retention-ops.ts';

const HELP = `Applies the retention settings now, as a running platform does every RETENTION_INTERVAL_MINUTES:
removes audit entries older than AUDIT_RETENTION_DAYS, applied-event records older than
APPLIED_EVENTS_RETENTION_DAYS (only of events their consumer cannot be delivered again), refresh
tokens expired or revoked more than REFRESH_TOKEN_RETENTION_DAYS ago and, when
EVENT_LOG_RETENTION_DAYS is not 0, the event log's old positions no consumer has still to read. Each
subgraph removes from its own tables only. Prints what it removed, table by table.

Usage: npm run retention [-- --json] [--data-dir <dir>]

  --json             one JSON array (table, what, rule, removed) instead of text
  --data-dir <dir>   the embedded database's directory, as given to npm start

${PERSISTENT_DATABASE}`;

async function main() {
  const { values } = parseArgs({
    options: { json: { type: 'boolean', default: false }, 'data-dir': { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  await withServices(values['data-dir'], async ({ services, log, config }) => {
    const job = eventLogJob(config, log, services, createLogger('platform', 'silent'));
    const removals = await runRetention(services, job);
    console.log(values.json ? JSON.stringify(removals, null, 2) : formatRetention(removals, config));
  });
}

main().catch((error) => {
  console.error(`Retention failed: ${plainErrorMessage(error)}`);
  process.exit(1);
});
