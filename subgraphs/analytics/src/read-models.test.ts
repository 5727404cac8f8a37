import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createEmbeddedDatabase,
  createRandom,
  createLogger,
  EventConsumer,
  openDatabase,
  PostgresEventLog,
  type DomainEvent,
} from '@supergraph/service-kit';
import { analyticsConsumer } from './consumer.ts';
import { schema, type AnalyticsDb } from './db/index.ts';
import { splitPeriod, storeFiguresByStatus, topSpenders, type Period } from './db/facts.ts';
import { rebuildAnalyticsReadModels } from './db/read-models.ts';
import { customerFacts, customerTotals, orderFacts, storeDayStatuses, storeDays, storeHourStatuses, storeHours } from './db/schema.ts';
import { average } from './metrics.ts';
import { storeAnalytics } from './store-analytics.ts';

/*
 * The read models (store days and hours, their status counts, customer totals) against the facts they sum:
 * random histories of orders, payments, refunds, status changes, cancellations and registrations,
 * over several stores and UTC days, published with the aggregates interleaved at random (a payment
 * before its OrderPlaced), applied by the real analytics consumer in random batch sizes, with
 * everything delivered again now and then. After each step the read models equal a rebuild from
 * the facts, and the figures served equal a direct aggregation over the facts for random periods
 * (boundaries mid-hour, on the hour, at midnight, open-ended).
 */

const MIGRATIONS = new URL('../drizzle', import.meta.url).pathname;
const DAY = 86_400_000;
/** The first UTC day of the histories. */
const START = Date.UTC(2026, 2, 1);
const DAYS = 6;
const logger = createLogger('read-models-test', 'silent');

let client: Awaited<ReturnType<typeof createEmbeddedDatabase>>;
let db: AnalyticsDb;
let log: PostgresEventLog;

beforeAll(async () => {
  client = await createEmbeddedDatabase();
  db = (await openDatabase({ target: { kind: 'pglite', client }, schema, schemaName: 'analytics', migrationsFolder: MIGRATIONS })).db;
  log = await PostgresEventLog.open({ kind: 'pglite', client });
});
afterAll(async () => {
  await log?.close();
  await client?.close();
});

/** The shared deterministic generator (mulberry32), so a failing seed can be run again. */
function random(seed: number) {
  const r = createRandom(seed);
  return { ...r, chance: (p: number) => r.next() < p };
}
type Random = ReturnType<typeof random>;

const HOUR = 3_600_000;

/** An instant in the histories' days: often near or at a midnight or the hour, where day and hour boundaries bite. */
function instant(r: Random): Date {
  const day = START + r.int(0, DAYS - 1) * DAY;
  const hour = day + r.int(0, 23) * HOUR;
  const kind = r.next();
  if (kind < 0.1) return new Date(day);
  if (kind < 0.2) return new Date(day + DAY - 1);
  if (kind < 0.3) return new Date(day + r.int(1, 120) * 1000);
  if (kind < 0.4) return new Date(hour);
  if (kind < 0.5) return new Date(hour + (r.chance(0.5) ? -1 : 1));
  if (kind < 0.6) return new Date(hour + r.int(0, HOUR - 1));
  return new Date(day + r.int(0, DAY - 1));
}

const event = (aggregateType: string, aggregateId: string, sequence: number, type: string, payload: object): DomainEvent => ({
  id: randomUUID(),
  type,
  version: 1,
  aggregateType,
  aggregateId,
  sequence,
  occurredAt: new Date(),
  payload,
});

