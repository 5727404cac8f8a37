import { EventEmitter } from 'node:events';
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { connect, createInbox, type Msg, type NatsConnection, nanos, nuid, type Subscription } from '@nats-io/transport-node';
import { type DomainEvent, type EventTransport, eventRecord, type LoggedEvent } from './types.ts';

/** Where the stream is and how much of it JetStream keeps (EVENTS_TRANSPORT=nats). */
export interface NatsEventsConfig {
  /** NATS_URL: one or more servers, comma-separated. */
  url: string;
  /** NATS_STREAM: the JetStream stream holding every event. */
  stream: string;
  /** NATS_SUBJECT_PREFIX: each event is published on `<prefix>.<AggregateType>`. */
  subjectPrefix: string;
  /** NATS_STREAM_MAX_AGE_DAYS: events older than this are removed (0 keeps them for good, so a replay rebuilds everything). */
  maxAgeDays: number;
  /** NATS_STREAM_MAX_BYTES: the stream's size limit (0: no limit). When full it refuses new events, which wait in the outboxes. */
  maxBytes: number;
  /** NATS_DUPLICATE_WINDOW_SECONDS: how long JetStream remembers an event id to drop a second publish of it. */
  duplicateWindowSeconds: number;
  /** NATS_ACK_WAIT_SECONDS: an event a consumer read but did not acknowledge in this time is delivered again. */
  ackWaitSeconds: number;
}

/** The defaults of the NATS_* settings. */
export const NATS_DEFAULTS = {
  stream: 'supergraph-events',
  subjectPrefix: 'supergraph.events',
  maxAgeDays: 0,
  maxBytes: 0,
  duplicateWindowSeconds: 3600,
  ackWaitSeconds: 30,
} as const;

const REQUEST_TIMEOUT_MS = 5000;
/** Events published before waiting for their acknowledgements. */
const PUBLISH_WINDOW = 200;
const DAY_MS = 86_400_000;

/** The stream sequence in a JetStream message's reply subject (both the old and the new, domain-aware, form). */
function streamSequence(reply: string): number {
  const tokens = reply.split('.');
  const base = tokens.length === 9 ? 2 : 4;
  return Number(tokens[base + 3]);
}

const isStatus = (m: Msg) => (m.headers?.code ?? 0) > 0 && m.data.length === 0;

const decode = (m: Msg, position: number): LoggedEvent => {
  const r = JSON.parse(new TextDecoder().decode(m.data)) as ReturnType<typeof eventRecord>;
  return {
    id: r.id,
    type: r.type,
    version: r.version,
    aggregateType: r.aggregate_type,
    aggregateId: r.aggregate_id,
    sequence: r.sequence,
    occurredAt: new Date(r.occurred_at),
    payload: r.payload,
    position,
  };
};

/**
 * Events on NATS JetStream: one stream, a subject per aggregate type (`<prefix>.<AggregateType>`).
 * Positions are stream sequences. The relay publishes each event with its id as `Nats-Msg-Id`, so
 * JetStream drops a second publish of it within the duplicate window; `publish` resolves only once
 * JetStream acknowledged every event. Each consumer is a durable pull consumer with explicit
 * acknowledgement: `read` pulls what is there, `commit` acknowledges (and waits for JetStream to
 * confirm) after the consumer's transaction committed; what was read and not committed is handed
 * back (negatively acknowledged) at the next read, so it comes again, as a re-read of the log
 * would. Readers without an offset (live subscriptions) read the stream after a position through a
 * short-lived consumer, woken by a core subscription to the stream's subjects.
 */
