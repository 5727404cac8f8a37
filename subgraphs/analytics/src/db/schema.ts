import { bigint, integer, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Everything this subgraph stores lives in the `analytics` PostgreSQL schema: its own read model. */
export const analyticsSchema = pgSchema('analytics');

/** One row per customer and store: figures for the orders the customer placed at that store. */
export const customerMetrics = analyticsSchema.table(
  'customer_metrics',
  {
    customerId: uuid('customer_id').notNull(),
    storeId: uuid('store_id').notNull(),
    totalOrders: integer('total_orders').notNull().default(0),
    paidOrders: integer('paid_orders').notNull().default(0),
    completedOrders: integer('completed_orders').notNull().default(0),
    cancelledOrders: integer('cancelled_orders').notNull().default(0),
    totalSpentCents: bigint('total_spent_cents', { mode: 'number' }).notNull().default(0),
    currency: text('currency'),
    firstOrderAt: timestamp('first_order_at', { withTimezone: true, mode: 'date' }),
    lastOrderAt: timestamp('last_order_at', { withTimezone: true, mode: 'date' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.storeId] })],
);

export type CustomerMetricsRow = typeof customerMetrics.$inferSelect;