/** Each aggregate's events in its own sequence: customers, orders and their payments, at a few stores. */
function history(r: Random) {
  const stores = Array.from({ length: 3 }, () => randomUUID());
  const customers = stores.flatMap((storeId) => Array.from({ length: r.int(3, 8) }, () => ({ customerId: randomUUID(), storeId })));
  const streams: DomainEvent[][] = [];
  for (const c of customers) {
    // Most customers' registrations arrive; some never do (their orders still count).
    if (r.chance(0.85)) {
      streams.push([event('Customer', c.customerId, 1, 'CustomerRegistered', { ...c, registeredAt: instant(r).toISOString() })]);
    }
  }
  const orders = r.int(30, 70);
  for (let i = 0; i < orders; i += 1) {
    const c = r.pick(customers);
    // Now and then a customer orders at another store.
    const key = { orderId: randomUUID(), customerId: c.customerId, storeId: r.chance(0.2) ? r.pick(stores) : c.storeId };
    const currency = r.chance(0.1) ? 'EUR' : 'GBP';
    const totalCents = r.int(100, 9000);
    const order: DomainEvent[] = [];
    // Some orders' OrderPlaced never arrives: their payments are facts that must not count.
    const placed = r.chance(0.92);
    if (placed)
      order.push(event('Order', key.orderId, 1, 'OrderPlaced', { ...key, totalCents, currency, placedAt: instant(r).toISOString() }));
    const moves = placed ? r.int(0, 4) : 0;
    for (let m = 0; m < moves; m += 1) {
      const seq = order.length + 1;
      if (r.chance(0.15)) {
        order.push(event('Order', key.orderId, seq, 'OrderCancelled', { ...key }));
        break;
      }
      if (r.chance(0.15)) {
        order.push(event('Order', key.orderId, seq, 'OrderDriverChanged', { ...key, driverId: r.chance(0.7) ? randomUUID() : null }));
        continue;
      }
      const to = r.pick(['CONFIRMED', 'ACCEPTED', 'PREPARING', 'OUT_FOR_DELIVERY', 'DELIVERED']);
      order.push(event('Order', key.orderId, seq, 'OrderStatusChanged', { ...key, from: 'X', to }));
    }
    if (order.length > 0) streams.push(order);
    for (let p = r.int(0, 2); p > 0; p -= 1) {
      const paymentId = randomUUID();
      if (r.chance(0.2)) {
        streams.push([event('Payment', paymentId, 1, 'PaymentFailed', { ...key, reason: 'declined' })]);
        continue;
      }
      const amountCents = r.chance(0.7) ? totalCents : r.int(1, totalCents);
      const payment = [event('Payment', paymentId, 1, 'PaymentSucceeded', { ...key, paymentId, amountCents, currency })];
      let left = amountCents;
      for (let f = r.int(0, 2); f > 0 && left > 0; f -= 1) {
        const refundedCents = r.chance(0.3) ? left : r.int(1, left);
        left -= refundedCents;
        payment.push(event('Payment', paymentId, payment.length + 1, 'PaymentRefunded', { ...key, paymentId, refundedCents, currency }));
      }
      streams.push(payment);
    }
  }
  return { stores, streams };
}

/** The streams merged at random: each aggregate's events stay in sequence, the aggregates interleave. */
function interleave(r: Random, streams: DomainEvent[][]): DomainEvent[] {
  const queues = streams.map((s) => [...s]);
  const out: DomainEvent[] = [];
  while (queues.length > 0) {
    const i = r.int(0, queues.length - 1);
    out.push(queues[i]!.shift()!);
    if (queues[i]!.length === 0) queues.splice(i, 1);
  }
  return out;
}

const consumer = (batchSize: number) =>
  new EventConsumer({ definition: analyticsConsumer, db, tables: schema.consumer, transport: log, logger, pollMs: 60_000, batchSize });

/** Every read model row, in a stable order (status rows at 0 orders are only left behind by moves). */
async function readModels() {
  return {
    days: await db.select().from(storeDays).orderBy(asc(storeDays.storeId), asc(storeDays.day)),
    statuses: await db
      .select()
      .from(storeDayStatuses)
      .where(sql`${storeDayStatuses.orders} <> 0`)
      .orderBy(asc(storeDayStatuses.storeId), asc(storeDayStatuses.day), asc(storeDayStatuses.status)),
    hours: await db.select().from(storeHours).orderBy(asc(storeHours.storeId), asc(storeHours.hour)),
    hourStatuses: await db
      .select()
      .from(storeHourStatuses)
      .where(sql`${storeHourStatuses.orders} <> 0`)
      .orderBy(asc(storeHourStatuses.storeId), asc(storeHourStatuses.hour), asc(storeHourStatuses.status)),
    customers: await db.select().from(customerTotals).orderBy(asc(customerTotals.storeId), asc(customerTotals.customerId)),
  };
}

