import { describe, expect, test } from 'vitest';
import { priceOrder } from './pricing.ts';

const settings = { storeId: 's', currency: 'EUR', deliveryFeeCents: 250 };
const item = (id: string, priceCents: number, extra = {}) => ({
  id,
  storeId: 's',
  name: id,
  description: null,
  category: 'c',
  priceCents,
  currency: 'EUR',
  available: true,
  removedAt: null,
  ...extra,
});

describe('pricing', () => {
  test('sums lines in integer cents and adds the delivery fee', () => {
    const priced = priceOrder(
      [
        { menuItemId: 'a', quantity: 3 },
        { menuItemId: 'b', quantity: 1 },
      ],
      [item('a', 333), item('b', 1)],
      settings,
    );
    expect(priced).toMatchObject({ subtotalCents: 1000, deliveryFeeCents: 250, totalCents: 1250, currency: 'EUR' });
    expect(Number.isInteger(priced.totalCents)).toBe(true);
  });

  test('unavailable items, other currencies and totals beyond a 32-bit Int are refused', () => {
    expect(() => priceOrder([{ menuItemId: 'a', quantity: 1 }], [item('a', 100, { available: false })], settings)).toThrow(/not available/);
    expect(() =>
      priceOrder([{ menuItemId: 'a', quantity: 1 }], [item('a', 100, { available: false, removedAt: new Date() })], settings),
    ).toThrow(/no longer on the menu/);
    expect(() => priceOrder([{ menuItemId: 'a', quantity: 1 }], [item('a', 100, { currency: 'USD' })], settings)).toThrow(
      /another currency/,
    );
    expect(() => priceOrder([{ menuItemId: 'a', quantity: 99 }], [item('a', 2_000_000_000)], settings)).toThrow(/too large/);
  });
});
