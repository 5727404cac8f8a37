import { perArguments, rowsById, rowsByParent, valuesByParent, type Position } from '@supergraph/service-kit';
import type { OrdersDb } from './db/index.ts';
import {
  countOrders,
  countStoreOrders,
  findMenusByStoreIds,
  findOrderPages,
  findOrdersByIds,
  findStoreOrderPages,
  findStoreSettingsByIds,
  type OrderScope,
  type StoreOrderScope,
} from './db/orders.ts';

export type OrderPageArgs = OrderScope & { limit: number; after: Position | null };
export type StoreOrderPageArgs = StoreOrderScope & { limit: number; after: Position | null };

/** Per-request loaders: one SQL statement per field and argument set, however many parents ask. */
export function createLoaders(db: OrdersDb) {
  return {
    order: rowsById((ids) => findOrdersByIds(db, ids)),
    storeSettings: rowsById(async (storeIds) => (await findStoreSettingsByIds(db, storeIds)).map((s) => ({ ...s, id: s.storeId }))),
    menu: rowsByParent(
      (storeIds) => findMenusByStoreIds(db, storeIds),
      (m) => m.storeId,
    ),
    ordersOf: perArguments((args: OrderPageArgs) =>
      rowsByParent(
        (customerIds) => findOrderPages(db, customerIds, args),
        (o) => o.customerId,
      ),
    ),
    orderCountOf: perArguments((scope: OrderScope) => valuesByParent((customerIds) => countOrders(db, customerIds, scope))),
    storeOrdersOf: perArguments((args: StoreOrderPageArgs) =>
      rowsByParent(
        (storeIds) => findStoreOrderPages(db, storeIds, args),
        (o) => o.storeId,
      ),
    ),
    storeOrderCountOf: perArguments((scope: StoreOrderScope & { atMost?: number }) =>
      valuesByParent((storeIds) => countStoreOrders(db, storeIds, scope)),
    ),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