/** What a store's figures for a period are, by a direct aggregation over the facts (the way analytics answered before read models). */
async function directStoreAnalytics(storeId: string, period: Period) {
  const inPeriod = (column: typeof orderFacts.placedAt | typeof customerFacts.registeredAt): SQL[] => [
    ...(period.since ? [gte(column, period.since)] : []),
    ...(period.until ? [lt(column, period.until)] : []),
  ];
  const byStatus = await db
    .select({
      status: sql<string>`coalesce(${orderFacts.status}, 'UNKNOWN')`,
      orders: sql<number>`count(*)::int`,
      netCents: sql<number>`sum(${orderFacts.paidCents} - ${orderFacts.refundedCents})::bigint`.mapWith(Number),
      refundedCents: sql<number>`sum(${orderFacts.refundedCents})::bigint`.mapWith(Number),
      paidOrders: sql<number>`(count(*) filter (where ${orderFacts.paidCents} > 0))::int`,
      currency: sql<string | null>`min(${orderFacts.currency})`,
    })
    .from(orderFacts)
    .where(and(eq(orderFacts.storeId, storeId), sql`${orderFacts.placedAt} is not null`, ...inPeriod(orderFacts.placedAt)))
    .groupBy(sql`1`);
  const [registered] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(customerFacts)
    .where(and(eq(customerFacts.storeId, storeId), ...inPeriod(customerFacts.registeredAt)));
  const sum = (pick: (r: (typeof byStatus)[number]) => number) => byStatus.reduce((s, r) => s + pick(r), 0);
  const revenueCents = sum((r) => r.netCents);
  const paidOrders = sum((r) => r.paidOrders);
  return {
    revenueCents,
    refundedCents: sum((r) => r.refundedCents),
    orderCount: sum((r) => r.orders),
    ordersByStatus: byStatus.map((r) => ({ status: r.status, count: r.orders })).sort((a, b) => a.status.localeCompare(b.status)),
    averageOrderValueCents: average(revenueCents, paidOrders),
    paidOrders,
    newCustomers: registered?.n ?? 0,
    currency: byStatus.flatMap((r) => (r.currency ? [r.currency] : [])).sort()[0] ?? null,
  };
}

/** A store's best customers by a direct aggregation over the facts. */
async function directTopSpenders(storeId: string, limit: number, since: Date | null) {
  const net = sql<number>`sum(${orderFacts.paidCents} - ${orderFacts.refundedCents})::bigint`;
  return db
    .select({
      customerId: orderFacts.customerId,
      totalSpentCents: net.mapWith(Number),
      orderCount: sql<number>`count(*)::int`,
      currency: sql<string | null>`min(${orderFacts.currency})`,
    })
    .from(orderFacts)
    .where(
      and(eq(orderFacts.storeId, storeId), sql`${orderFacts.placedAt} is not null`, ...(since ? [gte(orderFacts.placedAt, since)] : [])),
    )
    .groupBy(orderFacts.customerId)
    .orderBy(sql`2 desc`, orderFacts.customerId)
    .limit(limit);
}

/** A random period: open or bounded at either end, at midnights, on the hour or inside hours, sometimes within one day or one hour. */
function period(r: Random): Period {
  const a = r.chance(0.2) ? null : instant(r);
  let b = r.chance(0.2) ? null : instant(r);
  if (a && b && r.chance(0.15)) b = new Date(a.getTime() + r.int(1, DAY / 2));
  if (a && b && r.chance(0.1)) b = new Date(a.getTime() + r.int(1, HOUR));
  if (a && b && a.getTime() === b.getTime()) return { since: a, until: null };
  return a && b && a > b ? { since: b, until: a } : { since: a, until: b };
}

