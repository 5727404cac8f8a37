import { inArray, sql } from 'drizzle-orm';
import { recordEvents, type NewEvent } from '@supergraph/service-kit';
import type { OrdersDb } from './db/index.ts';
import { insertMenuItems, setDeliveryFee } from './db/menu.ts';
import {
  menuItems,
  orders,
  outbox,
  type Address,
  type MenuItemRow,
  type OrderRow,
  type OrderStatus,
  type StoreSettingsRow,
} from './db/schema.ts';
import { orderPlaced, statusChanged } from './events.ts';
import { TRANSITIONS, type Actor } from './lifecycle.ts';
import { priceOrder } from './pricing.ts';

/** Demo data in this subgraph's own terms; the platform generates it deterministically. */
export interface OrdersDemoData {
  stores: { storeId: string; currency: string; deliveryFeeCents: number }[];
  menuItems: { id: string; storeId: string; name: string; description: string; category: string; priceCents: number; currency: string }[];
  orders: {
    id: string;
    customerId: string;
    storeId: string;
    lines: { menuItemId: string; quantity: number }[];
    deliveryAddress: Address;
    createdAt: Date;
  }[];
}

const CHUNK = 500;

/**
 * Sets each demo store's delivery fee and menu through the same functions `setDeliveryFee` and
 * `addMenuItem` write with (each store was set up to sell by its StoreOpened event, which the
 * customers' step published), and places the demo orders, each with its OrderPlaced event, exactly
 * as `placeOrder` would (priced by the same code). Does nothing when menus exist already.
 */
export async function seedDemo(db: OrdersDb, data: OrdersDemoData): Promise<boolean> {
  const [{ count } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(menuItems);
  if (count > 0) return false;
  await db.transaction(async (tx) => {
    const settingsByStore = new Map<string, StoreSettingsRow>();
    for (const store of data.stores) {
      const settings = await setDeliveryFee(tx, store.storeId, store.deliveryFeeCents);
      if (settings?.currency !== store.currency)
        throw new Error(
          `Demo store ${store.storeId} is not set up to sell in ${store.currency}: its StoreOpened event has not reached orders.`,
        );
      settingsByStore.set(store.storeId, settings);
    }
    const menuByStore = new Map<string, MenuItemRow[]>();
    for (const item of await insertMenuItems(tx, data.menuItems)) {
      menuByStore.set(item.storeId, [...(menuByStore.get(item.storeId) ?? []), item]);
    }
    for (let i = 0; i < data.orders.length; i += CHUNK) {
      const rows = await tx
        .insert(orders)
        .values(
          data.orders.slice(i, i + CHUNK).map((o) => ({
            id: o.id,
            customerId: o.customerId,
            storeId: o.storeId,
            ...priceOrder(o.lines, menuByStore.get(o.storeId) ?? [], settingsByStore.get(o.storeId)!),
            deliveryAddress: o.deliveryAddress,
            idempotencyKey: `demo-${o.id}`,
            keySource: 'system' as const,
            requestHash: 'demo',
            createdAt: o.createdAt,
            updatedAt: o.createdAt,
          })),
        )
        .returning();
      await recordEvents(tx, outbox, rows.map(orderPlaced));
    }
  });
  return true;
}

/** The shortest way through the state machine from one status to another, with who makes each step. */
export function pathBetween(from: OrderStatus, to: OrderStatus): { to: OrderStatus; actor: Actor }[] | null {
  const queue: { status: OrderStatus; path: { to: OrderStatus; actor: Actor }[] }[] = [{ status: from, path: [] }];
  const seen = new Set<OrderStatus>([from]);
  while (queue.length > 0) {
    const { status, path } = queue.shift()!;
    if (status === to) return path;
    for (const [next, actors] of Object.entries(TRANSITIONS[status]) as [OrderStatus, readonly Actor[]][]) {
      if (seen.has(next) || actors.length === 0) continue;
      seen.add(next);
      queue.push({ status: next, path: [...path, { to: next, actor: actors[0]! }] });
    }
  }
  return null;
}

/**
 * Moves demo orders to where their story ends, one legal step at a time, recording an event for
 * every step (a step only a payment may take is left to the payment). Orders that cannot get
 * there from where they are (yet) are left alone.
 */
export async function advanceDemoOrders(db: OrdersDb, targets: { orderId: string; status: OrderStatus }[]): Promise<number> {
  let moved = 0;
  for (let i = 0; i < targets.length; i += CHUNK) {
    const chunk = targets.slice(i, i + CHUNK);
    const want = new Map(chunk.map((t) => [t.orderId, t.status]));
    await db.transaction(async (tx) => {
      const current = await tx
        .select()
        .from(orders)
        .where(inArray(orders.id, [...want.keys()]))
        .for('update');
      const events: NewEvent[] = [];
      const finals = new Map<OrderStatus, string[]>();
      for (const order of current) {
        const path = pathBetween(order.status, want.get(order.id)!);
        if (!path || path.length === 0 || path.some((step) => step.actor === 'SYSTEM')) continue;
        let state: OrderRow = order;
        path.forEach((step, index) => {
          const at = new Date(order.createdAt.getTime() + (index + 1) * 10 * 60_000);
          const next = { ...state, status: step.to, updatedAt: at };
          events.push(statusChanged(next, state.status, step.actor, at));
          state = next;
        });
        finals.set(state.status, [...(finals.get(state.status) ?? []), order.id]);
        moved += 1;
      }
      for (const [status, ids] of finals) {
        await tx
          .update(orders)
          .set({ status, updatedAt: new Date(), ...(status === 'CANCELLED' ? { cancelReason: 'Demo: changed their mind' } : {}) })
          .where(inArray(orders.id, ids));
      }
      await recordEvents(tx, outbox, events);
    });
  }
  return moved;
}
