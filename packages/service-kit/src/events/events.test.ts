import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { integer, pgSchema, text } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEmbeddedDatabase, type Database } from '../db.ts';
import { createLogger } from '../logger.ts';
import { EventConsumer, type ConsumerDefinition } from './consumer.ts';
import { recordEvents } from './outbox.ts';
import { PostgresEventLog } from './postgres-log.ts';
import { OutboxRelay } from './relay.ts';
import { consumerTables, outboxTable } from './tables.ts';
import type { DomainEvent } from './types.ts';

// A toy producer and consumer in their own schemas of one embedded database: the real kit, real SQL.
const producer = pgSchema('toy_producer');
const outbox = outboxTable(producer);
const consumerSchema = pgSchema('toy_consumer');
const tables = consumerTables(consumerSchema);
const totals = consumerSchema.table('totals', { account: text('account').primaryKey(), amount: integer('amount').notNull(), lastEvent: text('last_event') });

type Db = Database<Record<string, unknown>>;
let db: Db;
let log: PostgresEventLog;
const logger = createLogger('events-test', 'silent');

const ledger: ConsumerDefinition = {
  name: 'ledger',
  aggregateTypes: ['Account'],
  async apply(tx, events) {
    for (const e of events) {
      const { amount } = e.payload as { amount: number };
      await tx
        .insert(totals)
        .values({ account: e.aggregateId, amount, lastEvent: `${e.type}#${e.sequence}` })
        .onConflictDoUpdate({ target: totals.account, set: { amount: sql`${totals.amount} + ${amount}`, lastEvent: `${e.type}#${e.sequence}` } });
    }
  },
  async reset(tx) {
    await tx.delete(totals);
  },
};

const consumer = (batchSize = 100) => new EventConsumer({ definition: ledger, db, tables, transport: log, logger, pollMs: 60_000, batchSize });
const total = async (account: string) => (await db.select().from(totals).where(eq(totals.account, account)))[0];
const deposit = (account: string, amount: number) => ({ type: 'Deposited', aggregateType: 'Account', aggregateId: account, payload: { amount } });

beforeAll(async () => {
  const client = await createEmbeddedDatabase();
  db = drizzle({ client }) as unknown as Db;
  await db.execute(sql`create schema toy_producer`);
  await db.execute(sql`create schema toy_consumer`);
  await db.execute(sql`create table toy_producer.outbox_events (position bigserial primary key, id uuid not null unique, type text not null, version int not null, aggregate_type text not null, aggregate_id text not null, sequence int not null, occurred_at timestamptz not null, payload jsonb not null, published_at timestamptz, unique (aggregate_id, sequence))`);
  await db.execute(sql`create table toy_consumer.applied_events (consumer text not null, event_id uuid not null, applied_at timestamptz not null default now(), primary key (consumer, event_id))`);
  await db.execute(sql`create table toy_consumer.aggregate_cursors (consumer text not null, aggregate_id text not null, sequence int not null, primary key (consumer, aggregate_id))`);
  await db.execute(sql`create table toy_consumer.totals (account text primary key, amount int not null, last_event text)`);
  log = await PostgresEventLog.open({ kind: 'pglite', client });
});
afterAll(() => log?.close());

describe('the event kit', () => {
  test('outbox → relay → log → consumer, with per-aggregate sequences', async () => {
    const account = randomUUID();
    const written = await db.transaction((tx) => recordEvents(tx as unknown as Db, outbox, [deposit(account, 5), deposit(account, 7)]));
    expect(written.map((e) => e.sequence)).toEqual([1, 2]);
    const relay = new OutboxRelay({ db, outbox, transport: log, logger, pollMs: 60_000 });
    await relay.flush();
    expect(await relay.pending()).toBe(0);
    const c = consumer();
    await c.drain();
    expect(await total(account)).toMatchObject({ amount: 12, lastEvent: 'Deposited#2' });
    expect(await c.lag()).toBe(0);
  });

  test('an event rolled back with its transaction is never published', async () => {
    const account = randomUUID();
    await expect(
      db.transaction(async (tx) => {
        await recordEvents(tx as unknown as Db, outbox, [deposit(account, 100)]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await new OutboxRelay({ db, outbox, transport: log, logger, pollMs: 60_000 }).flush();
    await consumer().drain();
    expect(await total(account)).toBeUndefined();
  });

  test('publishing the same events twice adds nothing to the log', async () => {
    const event: DomainEvent = { id: randomUUID(), type: 'Deposited', version: 1, aggregateType: 'Account', aggregateId: randomUUID(), sequence: 1, occurredAt: new Date(), payload: { amount: 1 } };
    const before = await log.size();
    await log.publish([event]);
    await log.publish([event, event]);
    expect(await log.size()).toBe(before + 1);
  });

  test('every event delivered again changes nothing', async () => {
    const account = randomUUID();
    await log.publish([1, 2, 3].map((sequence) => ({ id: randomUUID(), type: 'Deposited', version: 1, aggregateType: 'Account', aggregateId: account, sequence, occurredAt: new Date(), payload: { amount: 10 } })));
    const c = consumer(2);
    await c.drain();
    expect((await total(account))?.amount).toBe(30);
    await c.redeliver();
    expect(await c.lag()).toBeGreaterThan(0);
    await c.drain();
    expect((await total(account))?.amount).toBe(30);
  });

  test('an early event waits for the missing one, then both apply in sequence', async () => {
    const account = randomUUID();
    const event = (sequence: number, amount: number): DomainEvent => ({ id: randomUUID(), type: 'Deposited', version: 1, aggregateType: 'Account', aggregateId: account, sequence, occurredAt: new Date(), payload: { amount } });
    const second = event(2, 20);
    await log.publish([second]);
    const c = consumer();
    await c.drain();
    expect(await total(account)).toBeUndefined();
    expect(await c.lag()).toBeGreaterThan(0);
    await log.publish([event(1, 1)]);
    await c.drain();
    expect(await total(account)).toMatchObject({ amount: 21, lastEvent: 'Deposited#2' });
    expect(await c.lag()).toBe(0);
  });

  test('a replay rebuilds the projection to the same state', async () => {
    const c = consumer(3);
    await c.drain();
    const before = await db.select().from(totals).orderBy(totals.account);
    await c.replay();
    expect(await db.select().from(totals).orderBy(totals.account)).toEqual(before);
  });
});
