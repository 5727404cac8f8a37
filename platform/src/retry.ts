import { parseArgs } from 'node:util';
import { plainErrorMessage } from '@supergraph/service-kit';
import { PERSISTENT_DATABASE, pick, retryParked, withConsumers } from './event-ops.ts';

const HELP = `Applies a parked (or retrying) event again, after the cause has been fixed, then the events
of the same aggregate held behind it, in sequence. Says plainly whether it worked; an event that
fails again stays parked, with the new error. Exits with status 1 unless everything applied.

Usage: npm run events:retry -- --id <eventId> [--consumer <name>] [--data-dir <dir>]

  --id <eventId>     the event's id, as npm run events:parked shows it
  --consumer <name>  only in this consumer (by default, in every consumer that set it aside)
  --data-dir <dir>   the embedded database's directory, as given to npm start

${PERSISTENT_DATABASE}`;

async function main() {
  const { values } = parseArgs({
    options: {
      id: { type: 'string' },
      consumer: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.id) {
    console.log(HELP);
    process.exit(values.help ? 0 : 1);
  }
  const eventId = values.id;
  const report = await withConsumers(values['data-dir'], async (consumers) => retryParked(pick(consumers, values.consumer), eventId));
  (report.ok ? console.log : console.error)(report.message);
  process.exitCode = report.ok ? 0 : 1;
}

main().catch((error) => {
  console.error(`The retry failed: ${plainErrorMessage(error)}`);
  process.exit(1);
});
