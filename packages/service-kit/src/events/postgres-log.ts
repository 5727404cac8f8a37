import { EventEmitter } from 'node:events';
import { and, asc, count, gt, inArray, max, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { jsonRecords, openDatabase, type DatabaseHandle, type DatabaseTarget } from '../db/database.ts';
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
