import { badUserInput } from '@supergraph/service-kit';
import type { MenuItemRow, OrderLine, StoreSettingsRow } from './db/schema.ts';

export interface PricedOrder {
  items: OrderLine[];
  subtotalCents: number;
  deliveryFeeCents: number;
  totalCents: number;
  currency: string;
}

/** GraphQL Int is 32-bit; an order must fit in it. */
const MAX_ORDER_TOTAL_CENTS = 2_147_483_647;

/**
 * Prices an order from the store's menu. The client sends only ids and quantities, so what the
 * customer pays is always the menu's price: integer minor units, no floating point.
 */
export function priceOrder(
  lines: { menuItemId: string; quantity: number }[],
  menu: MenuItemRow[],
  settings: StoreSettingsRow,
): PricedOrder {
  const byId = new Map(menu.map((m) => [m.id, m]));
  const items = lines.map((line, index): OrderLine => {
    const item = byId.get(line.menuItemId);
    if (!item) throw badUserInput(`Menu item "${line.menuItemId}" is not on this store's menu.`, `input.items.${index}.menuItemId`);
    if (item.removedAt)
      throw badUserInput(`"${item.name}" is no longer on the menu. Choose from the menu as it is now.`, `input.items.${index}.menuItemId`);
    if (!item.available) throw badUserInput(`"${item.name}" is not available right now.`, `input.items.${index}.menuItemId`);
    if (item.currency !== settings.currency)
      throw badUserInput(`"${item.name}" is priced in another currency than the store.`, `input.items.${index}.menuItemId`);
    return {
      menuItemId: item.id,
      name: item.name,
      unitPriceCents: item.priceCents,
      quantity: line.quantity,
      lineTotalCents: item.priceCents * line.quantity,
    };
  });
  const subtotalCents = items.reduce((sum, line) => sum + line.lineTotalCents, 0);
  const totalCents = subtotalCents + settings.deliveryFeeCents;
  if (totalCents > MAX_ORDER_TOTAL_CENTS) throw badUserInput('The order is too large. Split it into smaller orders.', 'input.items');
  return { items, subtotalCents, deliveryFeeCents: settings.deliveryFeeCents, totalCents, currency: settings.currency };
}
