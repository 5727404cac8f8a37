import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db.ts';
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
  /** Applies one event inside the consumer's transaction. Events of unknown types should be ignored. */
  apply(tx: Db, event: LoggedEvent): Promise<void>;
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
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopped = true;
  private lastLagLog = 0;

  constructor(private readonly options: ConsumerOptions) {}

  get name() {
    return this.options.definition.name;
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
  async drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while (await this.applyBatch()) {
            // keep going until caught up (or blocked on a gap)
          }
        } while (this.again);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  lag(): Promise<number> {
    return this.options.transport.lag(this.name, this.options.definition.aggregateTypes);
  }

  /** Rebuilds the projection from the start of the log. */
  async replay(): Promise<void> {
    await this.running?.catch(() => {});
    const { db, tables, definition, transport } = this.options;
    await db.transaction(async (tx) => {
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
    await this.running?.catch(() => {});
  }

  /** Returns whether it made progress. */
  private async applyBatch(): Promise<boolean> {
    const { db, tables, definition, transport } = this.options;
    const events = await transport.read(this.name, definition.aggregateTypes, this.options.batchSize ?? 200);
    if (events.length === 0) return false;

    const done: LoggedEvent[] = [];
    const applied: LoggedEvent[] = [];
    await db.transaction(async (tx) => {
      const seen = new Set(
        (await tx
          .select({ id: tables.appliedEvents.eventId })
          .from(tables.appliedEvents)
          .where(and(eq(tables.appliedEvents.consumer, this.name), inArray(tables.appliedEvents.eventId, events.map((e) => e.id)))))
          .map((r) => r.id),
      );
      const cursors = new Map(
        (await tx
          .select({ aggregateId: tables.aggregateCursors.aggregateId, sequence: tables.aggregateCursors.sequence })
          .from(tables.aggregateCursors)
          .where(and(eq(tables.aggregateCursors.consumer, this.name), inArray(tables.aggregateCursors.aggregateId, [...new Set(events.map((e) => e.aggregateId))]))))
          .map((r) => [r.aggregateId, r.sequence]),
      );
      const moved = new Map<string, number>();
      for (const event of events) {
        const last = cursors.get(event.aggregateId) ?? 0;
        if (!seen.has(event.id) && event.sequence > last) {
          if (event.sequence > last + 1) {
            this.options.logger.warn({ consumer: this.name, event: event.id, aggregate: event.aggregateId, expected: last + 1, got: event.sequence }, 'event arrived early; waiting for the missing ones');
            break;
          }
          await definition.apply(tx, event);
          applied.push(event);
          seen.add(event.id);
          cursors.set(event.aggregateId, event.sequence);
          moved.set(event.aggregateId, event.sequence);
        }
        done.push(event);
      }
      if (applied.length > 0) {
        await tx.insert(tables.appliedEvents).values(applied.map((e) => ({ consumer: this.name, eventId: e.id }))).onConflictDoNothing();
      }
      if (moved.size > 0) {
        await tx
          .insert(tables.aggregateCursors)
          .values([...moved].map(([aggregateId, sequence]) => ({ consumer: this.name, aggregateId, sequence })))
          .onConflictDoUpdate({
            target: [tables.aggregateCursors.consumer, tables.aggregateCursors.aggregateId],
            set: { sequence: sql`excluded.sequence` },
          });
      }
    });
    if (done.length > 0) await transport.commit(this.name, done.at(-1)!.position);
    if (applied.length > 0) this.options.afterBatch?.(applied);
    return done.length > 0 && !this.stopped;
  }

  private async reportLag() {
    if (Date.now() - this.lastLagLog < 10_000) return;
    this.lastLagLog = Date.now();
    const lag = await this.lag().catch(() => -1);
    if (lag > 0) this.options.logger.info({ consumer: this.name, lag }, 'event consumer is behind');
  }
}
