import { and, eq, sql } from 'drizzle-orm';
import { inJsonArray, jsonRecords, type Database } from '../db.ts';
import { DrainLoop } from './drain-loop.ts';
import type { Logger } from '../logger.ts';
import type { ConsumerTables } from './tables.ts';
import type { EventTransport, LoggedEvent } from './types.ts';

type Db = Database<Record<string, unknown>>;

/** What a subgraph does with events: the projection it keeps and how to empty it for a replay. */
export interface ConsumerDefinition {
  /** Unique across the platform, for example `analytics`. Names the consumer's offset in the log. */
  name: string;
  /** Aggregate types to receive, every event of each (so per-aggregate sequences have no gaps). */
  aggregateTypes: string[];
  /**
   * Applies events inside the consumer's transaction, in log order (each aggregate's in sequence),
   * each exactly once. Must leave the same state as applying them one at a time; set-based SQL
   * over the whole batch keeps a busy consumer fast. Events of unknown types should be ignored.
   */
  apply(tx: Db, events: LoggedEvent[]): Promise<void>;
  /** Empties everything `apply` builds, inside a transaction, before a replay. */
  reset(tx: Db): Promise<void>;
}

export interface ConsumerOptions {
  definition: ConsumerDefinition;
  db: Db;
  tables: ConsumerTables;
  transport: EventTransport;
  logger: Logger;
  pollMs: number;
  batchSize?: number;
  /** Called after a batch committed, with the events it applied (for example to publish follow-up events). */
  afterBatch?: (applied: LoggedEvent[]) => void;
}

/**
 * Applies events exactly once to a projection. Delivery is at-least-once; the consumer records
 * each applied event id and each aggregate's last sequence in its own schema, in the same
 * transaction as the projection update, so a redelivered event changes nothing and an early
 * event (a gap in an aggregate's sequence) waits until the missing ones arrive.
 */
export class EventConsumer {
  private readonly loop = new DrainLoop(() => this.applyBatch(), () => this.stopped);
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopped = false;
  private lastLagLog = 0;

  constructor(private readonly options: ConsumerOptions) {}

  get name() {
    return this.options.definition.name;
  }

  /** False between stop() and start(). */
  get active() {
    return !this.stopped;
  }

  /** Redelivers every event from the start of the log (the projection dedupes them). For operations and tests. */
  async redeliver(): Promise<void> {
    await this.loop.settled();
    await this.options.transport.rewind(this.name);
  }

  start() {
    this.stopped = false;
    this.unsubscribe = this.options.transport.onPublished(() => this.kick());
    this.timer = setInterval(() => {
      this.kick();
      void this.reportLag();
    }, this.options.pollMs);
    this.timer.unref();
    this.kick();
  }

  kick(): void {
    void this.drain().catch((error) => this.options.logger.error({ err: error, consumer: this.name }, 'applying events failed; will retry'));
  }

  /** Applies everything readable now. */
  drain(): Promise<void> {
    return this.loop.run();
  }

  lag(): Promise<number> {
    return this.options.transport.lag(this.name, this.options.definition.aggregateTypes);
  }

  /** Rebuilds the projection from the start of the log. */
  async replay(): Promise<void> {
    await this.loop.settled();
    const { db, tables, definition, transport } = this.options;
    await db.transaction(async (tx) => {
      await this.lock(tx);
      await definition.reset(tx);
      await tx.delete(tables.appliedEvents).where(eq(tables.appliedEvents.consumer, this.name));
      await tx.delete(tables.aggregateCursors).where(eq(tables.aggregateCursors.consumer, this.name));
    });
    await transport.rewind(this.name);
    await this.drain();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.unsubscribe?.();
    await this.loop.settled();
  }

  /** Applies one batch now, even while stopped (tests use it to stop a consumer mid-stream). Returns whether it made progress. */
  step(): Promise<boolean> {
    return this.applyBatch();
  }