/** The read models equal a rebuild from the facts, and what is served equals the facts summed directly. */
async function expectExact(r: Random, stores: string[]) {
  const incremental = await readModels();
  await rebuildAnalyticsReadModels(db);
  expect(incremental).toEqual(await readModels());
  for (const storeId of stores) {
    for (let i = 0; i < 6; i += 1) {
      const p = period(r);
      expect(await storeAnalytics(db, storeId, p), JSON.stringify(p)).toEqual(await directStoreAnalytics(storeId, p));
    }
    const top = (await topSpenders(db, storeId, 100, null)).map((t) => ({ ...t, totalSpentCents: Number(t.totalSpentCents) }));
    expect(top).toEqual(await directTopSpenders(storeId, 100, null));
    const limit = r.int(1, 5);
    expect((await topSpenders(db, storeId, limit, null)).map((t) => t.customerId)).toEqual(
      (await directTopSpenders(storeId, limit, null)).map((t) => t.customerId),
    );
    const since = instant(r);
    const recent = (await topSpenders(db, storeId, 100, since)).map((t) => ({ ...t, totalSpentCents: Number(t.totalSpentCents) }));
    expect(recent).toEqual(await directTopSpenders(storeId, 100, since));
  }
}

describe('analytics read models', () => {
  for (const seed of [1, 2, 3, 4]) {
    test(`equal the facts summed directly, after every step of a random history (seed ${seed})`, async () => {
      const r = random(seed);
      const { stores, streams } = history(r);
      const events = interleave(r, streams);
      let checks = 0;
      for (let at = 0; at < events.length; ) {
        const chunk = r.int(1, 120);
        await log.publish(events.slice(at, at + chunk));
        at += chunk;
        const c = consumer(r.int(1, 60));
        // Now and then every event is delivered again (the consumer's offset goes back to the start).
        if (r.chance(0.2)) await c.redeliver();
        await c.drain();
        if (r.chance(0.4) || at >= events.length) {
          await expectExact(r, stores);
          checks += 1;
        }
      }
      expect(checks).toBeGreaterThan(0);
      // The facts hold what the events say (so the comparison above is not over empty tables).
      const [placed] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(orderFacts)
        .where(and(inArray(orderFacts.storeId, stores), sql`${orderFacts.placedAt} is not null`));
      expect(placed!.n).toBeGreaterThan(10);
    });
  }

  test('a replay empties the read models with the facts and builds them again from the log: the same rows', async () => {
    const before = await readModels();
    expect(before.days.length).toBeGreaterThan(0);
    expect(before.hours.length).toBeGreaterThan(before.days.length);
    await consumer(25).replay();
    expect(await readModels()).toEqual(before);
    // What reset leaves is empty (the replay above is not merely adding to what was there).
    await db.transaction((tx) => analyticsConsumer.reset(tx as never));
    expect(await readModels()).toEqual({ days: [], statuses: [], hours: [], hourStatuses: [], customers: [] });
    await consumer(25).replay();
    expect(await readModels()).toEqual(before);
  });
});

describe('how a period is split', () => {
  test('into whole UTC days, whole UTC hours and under two hours of facts, covering the period exactly once', () => {
    const r = random(11);
    const at = (t: Date | null, open: number) => (t ? t.getTime() : open);
    for (let i = 0; i < 2000; i += 1) {
      const p = period(r);
      const { days, hours, edges } = splitPeriod(p);
      const pieces: { from: number; to: number; kind: string }[] = [
        ...(days
          ? [
              {
                from: days.from ? Date.parse(`${days.from}T00:00:00Z`) : -Infinity,
                to: days.to ? Date.parse(`${days.to}T00:00:00Z`) : Infinity,
                kind: 'days',
              },
            ]
          : []),
        ...hours.map((h) => ({ from: at(h.since, -Infinity), to: at(h.until, Infinity), kind: 'hours' })),
        ...edges.map((e) => ({ from: at(e.since, -Infinity), to: at(e.until, Infinity), kind: 'facts' })),
      ].sort((a, b) => a.from - b.from);
      const where = JSON.stringify({ p, days, hours, edges });
      expect(pieces[0]!.from, where).toBe(at(p.since, -Infinity));
      expect(pieces.at(-1)!.to, where).toBe(at(p.until, Infinity));
      for (const [k, piece] of pieces.entries()) {
        expect(piece.from < piece.to, where).toBe(true);
        if (k > 0) expect(piece.from, where).toBe(pieces[k - 1]!.to);
        if (piece.kind === 'days')
          expect(
            [piece.from, piece.to].every((t) => !Number.isFinite(t) || t % DAY === 0),
            where,
          ).toBe(true);
        if (piece.kind === 'hours') {
          expect(
            [piece.from, piece.to].every((t) => t % HOUR === 0),
            where,
          ).toBe(true);
          // Under a day at either end, or under two days for a period across one midnight with no whole day.
          expect(piece.to - piece.from, where).toBeLessThan(2 * DAY);
        }
        // Under an hour at either end, or under two hours for a period across one hour boundary with no whole hour.
        if (piece.kind === 'facts') expect(piece.to - piece.from, where).toBeLessThan(2 * HOUR);
      }
      expect(edges.length + hours.length, where).toBeLessThanOrEqual(4);
    }
  });
});

