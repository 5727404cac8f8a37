import { and, asc, count, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { countRows, pagePerParent, type Position } from '@supergraph/service-kit';
import type { OrdersDb } from './index.ts';
import { CLAIMABLE, type DriverScope } from '../access.ts';
import { inactiveAccounts, menuItems, orders, storeDrivers, storeSettings, type OrderRow, type OrderStatus } from './schema.ts';

export const findOrdersByIds = (db: OrdersDb, ids: readonly string[]) =>
  db
    .select()
    .from(orders)
    .where(inArray(orders.id, [...ids]));

/** What a driver sees: the orders assigned to them, and those nobody delivers yet that may be claimed (see access.ts). */
const driverCondition = (driver: DriverScope): SQL =>
  or(eq(orders.driverId, driver.driverId), and(isNull(orders.driverId), inArray(orders.status, [...CLAIMABLE])))!;

/** Which orders of a customer a caller may see: all of them, or only those placed at one store (and, for a driver, theirs). */
export interface OrderScope {
  storeId: string | null;
  status: OrderStatus | null;
  driver: DriverScope | null;
}

const scopeConditions = (scope: OrderScope): SQL[] => {
  const conditions: SQL[] = [];
  if (scope.storeId) conditions.push(eq(orders.storeId, scope.storeId));
  if (scope.status) conditions.push(eq(orders.status, scope.status));
  if (scope.driver) conditions.push(driverCondition(scope.driver));
  return conditions;
};

/** The newest `limit` orders of each of many customers, in one statement. */
export const findOrderPages = (
  db: OrdersDb,
  customerIds: readonly string[],
  scope: OrderScope & { limit: number; after: Position | null },
) =>
  pagePerParent(db, orders, {
    parent: orders.customerId,
    parentIds: customerIds,
    createdAt: orders.createdAt,
    id: orders.id,
    where: scopeConditions(scope),
    limit: scope.limit,
    after: scope.after,
  });

export async function countOrders(db: OrdersDb, customerIds: readonly string[], scope: OrderScope) {
  return db
    .select({ parentId: orders.customerId, value: count() })
    .from(orders)
    .where(and(inArray(orders.customerId, [...customerIds]), ...scopeConditions(scope)))
    .groupBy(orders.customerId);
}

/** Which of a store's orders to list: all of them, or only those in one of `statuses` (never empty); for a driver, only theirs. */
export interface StoreOrderScope {
  statuses: readonly OrderStatus[] | null;
  driver: DriverScope | null;
}

const storeScopeConditions = (scope: StoreOrderScope): SQL[] => {
  const conditions: SQL[] = [];
  if (scope.statuses) conditions.push(inArray(orders.status, [...scope.statuses]));
  if (scope.driver) conditions.push(driverCondition(scope.driver));
  return conditions;
};

/** The newest `limit` orders of each of many stores, in one statement (served by orders_store_created_idx). */
export const findStoreOrderPages = (
  db: OrdersDb,
  storeIds: readonly string[],
  scope: StoreOrderScope & { limit: number; after: Position | null },
) =>
  pagePerParent(db, orders, {
    parent: orders.storeId,
    parentIds: storeIds,
    createdAt: orders.createdAt,
    id: orders.id,
    where: storeScopeConditions(scope),
    limit: scope.limit,
    after: scope.after,
  });

/**
 * How many orders each store's board has on all its pages, or, with `atMost`, no more than that
 * many per store: each store's statement stops reading at `atMost` orders (a busy store's board
 * would otherwise count its whole history). A caller sees the board of its own store only, so
 * the bounded form is one statement per store asked about, in practice one.
 */
export async function countStoreOrders(
  db: OrdersDb,
  storeIds: readonly string[],
  scope: StoreOrderScope & { atMost?: number },
): Promise<{ parentId: string; value: number }[]> {
  const { atMost } = scope;
  if (atMost === undefined) {
    return db
      .select({ parentId: orders.storeId, value: count() })
      .from(orders)
      .where(and(inArray(orders.storeId, [...storeIds]), ...storeScopeConditions(scope)))
      .groupBy(orders.storeId);
  }
  return Promise.all(
    storeIds.map(async (storeId) => ({
      parentId: storeId,
      value: await countRows(db, orders, and(eq(orders.storeId, storeId), ...storeScopeConditions(scope)), atMost),
    })),
  );
}

export async function findOrderByIdempotencyKey(db: OrdersDb, customerId: string, key: string): Promise<OrderRow | undefined> {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.customerId, customerId), eq(orders.keySource, 'client'), eq(orders.idempotencyKey, key)));
  return row;
}

export type NewOrder = typeof orders.$inferInsert;

export async function insertOrder(db: OrdersDb, values: NewOrder): Promise<OrderRow> {
  const [row] = await db.insert(orders).values(values).returning();
  return row!;
}

export const findMenuItems = (db: OrdersDb, storeId: string, ids: readonly string[]) =>
  db
    .select()
    .from(menuItems)
    .where(and(eq(menuItems.storeId, storeId), inArray(menuItems.id, [...ids])));

/** The menus of many stores: every item not removed, by category and name. */
export const findMenusByStoreIds = (db: OrdersDb, storeIds: readonly string[]) =>
  db
    .select()
    .from(menuItems)
    .where(and(inArray(menuItems.storeId, [...storeIds]), isNull(menuItems.removedAt)))
    .orderBy(asc(menuItems.category), asc(menuItems.name));

export const findStoreSettingsByIds = (db: OrdersDb, storeIds: readonly string[]) =>
  db
    .select()
    .from(storeSettings)
    .where(inArray(storeSettings.storeId, [...storeIds]));

export async function findStoreSettings(db: OrdersDb, storeId: string) {
  const [row] = await db.select().from(storeSettings).where(eq(storeSettings.storeId, storeId));
  return row;
}

/** Whether the customers subgraph announced the account deactivated or erased (AccountStatusChanged, CustomerErased). */
export async function isInactiveAccount(db: OrdersDb, customerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: inactiveAccounts.customerId })
    .from(inactiveAccounts)
    .where(eq(inactiveAccounts.customerId, customerId))
    .limit(1);
  return row !== undefined;
}

/** Whether the account is a driver of the store, as the customers subgraph announced it, and still active. */
export async function isActiveDriverOf(db: OrdersDb, driverId: string, storeId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: storeDrivers.driverId, inactive: inactiveAccounts.customerId })
    .from(storeDrivers)
    .leftJoin(inactiveAccounts, eq(inactiveAccounts.customerId, storeDrivers.driverId))
    .where(and(eq(storeDrivers.driverId, driverId), eq(storeDrivers.storeId, storeId)))
    .limit(1);
  return row !== undefined && row.inactive === null;
}
