import { forbidden, requireScope, unauthenticated, type Viewer } from '@supergraph/service-kit';
import type { OrderRow, OrderStatus } from './db/schema.ts';

/** The statuses in which an order nobody delivers yet may be claimed by a driver of its store (the pickup board). */
export const CLAIMABLE: readonly OrderStatus[] = ['ACCEPTED', 'PREPARING'];

/** The statuses in which the store may assign, reassign or unassign a driver: before the order leaves the store. */
export const ASSIGNABLE: readonly OrderStatus[] = ['PENDING_PAYMENT', 'CONFIRMED', 'ACCEPTED', 'PREPARING'];

/** Whether any driver of the store may claim the order now: nobody delivers it and it is accepted or being prepared. */
export const isClaimable = (order: Pick<OrderRow, 'status' | 'driverId'>) => order.driverId === null && CLAIMABLE.includes(order.status);

/**
 * Which orders a driver sees, as a condition the queries apply: those assigned to `driverId`,
 * and those nobody delivers yet that may be claimed (the pickup board).
 */
export interface DriverScope {
  driverId: string;
}

/**
 * Whose orders the viewer may list for a customer: a customer only their own (all of them);
 * staff and admins only those placed at their own store; drivers only those of their store that
 * are theirs or claimable.
 */
export function orderScopeFor(viewer: Viewer | null, customerId: string): { storeId: string | null; driver: DriverScope | null } {
  if (!viewer) throw unauthenticated();
  if (viewer.role === 'CUSTOMER') {
    if (viewer.accountId !== customerId) throw forbidden("You may not see another customer's orders.");
    return { storeId: null, driver: null };
  }
  return { storeId: viewer.storeId, driver: driverScopeOf(viewer) };
}

/** The driver scope of a driver; null (everything of the store) for staff and admins. */
export const driverScopeOf = (viewer: Viewer): DriverScope | null => (viewer.role === 'DRIVER' ? { driverId: viewer.accountId } : null);

/**
 * Whether the viewer may list a store's orders: staff and admins all of them, drivers theirs and
 * the claimable ones, and only of their own store. The gateway checks the `store:operate` or
 * `store:deliver` scope first; this holds even if a request gets past it.
 */
export function assertStoreMember(viewer: Viewer | null, storeId: string): Viewer {
  if (!viewer) throw unauthenticated();
  if (viewer.role === 'CUSTOMER') throw forbidden("Only a store's staff, drivers and admins may see its orders.");
  if (viewer.storeId !== storeId) throw forbidden("You may see only your own store's orders.");
  return viewer;
}

/** Staff and admins of the order's store (who run its orders and assign its drivers). */
export const isOperatorOf = (viewer: Viewer, order: Pick<OrderRow, 'storeId'>) =>
  (viewer.role === 'STAFF' || viewer.role === 'ADMIN') && viewer.storeId === order.storeId;

/**
 * Who sees an order: its customer; staff and admins of its store; a driver of its store when it is
 * assigned to them or claimable.
 */
export function canSeeOrder(viewer: Viewer, order: Pick<OrderRow, 'customerId' | 'storeId' | 'status' | 'driverId'>): boolean {
  switch (viewer.role) {
    case 'CUSTOMER':
      return viewer.accountId === order.customerId;
    case 'DRIVER':
      return viewer.storeId === order.storeId && (order.driverId === viewer.accountId || isClaimable(order));
    case 'STAFF':
    case 'ADMIN':
      return viewer.storeId === order.storeId;
  }
}

/**
 * Who sees which driver is on an order: staff and admins of its store, the driver themselves and
 * the order's customer (who gets the account id only: the driver's profile is the customers
 * subgraph's, which shows it only to the store's staff and admins). Other drivers see nobody.
 */
export function canSeeDriver(viewer: Viewer | null, order: Pick<OrderRow, 'customerId' | 'storeId' | 'driverId'>): boolean {
  if (!viewer || order.driverId === null) return false;
  switch (viewer.role) {
    case 'CUSTOMER':
      return viewer.accountId === order.customerId;
    case 'DRIVER':
      return viewer.accountId === order.driverId;
    case 'STAFF':
    case 'ADMIN':
      return viewer.storeId === order.storeId;
  }
}

/** Null stays null (not found); an order the viewer may not see is FORBIDDEN, with no data. */
export function visibleOrder(viewer: Viewer | null, order: OrderRow | null): OrderRow | null {
  if (!order) return null;
  if (!viewer) throw unauthenticated();
  if (!canSeeOrder(viewer, order)) throw forbidden('You may not see this order.');
  return order;
}

/**
 * Who may change a store's menu: its staff and admins (`store:operate`), only their own store's
 * (a menu mutation names no store: it is always the caller's).
 */
export function requireMenuManager(viewer: Viewer | null): Viewer {
  const caller = requireScope(viewer, 'store:operate', "Only a store's staff and admins may change its menu.");
  if (caller.role !== 'STAFF' && caller.role !== 'ADMIN') throw forbidden("Only a store's staff and admins may change its menu.");
  return caller;
}

/** Who may change what a store charges beyond its menu (the delivery fee): its admins (`store:admin`). */
export const requireStoreAdmin = (viewer: Viewer | null): Viewer =>
  requireScope(viewer, 'store:admin', 'Only an admin of the store may change its delivery fee.');
