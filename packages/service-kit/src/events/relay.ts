import type { Database } from '../db/database.ts';
import type { Logger } from '../observability/logger.ts';
import { DrainLoop } from './drain-loop.ts';
import { countUnpublished, markPublished, unpublished } from './outbox.ts';
import type { OutboxTable } from './tables.ts';
import type { EventTransport } from './types.ts';

export interface RelayOptions {
  db: Database<Record<string, unknown>>;
  outbox: OutboxTable;
  transport: EventTransport;
  logger: Logger;
  pollMs: number;
  batchSize?: number;
}

/**
 * Moves committed outbox events to the transport, oldest first, then marks them published.
 * A crash between the two publishes them again; the transport skips ids it already has, so
 * delivery is at-least-once and nothing is lost.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly loop = new DrainLoop(
    () => this.publishBatch(),
    () => this.stopped,
  );

  constructor(private readonly options: RelayOptions) {}

  start() {
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Publishes soon; call it after a transaction that wrote events. */
  kick(): void {
    void this.flush().catch((error) => this.options.logger.error({ err: error }, 'publishing events failed; will retry'));
  }

  /** Publishes everything committed so far. */
  flush(): Promise<void> {
    return this.loop.run();
  }

  private async publishBatch(): Promise<boolean> {
    const { db, outbox, transport } = this.options;
    const rows = await unpublished(db, outbox, this.options.batchSize ?? 1000);
    if (rows.length === 0) return false;
    await transport.publish(rows.map(({ position: _p, publishedAt: _at, ...event }) => event));
    await markPublished(
      db,
      outbox,
      rows.map((r) => r.position),
    );
    return true;
  }

  pending(): Promise<number> {
    return countUnpublished(this.options.db, this.options.outbox);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.loop.settled();
  }
}