  /** Returns whether it made progress. */
  private async applyBatch(): Promise<boolean> {
    const { db, tables, definition, transport } = this.options;
    const events = await transport.read(this.name, definition.aggregateTypes, this.options.batchSize ?? 1000);
    if (events.length === 0) return false;

    const done: LoggedEvent[] = [];
    const applied: LoggedEvent[] = [];
    await db.transaction(async (tx) => {
      await this.lock(tx);
      const seen = new Set(
        (await tx
          .select({ id: tables.appliedEvents.eventId })
          .from(tables.appliedEvents)
          .where(and(eq(tables.appliedEvents.consumer, this.name), inJsonArray(tables.appliedEvents.eventId, events.map((e) => e.id), 'uuid'))))
          .map((r) => r.id),
      );
      const cursors = new Map(
        (await tx
          .select({ aggregateId: tables.aggregateCursors.aggregateId, sequence: tables.aggregateCursors.sequence })
          .from(tables.aggregateCursors)
          .where(and(eq(tables.aggregateCursors.consumer, this.name), inJsonArray(tables.aggregateCursors.aggregateId, [...new Set(events.map((e) => e.aggregateId))], 'text'))))
          .map((r) => [r.aggregateId, r.sequence]),
      );
      // Per aggregate, by sequence: an event that arrived before its predecessor is applied as soon
      // as the predecessor is in the same batch; otherwise it waits (and so does the offset).
      const moved = new Map<string, number>();
      const blocked = new Set<string>();
      const byAggregate = new Map<string, LoggedEvent[]>();
      for (const event of events) byAggregate.set(event.aggregateId, [...(byAggregate.get(event.aggregateId) ?? []), event]);
      for (const [aggregateId, stream] of byAggregate) {
        let last = cursors.get(aggregateId) ?? 0;
        for (const event of [...stream].sort((a, b) => a.sequence - b.sequence)) {
          if (seen.has(event.id) || event.sequence <= last) continue;
          if (event.sequence > last + 1) {
            this.options.logger.warn({ consumer: this.name, event: event.id, aggregate: aggregateId, expected: last + 1, got: event.sequence }, 'event arrived early; waiting for the missing ones');
            for (const rest of stream) if (rest.sequence > last) blocked.add(rest.id);
            break;
          }
          applied.push(event);
          seen.add(event.id);
          last = event.sequence;
          moved.set(aggregateId, last);
        }
      }
      // The offset may only pass events that are done: stop before the first one still waiting.
      for (const event of events) {
        if (blocked.has(event.id)) break;
        done.push(event);
      }
      if (applied.length > 0) {
        await definition.apply(tx, applied);
        await tx.execute(sql`
          insert into ${tables.appliedEvents} (consumer, event_id)
          select ${this.name}, event_id from ${jsonRecords(applied.map((e) => ({ event_id: e.id })), 'event_id uuid')}
          on conflict do nothing`);
      }
      if (moved.size > 0) {
        await tx.execute(sql`
          insert into ${tables.aggregateCursors} (consumer, aggregate_id, sequence)
          select ${this.name}, aggregate_id, sequence from ${jsonRecords([...moved].map(([aggregate_id, sequence]) => ({ aggregate_id, sequence })), 'aggregate_id text, sequence int')}
          on conflict (consumer, aggregate_id) do update set sequence = excluded.sequence`);
      }
    });
    if (done.length > 0) await transport.commit(this.name, done.at(-1)!.position);
    if (applied.length > 0) this.options.afterBatch?.(applied);
    return done.length > 0;
  }

  /**
   * One batch (or reset) of this consumer at a time, also across replicas and a replay running in
   * another process: the applied-events check then always sees what the other committed.
   */
  private async lock(tx: Db) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`supergraph-consumer:${this.name}`}))`);
  }

  private async reportLag() {
    if (Date.now() - this.lastLagLog < 10_000) return;
    this.lastLagLog = Date.now();
    const lag = await this.lag().catch(() => -1);
    if (lag > 0) this.options.logger.info({ consumer: this.name, lag }, 'event consumer is behind');
  }
}
