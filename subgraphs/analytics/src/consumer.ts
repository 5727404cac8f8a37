import { sql } from 'drizzle-orm';
import { inJsonArray, jsonRecords, type ConsumerDefinition, type LoggedEvent } from '@supergraph/service-kit';
import type { AnalyticsTx } from './db/index.ts';
import { utcDay, utcHour } from './db/read-models.ts';
import { customerFacts, customerTotals, orderFacts, storeDayStatuses, storeDays, storeHourStatuses, storeHours } from './db/schema.ts';

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

/** The column a summed read model is keyed by beside the store, and how a timestamptz column falls into it. */
const BUCKETS = { day: utcDay, hour: utcHour } as const;
type Bucket = keyof typeof BUCKETS;

/**
 * Adds the batch's `change` (see apply) to a read model of sums per store and bucket (store_days,
 * store_hours): orders, paid orders, money taken and refunded, the least currency.
 */
const addToBuckets = (table: typeof storeDays | typeof storeHours, bucket: Bucket) => {
  const key = sql.raw(bucket);
  return sql`
          insert into ${table} as t (store_id, ${key}, orders, paid_orders, paid_cents, refunded_cents, currency)
          select store_id, ${key}, sum(sign), sum(sign * (paid_cents > 0)::int), sum(sign * paid_cents), sum(sign * refunded_cents),
                 min(currency) filter (where sign = 1)
          from change group by store_id, ${key}
          having sum(sign) <> 0 or sum(sign * (paid_cents > 0)::int) <> 0 or sum(sign * paid_cents) <> 0 or sum(sign * refunded_cents) <> 0
          on conflict (store_id, ${key}) do update set
            orders = t.orders + excluded.orders,
            paid_orders = t.paid_orders + excluded.paid_orders,
            paid_cents = t.paid_cents + excluded.paid_cents,
            refunded_cents = t.refunded_cents + excluded.refunded_cents,
            -- A placed order never leaves its day or hour and its currency never changes: the least one only ever moves down.
            currency = least(t.currency, excluded.currency)`;
};

/** Adds the batch's `change` to a read model of orders per store, bucket and status (store_day_statuses, store_hour_statuses). */
const addToStatusBuckets = (table: typeof storeDayStatuses | typeof storeHourStatuses, bucket: Bucket) => {
  const key = sql.raw(bucket);
  return sql`
          insert into ${table} as s (store_id, ${key}, status, orders)
          select store_id, ${key}, coalesce(status, 'UNKNOWN'), sum(sign)
          from change group by 1, 2, 3 having sum(sign) <> 0
          on conflict (store_id, ${key}, status) do update set orders = s.orders + excluded.orders`;
};

/** Adds the registrations a batch inserted (`new`, see apply) to a read model of sums per store and bucket. */
const registrationsToBuckets = (table: typeof storeDays | typeof storeHours, bucket: Bucket) => {
  const key = sql.raw(bucket);
  return sql`
          insert into ${table} as t (store_id, ${key}, new_customers)
          select store_id, ${BUCKETS[bucket](sql`registered_at`)}, count(*) from new group by 1, 2
          on conflict (store_id, ${key}) do update set new_customers = t.new_customers + excluded.new_customers`;
};

/**
 * The analytics read model, built only from events: one fact row per order (status, amount, paid,
 * refunded, driver) and customer registrations. Every figure analytics serves is a sum over these facts;
 * the store-wide sums are also kept in read models (store days and hours, their status counts, customer totals)
 * in the same transaction, so a store's figures read a few rows, not its history.
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
      // One statement: the touched orders' facts before (`old`, the statement's snapshot) and after
      // (`new`, what the upsert returns), and each read model moved by (after - before). The read
      // models so stay exact sums over the facts whatever the events did: a status change moves an
      // order between status rows, a refund lowers revenue and spend, a payment before OrderPlaced
      // counts once the order is placed.
      await tx.execute(sql`
        with old as (
          select f.order_id, f.customer_id, f.store_id, f.status, f.placed_at, f.paid_cents, f.refunded_cents, f.currency
          from ${orderFacts} as f
          where ${inJsonArray(
            sql`f.order_id`,
            rows.map((r) => r.order_id),
            'uuid',
          )}
        ),
        new as (
          insert into ${orderFacts} as f (order_id, customer_id, store_id, status, total_cents, currency, placed_at, paid_cents, refunded_cents)
          select * from ${jsonRecords(rows, 'order_id uuid, customer_id uuid, store_id uuid, status text, total_cents int, currency text, placed_at timestamptz, paid_cents bigint, refunded_cents bigint')}
          on conflict (order_id) do update set
            status = coalesce(excluded.status, f.status),
            total_cents = case when excluded.placed_at is not null then excluded.total_cents else f.total_cents end,
            currency = coalesce(f.currency, excluded.currency),
            placed_at = coalesce(excluded.placed_at, f.placed_at),
            paid_cents = f.paid_cents + excluded.paid_cents,
            refunded_cents = f.refunded_cents + excluded.refunded_cents,
            updated_at = now()
          returning f.order_id, f.customer_id, f.store_id, f.status, f.placed_at, f.paid_cents, f.refunded_cents, f.currency
        ),
        -- Every placed order's contribution: +1 after the batch, -1 before it.
        change as (
          select 1 as sign, ${BUCKETS.day(sql`placed_at`)} as day, ${BUCKETS.hour(sql`placed_at`)} as hour, * from new where placed_at is not null
          union all
          select -1, ${BUCKETS.day(sql`placed_at`)}, ${BUCKETS.hour(sql`placed_at`)}, * from old where placed_at is not null
        ),
        days as (${addToBuckets(storeDays, 'day')}),
        statuses as (${addToStatusBuckets(storeDayStatuses, 'day')}),
        -- The same sums per UTC hour (the partial days of a period read whole hours from these).
        hours as (${addToBuckets(storeHours, 'hour')}),
        hour_statuses as (${addToStatusBuckets(storeHourStatuses, 'hour')}),
        customers as (
          insert into ${customerTotals} as c (store_id, customer_id, orders, spent_cents, currency)
          select store_id, customer_id, sum(sign), sum(sign * (paid_cents - refunded_cents)), min(currency) filter (where sign = 1)
          from change group by store_id, customer_id
          having sum(sign) <> 0 or sum(sign * (paid_cents - refunded_cents)) <> 0
          on conflict (store_id, customer_id) do update set
            orders = c.orders + excluded.orders,
            spent_cents = c.spent_cents + excluded.spent_cents,
            currency = least(c.currency, excluded.currency)
        )
        select 1`);
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
      const rows = registrations.map((p) => ({ customer_id: p.customerId, store_id: p.storeId, registered_at: p.registeredAt }));
      // A registration counts once (a customer registers once): only the rows inserted add to the day.
      await tx.execute(sql`
        with new as (
          insert into ${customerFacts} (customer_id, store_id, registered_at)
          select * from ${jsonRecords(rows, 'customer_id uuid, store_id uuid, registered_at timestamptz')}
          on conflict do nothing
          returning store_id, registered_at
        ),
        days as (${registrationsToBuckets(storeDays, 'day')})
        ${registrationsToBuckets(storeHours, 'hour')}`);
    }
  },
  async reset(db) {
    const tx = db as unknown as AnalyticsTx;
    await tx.delete(orderFacts);
    await tx.delete(customerFacts);
    await tx.delete(storeDays);
    await tx.delete(storeDayStatuses);
    await tx.delete(storeHours);
    await tx.delete(storeHourStatuses);
    await tx.delete(customerTotals);
  },
};
