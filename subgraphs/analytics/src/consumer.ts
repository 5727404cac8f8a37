import { sql } from 'drizzle-orm';
import { jsonRecords, type ConsumerDefinition, type LoggedEvent } from '@supergraph/service-kit';
import type { AnalyticsTx } from './db/index.ts';
import { customerFacts, orderFacts } from './db/schema.ts';

/** The parts of other subgraphs' events analytics relies on (their public event contracts). */
interface OrderKey {
  orderId: string;
  customerId: string;
  storeId: string;
}
interface OrderPlaced extends OrderKey {
  totalCents: number;
  currency: string;
  placedAt: string;
}
interface OrderMoved extends OrderKey {
  to?: string;
}
interface OrderDriverChanged extends OrderKey {
  driverId: string | null;
}
interface PaymentSucceeded extends OrderKey {
  amountCents: number;
  currency: string;
}
interface PaymentRefunded extends OrderKey {
  refundedCents: number;
  currency: string;
}
interface CustomerRegistered {
  customerId: string;
  storeId: string;
  registeredAt: string;
}

/** What a batch of events changes about one order. Adding two deltas is the same as applying both. */
interface Delta extends OrderKey {
  status: string | null;
  totalCents: number | null;
  currency: string | null;
  placedAt: Date | null;
  paidCents: number;
  refundedCents: number;
  /** Whether the batch changed the driver, and to whom (null: nobody). */
  driverChanged: boolean;
  driverId: string | null;
}

/** Folds events, in log order, into one delta per order. */
export function foldOrderEvents(events: LoggedEvent[]): Delta[] {
  const deltas = new Map<string, Delta>();
  const delta = (key: OrderKey) => {
    let d = deltas.get(key.orderId);
    if (!d) {
      d = {
        orderId: key.orderId,
        customerId: key.customerId,
        storeId: key.storeId,
        status: null,
        totalCents: null,
        currency: null,
        placedAt: null,
        paidCents: 0,
        refundedCents: 0,
        driverChanged: false,
        driverId: null,
      };
      deltas.set(key.orderId, d);
    }
    return d;
  };
  for (const event of events) {
    switch (event.type) {
      case 'OrderPlaced': {
        const p = event.payload as OrderPlaced;
        Object.assign(delta(p), {
          status: 'PENDING_PAYMENT',
          totalCents: p.totalCents,
          currency: p.currency,
          placedAt: new Date(p.placedAt),
        });
        break;
      }
      case 'OrderStatusChanged':
        delta(event.payload as OrderMoved).status = (event.payload as OrderMoved).to!;
        break;
      case 'OrderCancelled':
        delta(event.payload as OrderMoved).status = 'CANCELLED';
        break;
      case 'OrderDriverChanged': {
        // Order events come in the order's own order, so the last change of the batch is the driver now.
        const p = event.payload as OrderDriverChanged;
        Object.assign(delta(p), { driverChanged: true, driverId: p.driverId });
        break;
      }
      case 'PaymentSucceeded': {
        const p = event.payload as PaymentSucceeded;
        const d = delta(p);
        d.paidCents += p.amountCents;
        d.currency ??= p.currency;
        break;
      }
      case 'PaymentRefunded': {
        const p = event.payload as PaymentRefunded;
        const d = delta(p);
        d.refundedCents += p.refundedCents;
        d.currency ??= p.currency;
        break;
      }
      default:
        break; // PaymentFailed, CustomerRegistered (below), and types added later
    }
  }
  return [...deltas.values()];
}

/**
 * The analytics read model, built only from events: one fact row per order (status, amount, paid,
 * refunded, driver) and customer registrations. Every figure analytics serves is a sum over these facts.
 * Events of one order come from two aggregates (the order and its payment) whose relative order is
 * not guaranteed, so each column merges commutatively: money adds up, the rest fills in.
 */
export const analyticsConsumer: ConsumerDefinition = {
  name: 'analytics',
  aggregateTypes: ['Order', 'Payment', 'Customer'],
  async apply(db, events) {
    const tx = db as unknown as AnalyticsTx;
    const deltas = foldOrderEvents(events);
    if (deltas.length > 0) {
      const rows = deltas.map((d) => ({
        order_id: d.orderId,
        customer_id: d.customerId,
        store_id: d.storeId,
        status: d.status,
        total_cents: d.totalCents ?? 0,
        currency: d.currency,
        placed_at: d.placedAt?.toISOString() ?? null,
        paid_cents: d.paidCents,
        refunded_cents: d.refundedCents,
      }));
      await tx.execute(sql`
        insert into ${orderFacts} as f (order_id, customer_id, store_id, status, total_cents, currency, placed_at, paid_cents, refunded_cents)
        select * from ${jsonRecords(rows, 'order_id uuid, customer_id uuid, store_id uuid, status text, total_cents int, currency text, placed_at timestamptz, paid_cents bigint, refunded_cents bigint')}
        on conflict (order_id) do update set
          status = coalesce(excluded.status, f.status),
          total_cents = case when excluded.placed_at is not null then excluded.total_cents else f.total_cents end,
          currency = coalesce(f.currency, excluded.currency),
          placed_at = coalesce(excluded.placed_at, f.placed_at),
          paid_cents = f.paid_cents + excluded.paid_cents,
          refunded_cents = f.refunded_cents + excluded.refunded_cents,
          updated_at = now()`);
      // Driver changes are order events, applied in the order's own order: the batch's last one says who it is now.
      const drivers = deltas.filter((d) => d.driverChanged).map((d) => ({ order_id: d.orderId, driver_id: d.driverId }));
      if (drivers.length > 0)
        await tx.execute(sql`
          update ${orderFacts} as f set driver_id = r.driver_id
          from ${jsonRecords(drivers, 'order_id uuid, driver_id uuid')}
          where f.order_id = r.order_id`);
    }
    const registrations = events.filter((e) => e.type === 'CustomerRegistered').map((e) => e.payload as CustomerRegistered);
    if (registrations.length > 0) {
      await tx
        .insert(customerFacts)
        .values(registrations.map((p) => ({ customerId: p.customerId, storeId: p.storeId, registeredAt: new Date(p.registeredAt) })))
        .onConflictDoNothing();
    }
  },
  async reset(db) {
    const tx = db as unknown as AnalyticsTx;
    await tx.delete(orderFacts);
    await tx.delete(customerFacts);
  },
};
