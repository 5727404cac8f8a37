import { randomUUID } from 'node:crypto';
import { and, asc, isNull, sql } from 'drizzle-orm';
import { inJsonArray, jsonRecords, type Database } from '../db/database.ts';
import type { OutboxTable } from './tables.ts';
import { type DomainEvent, EVENT_RECORD_COLUMNS, eventRecord } from './types.ts';

export interface NewEvent<P = unknown> {
  type: string;
  version?: number;
  aggregateType: string;
  aggregateId: string;
  payload: P;
  occurredAt?: Date;
}

type Db = Database<Record<string, unknown>>;

/**
 * Writes events to the outbox. Call it inside the transaction that makes the change, after locking
 * the aggregate's row, so the change and its events commit (or roll back) together and each
 * aggregate's sequence stays gap-free.
 */
export async function recordEvents(tx: Db, outbox: OutboxTable, events: NewEvent[]): Promise<DomainEvent[]> {
  if (events.length === 0) return [];
  const aggregateIds = [...new Set(events.map((e) => e.aggregateId))];
  const current = await tx
    .select({ aggregateId: outbox.aggregateId, sequence: sql<number>`max(${outbox.sequence})::int` })
    .from(outbox)
    .where(inJsonArray(outbox.aggregateId, aggregateIds, 'text'))
    .groupBy(outbox.aggregateId);
  const next = new Map(current.map((c) => [c.aggregateId, c.sequence]));
  const rows = events.map((e): DomainEvent => {
    const sequence = (next.get(e.aggregateId) ?? 0) + 1;
    next.set(e.aggregateId, sequence);
    return {
      id: randomUUID(),
      type: e.type,
      version: e.version ?? 1,
      aggregateType: e.aggregateType,
      aggregateId: e.aggregateId,
      sequence,
      occurredAt: e.occurredAt ?? new Date(),
      payload: e.payload,
    };
  });
  await tx.execute(sql`
    insert into ${outbox} (id, type, version, aggregate_type, aggregate_id, sequence, occurred_at, payload)
    select id, type, version, aggregate_type, aggregate_id, sequence, occurred_at, payload
    from ${jsonRecords(
      rows.map((e, ord) => ({ ord, ...eventRecord(e) })),
      `ord int, ${EVENT_RECORD_COLUMNS}`,
    )}
    order by ord`);
  return rows;
}

/** Unpublished outbox events, oldest first. */
export const unpublished = (db: Db, outbox: OutboxTable, limit: number) =>
  db.select().from(outbox).where(isNull(outbox.publishedAt)).orderBy(asc(outbox.position)).limit(limit);

export async function markPublished(db: Db, outbox: OutboxTable, positions: number[]) {
  if (positions.length === 0) return;
  await db
    .update(outbox)
    .set({ publishedAt: new Date() })
    .where(and(inJsonArray(outbox.position, positions, 'bigint'), isNull(outbox.publishedAt)));
}

export const countUnpublished = async (db: Db, outbox: OutboxTable) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(isNull(outbox.publishedAt)))[0]?.n ?? 0;
