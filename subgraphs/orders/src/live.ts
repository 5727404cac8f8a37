import {
  Channel,
  EventFeed,
  type LiveCursor,
  type EventTransport,
  type LoggedEvent,
  type Logger,
  PublicError,
  ErrorCode,
  TooFarBehindError,
  unauthenticated,
  type Viewer,
} from '@supergraph/service-kit';
import { eq } from 'drizzle-orm';
import type { OrdersDb } from './db/index.ts';
import { findOrdersByIds } from './db/orders.ts';
import { inactiveAccounts, type OrderRow, type OrderStatus } from './db/schema.ts';
import { ORDER_AGGREGATE, type OrderCancelledV1, type OrderPlacedV1, type OrderStatusChangedV1 } from './events.ts';

/** What one order event says about the order after the change. */
export interface OrderChange {
  orderId: string;
  customerId: string;
  storeId: string;
  status: OrderStatus;
  /** Its status before the change (null when it was just placed). */
  previous: OrderStatus | null;
  updatedAt: Date;
}

/** One answer of a live subscription: the order after a change, or the reason it ends. */
export type OrderUpdate = { order: OrderRow; position: number } | { end: PublicError; position: number };

/** A subscription's buffer of events not yet sent to the gateway is bounded: beyond it, it ends. */
const MAX_QUEUED = 500;

export function changeOf(event: LoggedEvent): OrderChange | null {
  switch (event.type) {
    case 'OrderPlaced': {
      const p = event.payload as OrderPlacedV1;
      return {
        orderId: p.orderId,
        customerId: p.customerId,
        storeId: p.storeId,
        status: 'PENDING_PAYMENT',
        previous: null,
        updatedAt: new Date(p.placedAt),
      };
    }
    case 'OrderStatusChanged': {
      const p = event.payload as OrderStatusChangedV1;
      return { ...p, status: p.to, previous: p.from, updatedAt: new Date(p.changedAt) };
    }
    case 'OrderCancelled': {
      const p = event.payload as OrderCancelledV1;
      // Events carry no free text: the reason stays on the order's row (which erasure can clear).
      return { ...p, status: 'CANCELLED', previous: p.from, updatedAt: new Date(p.cancelledAt) };
    }
    default:
      return null;
  }
}

/**
 * Live order updates, from the event log (never a poll of the orders table): one feed per process
 * reads each order event once; each subscription filters it by who may see it and what it asked
 * for. What an event does not carry (the lines, the address: fixed when the order was placed) is
 * read from the order's row, once per event however many subscribers receive it.
 */
export class OrderUpdates {
  readonly feed: EventFeed;
  private readonly rows = new WeakMap<LoggedEvent, Promise<OrderRow | undefined>>();

  constructor(
    private readonly db: OrdersDb,
    transport: EventTransport,
    logger: Logger,
    pollMs: number,
  ) {
    // Customer events too: an account deactivated ends its subscriptions.
    this.feed = new EventFeed({ transport, aggregateTypes: [ORDER_AGGREGATE, 'Customer'], logger, pollMs });
  }

  /**
   * The updates `viewer` may receive and asked for (`wanted`), after `live.resumeAfter` (a log
   * position) or from now; `last` says whether an update is the order's final one (the stream then
   * ends after it). Resolves once the subscription is following the log, with `live.position` set
   * to where it joined.
   */
  async stream(
    viewer: Viewer,
    live: LiveCursor | undefined,
    wanted: (change: OrderChange, event: LoggedEvent) => boolean,
    last: (change: OrderChange) => boolean = () => false,
  ): Promise<AsyncIterableIterator<OrderUpdate>> {
    if (await this.isDeactivated(viewer.accountId)) throw unauthenticated('Your account has been deactivated.');
    let unfollow: (() => void) | undefined;
    let closed = false;
    const channel = new Channel<OrderUpdate>({
      limit: MAX_QUEUED + 1,
      onClose: () => {
        closed = true;
        unfollow?.();
      },
    });
    let inFlight = 0;
    let ended = false;
    // Rows are read concurrently; answers go out in log order.
    let chain: Promise<unknown> = Promise.resolve();
    const send = (update: Promise<OrderUpdate | null>, final: boolean) => {
      inFlight += 1;
      chain = chain
        .then(() => update)
        .then(
          (value) => {
            inFlight -= 1;
            if (value) channel.push(value);
            if (final) channel.end();
          },
          (error: unknown) => channel.end(error),
        );
    };
    const endWith = (error: PublicError, position: number) => {
      ended = true;
      send(Promise.resolve({ end: error, position }), true);
    };
    const deliver = (event: LoggedEvent) => {
      if (ended) return;
      if (event.aggregateType === 'Customer') {
        const p = event.payload as { customerId?: string; isActive?: boolean };
        if (event.type === 'AccountStatusChanged' && p.isActive === false && p.customerId === viewer.accountId)
          endWith(unauthenticated('Your account has been deactivated.'), event.position);
        return;
      }
      const change = changeOf(event);
      if (!change) return;
      if (!wanted(change, event)) {
        // The last change may be one this subscriber does not see (a driver, once it is delivered): it still ends.
        if (last(change)) {
          ended = true;
          send(Promise.resolve(null), true);
        }
        return;
      }
      if (channel.size + inFlight >= MAX_QUEUED) {
        endWith(
          new PublicError(
            'This subscription fell too far behind the order events and was ended; subscribe again.',
            ErrorCode.ServiceUnavailable,
          ),
          event.position,
        );
        return;
      }
      const final = last(change);
      if (final) ended = true;
      const order = this.rowOf(event, change.orderId).then((row) =>
        row
          ? {
              // A cancellation is final, so the row's reason is the one it was cancelled with.
              order: {
                ...row,
                status: change.status,
                updatedAt: change.updatedAt,
                cancelReason: change.status === 'CANCELLED' ? row.cancelReason : null,
              },
              position: event.position,
            }
          : null,
      );
      send(order, final);
    };
    try {
      const { stop, joinedAt } = await this.feed.follow(live?.resumeAfter, deliver);
      unfollow = stop;
      if (closed) stop();
      if (live) live.position = joinedAt;
    } catch (error) {
      channel.return();
      if (error instanceof TooFarBehindError)
        throw new PublicError('Too many order events were missed to catch up; subscribe again.', ErrorCode.ServiceUnavailable);
      throw error;
    }
    return channel;
  }

  /** Whether the customers subgraph has deactivated this account (its token may still be valid for a while). */
  async isDeactivated(accountId: string): Promise<boolean> {
    const rows = await this.db.select().from(inactiveAccounts).where(eq(inactiveAccounts.customerId, accountId)).limit(1);
    return rows.length > 0;
  }

  /** The order's row, read once per event (every subscriber of the event shares it). */
  private rowOf(event: LoggedEvent, orderId: string): Promise<OrderRow | undefined> {
    let row = this.rows.get(event);
    if (!row) {
      row = findOrdersByIds(this.db, [orderId]).then((rows) => rows[0]);
      this.rows.set(event, row);
    }
    return row;
  }

  close() {
    this.feed.close();
  }
}
