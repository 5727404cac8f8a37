import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { integer, pgSchema, text } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/pglite';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEmbeddedDatabase, type Database } from '../db/database.ts';
import { createLogger } from '../observability/logger.ts';
import { EventConsumer, type ConsumerDefinition, type ConsumerOptions } from './consumer.ts';
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
const balances = (name: string) =>
  consumerSchema.table(name, { account: text('account').primaryKey(), amount: integer('amount').notNull(), lastEvent: text('last_event') });
const totals = balances('totals');
// The same shape for the wallet consumer below, whose events fail on purpose.
const wallets = balances('wallets');

type Db = Database<Record<string, unknown>>;
let db: Db;
let log: PostgresEventLog;
const logger = createLogger('events-test', 'silent');

/** Adds each event's amount to its account's row, one event at a time; `amountOf` reads a payload. */
const deposits =
  (table: ReturnType<typeof balances>, amountOf: (payload: unknown) => number): ConsumerDefinition['apply'] =>
  async (tx, events) => {
    for (const e of events) {
      const amount = amountOf(e.payload);
      await tx
        .insert(table)
        .values({ account: e.aggregateId, amount, lastEvent: `${e.type}#${e.sequence}` })
        .onConflictDoUpdate({
          target: table.account,
          set: { amount: sql`${table.amount} + ${amount}`, lastEvent: `${e.type}#${e.sequence}` },
        });
    }
  };

const ledger: ConsumerDefinition = {
  name: 'ledger',
  aggregateTypes: ['Account'],
  apply: deposits(totals, (p) => (p as { amount: number }).amount),
  async reset(tx) {
    await tx.delete(totals);
  },
};

const consumer = (batchSize = 100, options: Partial<ConsumerOptions> = {}) =>
  new EventConsumer({ definition: ledger, db, tables, transport: log, logger, pollMs: 60_000, batchSize, ...options });
const total = async (account: string) => (await db.select().from(totals).where(eq(totals.account, account)))[0];
const deposit = (account: string, amount: number) => ({
  type: 'Deposited',
  aggregateType: 'Account',
  aggregateId: account,
  payload: { amount },
});