export class NatsEventLog implements EventTransport {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private wakeups: Subscription | undefined;
  /** Each durable consumer, once created (or found) in this process. */
  private readonly durables = new Map<string, Promise<void>>();
  /** What each consumer read and has not committed yet: stream sequence → reply subject. */
  private readonly pending = new Map<string, Map<number, string>>();
  /** Publishes JetStream dropped because it had the event already (for metrics and tests). */
  duplicatesDropped = 0;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    readonly config: NatsEventsConfig,
  ) {}

  /** Connects, and creates the stream or brings its limits up to date (idempotent: every process does it at start). */
  static async open(config: NatsEventsConfig): Promise<NatsEventLog> {
    const nc = await connect({ servers: config.url.split(','), name: 'supergraph', maxReconnectAttempts: -1 });
    try {
      const jsm = await jetstreamManager(nc);
      const log = new NatsEventLog(nc, jetstream(nc), jsm, config);
      await log.ensureStream();
      return log;
    } catch (error) {
      await nc.close();
      throw error;
    }
  }

  /** The stream's configuration as the settings ask for it. */
  streamConfig(): Partial<StreamConfig> & { name: string } {
    const { stream, subjectPrefix, maxAgeDays, maxBytes, duplicateWindowSeconds } = this.config;
    const duplicateMs = duplicateWindowSeconds * 1000;
    return {
      name: stream,
      subjects: [`${subjectPrefix}.>`],
      max_age: maxAgeDays === 0 ? 0 : nanos(maxAgeDays * DAY_MS),
      max_bytes: maxBytes === 0 ? -1 : maxBytes,
      // A full stream refuses new events rather than dropping old ones a replay needs: they wait in the outboxes.
      discard: DiscardPolicy.New,
      // JetStream wants the window within the age limit.
      duplicate_window: nanos(maxAgeDays === 0 ? duplicateMs : Math.min(duplicateMs, maxAgeDays * DAY_MS)),
    };
  }

  private async ensureStream() {
    const wanted = this.streamConfig();
    const existing = await this.jsm.streams.info(wanted.name).catch(() => undefined);
    if (!existing) {
      try {
        await this.jsm.streams.add(wanted);
        return;
      } catch {
        // Another process created it meanwhile: update it below.
      }
    }
    const { name, ...limits } = wanted;
    await this.jsm.streams.update(name, limits);
  }

  subject(aggregateType: string) {
    return `${this.config.subjectPrefix}.${aggregateType}`;
  }

  /** One subject when the consumer reads one aggregate type; else the whole stream (other types are skipped and acknowledged). */
  private filterFor(aggregateTypes: readonly string[]) {
    return aggregateTypes.length === 1 ? this.subject(aggregateTypes[0]!) : `${this.config.subjectPrefix}.>`;
  }

  /** A consumer's subjects: each of its aggregate types on NATS 2.10 and later; before that one filter (see `filterFor`). */
  private filterConfig(aggregateTypes: readonly string[]): { filter_subject: string } | { filter_subjects: string[] } {
    const [major = 0, minor = 0] = (this.nc.info?.version ?? '0.0').split('.').map(Number);
    if (aggregateTypes.length > 1 && (major > 2 || (major === 2 && minor >= 10))) {
      return { filter_subjects: aggregateTypes.map((t) => this.subject(t)) };
    }
    return { filter_subject: this.filterFor(aggregateTypes) };
  }

  async publish(events: DomainEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += PUBLISH_WINDOW) {
      // In order on one connection, so the stream keeps the outbox's order.
      const acks = await Promise.all(
        events
          .slice(i, i + PUBLISH_WINDOW)
          .map((e) =>
            this.js.publish(this.subject(e.aggregateType), JSON.stringify(eventRecord(e)), { msgID: e.id, timeout: REQUEST_TIMEOUT_MS }),
          ),
      );
      this.duplicatesDropped += acks.filter((a) => a.duplicate).length;
    }
    if (events.length > 0) this.emitter.emit('published');
  }

  private durable(consumer: string, aggregateTypes: readonly string[]): Promise<void> {
    let ready = this.durables.get(consumer);
    if (!ready) {
      ready = this.jsm.consumers
        .add(this.config.stream, {
          durable_name: consumer,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          ...this.filterConfig(aggregateTypes),
          ack_wait: nanos(this.config.ackWaitSeconds * 1000),
          max_deliver: -1,
          max_ack_pending: 20_000,
        })
        .then(() => undefined)
        .catch(async (error: unknown) => {
          // It exists with other settings (an older version's): use it as it is.
          await this.jsm.consumers.info(this.config.stream, consumer).catch(() => Promise.reject(error));
        });
      ready.catch(() => this.durables.delete(consumer));
      this.durables.set(consumer, ready);
    }
    return ready;
  }

  private pendingOf(consumer: string) {
    let map = this.pending.get(consumer);
    if (!map) {
      map = new Map();
      this.pending.set(consumer, map);
    }
    return map;
  }

  /** Up to `batch` messages the consumer has for us now (no waiting for more to arrive). */
  private pull(consumerName: string, batch: number): Promise<Msg[]> {
    const inbox = createInbox();
    const sub = this.nc.subscribe(inbox);
    const messages: Msg[] = [];
    const done = (async () => {
      for await (const m of sub) {
        if (isStatus(m)) {
          // No one answers for the consumer: it was deleted (a replay elsewhere rewound it). Create it again at the next read.
          if (m.headers?.code === 503) this.durables.delete(consumerName);
          break;
        }
        messages.push(m);
        if (messages.length >= batch) break;
      }
    })();
    const guard = setTimeout(() => sub.unsubscribe(), REQUEST_TIMEOUT_MS);
    this.nc.publish(`$JS.API.CONSUMER.MSG.NEXT.${this.config.stream}.${consumerName}`, JSON.stringify({ batch, no_wait: true }), {
      reply: inbox,
    });
    return done.then(() => {
      clearTimeout(guard);
      sub.unsubscribe();
      return messages;
    });
  }

  private ack(reply: string) {
    return this.nc.request(reply, '+ACK', { timeout: REQUEST_TIMEOUT_MS });
  }

  async read(consumer: string, aggregateTypes: string[], limit: number): Promise<LoggedEvent[]> {
    await this.durable(consumer, aggregateTypes);
    const pending = this.pendingOf(consumer);
    // Read before and not committed: hand it back, so it comes again (first) like a re-read of the log.
    // Confirmed before the pull, so that the pull finds it.
    await Promise.all(
      [...pending.values()].map((reply) => this.nc.request(reply, '-NAK', { timeout: REQUEST_TIMEOUT_MS }).catch(() => {})),
    );
    pending.clear();
    const types = new Set(aggregateTypes);
    const events: LoggedEvent[] = [];
    for (;;) {
      const want = limit - events.length;
      const messages = await this.pull(consumer, want);
      const skipped: Promise<unknown>[] = [];
      for (const m of messages) {
        const seq = streamSequence(m.reply ?? '');
        const event = decode(m, seq);
        if (!types.has(event.aggregateType)) {
          skipped.push(this.ack(m.reply!));
          continue;
        }
        pending.set(seq, m.reply!);
        events.push(event);
      }
      await Promise.all(skipped);
      if (messages.length < want || events.length >= limit) break;
    }
    return events.sort((a, b) => a.position - b.position);
  }

  async commit(consumer: string, position: number): Promise<void> {
    const pending = this.pendingOf(consumer);
    const acked: Promise<unknown>[] = [];
    for (const [seq, reply] of pending) {
      if (seq > position) continue;
      acked.push(this.ack(reply));
      pending.delete(seq);
    }
    // Confirmed by JetStream: an acknowledgement lost on the way would deliver the events again (harmless, but slower).
    await Promise.all(acked);
  }

  async lag(consumer: string, aggregateTypes: string[]): Promise<number> {
    await this.durable(consumer, aggregateTypes);
    const info = await this.jsm.consumers.info(this.config.stream, consumer);
    return info.num_pending + info.num_ack_pending;
  }

  async redeliverable(consumer: string, eventIds: readonly string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const info = await this.jsm.consumers.info(this.config.stream, consumer).catch(() => undefined);
    // No consumer yet: everything in the stream is still to come.
    const floor = info?.ack_floor.stream_seq ?? 0;
    const wanted = new Set(eventIds);
    const found = new Set<string>();
    await this.scan(floor, `${this.config.subjectPrefix}.>`, true, (m) => {
      const id = m.headers?.get('Nats-Msg-Id');
      if (id && wanted.has(id)) found.add(id);
      return true;
    });
    return found;
  }

  async rewind(consumer: string): Promise<void> {
    const existing = await this.jsm.consumers.info(this.config.stream, consumer).catch(() => undefined);
    this.pending.delete(consumer);
    this.durables.delete(consumer);
    if (!existing) return;
    await this.jsm.consumers.delete(this.config.stream, consumer);
    // Created again (from the stream's first event) by its next read, with the aggregate types it asks for.
  }

  async readAfter(position: number, aggregateTypes: string[], limit: number): Promise<LoggedEvent[]> {
    if (position >= (await this.headPosition())) return [];
    const types = new Set(aggregateTypes);
    const events: LoggedEvent[] = [];
    await this.scan(position, this.filterFor(aggregateTypes), false, (m, seq) => {
      const event = decode(m, seq);
      if (types.has(event.aggregateType)) events.push(event);
      return events.length < limit;
    });
    return events;
  }

  /**
   * Reads the stream after `position` (on `filter`) through a short-lived consumer, oldest first,
   * until `take` says stop or the stream's end.
   */
  private async scan(position: number, filter: string, headersOnly: boolean, take: (m: Msg, seq: number) => boolean) {
    const name = `scan_${nuid.next()}`;
    await this.jsm.consumers.add(this.config.stream, {
      name,
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: position + 1,
      filter_subject: filter,
      headers_only: headersOnly,
      mem_storage: true,
      inactive_threshold: nanos(60_000),
    });
    try {
      for (;;) {
        const messages = await this.pull(name, 500);
        for (const m of messages) if (!take(m, streamSequence(m.reply ?? ''))) return;
        if (messages.length < 500) return;
      }
    } finally {
      await this.jsm.consumers.delete(this.config.stream, name).catch(() => {});
    }
  }

  async headPosition(): Promise<number> {
    const info = await this.jsm.streams.info(this.config.stream);
    return info.state.last_seq;
  }

  onPublished(listener: () => void): () => void {
    this.emitter.on('published', listener);
    // Every publish on the stream's subjects, from any process, wakes this one.
    this.wakeups ??= this.nc.subscribe(`${this.config.subjectPrefix}.>`, {
      callback: () => {
        this.emitter.emit('published');
      },
    });
    return () => this.emitter.off('published', listener);
  }

  /** Events in the stream (for diagnostics and the demo's log line). */
  async size(): Promise<number> {
    return (await this.jsm.streams.info(this.config.stream)).state.messages;
  }

  /** The last position the stream's limits removed (a replay starts after it), with when the first kept event was published; null while it is whole. */
  async removedThrough(): Promise<{ position: number; at: Date } | null> {
    const { state } = await this.jsm.streams.info(this.config.stream);
    if (state.first_seq <= 1) return null;
    return { position: state.first_seq - 1, at: new Date(state.first_ts) };
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
    // What this process read and did not commit goes back at once, rather than after the ack wait.
    for (const pending of this.pending.values()) for (const reply of pending.values()) this.nc.publish(reply, '-NAK');
    this.pending.clear();
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => this.nc.close());
  }
}
