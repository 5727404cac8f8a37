import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, primaryKey, text, timestamp, uniqueIndex, uuid, type PgSchema } from 'drizzle-orm/pg-core';

/** The columns of a stored event, in an outbox and in the event log alike (see DomainEvent). */
export const eventColumns = () => ({
  position: bigserial('position', { mode: 'number' }).primaryKey(),
  id: uuid('id').notNull().unique(),
  type: text('type').notNull(),
  version: integer('version').notNull(),
  aggregateType: text('aggregate_type').notNull(),
  aggregateId: text('aggregate_id').notNull(),
  sequence: integer('sequence').notNull(),
  occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
  payload: jsonb('payload').notNull(),
});

/**
 * The transactional outbox of a producing subgraph, in its own schema: events are written here in
 * the same transaction as the change that causes them, and a relay publishes them afterwards.
 */
export function outboxTable(schema: PgSchema) {
  return schema.table(
    'outbox_events',
    {
      ...eventColumns(),
      publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    },
    (t) => [
      uniqueIndex('outbox_events_aggregate_sequence_key').on(t.aggregateId, t.sequence),
      index('outbox_events_unpublished_idx').on(t.position).where(sql`published_at is null`),
    ],
  );
}

/**
 * What a consuming subgraph remembers, in its own schema, in the same transaction as its
 * projection update: every event id it applied, and the last sequence applied per aggregate.
 */
export function consumerTables(schema: PgSchema) {
  return {
    appliedEvents: schema.table(
      'applied_events',
      {
        consumer: text('consumer').notNull(),
        eventId: uuid('event_id').notNull(),
        appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
      },
      (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
    ),
    aggregateCursors: schema.table(
      'aggregate_cursors',
      {
        consumer: text('consumer').notNull(),
        aggregateId: text('aggregate_id').notNull(),
        sequence: integer('sequence').notNull(),
      },
      (t) => [primaryKey({ columns: [t.consumer, t.aggregateId] })],
    ),
  };
}

export type OutboxTable = ReturnType<typeof outboxTable>;
export type ConsumerTables = ReturnType<typeof consumerTables>;