beforeAll(async () => {
  const client = await createEmbeddedDatabase();
  db = drizzle({ client }) as unknown as Db;
  await db.execute(sql`create schema toy_producer`);
  await db.execute(sql`create schema toy_consumer`);
  await db.execute(
    sql`create table toy_producer.outbox_events (position bigserial primary key, id uuid not null unique, type text not null, version int not null, aggregate_type text not null, aggregate_id text not null, sequence int not null, occurred_at timestamptz not null, payload jsonb not null, published_at timestamptz, unique (aggregate_id, sequence))`,
  );
  await db.execute(
    sql`create table toy_consumer.applied_events (consumer text not null, event_id uuid not null, applied_at timestamptz not null default now(), primary key (consumer, event_id))`,
  );
  await db.execute(
    sql`create table toy_consumer.aggregate_cursors (consumer text not null, aggregate_id text not null, sequence int not null, primary key (consumer, aggregate_id))`,
  );
  await db.execute(sql`create table toy_consumer.totals (account text primary key, amount int not null, last_event text)`);
  await db.execute(sql`create table toy_consumer.wallets (account text primary key, amount int not null, last_event text)`);
  await db.execute(
    sql`create table toy_consumer.parked_events (consumer text not null, event_id uuid not null, position bigint not null, type text not null, version int not null, aggregate_type text not null, aggregate_id text not null, sequence int not null, occurred_at timestamptz not null, payload jsonb not null, state text not null check (state in ('retrying', 'parked', 'held')), attempts int not null default 0, last_error text, first_failed_at timestamptz, last_failed_at timestamptz, next_attempt_at timestamptz, set_aside_at timestamptz not null default now(), primary key (consumer, event_id), unique (consumer, aggregate_id, sequence))`,
  );
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
    const event: DomainEvent = {
      id: randomUUID(),
      type: 'Deposited',
      version: 1,
      aggregateType: 'Account',
      aggregateId: randomUUID(),
      sequence: 1,
      occurredAt: new Date(),
      payload: { amount: 1 },
    };
    const before = await log.size();
    await log.publish([event]);
    await log.publish([event, event]);
    expect(await log.size()).toBe(before + 1);
  });

  test('every event delivered again changes nothing', async () => {
    const account = randomUUID();
    await log.publish(
      [1, 2, 3].map((sequence) => ({
        id: randomUUID(),
        type: 'Deposited',
        version: 1,
        aggregateType: 'Account',
        aggregateId: account,
        sequence,
        occurredAt: new Date(),
        payload: { amount: 10 },
      })),
    );
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
    const event = (sequence: number, amount: number): DomainEvent => ({
      id: randomUUID(),
      type: 'Deposited',
      version: 1,
      aggregateType: 'Account',
      aggregateId: account,
      sequence,
      occurredAt: new Date(),
      payload: { amount },
    });
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

// A second toy consumer, over its own aggregate type and table, for events that fail: the version
// first deployed reads amounts as numbers; the fixed one also reads the decimal strings a buggy
// producer sent (rounding them), which is how a fix reaches a parked event in real life.
const wallet = (amountOf: (payload: unknown) => number = (p) => (p as { amount: number }).amount): ConsumerDefinition => ({
  name: 'wallet',
  aggregateTypes: ['Wallet'],
  apply: deposits(wallets, amountOf),
  async reset(tx) {
    await tx.delete(wallets);
  },
});
const fixedWallet = wallet((p) => Math.round(Number((p as { amount: unknown }).amount)));

/** A real pino logger writing into an array, to see what operators would read. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'warn' }, stream), lines };
}

const walletConsumer = (options: Partial<ConsumerOptions> = {}) =>
  new EventConsumer({
    definition: wallet(),
    db,
    tables,
    transport: log,
    logger,
    pollMs: 60_000,
    batchSize: 100,
    maxAttempts: 3,
    retryBaseMs: 400,
    ...options,
  });
const walletEvent = (account: string, sequence: number, amount: unknown): DomainEvent => ({
  id: randomUUID(),
  type: 'Deposited',
  version: 1,
  aggregateType: 'Wallet',
  aggregateId: account,
  sequence,
  occurredAt: new Date(),
  payload: { amount },
});
const walletOf = async (account: string) => (await db.select().from(wallets).where(eq(wallets.account, account)))[0];
const setAside = (account: string) =>
  db.select().from(tables.parkedEvents).where(eq(tables.parkedEvents.aggregateId, account)).orderBy(tables.parkedEvents.sequence);
const summary = async (account: string) => (await setAside(account)).map((r) => [r.sequence, r.state, r.attempts]);
/** Waits until the failed event of `account` is due for its next attempt. */
async function untilDue(account: string) {
  const [head] = await setAside(account);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, head!.nextAttemptAt!.getTime() - Date.now()) + 5));
}

