import { and, asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import { newestFirst, pagePerParent, type Position } from '@supergraph/service-kit';
import type { PaymentsDb } from './index.ts';
import { erasedCustomers, orderRecords, payments, refunds } from './schema.ts';

export const findPaymentsByIds = (db: PaymentsDb, ids: readonly string[]) =>
  db
    .select()
    .from(payments)
    .where(inArray(payments.id, [...ids]));

export const findPaymentsByOrderIds = (db: PaymentsDb, orderIds: readonly string[]) =>
  db
    .select()
    .from(payments)
    .where(inArray(payments.orderId, [...orderIds]))
    .orderBy(...newestFirst(payments.createdAt, payments.id));

export const findRefundsByPaymentIds = (db: PaymentsDb, paymentIds: readonly string[]) =>
  db
    .select()
    .from(refunds)
    .where(inArray(refunds.paymentId, [...paymentIds]))
    .orderBy(asc(refunds.createdAt), asc(refunds.id));

export interface PaymentScope {
  storeId: string | null;
}

/** The newest `limit` payments of each of many customers, in one statement. */
export function findPaymentPages(
  db: PaymentsDb,
  customerIds: readonly string[],
  scope: PaymentScope & { limit: number; after: Position | null },
) {
  const where: SQL[] = scope.storeId ? [eq(payments.storeId, scope.storeId)] : [];
  return pagePerParent(db, payments, {
    parent: payments.customerId,
    parentIds: customerIds,
    createdAt: payments.createdAt,
    id: payments.id,
    where,
    limit: scope.limit,
    after: scope.after,
  });
}

/** How many payments each customer has within the scope: one statement for every customer asked about. */
export function countPayments(db: PaymentsDb, customerIds: readonly string[], scope: PaymentScope) {
  return db
    .select({ parentId: payments.customerId, value: count() })
    .from(payments)
    .where(and(inArray(payments.customerId, [...customerIds]), ...(scope.storeId ? [eq(payments.storeId, scope.storeId)] : [])))
    .groupBy(payments.customerId);
}

export async function findPaymentByKey(db: PaymentsDb, customerId: string, idempotencyKey: string) {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.customerId, customerId), eq(payments.keySource, 'client'), eq(payments.idempotencyKey, idempotencyKey)));
  return row;
}

export async function findOrderRecord(db: PaymentsDb, orderId: string) {
  const [row] = await db.select().from(orderRecords).where(eq(orderRecords.orderId, orderId));
  return row;
}

/** Whether the customers subgraph announced the account erased (CustomerErased). */
export async function isErasedCustomer(db: PaymentsDb, customerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: erasedCustomers.customerId })
    .from(erasedCustomers)
    .where(eq(erasedCustomers.customerId, customerId))
    .limit(1);
  return row !== undefined;
}
