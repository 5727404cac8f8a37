/**
 * A domain event as it travels: what happened (type, versioned payload), to which aggregate,
 * in which order (a per-aggregate sequence starting at 1), and when.
 */
export interface DomainEvent<P = unknown> {
  /** Unique id (UUID); consumers remember it so a redelivered event changes nothing. */
  id: string;
  /** For example `OrderPlaced`. */
  type: string;
  /** Version of the payload's shape; consumers may branch on it. */
  version: number;
  /** For example `Order`. */
  aggregateType: string;
  aggregateId: string;
  /** 1, 2, 3, … per aggregate, gap-free: consumers apply an aggregate's events in this order. */
  sequence: number;
  occurredAt: Date;
  payload: P;
}

/** An event as read from the log: with its position, the consumer's offset once applied. */
export interface LoggedEvent extends DomainEvent {
  position: number;
}

/**
 * How events travel between subgraphs. The default is a PostgreSQL table with consumer offsets
 * (`PostgresEventLog`); a broker (NATS JetStream, Kafka, RabbitMQ streams) can take its place by
 * implementing these calls: publish idempotently by event id, read in order after a consumer's
 * offset (or after a position), commit an offset, report lag, rewind a consumer, tell the newest
 * position, and wake readers when events arrive.
 */
export interface EventTransport {
  /** Appends events in the given order; an id already in the log is skipped (at-least-once safe). */
  publish(events: DomainEvent[]): Promise<void>;
  /** Up to `limit` events of the given aggregate types after the consumer's committed offset, oldest first. */
  read(consumer: string, aggregateTypes: string[], limit: number): Promise<LoggedEvent[]>;
  /** Records that the consumer has applied everything up to and including `position`. */
  commit(consumer: string, position: number): Promise<void>;
  /** Events of the given aggregate types the consumer has not committed yet. */
  lag(consumer: string, aggregateTypes: string[]): Promise<number>;
  /**
   * Of these event ids, those the consumer can still be delivered without a rewind: in the log
   * after its committed offset. Retention keeps their applied-event records, which make such a
   * redelivery change nothing.
   */
  redeliverable(consumer: string, eventIds: readonly string[]): Promise<Set<string>>;
  /** Moves the consumer's offset back to the start of the log (for a replay). */
  rewind(consumer: string): Promise<void>;
  /**
   * Up to `limit` events of the given aggregate types after `position`, oldest first: for readers
   * that keep no offset (live subscriptions follow the log from where they joined).
   */
  readAfter(position: number, aggregateTypes: string[], limit: number): Promise<LoggedEvent[]>;
  /** The position of the newest event in the log (0 when it is empty). */
  headPosition(): Promise<number>;
  /** Calls `listener` whenever new events may be readable; returns an unsubscribe function. */
  onPublished(listener: () => void): () => void;
  close(): Promise<void>;
}

/**
 * An event's columns as every event table stores them (outbox, log, set-aside), and the SQL types
 * `jsonRecords` reads them with: one mapping for all three.
 */
export const EVENT_RECORD_COLUMNS =
  'id uuid, type text, version int, aggregate_type text, aggregate_id text, sequence int, occurred_at timestamptz, payload jsonb';

export const eventRecord = (e: DomainEvent) => ({
  id: e.id,
  type: e.type,
  version: e.version,
  aggregate_type: e.aggregateType,
  aggregate_id: e.aggregateId,
  sequence: e.sequence,
  occurred_at: e.occurredAt.toISOString(),
  payload: e.payload,
});
