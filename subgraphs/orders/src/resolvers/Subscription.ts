import { badUserInput, forbidden, notFound, requireViewer, type Viewer } from '@supergraph/service-kit';
import { canSeeOrder, CLAIMABLE } from '../access.ts';
import type { OrderStatus } from '../db/schema.ts';
import type { Context } from '../context.ts';
import type { OrderChange, OrderUpdate } from '../live.ts';
import type { SubscriptionResolvers } from '../__generated__/resolvers-types.ts';

/** What drivers may follow on the store board: orders on their way to the door. */
const PICKUP_BOARD: readonly OrderStatus[] = ['ACCEPTED', 'PREPARING', 'OUT_FOR_DELIVERY'];
const FINAL: readonly OrderStatus[] = ['DELIVERED', 'CANCELLED'];

/** Whether an order in `status`, delivered by `driverId` (null: nobody), is on the pickup board of `viewer`: theirs, or claimable. */
const onBoardOf = (viewer: Viewer, status: OrderStatus, driverId: string | null) =>
  driverId === viewer.accountId || (driverId === null && CLAIMABLE.includes(status));

/**
 * Whether `viewer` may receive this change of one order, checked for every event: the customer
 * who placed it, staff and admins of its store, and drivers of its store when the order is theirs
 * or claimable after the change, or was before it (so that a board learns an order was taken).
 */
export function mayFollow(viewer: Viewer, change: OrderChange): boolean {
  switch (viewer.role) {
    case 'CUSTOMER':
      return viewer.accountId === change.customerId;
    case 'STAFF':
    case 'ADMIN':
      return viewer.storeId === change.storeId;
    case 'DRIVER':
      return (
        viewer.storeId === change.storeId &&
        (onBoardOf(viewer, change.status, change.driverId) ||
          (change.previous !== null && onBoardOf(viewer, change.previous, change.previousDriverId)))
      );
  }
}

/** Each event's answer: the order after the change, or the error that ends the subscription. */
const resolve = (update: OrderUpdate, _args: unknown, ctx: Context) => {
  if (ctx.live) ctx.live.position = update.position;
  if ('end' in update) throw update.end;
  return update.order;
};

export const Subscription: SubscriptionResolvers<Context> = {
  orderUpdated: {
    subscribe: async (_, { orderId }, ctx) => {
      const viewer = requireViewer(ctx.viewer);
      const order = await ctx.loaders.order.load(orderId);
      if (!order) throw notFound(`There is no order with id "${orderId}".`);
      // As in a query: a driver follows the orders they deliver and the claimable ones.
      if (!canSeeOrder(viewer, order)) throw forbidden('You may not follow this order.');
      return ctx.updates.stream(
        viewer,
        ctx.live,
        (change) => change.orderId === orderId && mayFollow(viewer, change),
        (change) => change.orderId === orderId && FINAL.includes(change.status),
      );
    },
    resolve,
  },

  myOrderUpdates: {
    subscribe: async (_, __, ctx) => {
      const viewer = requireViewer(ctx.viewer);
      if (viewer.role !== 'CUSTOMER') throw forbidden('Only customers have orders of their own to follow.');
      return ctx.updates.stream(viewer, ctx.live, (change) => change.customerId === viewer.accountId);
    },
    resolve,
  },

  storeOrderUpdates: {
    subscribe: async (_, { status }, ctx) => {
      const viewer = requireViewer(ctx.viewer);
      if (status && status.length === 0) throw badUserInput('status: name at least one status, or leave it out for all of them.', 'status');
      // A status named twice is asked for once.
      let wanted: readonly OrderStatus[] | null = status ? [...new Set(status)] : null;
      if (viewer.role === 'CUSTOMER') throw forbidden("Only the store's staff, drivers and admins may follow its orders.");
      if (viewer.role === 'DRIVER') {
        const refused = (wanted ?? []).filter((s) => !PICKUP_BOARD.includes(s));
        if (refused.length > 0) throw forbidden(`Drivers may follow only ${PICKUP_BOARD.join(', ')} orders, not ${refused.join(', ')}.`);
        wanted ??= PICKUP_BOARD;
      }
      const statuses = wanted ? new Set(wanted) : null;
      return ctx.updates.stream(
        viewer,
        ctx.live,
        (change) => change.storeId === viewer.storeId && (!statuses || statuses.has(change.status)) && mayFollow(viewer, change),
      );
    },
    resolve,
  },
};
