import { percentile } from '../statistics.ts';
import type { Received, Subscriber } from './subscribers.ts';
import { LIFECYCLE, type Status } from './updates.ts';

/** What the subscribers received against what was committed, over every subscriber. */
export interface Deliveries {
  subscribers: number;
  /** Changes committed that a subscriber had to receive. */
  expected: number;
  /** Events received that carry one of them. */
  delivered: number;
  /** Committed changes that never arrived (within the grace period). */
  lost: number;
  /** Changes that arrived more than once (each extra copy counts). */
  duplicated: number;
  /** Changes that arrived before one committed earlier for the same order. */
  outOfOrder: number;
  /** Events that answer no committed change of the subscriber's order (another order, a status never set, no data and no error). */
  unexpected: number;
  /**
   * Events that arrived with errors and no order at all: an error on a non-null field (a subgraph timing out on
   * `customer`, say) nulls the whole `orderUpdated`, as GraphQL requires, so the event cannot say which change it
   * carried. Each is matched to one committed change of its order that arrived no other way (so it is not lost);
   * they also count as incomplete.
   */
  withoutData: number;
  /** Events with errors, or without one of the fields asked for (the payment, the customer, the metrics). */
  incomplete: number;
  /** Subscriptions that did not complete after their order's final change was delivered. */
  notCompleted: number;
  /** Subscriptions the server refused or whose connection failed. */
  failed: number;
  /** Event-to-client latency (ms): the client's receive time minus the order's `updatedAt`, set in the transaction that committed the change. */
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** The same by the status the change moved the order to (CONFIRMED is committed by the orders subgraph reacting to the payment's event). */
  latencyByStatus: Partial<Record<Status, { p50: number; p99: number }>>;
  /** Up to ten of the problems, said in words, to start looking from. */
  examples: string[];
}

const LAST: Status = LIFECYCLE.at(-1)!;

/** Why an event is not the complete answer asked for, or undefined when it is. */
function incompleteness(event: Received): string | undefined {
  if (event.errors?.length) return `errors: ${event.errors.map((e) => `${e.message} (${e.extensions?.code ?? ''})`).join('; ')}`;
  const order = event.data?.orderUpdated;
  if (!order) return 'no data';
  if (!order.payments || order.payments.length === 0) return 'no payments';
  if (!order.customer?.firstName) return 'no customer';
  if (typeof order.customer.metrics?.totalOrders !== 'number') return 'no customer metrics';
  return undefined;
}

/** Compares each subscriber's events with the changes committed for its order (`committed`). */
export function checkDeliveries(subscribers: Subscriber[], committed: Map<string, Status[]>): Deliveries {
  const latencies: number[] = [];
  const byStatus = new Map<Status, number[]>();
  const examples: string[] = [];
  const note = (text: string) => {
    if (examples.length < 10) examples.push(text);
  };
  const totals = {
    expected: 0,
    delivered: 0,
    lost: 0,
    duplicated: 0,
    outOfOrder: 0,
    unexpected: 0,
    withoutData: 0,
    incomplete: 0,
    notCompleted: 0,
    failed: 0,
  };
  for (const s of subscribers) {
    const wanted = committed.get(s.orderId) ?? [];
    totals.expected += wanted.length;
    if (s.failure) {
      totals.failed += 1;
      note(`${s.orderId}: the subscription failed: ${s.failure}`);
    }
    const seen = new Map<string, number>();
    let position = -1;
    let blanks = 0;
    for (const event of s.received) {
      const why = incompleteness(event);
      if (why) {
        totals.incomplete += 1;
        note(`${s.orderId}: an event with ${why}`);
      }
      const order = event.data?.orderUpdated;
      if (!order && event.errors?.length) {
        blanks += 1;
        continue;
      }
      const status = order?.status as Status | undefined;
      if (!order || order.id !== s.orderId || !status || !wanted.includes(status)) {
        totals.unexpected += 1;
        note(`${s.orderId}: an unexpected event: ${JSON.stringify(event.data ?? event.errors ?? null).slice(0, 200)}`);
        continue;
      }
      const count = (seen.get(status) ?? 0) + 1;
      seen.set(status, count);
      if (count > 1) {
        totals.duplicated += 1;
        note(`${s.orderId}: ${status} arrived ${count} times`);
        continue;
      }
      totals.delivered += 1;
      const at = wanted.indexOf(status);
      if (at < position) {
        totals.outOfOrder += 1;
        note(`${s.orderId}: ${status} arrived after ${wanted[position]}`);
      }
      position = Math.max(position, at);
      const latency = event.atMs - Date.parse(order.updatedAt);
      latencies.push(latency);
      const list = byStatus.get(status) ?? [];
      list.push(latency);
      byStatus.set(status, list);
    }
    const missing = wanted.filter((status) => !seen.has(status));
    const accounted = Math.min(blanks, missing.length);
    totals.withoutData += accounted;
    totals.delivered += accounted;
    if (blanks > accounted) {
      totals.unexpected += blanks - accounted;
      note(`${s.orderId}: ${blanks - accounted} events without data beyond the changes missing`);
    }
    for (const status of missing.slice(accounted)) {
      totals.lost += 1;
      note(`${s.orderId}: ${status} was committed and never arrived`);
    }
    if (wanted.at(-1) === LAST && (seen.has(LAST) || accounted > 0) && !s.completed) {
      totals.notCompleted += 1;
      note(`${s.orderId}: still open after its order was ${LAST}`);
    }
  }
  latencies.sort((a, b) => a - b);
  const mean = latencies.length ? Math.round(latencies.reduce((a, b) => a + b, 0) / latencies.length) : 0;
  return {
    subscribers: subscribers.length,
    ...totals,
    latencyMs: {
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: Math.round(latencies.at(-1) ?? 0),
      mean,
    },
    latencyByStatus: Object.fromEntries(
      LIFECYCLE.filter((status) => byStatus.has(status)).map((status) => {
        const list = byStatus.get(status)!.sort((a, b) => a - b);
        return [status, { p50: percentile(list, 50), p99: percentile(list, 99) }];
      }),
    ),
    examples,
  };
}

/** Every problem the run must fail on, in words; empty when every committed change reached its subscriber exactly once, complete and in order. */
export function problemsOf(d: Deliveries, mutationFailures: number): string[] {
  const problems: string[] = [];
  const say = (n: number, what: string) => n > 0 && problems.push(`${n} ${what}`);
  say(d.lost, 'lost events');
  say(d.duplicated, 'duplicated events');
  say(d.outOfOrder, 'events out of order');
  say(d.unexpected, 'unexpected events');
  say(d.incomplete, 'incomplete events (errors or missing fields)');
  say(d.withoutData, 'of them without any data (an error on a non-null field nulled the whole order)');
  say(d.failed, 'failed subscriptions');
  say(d.notCompleted, 'subscriptions not completed after the final change');
  say(mutationFailures, 'failed mutations (those changes were never made)');
  return problems;
}

/** Resolves once every subscriber has received what was committed for its order and completed, or `graceMs` has passed. */
export async function awaitDeliveries(subscribers: Subscriber[], committed: Map<string, Status[]>, graceMs: number): Promise<void> {
  const done = (s: Subscriber) => {
    const wanted = committed.get(s.orderId) ?? [];
    if (s.failure) return true;
    if (wanted.at(-1) === LAST) return s.completed;
    return wanted.every((status) => s.received.some((e) => e.data?.orderUpdated?.status === status));
  };
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && !subscribers.every(done)) await new Promise((r) => setTimeout(r, 50));
}
