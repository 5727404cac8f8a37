import { forbidden, requireScope, unauthenticated, type Viewer } from '@supergraph/service-kit';
import type { OrderRow } from './db/schema.ts';

/**
 * Whose orders the viewer may list for a customer: a customer only their own (all of them);
 * staff, drivers and admins only those placed at their own store.
 */
export function orderScopeFor(viewer: Viewer | null, customerId: string): { storeId: string | null } {
  if (!viewer) throw unauthenticated();
  if (viewer.role === 'CUSTOMER') {
    if (viewer.accountId !== customerId) throw forbidden("You may not see another customer's orders.");
    return { storeId: null };
  }
  return { storeId: viewer.storeId };
}

/**
 * Whether the viewer may list a store's orders: only staff and admins, and only of their own store.
 * The gateway checks the `store:operate` scope first; this holds even if a request gets past it.
 */
export function assertStoreOperator(viewer: Viewer | null, storeId: string): Viewer {
  if (!viewer) throw unauthenticated();
  if (viewer.role !== 'STAFF' && viewer.role !== 'ADMIN') throw forbidden("Only a store's staff and admins may see its orders.");
  if (viewer.storeId !== storeId) throw forbidden("You may see only your own store's orders.");
  return viewer;
}

export const canSeeOrder = (viewer: Viewer, order: Pick<OrderRow, 'customerId' | 'storeId'>) =>
  viewer.role === 'CUSTOMER' ? viewer.accountId === order.customerId : viewer.storeId === order.storeId;

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