describe('what the store-wide questions read', () => {
  /**
   * The plan of a query as the service builds it, with sequential scans (and `discouraged`, say
   * sorts) made costly: these tables are small, so the planner would otherwise read them whole,
   * and what is asked is whether an index serves the query.
   */
  async function plan(query: { toSQL(): { sql: string; params: unknown[] } }, discouraged: string[] = []): Promise<string> {
    const { sql: text, params } = query.toSQL();
    return client.transaction(async (tx) => {
      for (const setting of ['seqscan', ...discouraged]) await tx.query(`set local enable_${setting} = off`);
      const result = await tx.query<{ 'QUERY PLAN': string }>(`explain ${text}`, params as never[]);
      return result.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
  }
  const [storeId] = [randomUUID()];

  test('all-time top customers read the customer totals, never the order facts', async () => {
    const text = await plan(topSpenders(db, storeId, 10, null), ['bitmapscan', 'sort']);
    expect(text).toMatch(/customer_totals/);
    expect(text).not.toMatch(/order_facts/);
    expect(text).toMatch(/Index Scan using customer_totals_store_spent_idx/);
    expect(text).not.toMatch(/\bSort\b/); // the index gives the ranking: the first `limit` rows are the answer
  });

  test('top customers since a moment read the order facts of that period only, over the (store, placed_at) index', async () => {
    const text = await plan(topSpenders(db, storeId, 10, new Date('2026-03-02T10:00:00Z')));
    expect(text).toMatch(/order_facts_store_placed_idx/);
    expect(text).not.toMatch(/Seq Scan on order_facts/);
  });

  test("a store's figures read whole days from the read models and only the partial days' facts, over the indexes", async () => {
    const allTime = await plan(storeFiguresByStatus(db, storeId, { since: null, until: null }));
    expect(allTime).not.toMatch(/order_facts|customer_facts/);
    const midDay = await plan(
      storeFiguresByStatus(db, storeId, { since: new Date('2026-03-01T10:30:00Z'), until: new Date('2026-03-05T18:00:00Z') }),
    );
    expect(midDay).toMatch(/store_days/);
    expect(midDay).toMatch(/store_day_statuses/);
    expect(midDay).toMatch(/store_hours/);
    expect(midDay).toMatch(/store_hour_statuses/);
    expect(midDay).toMatch(/order_facts_store_placed_idx/);
    expect(midDay).toMatch(/customer_facts_store_registered_idx/);
    expect(midDay).not.toMatch(/Seq Scan/);
    // Midnight to midnight: only the daily read models.
    const wholeDays = await plan(
      storeFiguresByStatus(db, storeId, { since: new Date('2026-03-01T00:00:00Z'), until: new Date('2026-03-05T00:00:00Z') }),
    );
    expect(wholeDays).not.toMatch(/order_facts|customer_facts|store_hour/);
    // On the hour at both ends: the days and hours, no facts.
    const wholeHours = await plan(
      storeFiguresByStatus(db, storeId, { since: new Date('2026-03-01T10:00:00Z'), until: new Date('2026-03-05T18:00:00Z') }),
    );
    expect(wholeHours).toMatch(/store_hours/);
    expect(wholeHours).not.toMatch(/order_facts|customer_facts/);
  });
});

describe('the migration that adds the read models', () => {
  test('builds them from the facts a database already holds', async () => {
    // A database at the migration before the read models, with facts in it.
    const folder = mkdtempSync(join(tmpdir(), 'analytics-migrations-'));
    try {
      cpSync(MIGRATIONS, folder, { recursive: true });
      const journalPath = join(folder, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
      const at = journal.entries.findIndex((e) => e.tag.endsWith('_rollups'));
      expect(at).toBeGreaterThan(0);
      writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
      const old = await createEmbeddedDatabase();
      try {
        const before = (
          await openDatabase({ target: { kind: 'pglite', client: old }, schema, schemaName: 'analytics', migrationsFolder: folder })
        ).db;
        const store = randomUUID();
        const [ada, bob] = [randomUUID(), randomUUID()];
        await before.insert(orderFacts).values([
          {
            orderId: randomUUID(),
            customerId: ada,
            storeId: store,
            status: 'DELIVERED',
            totalCents: 1000,
            currency: 'GBP',
            placedAt: new Date('2026-03-01T23:59:59.999Z'),
            paidCents: 1000,
          },
          {
            orderId: randomUUID(),
            customerId: ada,
            storeId: store,
            status: 'CANCELLED',
            totalCents: 500,
            currency: 'GBP',
            placedAt: new Date('2026-03-02T00:00:00.000Z'),
            paidCents: 500,
            refundedCents: 500,
          },
          {
            orderId: randomUUID(),
            customerId: bob,
            storeId: store,
            status: 'CONFIRMED',
            totalCents: 700,
            currency: 'GBP',
            placedAt: new Date('2026-03-02T12:00:00.000Z'),
            paidCents: 700,
            refundedCents: 200,
          },
          // Paid, never placed: counts nowhere.
          { orderId: randomUUID(), customerId: bob, storeId: store, totalCents: 0, currency: 'GBP', paidCents: 300 },
        ]);
        await before.insert(customerFacts).values([
          { customerId: ada, storeId: store, registeredAt: new Date('2026-03-01T08:00:00.000Z') },
          { customerId: bob, storeId: store, registeredAt: new Date('2026-03-02T08:00:00.000Z') },
        ]);
        // The upgrade: every migration, the read models' too.
        const after = (
          await openDatabase({ target: { kind: 'pglite', client: old }, schema, schemaName: 'analytics', migrationsFolder: MIGRATIONS })
        ).db;
        const migrated = {
          days: await after.select().from(storeDays).orderBy(asc(storeDays.day)),
          customers: await after.select().from(customerTotals).orderBy(asc(customerTotals.spentCents)),
        };
        expect(migrated).toEqual({
          days: [
            {
              storeId: store,
              day: '2026-03-01',
              orders: 1,
              paidOrders: 1,
              paidCents: 1000,
              refundedCents: 0,
              newCustomers: 1,
              currency: 'GBP',
            },
            {
              storeId: store,
              day: '2026-03-02',
              orders: 2,
              paidOrders: 2,
              paidCents: 1200,
              refundedCents: 700,
              newCustomers: 1,
              currency: 'GBP',
            },
          ],
          customers: [
            { storeId: store, customerId: bob, orders: 1, spentCents: 500, currency: 'GBP' },
            { storeId: store, customerId: ada, orders: 2, spentCents: 1000, currency: 'GBP' },
          ],
        });
        expect(await after.select().from(storeDayStatuses).orderBy(asc(storeDayStatuses.day), asc(storeDayStatuses.status))).toEqual([
          { storeId: store, day: '2026-03-01', status: 'DELIVERED', orders: 1 },
          { storeId: store, day: '2026-03-02', status: 'CANCELLED', orders: 1 },
          { storeId: store, day: '2026-03-02', status: 'CONFIRMED', orders: 1 },
        ]);
        // And a rebuild from the same facts gives the same rows.
        await rebuildAnalyticsReadModels(after);
        expect(await after.select().from(storeDays).orderBy(asc(storeDays.day))).toEqual(migrated.days);
        expect(await after.select().from(customerTotals).orderBy(asc(customerTotals.spentCents))).toEqual(migrated.customers);
      } finally {
        await old.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
