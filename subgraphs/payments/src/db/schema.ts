import { auditTable, consumerTables, KEY_SOURCES, keysetCreatedAt, outboxTable } from '@supergraph/service-kit';
import { sql } from 'drizzle-orm';
import { index, integer, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Everything this subgraph stores lives in the `payments` PostgreSQL schema. Order, customer and store ids are plain ids. */
export const paymentsSchema = pgSchema('payments');

export const paymentStatusEnum = paymentsSchema.enum('payment_status', [
  'PENDING',
  'SUCCEEDED',
  'FAILED',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
]);
/** Who chose an idempotency key (see KeySource). */
export const keySourceEnum = paymentsSchema.enum('key_source', KEY_SOURCES);

/**
 * What payments knows about an order, learnt from the orders subgraph's events (never from its
 * tables): who owns it, what it costs, and where it stands.
 */
export const orderRecords = paymentsSchema.table('order_records', {
  orderId: uuid('order_id').primaryKey(),
  customerId: uuid('customer_id').notNull(),
  storeId: uuid('store_id').notNull(),
  amountCents: integer('amount_cents').notNull(),
  currency: text('currency').notNull(),
  status: text('status').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

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
    /** The provider's id for the charge. */
    providerReference: text('provider_reference'),
    idempotencyKey: text('idempotency_key').notNull(),
    /** Who chose the key: a client, or the system (demo data). Their keys never meet. */
    keySource: keySourceEnum('key_source').notNull().default('client'),
    /** SHA-256 of the request, to tell a retry from a reused key. */
    requestHash: text('request_hash').notNull(),
    createdAt: keysetCreatedAt(),
    processedAt: timestamp('processed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('payments_order_idx').on(t.orderId),
    index('payments_customer_created_idx').on(t.customerId, t.createdAt.desc(), t.id.desc()),
    uniqueIndex('payments_customer_idempotency_key').on(t.customerId, t.keySource, t.idempotencyKey),
    // At most one payment per order that is in flight or took money: an order cannot be paid twice.
    uniqueIndex('payments_one_live_per_order').on(t.orderId).where(sql`status <> 'FAILED'`),
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
    idempotencyKey: text('idempotency_key').notNull(),
    /** Who chose the key: staff (a client), or the system (the refund of a cancelled order). Their keys never meet. */
    keySource: keySourceEnum('key_source').notNull().default('client'),
    requestHash: text('request_hash').notNull(),
    providerReference: text('provider_reference'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('refunds_payment_idx').on(t.paymentId),
    uniqueIndex('refunds_payment_idempotency_key').on(t.paymentId, t.keySource, t.idempotencyKey),
  ],
);

/** Accounts the customers subgraph announced erased (CustomerErased): their tokens may pay nothing more. */
export const erasedCustomers = paymentsSchema.table('erased_customers', {
  customerId: uuid('customer_id').primaryKey(),
  erasedAt: timestamp('erased_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export type PaymentRow = typeof payments.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;
export type OrderRecordRow = typeof orderRecords.$inferSelect;

/** Events this subgraph publishes (PaymentSucceeded, PaymentFailed, PaymentRefunded). */
export const outbox = outboxTable(paymentsSchema);
/** What the payments consumer (of order events) has applied, and the events it set aside. */
export const { appliedEvents, aggregateCursors, parkedEvents } = consumerTables(paymentsSchema);
/** The same three tables, as the event kit takes them. */
export const consumer = { appliedEvents, aggregateCursors, parkedEvents };

/** Security-relevant actions, append-only (a trigger in the migration refuses changes). */
export const auditLog = auditTable(paymentsSchema);
