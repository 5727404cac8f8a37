import {
  conflict,
  forbidden,
  isUniqueViolation,
  notFound,
  recordAudit,
  rules,
  type AuditEntry,
  validateInput,
  z,
} from '@supergraph/service-kit';
import { requireMenuManager, requireStoreAdmin } from './access.ts';
import type { Context } from './context.ts';
import type { OrdersDb } from './db/index.ts';
import { insertMenuItems, lockMenuItem, setDeliveryFee as writeDeliveryFee, updateMenuItem as writeMenuItem } from './db/menu.ts';
import { findStoreSettings } from './db/orders.ts';
import { auditLog, type MenuItemRow, type StoreSettingsRow } from './db/schema.ts';
import type { AddMenuItemInput, UpdateMenuItemInput } from './__generated__/resolvers-types.ts';

// Menu management (staff and admins of the store) and the delivery fee (its admins).

/** The highest price of one item, in minor units: 10,000.00. An order's total must still fit in a GraphQL Int. */
export const MAX_PRICE_CENTS = 1_000_000;
/** The highest delivery fee, in minor units: 1,000.00. */
export const MAX_DELIVERY_FEE_CENTS = 100_000;

const cents = (max: number) =>
  z
    .number()
    .int('must be a whole number of minor units (cents)')
    .min(0, 'must not be negative')
    .max(max, `must be at most ${max} minor units`);

const itemRules = {
  name: rules.text(100),
  description: rules.optionalText(500).transform((v) => v || null),
  category: rules.text(50),
  priceCents: cents(MAX_PRICE_CENTS),
};

const addSchema = z.object({
  ...itemRules,
  available: z
    .boolean()
    .nullish()
    .transform((v) => v ?? true),
});

const updateSchema = z
  .object({
    id: rules.uuid(),
    name: itemRules.name.optional(),
    // Left out: unchanged; null or empty: the item has no description any more.
    description: rules.optionalText(500).transform((v) => (v === undefined ? undefined : v || null)),
    category: itemRules.category.optional(),
    priceCents: itemRules.priceCents.optional(),
    available: z.boolean().optional(),
  })
  .refine((v) => Object.entries(v).some(([key, value]) => key !== 'id' && value !== undefined), {
    message: 'must change at least one of name, description, category, priceCents, available',
  });

const feeSchema = z.object({ deliveryFeeCents: cents(MAX_DELIVERY_FEE_CENTS) });

const audit = (ctx: Context, tx: OrdersDb, entry: Omit<AuditEntry, 'client'>) =>
  recordAudit(tx, auditLog, { ...entry, client: ctx.client });

/** The caller's store's selling settings; CONFLICT, said plainly, while the store is not set up to sell. */
async function sellingSettings(db: OrdersDb, storeId: string): Promise<StoreSettingsRow> {
  const settings = await findStoreSettings(db, storeId);
  if (!settings)
    throw conflict('Your store is not set up to sell yet (it was opened moments ago, or never announced). Try again in a moment.');
  return settings;
}

const nameTaken = (name: string) => conflict(`The menu has an item called "${name}" already.`, { field: 'input.name' });

/** An item of the caller's store's menu, locked; NOT_FOUND when there is none (or it was removed), FORBIDDEN when it is another store's. */
async function ownItem(tx: OrdersDb, storeId: string, id: string): Promise<MenuItemRow> {
  const item = await lockMenuItem(tx, id);
  if (!item || item.removedAt) throw notFound(`There is no menu item with id "${id}" (it may have been removed).`);
  if (item.storeId !== storeId) throw forbidden("This item is on another store's menu; you may change only your own store's.");
  return item;
}

/** `addMenuItem`: a new item on the caller's store's menu, priced in the store's currency. */
export async function addMenuItem(ctx: Context, raw: AddMenuItemInput): Promise<MenuItemRow> {
  const caller = requireMenuManager(ctx.viewer);
  const input = validateInput(addSchema, raw);
  const settings = await sellingSettings(ctx.db, caller.storeId);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [item] = await insertMenuItems(tx, [{ ...input, storeId: caller.storeId, currency: settings.currency }]);
      await audit(ctx, tx, {
        action: 'menu.item.added',
        actor: caller,
        target: { type: 'MenuItem', id: item!.id },
        details: { priceCents: item!.priceCents, currency: item!.currency, available: item!.available },
      });
      return item!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

/**
 * `updateMenuItem`: renames, re-describes, recategorises, reprices, or marks an item (un)available.
 * Orders already placed keep the name and price they were placed at (their lines are copies).
 */
export async function updateMenuItem(ctx: Context, raw: UpdateMenuItemInput): Promise<MenuItemRow> {
  const caller = requireMenuManager(ctx.viewer);
  const { id, ...changes } = validateInput(updateSchema, raw);
  const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  try {
    return await ctx.db.transaction(async (tx) => {
      const before = await ownItem(tx, caller.storeId, id);
      const after = (await writeMenuItem(tx, id, given))!;
      await audit(ctx, tx, {
        action: 'menu.item.updated',
        actor: caller,
        target: { type: 'MenuItem', id },
        details: {
          fields: Object.keys(given),
          ...(given.priceCents !== undefined ? { priceCents: { from: before.priceCents, to: after.priceCents } } : {}),
          ...(given.available !== undefined ? { available: after.available } : {}),
        },
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error) && typeof given.name === 'string') throw nameTaken(given.name);
    throw error;
  }
}

/**
 * `removeMenuItem`: takes an item off the menu for good. The row stays (removed), so every order
 * placed with it still names it by `menuItemId`; it can no longer be ordered or changed.
 */
export async function removeMenuItem(ctx: Context, rawId: string): Promise<MenuItemRow> {
  const caller = requireMenuManager(ctx.viewer);
  const id = validateInput(z.object({ id: rules.uuid() }), { id: rawId }, '').id;
  return ctx.db.transaction(async (tx) => {
    await ownItem(tx, caller.storeId, id);
    const removed = (await writeMenuItem(tx, id, { removedAt: new Date(), available: false }))!;
    await audit(ctx, tx, { action: 'menu.item.removed', actor: caller, target: { type: 'MenuItem', id } });
    return removed;
  });
}

/** `setDeliveryFee`: what the admin's store charges for delivery on every new order (orders placed keep theirs). */
export async function setDeliveryFee(ctx: Context, raw: { deliveryFeeCents: number }): Promise<{ id: string }> {
  const admin = requireStoreAdmin(ctx.viewer);
  const { deliveryFeeCents } = validateInput(feeSchema, raw, '');
  const before = await sellingSettings(ctx.db, admin.storeId);
  await ctx.db.transaction(async (tx) => {
    await writeDeliveryFee(tx, admin.storeId, deliveryFeeCents);
    await audit(ctx, tx, {
      action: 'store.delivery_fee.set',
      actor: admin,
      target: { type: 'Store', id: admin.storeId },
      details: { from: before.deliveryFeeCents, to: deliveryFeeCents, currency: before.currency },
    });
  });
  ctx.loaders.storeSettings.clear(admin.storeId);
  return { id: admin.storeId };
}
