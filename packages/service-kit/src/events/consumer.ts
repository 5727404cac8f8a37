import { sql } from 'drizzle-orm';
import { plainErrorMessage, type Database } from '../db/database.ts';
import { ConsumerBookkeeping, toEvent, type SetAsideRow } from './bookkeeping.ts';
import { DrainLoop } from './drain-loop.ts';
import type { Logger } from '../observability/logger.ts';
import type { ConsumerTables, SetAsideState } from './tables.ts';
import type { EventTransport, LoggedEvent } from './types.ts';

type Db = Database<Record<string, unknown>>;

/** What a subgraph does with events: the projection it keeps and how to empty it for a replay. */
export interface ConsumerDefinition {
  /** Unique across the platform, for example `ledger`. Names the consumer's offset in the log. */
  name: string;
  /** Aggregate types to receive, every event of each (so per-aggregate sequences have no gaps). */
  aggregateTypes: string[];
  /**
   * Applies events inside the consumer's transaction, in log order (each aggregate's in sequence),
   * each exactly once. Must leave the same state as applying them one at a time; set-based SQL
   * over the whole batch keeps a busy consumer fast. Events of unknown types should be ignored.
   * When it throws, it is called again, in savepoints, for each aggregate's events alone and then
   * one event at a time, to find the one that fails; so it keeps no state between calls.
   */
  apply(tx: Db, events: LoggedEvent[]): Promise<void>;
  /** Empties everything `apply` builds, inside a transaction, before a replay. */
  reset(tx: Db): Promise<void>;
}

/**
 * Takes, until the end of `tx`, the lock a consumer holds while it applies a batch or resets: for
 * code outside the consumer that rewrites its projection (a rebuild of read models from its
 * facts), so no batch interleaves with it.
 */
