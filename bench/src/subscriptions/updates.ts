import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kind, parse, print } from 'graphql';
import { Agent, request } from 'undici';
import { ROOT } from '../layout.ts';
import type { Options } from '../options.ts';
import { percentile } from '../statistics.ts';

/** Each operation of order-updates.graphql on its own, by name: a request sends only the operation it runs. */
const OPERATIONS = new Map(
  parse(readFileSync(join(ROOT, 'bench/workloads/subscriptions/order-updates.graphql'), 'utf8'))
    .definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)
    .map((d) => [d.name!.value, print(d)]),
);

/** The statuses each order moves through after it was placed, in order; the last one ends its subscription. */
export const LIFECYCLE = ['CONFIRMED', 'ACCEPTED', 'PREPARING', 'OUT_FOR_DELIVERY', 'DELIVERED'] as const;
export type Status = (typeof LIFECYCLE)[number];

/**
 * How many orders the stream moves through their whole life (5 changes each) in `--seconds` at
 * `--rate`: the others' subscribers stay subscribed and must receive nothing, as most customers
 * watching an order do at any moment.
 */
export const movingOrders = ({ subscribers, rate, seconds }: Options) =>
  Math.max(1, Math.min(subscribers, Math.floor((rate * seconds) / LIFECYCLE.length)));

/** Who makes each move: the customer pays (and the payment confirms), staff accept and prepare, the driver takes it out and delivers. */
const MOVER: Record<Status, 'customer' | 'staff' | 'driver'> = {
  CONFIRMED: 'customer',
  ACCEPTED: 'staff',
  PREPARING: 'staff',
  OUT_FOR_DELIVERY: 'driver',
  DELIVERED: 'driver',
};

/** One order of the stream and the tokens of those who move it. */
export interface StreamOrder {
  orderId: string;
  customerToken: string;
  staffToken: string;
  driverToken: string;
}

/** A request that was answered with errors (or not at all with data). */
export class RequestFailed extends Error {
  constructor(
    message: string,
    readonly errors: { message: string; extensions?: Record<string, unknown> }[] = [],
  ) {
    super(message);
  }
}

/** A GraphQL client over HTTP to one gateway, with its own pool of keep-alive connections. */
export function graphqlClient(url: string, connections = 64) {
  const dispatcher = new Agent({ connections, keepAliveTimeout: 30_000 });
  const send = async <T>(
    operationName: string,
    variables: Record<string, unknown>,
    token: string,
    query = OPERATIONS.get(operationName)!,
  ) => {
    const response = await request(url, {
      method: 'POST',
      dispatcher,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, operationName: operationName || undefined, variables }),
    });
    const text = await response.body.text();
    let body: { data?: T | null; errors?: RequestFailed['errors'] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new RequestFailed(`${operationName}: HTTP ${response.statusCode}, not JSON: ${text.slice(0, 200)}`);
    }
    if (response.statusCode !== 200 || body.errors?.length || !body.data)
      throw new RequestFailed(
        `${operationName}: HTTP ${response.statusCode}: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`,
        body.errors,
      );
    return body.data;
  };
  return { send, close: () => dispatcher.close() };
}
export type GraphqlClient = ReturnType<typeof graphqlClient>;

/** Places one order for each customer, `concurrency` at a time; resolves with their ids, in the customers' order. */
export async function placeOrders(
  client: GraphqlClient,
  customers: { token: string; menuItemId: string; address: Record<string, string> }[],
  concurrency = 16,
): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < customers.length; i = next++) {
      const { token, menuItemId, address } = customers[i]!;
      const input = { items: [{ menuItemId, quantity: 1 }], deliveryAddress: address, idempotencyKey: randomUUID() };
      ids[i] = (await client.send<{ placeOrder: { id: string } }>('PlaceOrder', { input }, token)).placeOrder.id;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, customers.length) }, worker));
  return ids;
}

/** What the stream did, and how its mutations went. */
export interface StreamResult {
  /** Changes sent (orders × LIFECYCLE). */
  sent: number;
  /** Mutations that failed (a timed-out one may still have been committed: see committedChanges). */
  failures: string[];
  /** When the first change was sent and the last one answered (this process's clock). */
  startedAtMs: number;
  endedAtMs: number;
  /** The rate the changes were sent at, over the stream (the target unless this process fell behind). */
  achievedRate: number;
  /** The mutations' response times (ms): p50, p99, max. */
  mutationMs: { p50: number; p99: number; max: number };
  /** Most mutations in flight at once. */
  peakInFlight: number;
  /** Moves sent again because the order was not yet where the move starts from (see streamUpdates). */
  retries: number;
}

/** How long a move is tried again while its order is not yet where the move starts from. */
const RETRY_FOR_MS = 10_000;

