import { and, asc, count, eq, max, min, sql } from 'drizzle-orm';
import { inJsonArray, jsonRecords, type Database } from '../db/database.ts';
import type { ConsumerTables, SetAsideState } from './tables.ts';
import { EVENT_RECORD_COLUMNS, eventRecord, type LoggedEvent } from './types.ts';

type Db = Database<Record<string, unknown>>;
export type SetAsideRow = ConsumerTables['parkedEvents']['$inferSelect'];

/** What a failed attempt leaves in the set-aside row of its event. */
export interface FailureRecord {
  state: 'retrying' | 'parked';
  attempts: number;
  lastError: string;
  lastFailedAt: Date;
  nextAttemptAt: Date | null;
}

/**
 * A consumer's own bookkeeping in its subgraph's schema, the SQL of it and nothing else: the ids of
 * the events it applied, each aggregate's last applied sequence, and the events it set aside
 * (one that failed, and the later events of its aggregate held behind it). `EventConsumer` decides
 * what to write; every statement takes the transaction it belongs to.
 */
export class ConsumerBookkeeping {
  constructor(
    private readonly tables: ConsumerTables,
    private readonly consumer: string,
  ) {}

  private get setAside() {
    return this.tables.parkedEvents;
  }

  /** The ids among `eventIds` this consumer applied already. */
  async appliedAmong(tx: Db, eventIds: string[]): Promise<Set<string>> {
    const t = this.tables.appliedEvents;
    const rows = await tx
      .select({ id: t.eventId })
      .from(t)
      .where(and(eq(t.consumer, this.consumer), inJsonArray(t.eventId, eventIds, 'uuid')));
    return new Set(rows.map((r) => r.id));
  }

  /** The last applied sequence of each of these aggregates that has one. */
  async cursors(tx: Db, aggregateIds: string[]): Promise<Map<string, number>> {
    const t = this.tables.aggregateCursors;
    const rows = await tx
      .select({ aggregateId: t.aggregateId, sequence: t.sequence })
      .from(t)
      .where(and(eq(t.consumer, this.consumer), inJsonArray(t.aggregateId, aggregateIds, 'text')));
    return new Map(rows.map((r) => [r.aggregateId, r.sequence]));
  }

  /** For each of these aggregates with set-aside events, the last of their sequences. */
  async setAsideUpTo(tx: Db, aggregateIds: string[]): Promise<Map<string, number>> {
    const t = this.setAside;
    const rows = await tx
      .select({ aggregateId: t.aggregateId, sequence: max(t.sequence) })
      .from(t)
      .where(and(eq(t.consumer, this.consumer), inJsonArray(t.aggregateId, aggregateIds, 'text')))
      .groupBy(t.aggregateId);
    return new Map(rows.map((r) => [r.aggregateId, r.sequence ?? 0]));
  }

  /** Records events as applied: their ids, and each aggregate's last sequence. */
  async recordApplied(tx: Db, applied: LoggedEvent[]): Promise<void> {
    if (applied.length === 0) return;
    const moved = new Map<string, number>();
    for (const e of applied) moved.set(e.aggregateId, Math.max(moved.get(e.aggregateId) ?? 0, e.sequence));
    await tx.execute(sql`
      insert into ${this.tables.appliedEvents} (consumer, event_id)
      select ${this.consumer}, event_id from ${jsonRecords(
        applied.map((e) => ({ event_id: e.id })),
        'event_id uuid',
      )}
      on conflict do nothing`);
    await tx.execute(sql`
      insert into ${this.tables.aggregateCursors} (consumer, aggregate_id, sequence)
      select ${this.consumer}, aggregate_id, sequence from ${jsonRecords(
        [...moved].map(([aggregate_id, sequence]) => ({ aggregate_id, sequence })),
        'aggregate_id text, sequence int',
      )}
      on conflict (consumer, aggregate_id) do update set sequence = excluded.sequence`);
  }

  /** Sets events aside behind an earlier event of their aggregate that failed. */
  async hold(tx: Db, events: LoggedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await tx.execute(sql`
      insert into ${this.setAside} (consumer, event_id, position, type, version, aggregate_type, aggregate_id, sequence, occurred_at, payload, state)
      select ${this.consumer}, id, position, type, version, aggregate_type, aggregate_id, sequence, occurred_at, payload, 'held'
      from ${jsonRecords(
        events.map((e) => ({ position: e.position, ...eventRecord(e) })),
        `position bigint, ${EVENT_RECORD_COLUMNS}`,
      )}
      on conflict do nothing`);
  }

