import { parseArgs } from 'node:util';
import { plainErrorMessage } from '@supergraph/service-kit';
import { formatParked, listParked, PERSISTENT_DATABASE, pick, withConsumers } from './event-ops.ts';

const HELP = `Lists the events a consumer failed on: parked ones (every attempt failed; they wait for
npm run events:retry) and retrying ones (tried again on their own, with backoff). For each: the
consumer, event id and type, aggregate, attempts, first and last failure, the error, and how many
later events of the same aggregate are held behind it.

Usage: npm run events:parked [-- --consumer <name>] [--json] [--data-dir <dir>]

  --consumer <name>  only this consumer: analytics, payments or orders
  --json             one JSON array instead of text
  --data-dir <dir>   the embedded database's directory, as given to npm start

${PERSISTENT_DATABASE}`;

async function main() {
  const { values } = parseArgs({
    options: {
      consumer: { type: 'string' },
      json: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const list = await withConsumers(values['data-dir'], async (consumers) => listParked(pick(consumers, values.consumer)));
  console.log(values.json ? JSON.stringify(list, null, 2) : formatParked(list));
}

main().catch((error) => {
  console.error(`Listing parked events failed: ${plainErrorMessage(error)}`);
  process.exit(1);
});
