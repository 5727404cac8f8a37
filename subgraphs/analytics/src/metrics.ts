import type { CustomerMetricsRow } from './db/schema.ts';

export interface CustomerMetrics {
  totalOrders: number;
  completedOrders: number;
  cancelledOrders: number;
  totalSpentCents: number;
  averageOrderValueCents: number;
  currency: string | null;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
}

const earliest = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a < b ? a : b);
const latest = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);

/** Adds up per-store rows into one customer's figures; no rows means zeros. */
export function combineMetrics(rows: CustomerMetricsRow[]): CustomerMetrics {
  const sum = rows.reduce(
    (acc, r) => ({
      totalOrders: acc.totalOrders + r.totalOrders,
      paidOrders: acc.paidOrders + r.paidOrders,
      completedOrders: acc.completedOrders + r.completedOrders,
      cancelledOrders: acc.cancelledOrders + r.cancelledOrders,
      totalSpentCents: acc.totalSpentCents + r.totalSpentCents,
      currency: acc.currency ?? r.currency,
      firstOrderAt: earliest(acc.firstOrderAt, r.firstOrderAt),
      lastOrderAt: latest(acc.lastOrderAt, r.lastOrderAt),
    }),
    { totalOrders: 0, paidOrders: 0, completedOrders: 0, cancelledOrders: 0, totalSpentCents: 0, currency: null as string | null, firstOrderAt: null as Date | null, lastOrderAt: null as Date | null },
  );
  const { paidOrders, ...figures } = sum;
  return { ...figures, averageOrderValueCents: paidOrders > 0 ? Math.round(sum.totalSpentCents / paidOrders) : 0 };
}
