import { EventEmitter } from 'node:events';
import { and, asc, count, desc, gt, inArray, lt, lte, max, min, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { inJsonArray, jsonRecords, openDatabase, type DatabaseHandle, type DatabaseTarget } from '../db/database.ts';
import * as schema from './log-schema.ts';
import { type DomainEvent, EVENT_RECORD_COLUMNS, type EventTransport, eventRecord, type LoggedEvent } from './types.ts';

const CHANNEL = 'supergraph_events';
// One publisher at a time: positions become visible in the order they were assigned, so a consumer
// that has read up to position N can never later find an event below N.
const PUBLISH_LOCK = 7_202_611;

const offsetOf = (consumer: string) =>
  sql`coalesce((select ${schema.consumerOffsets.position} from ${schema.consumerOffsets} where ${schema.consumerOffsets.consumer} = ${consumer}), 0)`;

/**
 * The default transport: a log table with consumer offsets in PostgreSQL (schema `eventbus`),
 * on the embedded database or a server. Consumers are woken in-process at once, and across
 * processes by LISTEN/NOTIFY when the log is on a PostgreSQL server; they also poll.
 */
export class PostgresEventLog implements EventTransport {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private listener: postgres.Sql | undefined;

  private constructor(
    private readonly handle: DatabaseHandle<typeof schema>,
    private readonly url: string | undefined,
  ) {}

  static async open(target: DatabaseTarget): Promise<PostgresEventLog> {
    const handle = await openDatabase({
      target,
      schema,
      schemaName: 'eventbus',
      migrationsFolder: new URL('../../drizzle/eventbus', import.meta.url).pathname,
    });
    return new PostgresEventLog(handle, target.kind === 'postgres' ? target.url : undefined);
  }

  private get db() {
    return this.handle.db;
  }

  async publish(events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${PUBLISH_LOCK})`);
      const rows = events.map((e, ord) => ({ ord, ...eventRecord(e) }));
      // In the given order, so positions follow it; an id already in the log is skipped.
      await tx.execute(sql`
        insert into ${schema.events} (id, type, version, aggregate_type, aggregate_id, sequence, occurred_at, payload)
        select id, type, version, aggregate_type, aggregate_id, sequence, occurred_at, payload
        from ${jsonRecords(rows, `ord int, ${EVENT_RECORD_COLUMNS}`)}
        order by ord
        on conflict (id) do nothing`);
      if (this.url) await tx.execute(sql`select pg_notify(${CHANNEL}, '')`);
    });
    this.emitter.emit('published');
  }

  async read(consumer: string, aggregateTypes: string[], limit: number): Promise<LoggedEvent[]> {
    const rows = await this.db
      .select()
      .from(schema.events)
      .where(and(gt(schema.events.position, offsetOf(consumer)), inArray(schema.events.aggregateType, aggregateTypes)))
      .orderBy(asc(schema.events.position))
      .limit(limit);
    return rows.map(({ publishedAt: _p, ...event }) => event);
  }

  async readAfter(position: number, aggregateTypes: string[], limit: number): Promise<LoggedEvent[]> {
    const rows = await this.db
      .select()
      .from(schema.events)
      .where(and(gt(schema.events.position, position), inArray(schema.events.aggregateType, aggregateTypes)))
      .orderBy(asc(schema.events.position))
      .limit(limit);
    return rows.map(({ publishedAt: _p, ...event }) => event);
  }

  async headPosition(): Promise<number> {
    const [row] = await this.db.select({ head: max(schema.events.position) }).from(schema.events);
    return Number(row?.head ?? 0);
  }

  async commit(consumer: string, position: number): Promise<void> {
    await this.db
      .insert(schema.consumerOffsets)
      .values({ consumer, position })
      .onConflictDoUpdate({
        target: schema.consumerOffsets.consumer,
        set: { position: sql`greatest(${schema.consumerOffsets.position}, excluded.position)`, updatedAt: new Date() },
      });
  }

  async lag(consumer: string, aggregateTypes: string[]): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(schema.events)
      .where(and(gt(schema.events.position, offsetOf(consumer)), inArray(schema.events.aggregateType, aggregateTypes)));
    return row?.n ?? 0;
  }

  async redeliverable(consumer: string, eventIds: readonly string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows = await this.db
      .select({ id: schema.events.id })
      .from(schema.events)
      .where(and(inJsonArray(schema.events.id, eventIds, 'uuid'), gt(schema.events.position, offsetOf(consumer))));
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Retention of the log itself: removes, from its start, the events published before `before`
   * that none of `consumers` still has to read. A consumer has still to read every event of its
   * aggregate types after its offset (with no offset yet: all of them); events of other types it
   * never reads, so a consumer of rare types (store events, say) does not hold the log back.
   * Records how far it removed (`removedThrough`). Returns how many events it removed.
   */
  async prune(consumers: readonly { name: string; aggregateTypes: readonly string[] }[], before: Date): Promise<number> {
    if (consumers.length === 0) return 0;
    let horizon = await this.headPosition();
    for (const consumer of consumers) {
      const [next] = await this.db
        .select({ position: min(schema.events.position) })
        .from(schema.events)
        .where(
          and(gt(schema.events.position, offsetOf(consumer.name)), inArray(schema.events.aggregateType, [...consumer.aggregateTypes])),
        );
      // The first event it has still to read stays, and everything after it.
      if (next?.position !== null && next?.position !== undefined) horizon = Math.min(horizon, Number(next.position) - 1);
    }
    if (horizon <= 0) return 0;
    // Positions follow publication, so this is a prefix of the log: the replay's new start is one position.
    const [last] = await this.db
      .select({ position: max(schema.events.position) })
      .from(schema.events)
      .where(and(lte(schema.events.position, horizon), lt(schema.events.publishedAt, before)));
    const through = Number(last?.position ?? 0);
    if (through === 0) return 0;
    let removed = 0;
    for (;;) {
      const batch = await this.db.transaction(async (tx) => {
        const oldest = tx
          .select({ position: schema.events.position })
          .from(schema.events)
          .where(lte(schema.events.position, through))
          .orderBy(asc(schema.events.position))
          .limit(5000);
        const rows = await tx
          .delete(schema.events)
          .where(inArray(schema.events.position, oldest))
          .returning({ position: schema.events.position });
        return rows.length;
      });
      removed += batch;
      if (batch < 5000) break;
    }
    if (removed > 0) await this.db.insert(schema.logTruncations).values({ throughPosition: through, removed });
    return removed;
  }

  /** The last position retention removed (a replay starts after it), with when; null while the log is whole. */
  async removedThrough(): Promise<{ position: number; at: Date } | null> {
    const [row] = await this.db
      .select({ position: schema.logTruncations.throughPosition, at: schema.logTruncations.truncatedAt })
      .from(schema.logTruncations)
      .orderBy(desc(schema.logTruncations.throughPosition))
      .limit(1);
    return row ?? null;
  }

  async rewind(consumer: string): Promise<void> {
    await this.db
      .insert(schema.consumerOffsets)
      .values({ consumer, position: 0 })
      .onConflictDoUpdate({ target: schema.consumerOffsets.consumer, set: { position: 0, updatedAt: new Date() } });
  }

  onPublished(listener: () => void): () => void {
    this.emitter.on('published', listener);
    if (this.url && !this.listener) {
      this.listener = postgres(this.url, { max: 1, onnotice: () => {} });
      this.listener
        .listen(CHANNEL, () => this.emitter.emit('published'))
        .catch(() => {
          // LISTEN is a latency optimisation only; consumers poll as well.
        });
    }
    return () => this.emitter.off('published', listener);
  }

  /** Events in the log (for tests and diagnostics). */
  async size(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(schema.events);
    return row?.n ?? 0;
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
    await this.listener?.end({ timeout: 1 });
    await this.handle.close();
  }
}
