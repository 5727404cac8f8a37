import { index, integer, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Everything this subgraph stores lives in the `payments` PostgreSQL schema. Order, customer and store ids are plain ids. */
export const paymentsSchema = pgSchema('payments');

export const paymentStatusEnum = paymentsSchema.enum('payment_status', ['PENDING', 'SUCCEEDED', 'FAILED', 'PARTIALLY_REFUNDED', 'REFUNDED']);

export const payments = paymentsSchema.table(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    storeId: uuid('store_id').notNull(),
    amountCents: integer('amount_cents').notNull(),
    refundedCents: integer('refunded_cents').notNull().default(0),
    currency: text('currency').notNull(),
    status: paymentStatusEnum('status').notNull().default('PENDING'),
    /** Only brand and last four digits: a card number is never stored. */
    methodBrand: text('method_brand'),
    methodLast4: text('method_last4'),
    failureReason: text('failure_reason'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('payments_order_idx').on(t.orderId),
    index('payments_customer_created_idx').on(t.customerId, t.createdAt.desc(), t.id.desc()),
  ],
);

export const refunds = paymentsSchema.table(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    amountCents: integer('amount_cents').notNull(),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('refunds_payment_idx').on(t.paymentId)],
);

export type PaymentRow = typeof payments.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;
