import { createHash } from 'node:crypto';
import {
  badUserInput,
  conflict,
  forbidden,
  isUniqueViolation,
  recordEvents,
  requireViewer,
  rules,
  unauthenticated,
  validateInput,
  z,
} from '@supergraph/service-kit';
import type { Context } from './context.ts';
import { findMenuItems, findOrderByIdempotencyKey, findStoreSettings, insertOrder, isInactiveAccount } from './db/orders.ts';
import { outbox, type OrderRow } from './db/schema.ts';
import { orderPlaced } from './events.ts';
import { priceOrder } from './pricing.ts';
import type { PlaceOrderInput } from './__generated__/resolvers-types.ts';

const placeOrderSchema = z.object({
  items: z
    .array(
      z.object({
        menuItemId: rules.uuid(),
        quantity: z.number().int().min(1, 'must be at least 1').max(99, 'must be at most 99'),
      }),
    )
    .min(1, 'must contain at least one item')
    .max(50, 'must contain at most 50 lines')
    .refine(
      (items) => new Set(items.map((i) => i.menuItemId)).size === items.length,
      'must list each menu item only once; use quantity for more',
    ),
  deliveryAddress: z.object({
    line1: rules.text(200),
    line2: rules.optionalText(200).transform((v) => v || null),
    city: rules.text(100),
    postalCode: rules.text(20),
    country: rules.countryCode(),
  }),
  idempotencyKey: rules.idempotencyKey(),
});

type ValidInput = z.infer<typeof placeOrderSchema>;

/** A fingerprint of what was asked, independent of line order, to tell a retry from a reused key. */
const fingerprint = (input: ValidInput) =>
  createHash('sha256')
    .update(
      JSON.stringify({
        items: [...input.items].sort((a, b) => a.menuItemId.localeCompare(b.menuItemId)),
        deliveryAddress: input.deliveryAddress,
      }),
    )
    .digest('hex');

function replay(existing: OrderRow, requestHash: string): OrderRow {
  if (existing.requestHash !== requestHash) {
    throw conflict('This idempotency key was already used for a different order. Use a new key for a new order.', {
      field: 'input.idempotencyKey',
      orderId: existing.id,
    });
  }
  return existing;
}

/**
 * Places an order at the caller's store, priced from the menu. Idempotent per customer and key:
 * a retry returns the first order; the unique index settles concurrent retries.
 */
export async function placeOrder(ctx: Context, raw: PlaceOrderInput): Promise<OrderRow> {
  const viewer = requireViewer(ctx.viewer);
  if (viewer.role !== 'CUSTOMER') throw forbidden('Only customers can place orders.');
  // A deactivated or erased account's token may still be unexpired: it orders nothing more.
  if (await isInactiveAccount(ctx.db, viewer.accountId)) throw unauthenticated('This account can no longer place orders.');
  const input = validateInput(placeOrderSchema, raw);
  const requestHash = fingerprint(input);

  const existing = await findOrderByIdempotencyKey(ctx.db, viewer.accountId, input.idempotencyKey);
  if (existing) return replay(existing, requestHash);

  const settings = await findStoreSettings(ctx.db, viewer.storeId);
  // A store is set up to sell when its StoreOpened event arrives here; until then it takes no orders.
  if (!settings)
    throw badUserInput(
      'Your store does not take orders yet: it has no menu and delivery fee set up. Please try again later.',
      'input.items',
    );
  const menu = await findMenuItems(
    ctx.db,
    viewer.storeId,
    input.items.map((i) => i.menuItemId),
  );
  const priced = priceOrder(input.items, menu, settings);

  try {
    const order = await ctx.db.transaction(async (tx) => {
      const inserted = await insertOrder(tx, {
        customerId: viewer.accountId,
        storeId: viewer.storeId,
        ...priced,
        deliveryAddress: input.deliveryAddress,
        idempotencyKey: input.idempotencyKey,
        requestHash,
      });
      await recordEvents(tx, outbox, [orderPlaced(inserted)]);
      return inserted;
    });
    ctx.events.published();
    return order;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await findOrderByIdempotencyKey(ctx.db, viewer.accountId, input.idempotencyKey);
    return replay(winner!, requestHash);
  }
}