/** Whether a move was refused only because the order has not yet reached the status before it (the one before is still on its way). */
const notYet = (error: unknown, status: Status) => {
  if (!(error instanceof RequestFailed)) return false;
  const current = error.errors[0]?.extensions?.currentStatus;
  const order = ['PENDING_PAYMENT', ...LIFECYCLE];
  return typeof current === 'string' && order.indexOf(current) >= 0 && order.indexOf(current) < order.indexOf(status) - 1;
};

/**
 * A steady stream of order changes at `rate` per second, open loop (each change is sent at its
 * moment, whether or not earlier ones have been answered, as independent users would): every
 * order given is moved one step, then every one the next step, and so on through LIFECYCLE, so
 * each order's steps are `orders.length / rate` seconds apart and its subscription ends in the
 * last round. A move refused because the order is not yet where it starts from (the payment's
 * confirmation arrives by event, and may come after the staff's move is due) is tried again every
 * 250 ms for up to 10 s, as the staff would once they saw the order confirmed.
 */
export async function streamUpdates(client: GraphqlClient, orders: StreamOrder[], rate: number): Promise<StreamResult> {
  const failures: string[] = [];
  const times: number[] = [];
  let inFlight = 0;
  let peakInFlight = 0;
  let retries = 0;
  const send = async (order: StreamOrder, status: Status) => {
    if (MOVER[status] === 'customer') {
      const input = { orderId: order.orderId, paymentMethodToken: 'tok_visa', idempotencyKey: randomUUID() };
      const { payOrder } = await client.send<{ payOrder: { status: string } }>('PayOrder', { input }, order.customerToken);
      if (payOrder.status !== 'SUCCEEDED') throw new Error(`PayOrder: the payment is ${payOrder.status}`);
    } else {
      const token = MOVER[status] === 'staff' ? order.staffToken : order.driverToken;
      await client.send('UpdateOrderStatus', { input: { orderId: order.orderId, status } }, token);
    }
  };
  const move = async (order: StreamOrder, status: Status) => {
    inFlight += 1;
    peakInFlight = Math.max(peakInFlight, inFlight);
    const sentAt = performance.now();
    for (;;) {
      try {
        await send(order, status);
        times.push(performance.now() - sentAt);
        break;
      } catch (error) {
        if (notYet(error, status) && performance.now() - sentAt < RETRY_FOR_MS) {
          retries += 1;
          await sleep(250);
          continue;
        }
        failures.push(`${order.orderId} → ${status}: ${error instanceof Error ? error.message : String(error)}`);
        break;
      }
    }
    inFlight -= 1;
  };

  const total = orders.length * LIFECYCLE.length;
  const pending: Promise<void>[] = [];
  const startedAtMs = Date.now();
  const start = performance.now();
  let lastSentAt = start;
  for (let n = 0; n < total; n += 1) {
    const due = start + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    lastSentAt = performance.now();
    pending.push(move(orders[n % orders.length]!, LIFECYCLE[Math.floor(n / orders.length)]!));
  }
  await Promise.all(pending);
  times.sort((a, b) => a - b);
  return {
    sent: total,
    failures,
    startedAtMs,
    endedAtMs: Date.now(),
    achievedRate: +((total - 1) / ((lastSentAt - start) / 1000)).toFixed(1),
    mutationMs: { p50: percentile(times, 50), p99: percentile(times, 99), max: Math.round(times.at(-1) ?? 0) },
    peakInFlight,
    retries,
  };
}

/**
 * The changes committed for each order, from the orders themselves after the stream (asked as the
 * store's staff through `client`): every status of LIFECYCLE up to the one the order is in, since an
 * order reaches a status only through the ones before it. A mutation the gateway gave up on may
 * still have been committed; this counts what was.
 */
export async function committedChanges(client: GraphqlClient, orders: StreamOrder[]): Promise<Map<string, Status[]>> {
  const committed = new Map<string, Status[]>();
  // As many orders per query as the gateway allows aliases (MAX_QUERY_ALIASES, 15 by default).
  const batch = 15;
  for (let i = 0; i < orders.length; i += batch) {
    const group = orders.slice(i, i + batch);
    for (const token of new Set(group.map((o) => o.staffToken))) {
      const mine = group.filter((o) => o.staffToken === token);
      const query = `query { ${mine.map((o, j) => `o${j}: order(id: "${o.orderId}") { status }`).join(' ')} }`;
      const data = await client.send<Record<string, { status: string } | null>>('', {}, token, query);
      mine.forEach((o, j) => {
        const status = data[`o${j}`]?.status;
        committed.set(o.orderId, LIFECYCLE.slice(0, LIFECYCLE.indexOf(status as Status) + 1));
      });
    }
  }
  return committed;
}
