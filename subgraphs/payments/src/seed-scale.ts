import { eq, sql } from 'drizzle-orm';
import { type BulkProgress, type BulkRows, bulkTransaction, writeInChunks } from '@supergraph/service-kit';
import type { PaymentsDb } from './db/index.ts';
import { orderRecords, payments, refunds } from './db/schema.ts';

/**
 * A bulk load of a store's orders' payments (`npm run seed:scale`), in this subgraph's terms. The
 * rows are computed in the database (see BulkRows), one per order, with the columns id (the
 * order's), customer_id, store_id, status (the order's), total_cents, currency, updated_at; the
 * order's payment, if it has one: payment_id, payment_status, method_brand, method_last4,
 * failure_reason, paid_at; and its refund, if it has one: refund_id, refunded_cents, refund_reason,
 * refund_key, refunded_at.
 */
export interface PaymentsScaleData {
  orders: BulkRows;
}

/**
 * Writes payments' record of each order (as its OrderPlaced and later events would have left
 * it), the payments (captured, refunded in part or in full, or declined) and their refunds,
 * set-based, in one transaction, under system idempotency keys (`seed-<order id>` for a payment;
 * a cancelled order's refund is the system's own `order-cancelled`, so cancelling it again
 * could not refund it twice). No event is recorded.
 */
export async function seedScale(db: PaymentsDb, data: PaymentsScaleData, progress: BulkProgress): Promise<void> {
  await bulkTransaction(db, async (tx) => {
    await writeInChunks(
      data.orders,
      'payments',
      // One statement, so the rows are computed once for the three tables.
      (range) =>
        tx.execute(sql`
          with r as materialized (select * from (${range}) as r),
          records as (
            insert into ${orderRecords} (order_id, customer_id, store_id, amount_cents, currency, status, updated_at)
            select id, customer_id, store_id, total_cents, currency, status, updated_at from r
          ),
          paid as (
            insert into ${payments} (id, order_id, customer_id, store_id, amount_cents, refunded_cents, currency, status, method_brand,
                                     method_last4, failure_reason, provider_reference, idempotency_key, key_source, request_hash,
                                     created_at, processed_at)
            select payment_id, id, customer_id, store_id, total_cents, refunded_cents, currency, payment_status::payments.payment_status,
                   method_brand, method_last4, failure_reason,
                   case when payment_status <> 'FAILED' then 'ch_seed_' || replace(payment_id::text, '-', '') end,
                   'seed-' || id, 'system', 'seed', paid_at, paid_at
            from r where payment_id is not null
          )
          insert into ${refunds} (id, payment_id, amount_cents, reason, idempotency_key, key_source, request_hash, provider_reference, created_at)
          select refund_id, payment_id, refunded_cents, refund_reason, refund_key, 'system',
                 -- The hash a refund of this amount and reason has (refundHash), so a retry of it is recognised.
                 encode(sha256(convert_to('[' || refunded_cents || ',' || to_json(refund_reason)::text || ']', 'UTF8')), 'hex'),
                 're_seed_' || replace(refund_id::text, '-', ''), refunded_at
          from r where refund_id is not null`),
      progress,
    );
  });
}

/** What the store has in this subgraph's tables, for the load's summary: its orders (as payments records them) and payments. */
export async function scaleCounts(db: PaymentsDb, storeId: string): Promise<Record<string, number>> {
  const [records] = await db.select({ n: sql<number>`count(*)::int` }).from(orderRecords).where(eq(orderRecords.storeId, storeId));
  const [paid] = await db.select({ n: sql<number>`count(*)::int` }).from(payments).where(eq(payments.storeId, storeId));
  return { orders: records?.n ?? 0, payments: paid?.n ?? 0 };
}
