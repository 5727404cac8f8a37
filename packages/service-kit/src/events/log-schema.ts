import { bigint, bigserial, index, integer, jsonb, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The default event transport's own schema: shared infrastructure, owned by no subgraph. */
export const eventbusSchema = pgSchema('eventbus');

/** The log: every published event once, in publication order. */
export const events = eventbusSchema.table(
  'events',
  {
    position: bigserial('position', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    type: text('type').notNull(),
    version: integer('version').notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    sequence: integer('sequence').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    payload: jsonb('payload').notNull(),
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
