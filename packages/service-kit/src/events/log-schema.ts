import { bigint, bigserial, index, integer, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import { eventColumns } from './tables.ts';

/** The default event transport's own schema: shared infrastructure, owned by no subgraph. */
export const eventbusSchema = pgSchema('eventbus');

/** The log: every published event once, in publication order. */
export const events = eventbusSchema.table(
  'events',
  {
    ...eventColumns(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('events_aggregate_type_position_idx').on(t.aggregateType, t.position)],
);

/** How far each consumer has got: the position of the last event it applied. */
export const consumerOffsets = eventbusSchema.table('consumer_offsets', {
  consumer: text('consumer').primaryKey(),
  position: bigint('position', { mode: 'number' }).notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * Each time retention removed the start of the log (EVENT_LOG_RETENTION_DAYS): every position up
 * to `throughPosition` is gone, so a replay (or a new consumer) can start only after it.
 */
export const logTruncations = eventbusSchema.table('log_truncations', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  throughPosition: bigint('through_position', { mode: 'number' }).notNull(),
  removed: integer('removed').notNull(),
  truncatedAt: timestamp('truncated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