describe('an event a consumer fails on', () => {
  test('in the middle of a batch: set aside with the later events of its aggregate; everything else is applied and the offset moves on', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const poison = walletEvent(b, 1, '7.5'); // an integer column refuses it
    const later = [walletEvent(b, 2, 10), walletEvent(b, 3, 20)];
    await log.publish([walletEvent(a, 1, 1), poison, walletEvent(a, 2, 2), later[0]!, walletEvent(c, 1, 5), later[1]!]);
    const { logger: captured, lines } = capturedLogger();
    const consumer = walletConsumer({ logger: captured });

    expect(await consumer.step()).toBe(true);
    expect(await walletOf(a)).toMatchObject({ amount: 3, lastEvent: 'Deposited#2' });
    expect(await walletOf(c)).toMatchObject({ amount: 5 });
    expect(await walletOf(b)).toBeUndefined();
    expect(await consumer.lag()).toBe(0);
    expect(await summary(b)).toEqual([
      [1, 'retrying', 1],
      [2, 'held', 0],
      [3, 'held', 0],
    ]);
    const [failed] = await setAside(b);
    expect(failed).toMatchObject({
      eventId: poison.id,
      type: 'Deposited',
      payload: { amount: '7.5' },
      lastError: expect.stringContaining('invalid input syntax for type integer'),
    });
    expect(failed!.nextAttemptAt!.getTime() - failed!.lastFailedAt!.getTime()).toBe(400);

    // An event of that aggregate read later waits behind it too; others go straight on.
    const fourth = walletEvent(b, 4, 1);
    await log.publish([fourth, walletEvent(c, 2, 5)]);
    await consumer.step();
    expect(await summary(b)).toEqual([
      [1, 'retrying', 1],
      [2, 'held', 0],
      [3, 'held', 0],
      [4, 'held', 0],
    ]);
    expect(await walletOf(c)).toMatchObject({ amount: 10 });
    expect(await consumer.parkedCounts()).toEqual({ retrying: 1, parked: 0, held: 3 });

    // Retried with backoff (400 ms, then 800 ms); the third failure parks it, with one error line.
    await untilDue(b);
    await consumer.step();
    expect(await summary(b)).toEqual([
      [1, 'retrying', 2],
      [2, 'held', 0],
      [3, 'held', 0],
      [4, 'held', 0],
    ]);
    const [second] = await setAside(b);
    expect(second!.nextAttemptAt!.getTime() - second!.lastFailedAt!.getTime()).toBe(800);
    expect(second!.firstFailedAt).toEqual(failed!.firstFailedAt);
    await untilDue(b);
    await consumer.step();
    expect((await summary(b))[0]).toEqual([1, 'parked', 3]);
    const errors = lines.filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      consumer: 'wallet',
      event: poison.id,
      type: 'Deposited',
      aggregateType: 'Wallet',
      aggregate: b,
      attempts: 3,
      error: expect.stringContaining('invalid input syntax'),
    });
    expect(lines.filter((l) => l.level === 40)).toHaveLength(2); // one warning per failed attempt before that

    // Parked means parked: no more attempts on its own.
    await new Promise((resolve) => setTimeout(resolve, 900));
    await consumer.step();
    expect((await summary(b))[0]).toEqual([1, 'parked', 3]);
    expect(await consumer.parkedCounts()).toEqual({ retrying: 0, parked: 1, held: 3 });
    expect(await consumer.parkedEvents()).toEqual([
      expect.objectContaining({
        consumer: 'wallet',
        state: 'parked',
        attempts: 3,
        held: 3,
        nextAttemptAt: null,
        event: expect.objectContaining({ id: poison.id, aggregateId: b, sequence: 1 }),
      }),
    ]);

    // An operator's retry: of a held event, of an unknown one, and of the parked one before the fix.
    expect(await consumer.retry(later[0]!.id)).toMatchObject({ outcome: 'held', behind: { id: poison.id } });
    expect(await consumer.retry(randomUUID())).toEqual({ outcome: 'not-found' });
    expect(await consumer.retry(poison.id)).toMatchObject({
      outcome: 'failed',
      applied: [],
      failed: { id: poison.id },
      error: expect.stringContaining('invalid input syntax'),
      held: 3,
    });
    expect((await summary(b))[0]).toEqual([1, 'parked', 4]);
    expect(lines.filter((l) => l.level === 50)).toHaveLength(1); // it was parked already: no second error line

    // After the fix is deployed, the retry applies it and those held behind it, in sequence.
    const fixed = new EventConsumer({
      definition: fixedWallet,
      db,
      tables,
      transport: log,
      logger,
      pollMs: 60_000,
      maxAttempts: 3,
      retryBaseMs: 400,
    });
    const result = await fixed.retry(poison.id);
    expect(result.outcome).toBe('applied');
    expect(result.outcome === 'applied' && result.applied.map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
    expect(await walletOf(b)).toMatchObject({ amount: 8 + 10 + 20 + 1, lastEvent: 'Deposited#4' });
    expect(await setAside(b)).toEqual([]);
    await log.publish([walletEvent(b, 5, 100)]);
    await fixed.step();
    expect(await walletOf(b)).toMatchObject({ amount: 139, lastEvent: 'Deposited#5' });
  });

  test('fails twice, then succeeds: applied on the third attempt, with the event held behind it, and never parked', async () => {
    const account = randomUUID();
    // Refuses the account's row until a sequence (which a rollback does not undo) passes 3: the
    // first drain tries twice (the batch, then the aggregate alone), each retry once.
    await db.execute(sql`create sequence toy_consumer.flaky_calls`);
    await db.execute(
      sql.raw(`
      create function toy_consumer.flaky() returns trigger language plpgsql as $$
      begin
        if new.account = '${account}' and nextval('toy_consumer.flaky_calls') <= 3 then
          raise exception 'wallet % is busy', new.account;
        end if;
        return new;
      end $$`),
    );
    await db.execute(sql`create trigger flaky before insert on toy_consumer.wallets for each row execute function toy_consumer.flaky()`);
    try {
      const { logger: captured, lines } = capturedLogger();
      const consumer = walletConsumer({ logger: captured });
      const other = randomUUID();
      await log.publish([walletEvent(account, 1, 1), walletEvent(other, 1, 1)]);
      await consumer.step();
      expect(await walletOf(other)).toMatchObject({ amount: 1 });
      expect(await summary(account)).toEqual([[1, 'retrying', 1]]);
      await log.publish([walletEvent(account, 2, 2)]);
      await consumer.step();
      expect(await summary(account)).toEqual([
        [1, 'retrying', 1],
        [2, 'held', 0],
      ]);

      await untilDue(account);
      await consumer.step();
      expect(await summary(account)).toEqual([
        [1, 'retrying', 2],
        [2, 'held', 0],
      ]);
      await untilDue(account);
      await consumer.step();
      expect(await setAside(account)).toEqual([]);
      expect(await walletOf(account)).toMatchObject({ amount: 3, lastEvent: 'Deposited#2' });
      expect(lines.filter((l) => l.level === 50)).toEqual([]);
      // Four tries at the first event (three refused), one at the second: nothing was tried more than that.
      const calls = (await db.execute(sql`select last_value from toy_consumer.flaky_calls`)) as unknown as {
        rows: { last_value: number | string }[];
      };
      expect(Number(calls.rows[0]!.last_value)).toBe(5);
    } finally {
      await db.execute(sql`drop trigger flaky on toy_consumer.wallets`);
      await db.execute(sql`drop function toy_consumer.flaky`);
      await db.execute(sql`drop sequence toy_consumer.flaky_calls`);
    }
  });

  test('when even the failure cannot be recorded, nothing changes and the same batch is tried again later', async () => {
    const [good, bad] = [randomUUID(), randomUUID()];
    await db.execute(
      sql`create function toy_consumer.refuse() returns trigger language plpgsql as $$ begin raise exception 'the disk is full'; end $$`,
    );
    await db.execute(
      sql`create trigger refuse before insert on toy_consumer.parked_events for each row execute function toy_consumer.refuse()`,
    );
    const consumer = walletConsumer();
    const lag = await consumer.lag();
    try {
      await log.publish([walletEvent(good, 1, 1), walletEvent(bad, 1, 'x')]);
      await expect(consumer.step()).rejects.toThrow();
      expect(await walletOf(good)).toBeUndefined();
      expect(await consumer.lag()).toBe(lag + 2);
    } finally {
      await db.execute(sql`drop trigger refuse on toy_consumer.parked_events`);
      await db.execute(sql`drop function toy_consumer.refuse`);
    }
    await consumer.step();
    expect(await walletOf(good)).toMatchObject({ amount: 1 });
    expect(await summary(bad)).toEqual([[1, 'retrying', 1]]);
    expect(await consumer.lag()).toBe(0);
  });

  test('a replay starts over: set-aside events are cleared and met again in the log', async () => {
    const account = randomUUID();
    const poison = walletEvent(account, 1, 'x');
    await log.publish([poison, walletEvent(account, 2, 1)]);
    const consumer = walletConsumer({ maxAttempts: 1 });
    await consumer.drain();
    await consumer.retry(poison.id);
    expect(await summary(account)).toEqual([
      [1, 'parked', 2],
      [2, 'held', 0],
    ]);
    await consumer.replay();
    expect(await summary(account)).toEqual([
      [1, 'parked', 1],
      [2, 'held', 0],
    ]);
    // Every parked row is one the replay met again: none is left from before it.
    const rows = await db.select().from(tables.parkedEvents).where(eq(tables.parkedEvents.consumer, 'wallet'));
    expect(rows.filter((r) => r.attempts > 1 || r.state === 'retrying')).toEqual([]);
  });
});
