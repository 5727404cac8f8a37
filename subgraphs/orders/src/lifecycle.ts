import {
  conflict,
  forbidden,
  notFound,
  recordEvents,
  type NewEvent,
  type Role,
  unauthenticated,
  type Viewer,
} from '@supergraph/service-kit';
import { eq } from 'drizzle-orm';
import type { OrdersDb, OrdersTx } from './db/index.ts';
import { isInactiveAccount } from './db/orders.ts';
import { orders, outbox, type OrderRow, type OrderStatus } from './db/schema.ts';
import { driverChanged, statusChanged } from './events.ts';

/** Who moves an order: a signed-in role, or the system reacting to an event (a payment). */
export type Actor = Role | 'SYSTEM';

/**
 * The order state machine: for each status, the statuses it may move to and who may move it.
 * Customers may cancel only before the store accepts; staff accept and prepare; drivers take it
 * out and deliver; admins may cancel until it is delivered; only a payment confirms.
 */
export const TRANSITIONS: Record<OrderStatus, Partial<Record<OrderStatus, readonly Actor[]>>> = {
  PENDING_PAYMENT: { CONFIRMED: ['SYSTEM'], CANCELLED: ['CUSTOMER', 'STAFF', 'ADMIN'] },
  CONFIRMED: { ACCEPTED: ['STAFF', 'ADMIN'], CANCELLED: ['CUSTOMER', 'STAFF', 'ADMIN'] },
  ACCEPTED: { PREPARING: ['STAFF', 'ADMIN'], CANCELLED: ['STAFF', 'ADMIN'] },
  PREPARING: { OUT_FOR_DELIVERY: ['DRIVER', 'ADMIN'], CANCELLED: ['STAFF', 'ADMIN'] },
  OUT_FOR_DELIVERY: { DELIVERED: ['DRIVER', 'ADMIN'], CANCELLED: ['ADMIN'] },
  DELIVERED: {},
  CANCELLED: {},
};

const describe = (actors: readonly Actor[]) =>
  actors.map((a) => (a === 'SYSTEM' ? 'a successful payment' : `${a.toLowerCase()}s`)).join(' or ');

/** Checks a move against the state machine; the errors carry the current status. */
export function assertTransition(order: OrderRow, to: OrderStatus, actor: Actor) {
  const allowedFrom = TRANSITIONS[order.status];
  const who = allowedFrom[to];
  const details = { currentStatus: order.status, requestedStatus: to, allowedStatuses: Object.keys(allowedFrom) };
  if (!who) {
    throw conflict(`This order is ${order.status}; it cannot move to ${to}.`, details);
  }
  if (!who.includes(actor)) {
    throw forbidden(`This order is ${order.status}; only ${describe(who)} can move it to ${to}.`, details);
  }
}

/** Applies a checked move to a locked order inside `tx`, recording its event. */
export async function applyTransition(
  tx: OrdersTx,
  order: OrderRow,
  to: OrderStatus,
  actor: Actor,
  reason: string | null,
  at = new Date(),
  claimBy: string | null = null,
): Promise<OrderRow> {
  assertTransition(order, to, actor);
  const [updated] = await tx
    .update(orders)
    .set({
      status: to,
      updatedAt: at,
      ...(to === 'CANCELLED' ? { cancelReason: reason } : {}),
      ...(claimBy ? { driverId: claimBy } : {}),
    })
    .where(eq(orders.id, order.id))
    .returning();
  const events: NewEvent[] = [];
  // The claim comes first: the driver is on the order before it moves.
  if (claimBy) events.push(driverChanged({ ...updated!, status: order.status }, order.driverId, actor, 'TAKEN_OUT', at));
  events.push(statusChanged(updated!, order.status, actor, at, order.driverId));
  await recordEvents(tx, outbox, events);
  return updated!;
}

export const lockOrder = async (tx: OrdersTx, orderId: string): Promise<OrderRow | undefined> =>
  (await tx.select().from(orders).where(eq(orders.id, orderId)).for('update'))[0];

/** Who may act on an order at all: its customer, or staff, drivers and admins of its store. */
function assertMayAct(viewer: Viewer, order: OrderRow) {
  const own = viewer.role === 'CUSTOMER' ? viewer.accountId === order.customerId : viewer.storeId === order.storeId;
  if (!own) throw forbidden('You may not change this order.');
}

/**
 * A driver moves only the orders they deliver. Moving one nobody delivers yet (taking a prepared
 * order out) makes them its driver in the same step; one another driver delivers is FORBIDDEN.
 * Returns the driver to put on the order, or null when they already are.
 */
async function driverClaim(tx: OrdersTx, viewer: Viewer, order: OrderRow): Promise<string | null> {
  if (order.driverId === viewer.accountId) return null;
  if (order.driverId !== null)
    throw forbidden('Another driver delivers this order; only they can move it.', { currentStatus: order.status });
  // A deactivated driver's token may still be unexpired: they take on nothing more.
  if (await isInactiveAccount(tx, viewer.accountId)) throw unauthenticated('Your account has been deactivated.');
  return viewer.accountId;
}

/**
 * Moves an order on behalf of a signed-in caller. The row lock makes concurrent moves on one
 * order take turns: exactly one wins, the others see the new status and get a CONFLICT. A driver
 * moves only orders they deliver, or claims one nobody delivers by moving it.
 */
export async function transitionOrder(
  db: OrdersDb,
  viewer: Viewer,
  orderId: string,
  to: OrderStatus,
  reason: string | null,
): Promise<OrderRow> {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order) throw notFound(`There is no order with id "${orderId}".`);
    assertMayAct(viewer, order);
    // The state machine answers first (CONFLICT or FORBIDDEN, with the current status); then whose order it is.
    assertTransition(order, to, viewer.role);
    const claimBy = viewer.role === 'DRIVER' ? await driverClaim(tx, viewer, order) : null;
    return applyTransition(tx, order, to, viewer.role, reason, new Date(), claimBy);
  });
}
