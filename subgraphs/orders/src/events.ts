import type { NewEvent } from '@supergraph/service-kit';
import type { OrderRow, OrderStatus } from './db/schema.ts';

/**
 * The events this subgraph publishes: a public contract, like its GraphQL schema. Add fields
 * freely; change or remove one only with a new `version`.
 */
export const ORDER_AGGREGATE = 'Order';

export interface OrderPlacedV1 {
  orderId: string;
  orderNumber: number;
  customerId: string;
  storeId: string;
  subtotalCents: number;
  deliveryFeeCents: number;
  totalCents: number;
  currency: string;
  items: { menuItemId: string; quantity: number; unitPriceCents: number }[];
  placedAt: string;
}

export interface OrderStatusChangedV1 {
  orderId: string;
  customerId: string;
  storeId: string;
  from: OrderStatus;
  to: OrderStatus;
  /** The role that made the change, or SYSTEM (e.g. a payment confirmed it). */
  changedBy: string;
  changedAt: string;
  /** The driver on the order after the change (absent in events written before drivers were assigned). */
  driverId?: string | null;
  /** Only when the move changed the driver (a driver took out an order nobody delivered): the driver before, null. */
  previousDriverId?: string | null;
}

export interface OrderCancelledV1 {
  orderId: string;
  customerId: string;
  storeId: string;
  from: OrderStatus;
  reason: string | null;
  cancelledBy: string;
  cancelledAt: string;
  /** The driver on the order when it was cancelled (absent in events written before drivers were assigned). */
  driverId?: string | null;
}

/**
 * The driver on an order changed: assigned or reassigned by the store's staff or admins, claimed
 * by a driver (also by taking an unassigned order out for delivery), or unassigned (`driverId`
 * null). Ids only: the driver's profile is the customers subgraph's.
 */
export interface OrderDriverChangedV1 {
  orderId: string;
  customerId: string;
  storeId: string;
  /** The order's status when the driver changed (a driver change never moves it). */
  status: OrderStatus;
  /** The driver now on the order, or null when it was unassigned. */
  driverId: string | null;
  /** The driver before, or null when there was none. */
  previousDriverId: string | null;
  /** The role that made the change: STAFF or ADMIN (assigned), DRIVER (claimed). */
  changedBy: string;
  /**
   * How: ASSIGNED and UNASSIGNED by the store, CLAIMED by a driver, TAKEN_OUT by a driver moving an
   * order nobody delivered out for delivery (the OrderStatusChanged that follows in the same
   * transaction carries the same driver).
   */
  how: DriverChange;
  changedAt: string;
}

export type DriverChange = 'ASSIGNED' | 'UNASSIGNED' | 'CLAIMED' | 'TAKEN_OUT';

export const orderPlaced = (order: OrderRow): NewEvent<OrderPlacedV1> => ({
  type: 'OrderPlaced',
  aggregateType: ORDER_AGGREGATE,
  aggregateId: order.id,
  occurredAt: order.createdAt,
  payload: {
    orderId: order.id,
    orderNumber: order.number,
    customerId: order.customerId,
    storeId: order.storeId,
    subtotalCents: order.subtotalCents,
    deliveryFeeCents: order.deliveryFeeCents,
    totalCents: order.totalCents,
    currency: order.currency,
    items: order.items.map(({ menuItemId, quantity, unitPriceCents }) => ({ menuItemId, quantity, unitPriceCents })),
    placedAt: order.createdAt.toISOString(),
  },
});

export const driverChanged = (
  order: OrderRow,
  previousDriverId: string | null,
  changedBy: string,
  how: DriverChange,
  at: Date,
): NewEvent<OrderDriverChangedV1> => ({
  type: 'OrderDriverChanged',
  aggregateType: ORDER_AGGREGATE,
  aggregateId: order.id,
  occurredAt: at,
  payload: {
    orderId: order.id,
    customerId: order.customerId,
    storeId: order.storeId,
    status: order.status,
    driverId: order.driverId,
    previousDriverId,
    changedBy,
    how,
    changedAt: at.toISOString(),
  },
});

export function statusChanged(
  order: OrderRow,
  from: OrderStatus,
  changedBy: string,
  at: Date,
  previousDriverId: string | null = order.driverId,
): NewEvent {
  const base = {
    orderId: order.id,
    customerId: order.customerId,
    storeId: order.storeId,
    from,
    driverId: order.driverId,
    ...(previousDriverId !== order.driverId ? { previousDriverId } : {}),
  };
  if (order.status === 'CANCELLED') {
    return {
      type: 'OrderCancelled',
      aggregateType: ORDER_AGGREGATE,
      aggregateId: order.id,
      occurredAt: at,
      // Always null: events carry no text a person typed (the log is kept for replay and cannot be
      // erased); the note stays in the orders table, where erasure reaches it. Kept for version 1's consumers.
      payload: { ...base, reason: null, cancelledBy: changedBy, cancelledAt: at.toISOString() } satisfies OrderCancelledV1,
    };
  }
  return {
    type: 'OrderStatusChanged',
    aggregateType: ORDER_AGGREGATE,
    aggregateId: order.id,
    occurredAt: at,
    payload: { ...base, to: order.status, changedBy, changedAt: at.toISOString() } satisfies OrderStatusChangedV1,
  };
}
