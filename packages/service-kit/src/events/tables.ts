import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type PgSchema,
} from 'drizzle-orm/pg-core';

/** What an event says (see DomainEvent), wherever it is stored. */
const eventFields = () => ({
  type: text('type').notNull(),
  version: integer('version').notNull(),
  aggregateType: text('aggregate_type').notNull(),
  aggregateId: text('aggregate_id').notNull(),
  sequence: integer('sequence').notNull(),
  occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
  payload: jsonb('payload').notNull(),
});

/** The columns of a stored event, in an outbox and in the event log alike: its position, its id, and what it says. */
export const eventColumns = () => ({
  position: bigserial('position', { mode: 'number' }).primaryKey(),
  id: uuid('id').notNull().unique(),
  ...eventFields(),
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
 * Where an event set aside by a consumer waits: `retrying` (it failed; tried again with backoff),
 * `parked` (it failed every attempt; waits for an operator's `npm run events:retry`) or `held` (a
 * later event of the same aggregate, waiting behind one of those so its order is kept).
 */
export type SetAsideState = 'retrying' | 'parked' | 'held';

/**
 * What a consuming subgraph remembers, in its own schema, in the same transaction as its
 * projection update: every event id it applied, the last sequence applied per aggregate, and the
 * events it set aside. Those are kept whole, because the consumer's offset moves past them.
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
    parkedEvents: schema.table(
      'parked_events',
      {
        consumer: text('consumer').notNull(),
        eventId: uuid('event_id').notNull(),
        position: bigint('position', { mode: 'number' }).notNull(),
        ...eventFields(),
        state: text('state').$type<SetAsideState>().notNull(),
        /** Failed attempts so far (0 while held). */
        attempts: integer('attempts').notNull().default(0),
        /** The last failure's message: for operators, never shown to clients. */
        lastError: text('last_error'),
        firstFailedAt: timestamp('first_failed_at', { withTimezone: true, mode: 'date' }),
        lastFailedAt: timestamp('last_failed_at', { withTimezone: true, mode: 'date' }),
        nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
        setAsideAt: timestamp('set_aside_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
      },
      (t) => [
        primaryKey({ columns: [t.consumer, t.eventId] }),
        // An aggregate's set-aside events are one run of sequences after its cursor, each once.
        uniqueIndex('parked_events_aggregate_sequence_key').on(t.consumer, t.aggregateId, t.sequence),
        check('parked_events_state_check', sql`state in ('retrying', 'parked', 'held')`),
      ],
    ),
  };
}

export type OutboxTable = ReturnType<typeof outboxTable>;
export type ConsumerTables = ReturnType<typeof consumerTables>;
