import type { Logger } from '../observability/logger.ts';
import type { EventTransport, LoggedEvent } from './types.ts';

export interface EventFeedOptions {
  transport: EventTransport;
  /** The aggregate types followed (for example `Order`). */
  aggregateTypes: string[];
  logger: Logger;
  /** How often to look for new events without a wake-up (EVENTS_POLL_MS). */
  pollMs: number;
  /** Events read per query. */
  batchSize?: number;
  /** A follower may resume at most this many events behind the feed; further back it is refused. */
  maxCatchUp?: number;
}

/** Thrown by `follow` when asked to resume further back than the feed replays. */
export class TooFarBehindError extends Error {}

interface Follower {
  cursor: number;
  deliver: (event: LoggedEvent) => void;
  /** Live events that arrived while this follower was still catching up from the log. */
  waiting: LoggedEvent[] | null;
}

/**
 * Follows the event log live, for readers that keep no offset of their own (subscriptions): one
 * reader per process reads each new event once, in log order, and hands the same event object to
 * every follower. A follower joins at the newest event, or resumes after a position it was given
 * (it is caught up from the log first, then continues live, with no gap and no duplicate).
 */
export class EventFeed {
  private readonly followers = new Set<Follower>();
  /** The position of the last event read from the log; undefined until the feed has started. */
  private position: number | undefined;
  private starting: Promise<number> | undefined;
  private unlisten: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reading = false;
  private again = false;
  private readonly batchSize: number;
  private readonly maxCatchUp: number;

  constructor(private readonly options: EventFeedOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.maxCatchUp = options.maxCatchUp ?? 10_000;
  }

  /** Followers right now (a gauge). */
  get size(): number {
    return this.followers.size;
  }

  /**
   * Calls `deliver` with every event after `after` (after the newest one in the log when omitted),
   * in log order, until `stop` is called. Resolves once the follower is in place (every event
   * published from then on reaches it), with the position it joined at.
   */
  async follow(after: number | undefined, deliver: (event: LoggedEvent) => void): Promise<{ stop: () => void; joinedAt: number }> {
    const head = await this.start();
    const follower: Follower = { cursor: after ?? head, deliver, waiting: after !== undefined && after < head ? [] : null };
    this.followers.add(follower);
    const stop = () => {
      this.followers.delete(follower);
      if (this.followers.size === 0) this.idle();
    };
    const joinedAt = follower.cursor;
    if (follower.waiting) {
      try {
        await this.catchUp(follower, head);
      } catch (error) {
        stop();
        throw error;
      }
    }
    return { stop, joinedAt };
  }

  /** Stops reading; followers get nothing more. */
  close() {
    this.followers.clear();
    this.idle();
  }

  /** Wakes the feed now (a publish in this process already does). */
  kick() {
    void this.read();
  }

  private start(): Promise<number> {
    if (this.position !== undefined) return Promise.resolve(this.position);
    this.starting ??= (async () => {
      try {
        const head = await this.options.transport.headPosition();
        this.position ??= head;
        this.unlisten = this.options.transport.onPublished(() => void this.read());
        this.timer = setInterval(() => void this.read(), this.options.pollMs);
        this.timer.unref();
        return this.position;
      } finally {
        this.starting = undefined;
      }
    })();
    return this.starting;
  }

  /** With no one following, stop listening and polling; the next follower starts again at the head. */
  private idle() {
    this.unlisten?.();
    this.unlisten = undefined;
    clearInterval(this.timer);
    this.timer = undefined;
    this.position = undefined;
  }

  /** Events between the follower's cursor and where the feed was when it joined, from the log, then what arrived meanwhile. */
  private async catchUp(follower: Follower, until: number) {
    let read = 0;
    while (follower.cursor < until) {
      const events = await this.options.transport.readAfter(follower.cursor, this.options.aggregateTypes, this.batchSize);
      if (events.length === 0) break;
      for (const event of events) {
        if (event.position > until) break;
        read += 1;
        if (read > this.maxCatchUp) throw new TooFarBehindError(`more than ${this.maxCatchUp} events to catch up on`);
        follower.cursor = event.position;
        follower.deliver(event);
      }
      if (events.length < this.batchSize) break;
    }
    const waiting = follower.waiting ?? [];
    follower.waiting = null;
    for (const event of waiting) this.handTo(follower, event);
  }

  private handTo(follower: Follower, event: LoggedEvent) {
    if (follower.waiting) return void follower.waiting.push(event);
    if (event.position <= follower.cursor) return;
    follower.cursor = event.position;
    follower.deliver(event);
  }

  private async read(): Promise<void> {
    if (this.position === undefined) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    try {
      do {
        this.again = false;
        for (;;) {
          const from: number | undefined = this.position;
          if (from === undefined) return;
          const events = await this.options.transport.readAfter(from, this.options.aggregateTypes, this.batchSize);
          // The feed went idle (and maybe started again elsewhere) while reading: drop what was read.
          if (this.position !== from) break;
          for (const event of events) {
            this.position = event.position;
            for (const follower of this.followers) {
              try {
                this.handTo(follower, event);
              } catch (error) {
                this.options.logger.error({ err: error }, 'a subscription failed to take an event');
              }
            }
          }
          if (events.length < this.batchSize) break;
        }
      } while (this.again);
    } catch (error) {
      // The next wake-up or poll tries again from the same position: nothing is skipped.
      this.options.logger.warn({ err: error }, 'reading new events for subscriptions failed; trying again');
    } finally {
      this.reading = false;
    }
  }
}
