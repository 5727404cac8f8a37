import type { Database } from '../db/database.ts';
import type { Logger } from '../observability/logger.ts';
import { EventConsumer, type ConsumerDefinition } from './consumer.ts';
import { OutboxRelay } from './relay.ts';
import type { ConsumerTables, OutboxTable } from './tables.ts';
import type { EventTransport } from './types.ts';

export interface EventRuntimeOptions {
  db: Database<Record<string, unknown>>;
  transport: EventTransport;
  logger: Logger;
  /** The subgraph's outbox, if it produces events. */
  outbox?: OutboxTable;
  /** The subgraph's consumer bookkeeping tables, if it consumes events. */
  consumerTables?: ConsumerTables;
  consumers?: ConsumerDefinition[];
  /** How often to look for work without a wake-up (LISTEN/NOTIFY or in-process). */
  pollMs: number;
  /** Events per relay or consumer transaction. */
  batchSize?: number;
  /** Attempts at an event before a consumer parks it (EVENTS_MAX_ATTEMPTS). */
  maxAttempts?: number;
  /** A consumer's wait after an event's first failure, doubling after each further one (EVENTS_RETRY_BASE_MS). */
  retryBaseMs?: number;
}

/** A subgraph's event plumbing: its outbox relay and its consumers, started and stopped together. */
export class EventRuntime {
  readonly relay: OutboxRelay | undefined;
  readonly consumers: EventConsumer[];

  constructor(options: EventRuntimeOptions) {
    const { db, transport, logger, pollMs, batchSize, maxAttempts, retryBaseMs } = options;
    this.relay = options.outbox ? new OutboxRelay({ db, outbox: options.outbox, transport, logger, pollMs, batchSize }) : undefined;
    const tables = options.consumerTables;
    if ((options.consumers?.length ?? 0) > 0 && !tables) throw new Error('A subgraph that consumes events needs consumer tables.');
    this.consumers = (options.consumers ?? []).map(
      // Events a consumer applies may cause new events (e.g. a refund): publish them at once.
      (definition) =>
        new EventConsumer({
          definition,
          db,
          tables: tables!,
          transport,
          logger,
          pollMs,
          batchSize,
          maxAttempts,
          retryBaseMs,
          afterBatch: () => this.relay?.kick(),
        }),
    );
  }

  start() {
    this.relay?.start();
    for (const consumer of this.consumers) consumer.start();
  }

  /** Publish now: call after committing a transaction that recorded events. */
  published() {
    this.relay?.kick();
  }

  /** One pass: publish the outbox, then let every consumer apply what it can read. */
  async settleOnce() {
    await this.relay?.flush();
    for (const consumer of this.consumers) await consumer.drain();
  }

  consumer(name: string): EventConsumer {
    const found = this.consumers.find((c) => c.name === name);
    if (!found) throw new Error(`There is no event consumer named "${name}".`);
    return found;
  }

  async stop() {
    for (const consumer of this.consumers) await consumer.stop();
    await this.relay?.stop();
  }
}
