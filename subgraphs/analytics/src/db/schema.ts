import { auditTable, consumerTables } from '@supergraph/service-kit';
import { bigint, date, index, integer, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Everything this subgraph stores lives in the `analytics` PostgreSQL schema: a read model built only from events. */
export const analyticsSchema = pgSchema('analytics');

/**
 * One row per order with what analytics needs to know about it, folded from order and payment
 * events. Events of one order may arrive in any order across aggregates (a payment before its
 * OrderPlaced), so every column has a neutral start and updates commute.
 */
export const orderFacts = analyticsSchema.table(
  'order_facts',
  {
    orderId: uuid('order_id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    storeId: uuid('store_id').notNull(),
    /** Null until OrderPlaced has been applied. */
    status: text('status'),
    totalCents: integer('total_cents').notNull().default(0),
    currency: text('currency'),
    placedAt: timestamp('placed_at', { withTimezone: true, mode: 'date' }),
    paidCents: bigint('paid_cents', { mode: 'number' }).notNull().default(0),
    refundedCents: bigint('refunded_cents', { mode: 'number' }).notNull().default(0),
    /** The driver on the order (an account id, from OrderDriverChanged); null while nobody is. */
    driverId: uuid('driver_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('order_facts_customer_idx').on(t.customerId),
    index('order_facts_store_placed_idx').on(t.storeId, t.placedAt),
    index('order_facts_driver_idx').on(t.driverId),
  ],
);

/** When each customer registered at which store (for new-customer counts). */
export const customerFacts = analyticsSchema.table(
  'customer_facts',
  {
    customerId: uuid('customer_id').primaryKey(),
    storeId: uuid('store_id').notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('customer_facts_store_registered_idx').on(t.storeId, t.registeredAt)],
);

export type OrderFactRow = typeof orderFacts.$inferSelect;

/*
 * Read models over the facts, so that store-wide questions read a handful of rows. Each is a sum
 * over the facts, kept in the same transaction as the facts by adding, for every order a batch
 * touched, its contribution after the batch less its contribution before (see consumer.ts), and
 * rebuilt from the facts by rebuildAnalyticsReadModels (read-models.ts). Only orders placed
 * (placed_at set) count; days and hours are UTC days and hours.
 */

/** The sums a store's day or hour holds (store_days, store_hours): columns of their own for each table. */
const bucketSums = () => ({
  /** Orders placed in the bucket, in any status now. */
  orders: integer('orders').notNull().default(0),
  /** The bucket's orders with any money taken (paid_cents > 0). */
  paidOrders: integer('paid_orders').notNull().default(0),
  paidCents: bigint('paid_cents', { mode: 'number' }).notNull().default(0),
  refundedCents: bigint('refunded_cents', { mode: 'number' }).notNull().default(0),
  /** Customers who registered at the store in the bucket. */
  newCustomers: integer('new_customers').notNull().default(0),
  /** The least currency of the bucket's orders (a store has one); null without orders. */
  currency: text('currency'),
});

/** Per store and UTC day: orders placed that day (in any status now), their money, and registrations that day. */
export const storeDays = analyticsSchema.table(
  'store_days',
  {
    storeId: uuid('store_id').notNull(),
    /** The UTC day the orders were placed on (and the customers registered on). */
    day: date('day', { mode: 'string' }).notNull(),
    ...bucketSums(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.day] })],
);

/** Per store, UTC day and current status: how many of the orders placed that day are in that status now (may be 0). */
export const storeDayStatuses = analyticsSchema.table(
  'store_day_statuses',
  {
    storeId: uuid('store_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    /** The order status; UNKNOWN for a placed order without one. */
    status: text('status').notNull(),
    orders: integer('orders').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.day, t.status] })],
);

/**
 * Per store and UTC hour: the same sums as `store_days`, for the whole hours of the partial days at
 * either end of a period (fewer than 48 of these rows, then under two hours of facts).
 */
export const storeHours = analyticsSchema.table(
  'store_hours',
  {
    storeId: uuid('store_id').notNull(),
    /** The start of the UTC hour the orders were placed in (and the customers registered in). */
    hour: timestamp('hour', { withTimezone: true, mode: 'date' }).notNull(),
    ...bucketSums(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.hour] })],
);

/** Per store, UTC hour and current status: how many of the orders placed in that hour are in that status now (may be 0). */
export const storeHourStatuses = analyticsSchema.table(
  'store_hour_statuses',
  {
    storeId: uuid('store_id').notNull(),
    hour: timestamp('hour', { withTimezone: true, mode: 'date' }).notNull(),
    /** The order status; UNKNOWN for a placed order without one. */
    status: text('status').notNull(),
    orders: integer('orders').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.hour, t.status] })],
);

/** Per store and customer, all time: orders placed and money spent net of refunds, ranked by spend. */
export const customerTotals = analyticsSchema.table(
  'customer_totals',
  {
    storeId: uuid('store_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    orders: integer('orders').notNull().default(0),
    /** Paid less refunded, over the customer's placed orders at the store. */
    spentCents: bigint('spent_cents', { mode: 'number' }).notNull().default(0),
    currency: text('currency'),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.customerId] }),
    // Serves a store's "top N by spend" in N rows.
    index('customer_totals_store_spent_idx').on(t.storeId, t.spentCents.desc(), t.customerId),
  ],
);

/** What the analytics consumer has applied, and the events it set aside. */
export const { appliedEvents, aggregateCursors, parkedEvents } = consumerTables(analyticsSchema);
/** The same three tables, as the event kit takes them. */
export const consumer = { appliedEvents, aggregateCursors, parkedEvents };

/** Who of a store read a person's figures (metrics, top customers), append-only (a trigger in the migration refuses changes). */
export const auditLog = auditTable(analyticsSchema);
