import { and, asc, eq, lt } from 'drizzle-orm';
import { inJsonArray, type Database } from '../db/database.ts';
import { daysBefore, type RetentionTask } from '../db/retention.ts';
import type { PostgresEventLog } from './postgres-log.ts';
import type { ConsumerTables } from './tables.ts';
import type { EventTransport } from './types.ts';

const BATCH = 5000;

/**
 * A consumer's applied-event records older than `days`, but only for events it cannot be
 * delivered again: those its committed offset has passed (or that the log no longer holds, which
 * retention removes only once every consumer passed them). Redelivery reads after the offset, so
 * an event applied in a batch whose offset commit did not happen yet, or applied beyond an event
 * still waiting, keeps its record and changes nothing when it comes again. (A rewind — a replay —
 * empties the records itself; each aggregate's cursor also refuses an event at or below its
 * sequence.)
 */
export function appliedEventsRetention(
  db: Database<Record<string, unknown>>,
  tables: ConsumerTables,
  schemaName: string,
  consumers: readonly string[],
  transport: EventTransport,
  days: number,
): RetentionTask {
  const t = tables.appliedEvents;
  return {
    table: `${schemaName}.applied_events`,
    what: 'applied-event records',
    rule: `older than ${days} days, of events their consumer cannot be delivered again`,
    run: async (now) => {
      const before = daysBefore(now, days);
      let removed = 0;
      for (const consumer of consumers) {
        for (;;) {
          const rows = await db
            .select({ id: t.eventId })
            .from(t)
            .where(and(eq(t.consumer, consumer), lt(t.appliedAt, before)))
            .orderBy(asc(t.appliedAt))
            .limit(BATCH);
          const keep = await transport.redeliverable(
            consumer,
            rows.map((r) => r.id),
          );
          const gone = rows.map((r) => r.id).filter((id) => !keep.has(id));
          if (gone.length > 0) {
            const deleted = await db
              .delete(t)
              .where(and(eq(t.consumer, consumer), inJsonArray(t.eventId, gone, 'uuid')))
              .returning({ id: t.eventId });
            removed += deleted.length;
          }
          // A full batch all still redeliverable: the rest waits for the offset to move on.
          if (rows.length < BATCH || gone.length === 0) break;
        }
      }
      return removed;
    },
  };
}

/**
 * The event log's old positions (EVENT_LOG_RETENTION_DAYS; 0, the default, keeps the whole log):
 * events published more than `days` ago that no consumer of the platform has still to read. A replay
 * can rebuild only from what remains, so `npm run events:replay` then says from where.
 */
export function eventLogRetention(
  log: PostgresEventLog,
  consumers: readonly { name: string; aggregateTypes: readonly string[] }[],
  days: number,
): RetentionTask[] {
  if (days === 0) return [];
  return [
    {
      table: 'eventbus.events',
      what: 'events',
      rule: `published more than ${days} days ago that no consumer has still to read`,
      run: (now) => log.prune(consumers, daysBefore(now, days)),
    },
  ];
}
