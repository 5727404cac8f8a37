import { perArguments, rowsById, rowsByParent, valuesByParent, type Position } from '@supergraph/service-kit';
import type { PaymentsDb } from './db/index.ts';
import {
  countPayments,
  findPaymentPages,
  findPaymentsByIds,
  findPaymentsByOrderIds,
  findRefundsByPaymentIds,
  type PaymentScope,
} from './db/payments.ts';

export type PaymentPageArgs = PaymentScope & { limit: number; after: Position | null };

/** Per-request loaders: one SQL statement per field and argument set, however many parents ask. */
export function createLoaders(db: PaymentsDb) {
  return {
    payment: rowsById((ids) => findPaymentsByIds(db, ids)),
    paymentsOfOrder: rowsByParent(
      (orderIds) => findPaymentsByOrderIds(db, orderIds),
      (p) => p.orderId,
    ),
    refunds: rowsByParent(
      (paymentIds) => findRefundsByPaymentIds(db, paymentIds),
      (r) => r.paymentId,
    ),
    paymentsOf: perArguments((args: PaymentPageArgs) =>
      rowsByParent(
        (customerIds) => findPaymentPages(db, customerIds, args),
        (p) => p.customerId,
      ),
    ),
    paymentCountOf: perArguments((scope: PaymentScope) => valuesByParent((customerIds) => countPayments(db, customerIds, scope))),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
