import { auditTable, consumerTables } from '@supergraph/service-kit';
import { bigint, index, integer, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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

/** What the analytics consumer has applied, and the events it set aside. */
export const { appliedEvents, aggregateCursors, parkedEvents } = consumerTables(analyticsSchema);
/** The same three tables, as the event kit takes them. */
export const consumer = { appliedEvents, aggregateCursors, parkedEvents };

/** Who of a store read a person's figures (metrics, top customers), append-only (a trigger in the migration refuses changes). */
export const auditLog = auditTable(analyticsSchema);
