import { and, eq, isNull } from 'drizzle-orm';
import type { OrdersDb } from './index.ts';
import { menuItems, storeSettings, type MenuItemRow, type StoreSettingsRow } from './schema.ts';

// A store's menu and selling settings, as the menu mutations and the demo data change them.

/** Sets up a store to sell (from its StoreOpened event): its currency, free delivery. A store set up already is left as it is. */
export async function openStoreSettings(db: OrdersDb, storeId: string, currency: string): Promise<void> {
  await db.insert(storeSettings).values({ storeId, currency, deliveryFeeCents: 0 }).onConflictDoNothing();
}

/** The store's delivery fee; undefined when the store is not set up to sell. */
export async function setDeliveryFee(db: OrdersDb, storeId: string, deliveryFeeCents: number): Promise<StoreSettingsRow | undefined> {
  const [row] = await db.update(storeSettings).set({ deliveryFeeCents }).where(eq(storeSettings.storeId, storeId)).returning();
  return row;
}

export type NewMenuItem = Omit<typeof menuItems.$inferInsert, 'removedAt'>;

/** Adds items to a store's menu; a name the menu has already fails on the unique index. */
export const insertMenuItems = (db: OrdersDb, items: NewMenuItem[]) => db.insert(menuItems).values(items).returning();

/** One menu item, removed or not, locked until the transaction ends (so its audit entry says what changed). */
export async function lockMenuItem(db: OrdersDb, id: string): Promise<MenuItemRow | undefined> {
  const [row] = await db.select().from(menuItems).where(eq(menuItems.id, id)).for('update');
  return row;
}

export type MenuItemChanges = Partial<Pick<MenuItemRow, 'name' | 'description' | 'category' | 'priceCents' | 'available'>>;

/**
 * Changes an item that is still on the menu, locking it for the transaction; undefined when it
 * was removed meanwhile. Orders already placed keep their own copy of name and price.
 */
export async function updateMenuItem(db: OrdersDb, id: string, changes: MenuItemChanges & { removedAt?: Date }) {
  const [row] = await db
    .update(menuItems)
    .set(changes)
    .where(and(eq(menuItems.id, id), isNull(menuItems.removedAt)))
    .returning();
  return row;
}
