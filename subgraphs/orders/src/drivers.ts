import { badUserInput, conflict, forbidden, notFound, recordEvents, unauthenticated, type Viewer } from '@supergraph/service-kit';
import { eq } from 'drizzle-orm';
import { ASSIGNABLE, CLAIMABLE, isOperatorOf } from './access.ts';
import type { OrdersDb, OrdersTx } from './db/index.ts';
import { isActiveDriverOf, isInactiveAccount } from './db/orders.ts';
import { orders, outbox, type OrderRow } from './db/schema.ts';
import { driverChanged } from './events.ts';
import { lockOrder } from './lifecycle.ts';

/**
 * Who delivers an order. Staff and admins of the store assign, reassign or unassign a driver of
 * their store while the order has not left the store (PENDING_PAYMENT to PREPARING); a driver
 * claims an ACCEPTED or PREPARING order nobody delivers yet (or takes one out, see lifecycle.ts).
 * Every change is one OrderDriverChanged event, written with the order in one transaction; the
 * row lock makes concurrent changes of one order take turns, so of two drivers claiming one
 * order exactly one wins and the other gets a CONFLICT.
 */

/** Puts `driverId` on the locked order (null takes the driver off), with its event; unchanged orders are returned as they are. */
async function setDriver(tx: OrdersTx, order: OrderRow, driverId: string | null, by: Viewer): Promise<OrderRow> {
  if (order.driverId === driverId) return order;
  const at = new Date();
  const how = by.role === 'DRIVER' ? 'CLAIMED' : driverId === null ? 'UNASSIGNED' : 'ASSIGNED';
  const [updated] = await tx.update(orders).set({ driverId, updatedAt: at }).where(eq(orders.id, order.id)).returning();
  await recordEvents(tx, outbox, [driverChanged(updated!, order.driverId, by.role, how, at)]);
  return updated!;
}

/** `assignDriver` and `unassignDriver` (driverId null): staff and admins of the order's store. */
export async function assignDriver(db: OrdersDb, viewer: Viewer, orderId: string, driverId: string | null): Promise<OrderRow> {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order) throw notFound(`There is no order with id "${orderId}".`);
    if (!isOperatorOf(viewer, order)) throw forbidden("Only the staff and admins of the order's store may choose its driver.");
    // Whom orders knows as the store's drivers: the accounts the customers subgraph announced (AccountCreated), still active.
    if (driverId !== null && !(await isActiveDriverOf(tx, driverId, order.storeId)))
      throw badUserInput('input.driverId: there is no active driver with this id at your store.', 'input.driverId');
    if (!ASSIGNABLE.includes(order.status))
      throw conflict(`This order is ${order.status}; its driver can change only until it leaves the store (up to PREPARING).`, {
        currentStatus: order.status,
      });
    return setDriver(tx, order, driverId, viewer);
  });
}

/** `claimOrder`: a driver of the order's store takes an ACCEPTED or PREPARING order nobody delivers yet. */
export async function claimOrder(db: OrdersDb, viewer: Viewer, orderId: string): Promise<OrderRow> {
  if (viewer.role !== 'DRIVER') throw forbidden('Only drivers claim orders; staff and admins assign them with assignDriver.');
  // The verified token says who and where; a deactivated driver's token may still be unexpired.
  if (await isInactiveAccount(db, viewer.accountId)) throw unauthenticated('Your account has been deactivated.');
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order) throw notFound(`There is no order with id "${orderId}".`);
    if (order.storeId !== viewer.storeId) throw forbidden('You may claim only orders of your own store.');
    // Claiming again what one already delivers changes nothing.
    if (order.driverId === viewer.accountId) return order;
    if (order.driverId !== null) throw conflict('Another driver delivers this order already.', { currentStatus: order.status });
    if (!CLAIMABLE.includes(order.status))
      throw conflict(`This order is ${order.status}; drivers claim orders that are ${CLAIMABLE.join(' or ')}.`, {
        currentStatus: order.status,
      });
    return setDriver(tx, order, viewer.accountId, viewer);
  });
}
