import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEmbeddedDatabase } from '../db/database.ts';
import { createLogger } from '../observability/logger.ts';
import { EventFeed } from './feed.ts';
import { PostgresEventLog } from './postgres-log.ts';
import type { DomainEvent, LoggedEvent } from './types.ts';

// The feed over the real default transport, on an embedded database.
let log: PostgresEventLog;
const logger = createLogger('feed-test', 'silent');
const sequences = new Map<string, number>();

const event = (aggregateType: string, aggregateId: string): DomainEvent => {
  const sequence = (sequences.get(aggregateId) ?? 0) + 1;
  sequences.set(aggregateId, sequence);
  return {
    id: randomUUID(),
    type: 'Happened',
    version: 1,
    aggregateType,
    aggregateId,
    sequence,
    occurredAt: new Date(),
    payload: { n: sequence },
  };
};
const publish = (n: number, aggregateType = 'Thing', aggregateId = randomUUID()) =>
  log.publish(Array.from({ length: n }, () => event(aggregateType, aggregateId)));

const until = async (check: () => boolean, timeoutMs = 3_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

beforeAll(async () => {
  log = await PostgresEventLog.open({ kind: 'pglite', client: await createEmbeddedDatabase() });
});
afterAll(() => log?.close());

describe('EventFeed', () => {
  test('a follower joins at the newest event and gets every later one once, in log order, of its aggregate types only', async () => {
    await publish(3);
    const feed = new EventFeed({ transport: log, aggregateTypes: ['Thing'], logger, pollMs: 60_000 });
    const seen: LoggedEvent[] = [];
    const { stop, joinedAt } = await feed.follow(undefined, (e) => seen.push(e));
    expect(joinedAt).toBe(await log.headPosition());
    await publish(2, 'Other');
    await publish(4);
    await until(() => seen.length >= 4);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toHaveLength(4);
    expect(seen.map((e) => e.aggregateType)).toEqual(['Thing', 'Thing', 'Thing', 'Thing']);
    expect(seen.map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
    expect(seen.every((e) => e.position > joinedAt)).toBe(true);
    stop();
    feed.close();
  });

  test('every follower of one feed gets the same event object (read once per process)', async () => {
    const feed = new EventFeed({ transport: log, aggregateTypes: ['Thing'], logger, pollMs: 60_000 });
    const a: LoggedEvent[] = [];
    const b: LoggedEvent[] = [];
    const first = await feed.follow(undefined, (e) => a.push(e));
    const second = await feed.follow(undefined, (e) => b.push(e));
    await publish(2);
    await until(() => a.length >= 2 && b.length >= 2);
    expect(a[0]).toBe(b[0]);
    expect(a[1]).toBe(b[1]);
    first.stop();
    second.stop();
    feed.close();
  });

  test('resuming after a position catches up from the log, then continues live: no gap, no duplicate', async () => {
    const feed = new EventFeed({ transport: log, aggregateTypes: ['Thing'], logger, pollMs: 60_000 });
    const live = await feed.follow(undefined, () => {});
    const from = await log.headPosition();
    await publish(5);
    await new Promise((r) => setTimeout(r, 100));
    // Events keep coming while the second follower catches up.
    const seen: number[] = [];
    const resumed = feed.follow(from, (e) => seen.push(e.position));
    await publish(3);
    await resumed;
    await publish(2);
    await until(() => seen.length >= 10);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
    live.stop();
    (await resumed).stop();
    feed.close();
  });

  test('resuming further back than it replays is refused', async () => {
    const feed = new EventFeed({ transport: log, aggregateTypes: ['Thing'], logger, pollMs: 60_000, maxCatchUp: 3, batchSize: 2 });
    const from = await log.headPosition();
    await publish(5);
    await expect(feed.follow(from, () => {})).rejects.toThrow(/more than 3 events/);
    feed.close();
  });
});