  /** Writes a failed attempt: a new row for an event read from the log, or the next attempt of a set-aside one (`row`). */
  async recordFailure(tx: Db, event: LoggedEvent, failure: FailureRecord, row: SetAsideRow | undefined): Promise<void> {
    const t = this.setAside;
    if (row) {
      await tx
        .update(t)
        .set({ ...failure, firstFailedAt: row.firstFailedAt ?? failure.lastFailedAt })
        .where(and(eq(t.consumer, this.consumer), eq(t.eventId, event.id)));
    } else {
      const { id: eventId, ...fields } = event;
      await tx.insert(t).values({ consumer: this.consumer, eventId, ...fields, ...failure, firstFailedAt: failure.lastFailedAt });
    }
  }

  /** One set-aside event, by id. */
  async find(tx: Db, eventId: string): Promise<SetAsideRow | undefined> {
    const t = this.setAside;
    return (
      await tx
        .select()
        .from(t)
        .where(and(eq(t.consumer, this.consumer), eq(t.eventId, eventId)))
    )[0];
  }

  /** An aggregate's set-aside events, in sequence: the failed one first, then those held behind it. */
  rowsOf(tx: Db, aggregateId: string): Promise<SetAsideRow[]> {
    const t = this.setAside;
    return tx
      .select()
      .from(t)
      .where(and(eq(t.consumer, this.consumer), eq(t.aggregateId, aggregateId)))
      .orderBy(asc(t.sequence));
  }

  /** The aggregate's last applied sequence (0 before its first). */
  async cursorOf(tx: Db, aggregateId: string): Promise<number> {
    return (await this.cursors(tx, [aggregateId])).get(aggregateId) ?? 0;
  }

  /** Forgets set-aside events (applied at last, or stale). */
  async forget(tx: Db, eventIds: string[]): Promise<void> {
    if (eventIds.length === 0) return;
    const t = this.setAside;
    await tx.delete(t).where(and(eq(t.consumer, this.consumer), inJsonArray(t.eventId, eventIds, 'uuid')));
  }

  /** Set-aside events by state, and the earliest next attempt of those retrying. */
  async counts(db: Db): Promise<{ counts: Record<SetAsideState, number>; nextAttemptAt: Date | null }> {
    const t = this.setAside;
    const rows = await db
      .select({ state: t.state, n: count(), next: min(t.nextAttemptAt) })
      .from(t)
      .where(eq(t.consumer, this.consumer))
      .groupBy(t.state);
    const of = (state: SetAsideState) => rows.find((r) => r.state === state)?.n ?? 0;
    return {
      counts: { retrying: of('retrying'), parked: of('parked'), held: of('held') },
      nextAttemptAt: rows.find((r) => r.state === 'retrying')?.next ?? null,
    };
  }

  /** Every set-aside event, in log order. */
  all(db: Db): Promise<SetAsideRow[]> {
    const t = this.setAside;
    return db.select().from(t).where(eq(t.consumer, this.consumer)).orderBy(asc(t.position));
  }

  /** The aggregates whose failed event retries on its own, soonest first. */
  retryingHeads(db: Db): Promise<{ aggregateId: string; nextAttemptAt: Date | null }[]> {
    const t = this.setAside;
    return db
      .select({ aggregateId: t.aggregateId, nextAttemptAt: t.nextAttemptAt })
      .from(t)
      .where(and(eq(t.consumer, this.consumer), eq(t.state, 'retrying')))
      .orderBy(asc(t.nextAttemptAt));
  }

  /** Forgets everything this consumer applied or set aside (before a replay). */
  async clear(tx: Db): Promise<void> {
    await tx.delete(this.tables.appliedEvents).where(eq(this.tables.appliedEvents.consumer, this.consumer));
    await tx.delete(this.tables.aggregateCursors).where(eq(this.tables.aggregateCursors.consumer, this.consumer));
    // Set-aside events are in the log too: the replay meets them again.
    await tx.delete(this.setAside).where(eq(this.setAside.consumer, this.consumer));
  }
}

/** A set-aside row as the event it holds. */
export const toEvent = (row: SetAsideRow): LoggedEvent => ({
  id: row.eventId,
  position: row.position,
  type: row.type,
  version: row.version,
  aggregateType: row.aggregateType,
  aggregateId: row.aggregateId,
  sequence: row.sequence,
  occurredAt: row.occurredAt,
  payload: row.payload,
});