export async function lockConsumer(tx: Db, consumer: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`supergraph-consumer:${consumer}`}))`);
}

/** The defaults of EVENTS_MAX_ATTEMPTS, EVENTS_RETRY_BASE_MS and EVENTS_STALL_MS. */
export const EVENT_CONSUMER_DEFAULTS = { maxAttempts: 5, retryBaseMs: 500, stallMs: 60_000 } as const;
/** Backoff doubles from the first delay, up to this. */
export const MAX_RETRY_DELAY_MS = 5 * 60_000;

/** How long to wait before the next attempt after `failures` failed ones. */
export const retryDelayMs = (failures: number, baseMs: number) => Math.min(baseMs * 2 ** (failures - 1), MAX_RETRY_DELAY_MS);

export interface ConsumerOptions {
  definition: ConsumerDefinition;
  db: Db;
  tables: ConsumerTables;
  transport: EventTransport;
  logger: Logger;
  pollMs: number;
  batchSize?: number;
  /** Attempts at an event before it is parked (EVENTS_MAX_ATTEMPTS). */
  maxAttempts?: number;
  /** Wait after the first failure, doubling after each further one (EVENTS_RETRY_BASE_MS). */
  retryBaseMs?: number;
  /** Called after a batch committed, with the events it applied (for example to publish follow-up events). */
  afterBatch?: (applied: LoggedEvent[]) => void;
}

/** An event that failed and the events of its aggregate held behind it, as operators see it. */
export interface ParkedEvent {
  consumer: string;
  event: LoggedEvent;
  /** `retrying`: tried again on its own after `nextAttemptAt`; `parked`: waits for `npm run events:retry`. */
  state: 'retrying' | 'parked';
  attempts: number;
  lastError: string;
  firstFailedAt: Date;
  lastFailedAt: Date;
  nextAttemptAt: Date | null;
  /** Later events of the same aggregate waiting behind it. */
  held: number;
}

/** What an operator's retry of one event did. */
export type RetryResult =
  /** The event applied, and every event held behind it after it, in sequence. */
  | { outcome: 'applied'; applied: LoggedEvent[] }
  /** `failed` failed (the event asked for, or one held behind it after those in `applied`); it is parked with `error`. */
  | { outcome: 'failed'; applied: LoggedEvent[]; failed: LoggedEvent; error: string; held: number }
  /** The event waits behind an earlier event of its aggregate: retry that one. */
  | { outcome: 'held'; behind: LoggedEvent }
  | { outcome: 'not-found' };

/** One aggregate's events applied as far as they would go. */
interface StreamResult {
  applied: LoggedEvent[];
  failure?: { event: LoggedEvent; error: string };
  /** The events after the failed one. */
  rest: LoggedEvent[];
}

/** A failure written to the parked events, reported once its transaction committed. */
interface RecordedFailure {
  event: LoggedEvent;
  error: string;
  attempts: number;
  state: 'retrying' | 'parked';
  previous: SetAsideState | undefined;
  nextAttemptAt: Date | null;
}

/** Thrown out of the fast path when `apply` itself failed (not the database around it). */
class ApplyFailed extends Error {}

/**
 * Applies events exactly once to a projection. Delivery is at-least-once; the consumer records
 * each applied event id and each aggregate's last sequence in its own schema, in the same
 * transaction as the projection update, so a redelivered event changes nothing and an early
 * event (a gap in an aggregate's sequence) waits until the missing ones arrive.
 *
 * An event `apply` fails on is set aside in the consumer's parked events with the later events of
 * its aggregate, and tried again with backoff; after `maxAttempts` it is parked until an operator
 * retries it. Everything else goes on meanwhile.
 */
export class EventConsumer {
  private readonly loop = new DrainLoop(
    () => this.work(),
    () => this.stopped,
  );
  private timer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopped = false;
  private started = false;
  private lastLagLog = 0;
  /** When this consumer last applied something or found nothing to do. */
  private lastProgressAt = Date.now();
  /**
   * When to look for due retries. 0 at first, so a restart picks up retries recorded before it;
   * undefined while nothing is known to be retrying, so an idle consumer issues no statement.
   */
  private retryCheckAt: number | undefined = 0;

  private readonly book: ConsumerBookkeeping;

  constructor(private readonly options: ConsumerOptions) {
    this.book = new ConsumerBookkeeping(options.tables, options.definition.name);
  }

  get name() {
    return this.options.definition.name;
  }

  /** The aggregate types it reads (the events of others never reach it). */
  get aggregateTypes(): readonly string[] {
    return this.options.definition.aggregateTypes;
  }

  /** False between stop() and start(). */
  get active() {
    return !this.stopped;
  }

  private get maxAttempts() {
    return this.options.maxAttempts ?? EVENT_CONSUMER_DEFAULTS.maxAttempts;
  }

  /** Redelivers every event from the start of the log (the projection dedupes them). For operations and tests. */
  async redeliver(): Promise<void> {
    await this.loop.settled();
    await this.options.transport.rewind(this.name);
  }

  start() {
    this.stopped = false;
    this.started = true;
    this.unsubscribe = this.options.transport.onPublished(() => this.kick());
    this.timer = setInterval(() => {
      this.kick();
      void this.reportLag();
    }, this.options.pollMs);
    this.timer.unref();
    this.armRetryTimer();
    this.kick();
  }

  kick(): void {
    void this.drain().catch((error) =>
      this.options.logger.error({ err: error, consumer: this.name }, 'applying events failed; will retry'),
    );
  }

  /** Applies everything readable now, and retries set-aside events that are due. */
  drain(): Promise<void> {
    return this.loop.run();
  }

  lag(): Promise<number> {
    return this.options.transport.lag(this.name, this.options.definition.aggregateTypes);
  }

  /** Milliseconds since the consumer last applied something or found nothing to do; with work waiting, how long it has been stuck. */
  sinceProgressMs(): number {
    return Date.now() - this.lastProgressAt;
  }

  /** How many events are set aside, by state (for readiness and metrics). */
  async parkedCounts(): Promise<Record<SetAsideState, number>> {
    const { counts, nextAttemptAt } = await this.book.counts(this.options.db);
    // Whoever looks learns of retries another process recorded (a replica, or npm run events:retry).
    if (nextAttemptAt) this.retryAt(nextAttemptAt.getTime());
    return counts;
  }

  /** Every event that failed and is retrying or parked, oldest first, each with how many events wait behind it. */
  async parkedEvents(): Promise<ParkedEvent[]> {
    const rows = await this.book.all(this.options.db);
    const held = new Map<string, number>();
    for (const row of rows) if (row.state === 'held') held.set(row.aggregateId, (held.get(row.aggregateId) ?? 0) + 1);
    return rows.flatMap((row) =>
      row.state === 'held'
        ? []
        : [
            {
              consumer: this.name,
              event: toEvent(row),
              state: row.state,
              attempts: row.attempts,
              lastError: row.lastError ?? '',
              firstFailedAt: row.firstFailedAt ?? row.setAsideAt,
              lastFailedAt: row.lastFailedAt ?? row.setAsideAt,
              nextAttemptAt: row.nextAttemptAt,
              held: held.get(row.aggregateId) ?? 0,
            },
          ],
    );
  }

  /**
   * Applies a retrying or parked event now (an operator's retry after a fix), then the events held
   * behind it, in sequence. What fails is parked, with the new error: the operator hears of it at
   * once, rather than it retrying in the background of another process.
   */
  async retry(eventId: string): Promise<RetryResult> {
    const outcome = await this.options.db.transaction(async (tx) => {
      await this.lock(tx);
      const target = await this.book.find(tx, eventId);
      if (!target) return { result: { outcome: 'not-found' } as const };
      const rows = await this.book.rowsOf(tx, target.aggregateId);
      if (rows[0]!.eventId !== eventId) return { result: { outcome: 'held', behind: toEvent(rows[0]!) } as const };
      return this.retryRows(tx, rows, 'operator');
    });
    return this.afterRetry(outcome);
  }

  /** Rebuilds the projection from the start of the log. */
  async replay(): Promise<void> {
    await this.loop.settled();
    const { db, definition, transport } = this.options;
    await db.transaction(async (tx) => {
      await this.lock(tx);
      await definition.reset(tx);
      await this.book.clear(tx);
    });
    this.retryCheckAt = undefined;
    await transport.rewind(this.name);
    await this.drain();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.started = false;
    clearInterval(this.timer);
    clearTimeout(this.retryTimer);
    this.unsubscribe?.();
    await this.loop.settled();
  }

  /** Applies one batch (and due retries) now, even while stopped (tests use it to stop a consumer mid-stream). Returns whether it made progress. */
  step(): Promise<boolean> {
    return this.work();
  }

  private async work(): Promise<boolean> {
    const retried = await this.retryDue();
    const read = await this.applyBatch();
    return retried || read;
  }

  /** Returns whether it made progress. */
  private async applyBatch(): Promise<boolean> {
    const { db, definition, transport } = this.options;
    const events = await transport.read(this.name, definition.aggregateTypes, this.options.batchSize ?? 1000);
    if (events.length === 0) {
      this.lastProgressAt = Date.now();
      return false;
    }
    // Fast path: the whole batch in one transaction. Only if `apply` fails, again aggregate by
    // aggregate, so one event that cannot be applied holds back its aggregate and nothing else.
    // A database that is down fails both, and nothing changes: the loop tries again later.
    const batch = await db
      .transaction((tx) => this.applyEvents(tx, events, false))
      .catch((error: unknown) => {
        if (!(error instanceof ApplyFailed)) throw error;
        return db.transaction((tx) => this.applyEvents(tx, events, true));
      });
    if (batch.done.length > 0) await transport.commit(this.name, batch.done.at(-1)!.position);
    if (batch.done.length > 0 || batch.applied.length > 0) this.lastProgressAt = Date.now();
    for (const failure of batch.failures) this.report(failure);
    if (batch.applied.length > 0) this.options.afterBatch?.(batch.applied);
    return batch.done.length > 0;
  }

  /** Applies a batch in `tx`: together (throws ApplyFailed if `apply` does), or each aggregate on its own (`isolate`). */
  private async applyEvents(tx: Db, events: LoggedEvent[], isolate: boolean) {
    const { definition } = this.options;
    await this.lock(tx);
    const aggregateIds = [...new Set(events.map((e) => e.aggregateId))];
    const seen = await this.book.appliedAmong(
      tx,
      events.map((e) => e.id),
    );
    const cursors = await this.book.cursors(tx, aggregateIds);
    const setAside = await this.book.setAsideUpTo(tx, aggregateIds);
    const { streams, held, blocked } = this.plan(events, seen, cursors, setAside);

    const applied: LoggedEvent[] = [];
    const failures: RecordedFailure[] = [];
    if (!isolate) {
      applied.push(...[...streams.values()].flat());
      if (applied.length > 0) await definition.apply(tx, applied).catch(() => Promise.reject(new ApplyFailed()));
    } else {
      for (const stream of streams.values()) {
        const result = await this.applyStream(tx, stream);
        applied.push(...result.applied);
        if (!result.failure) continue;
        failures.push(await this.recordFailure(tx, result.failure, undefined, 'schedule'));
        held.push(...result.rest);
      }
    }
    await this.book.recordApplied(tx, applied);
    await this.book.hold(tx, held);

    // The offset may only pass events that are done (applied, or set aside): stop before the first one still waiting.
    const done: LoggedEvent[] = [];
    for (const event of events) {
      if (blocked.has(event.id)) break;
      done.push(event);
    }
    return { done, applied, failures };
  }

  /**
   * Per aggregate, by sequence: what to apply, what to hold (its aggregate has set-aside events,
   * which must go first) and what must wait for a missing predecessor (an event that arrived early
   * is applied as soon as the predecessor is in the same batch; otherwise it waits, and so does the offset).
   */
  private plan(events: LoggedEvent[], seen: Set<string>, cursors: Map<string, number>, setAside: Map<string, number>) {
    const streams = new Map<string, LoggedEvent[]>();
    const held: LoggedEvent[] = [];
    const blocked = new Set<string>();
    const byAggregate = new Map<string, LoggedEvent[]>();
    for (const event of events) byAggregate.set(event.aggregateId, [...(byAggregate.get(event.aggregateId) ?? []), event]);
    for (const [aggregateId, stream] of byAggregate) {
      const holding = setAside.has(aggregateId);
      // Set-aside events follow the cursor without a gap, so the last of them is where this aggregate stands.
      let last = Math.max(cursors.get(aggregateId) ?? 0, setAside.get(aggregateId) ?? 0);
      for (const event of [...stream].sort((a, b) => a.sequence - b.sequence)) {
        if (seen.has(event.id) || event.sequence <= last) continue;
        if (event.sequence > last + 1) {
          this.options.logger.warn(
            { consumer: this.name, event: event.id, aggregate: aggregateId, expected: last + 1, got: event.sequence },
            'event arrived early; waiting for the missing ones',
          );
          for (const rest of stream) if (rest.sequence > last) blocked.add(rest.id);
          break;
        }
        if (holding) held.push(event);
        else streams.set(aggregateId, [...(streams.get(aggregateId) ?? []), event]);
        seen.add(event.id);
        last = event.sequence;
      }
    }
    return { streams, held, blocked };
  }

  /**
   * Applies one aggregate's events (in sequence, after its cursor) in a savepoint; if that fails,
   * one at a time up to the first that fails, so the ones before it count.
   */
  private async applyStream(tx: Db, stream: LoggedEvent[]): Promise<StreamResult> {
    const attempt = async (events: LoggedEvent[]) => {
      try {
        await tx.transaction((savepoint) => this.options.definition.apply(savepoint, events));
        return undefined;
      } catch (error) {
        return plainErrorMessage(error);
      }
    };
    if (stream.length === 0) return { applied: [], rest: [] };
    const error = await attempt(stream);
    if (error === undefined) return { applied: stream, rest: [] };
    if (stream.length === 1) return { applied: [], failure: { event: stream[0]!, error }, rest: [] };
    for (const [i, event] of stream.entries()) {
      const failed = await attempt([event]);
      if (failed !== undefined) return { applied: stream.slice(0, i), failure: { event, error: failed }, rest: stream.slice(i + 1) };
    }
    return { applied: stream, rest: [] };
  }

  /**
   * Records a failed attempt: a new row for an event read from the log, or the next attempt of a
   * set-aside one. At the last attempt, or when an operator's retry fails, the event is parked.
   */
  private async recordFailure(
    tx: Db,
    failure: { event: LoggedEvent; error: string },
    row: SetAsideRow | undefined,
    by: 'schedule' | 'operator',
  ): Promise<RecordedFailure> {
    const { event, error } = failure;
    const now = new Date();
    const attempts = (row?.attempts ?? 0) + 1;
    const state: RecordedFailure['state'] = by === 'operator' || attempts >= this.maxAttempts ? 'parked' : 'retrying';
    const nextAttemptAt =
      state === 'retrying'
        ? new Date(now.getTime() + retryDelayMs(attempts, this.options.retryBaseMs ?? EVENT_CONSUMER_DEFAULTS.retryBaseMs))
        : null;
    await this.book.recordFailure(tx, event, { state, attempts, lastError: error, lastFailedAt: now, nextAttemptAt }, row);
    return { event, error, attempts, state, previous: row?.state, nextAttemptAt };
  }

  /** Retries every aggregate whose failed event is due, each in its own transaction. Returns whether it retried any. */
  private async retryDue(): Promise<boolean> {
    if (this.retryCheckAt === undefined || this.retryCheckAt > Date.now()) return false;
    try {
      const heads = await this.book.retryingHeads(this.options.db);
      this.retryCheckAt = undefined;
      let retried = false;
      const now = Date.now();
      for (const head of heads) {
        const at = head.nextAttemptAt?.getTime() ?? now;
        if (at > now) {
          this.retryAt(at);
          break;
        }
        const outcome = await this.options.db.transaction(async (tx) => {
          await this.lock(tx);
          const rows = await this.book.rowsOf(tx, head.aggregateId);
          const first = rows[0];
          // Someone else got there first (a replica, an operator's retry).
          if (first?.state !== 'retrying' || (first.nextAttemptAt?.getTime() ?? 0) > Date.now()) return undefined;
          return this.retryRows(tx, rows, 'schedule');
        });
        if (outcome) this.afterRetry(outcome);
        retried = true;
      }
      return retried;
    } catch (error) {
      this.retryAt(Date.now()); // look again on the next drain
      throw error;
    }
  }

  /** Applies an aggregate's set-aside events in sequence, forgets those applied, and records a failure. */
  private async retryRows(tx: Db, rows: SetAsideRow[], by: 'schedule' | 'operator') {
    const cursor = await this.book.cursorOf(tx, rows[0]!.aggregateId);
    const events = rows.map(toEvent);
    // Rows at or below the cursor were applied already (they cannot be, unless the tables were edited): just forget them.
    const stale = events.filter((e) => e.sequence <= cursor);
    const [first, ...held] = events.filter((e) => e.sequence > cursor);
    // The failed event alone first, so each retry is one attempt at it; then those held behind it.
    const head = await this.applyStream(tx, first ? [first] : []);
    const after = head.failure ? { applied: [], rest: held } : await this.applyStream(tx, held);
    const result: StreamResult = { applied: [...head.applied, ...after.applied], failure: head.failure ?? after.failure, rest: after.rest };
    await this.book.recordApplied(tx, result.applied);
    await this.book.forget(
      tx,
      [...stale, ...result.applied].map((e) => e.id),
    );
    if (!result.failure) return { applied: result.applied, result: { outcome: 'applied', applied: result.applied } as const };
    const row = rows.find((r) => r.eventId === result.failure!.event.id);
    const failure = await this.recordFailure(tx, result.failure, row, by);
    return {
      applied: result.applied,
      failure,
      result: {
        outcome: 'failed',
        applied: result.applied,
        failed: failure.event,
        error: failure.error,
        held: result.rest.length,
      } as const,
    };
  }

  /** After a retry committed: the same follow-ups as a batch. */
  private afterRetry(outcome: { applied?: LoggedEvent[]; failure?: RecordedFailure; result: RetryResult }): RetryResult {
    const applied = outcome.applied ?? [];
    if (applied.length > 0) {
      this.lastProgressAt = Date.now();
      this.options.afterBatch?.(applied);
    }
    if (outcome.failure) this.report(outcome.failure);
    return outcome.result;
  }

  /** Logs a failure once it is recorded, and makes sure its retry happens. */
  private report(failure: RecordedFailure) {
    const { event } = failure;
    const fields = {
      consumer: this.name,
      event: event.id,
      type: event.type,
      aggregateType: event.aggregateType,
      aggregate: event.aggregateId,
      attempts: failure.attempts,
      error: failure.error,
    };
    if (failure.state === 'retrying') {
      this.options.logger.warn(
        { ...fields, retryInMs: failure.nextAttemptAt!.getTime() - Date.now() },
        'applying an event failed; it will be tried again, and later events of its aggregate wait for it',
      );
      this.retryAt(failure.nextAttemptAt!.getTime());
    } else if (failure.previous === 'parked') {
      this.options.logger.warn(fields, 'a parked event failed again on retry; it stays parked');
    } else {
      this.options.logger.error(
        fields,
        'an event failed every attempt and is parked; later events of its aggregate wait until it is retried (npm run events:retry)',
      );
    }
  }

  /** Looks for due retries at `at` (or earlier, if already planned), waking the consumer then. */
  private retryAt(at: number) {
    if (this.retryCheckAt !== undefined && this.retryCheckAt <= at) return;
    this.retryCheckAt = at;
    this.armRetryTimer();
  }

  private armRetryTimer() {
    clearTimeout(this.retryTimer);
    // A consumer that was not started (in an operator's command) runs nothing by itself.
    if (!this.started || this.retryCheckAt === undefined) return;
    this.retryTimer = setTimeout(() => this.kick(), Math.max(0, this.retryCheckAt - Date.now()));
    this.retryTimer.unref();
  }

  /**
   * One batch (or reset) of this consumer at a time, also across replicas and a replay running in
   * another process: the applied-events check then always sees what the other committed.
   */
  private async lock(tx: Db) {
    await lockConsumer(tx, this.name);
  }

  private async reportLag() {
    if (Date.now() - this.lastLagLog < 10_000) return;
    this.lastLagLog = Date.now();
    const lag = await this.lag().catch(() => -1);
    if (lag > 0) this.options.logger.info({ consumer: this.name, lag }, 'event consumer is behind');
  }
}
