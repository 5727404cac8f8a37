import type { customerFigures } from './db/facts.ts';

type Figures = Awaited<ReturnType<typeof customerFigures>>[number];

export interface MetricsFigures {
  totalOrders: number;
  completedOrders: number;
  cancelledOrders: number;
  totalSpentCents: number;
  averageOrderValueCents: number;
  currency: string | null;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
}

export const average = (cents: number, orders: number) => (orders > 0 ? Math.round(cents / orders) : 0);

/** A customer's figures as served; a customer without orders gets zeros, never null. */
export function toMetrics(row: Figures | undefined): MetricsFigures {
  if (!row) {
    return {
      totalOrders: 0,
      completedOrders: 0,
      cancelledOrders: 0,
      totalSpentCents: 0,
      averageOrderValueCents: 0,
      currency: null,
      firstOrderAt: null,
      lastOrderAt: null,
    };
  }
  const totalSpentCents = Number(row.totalSpentCents);
  return {
    totalOrders: row.totalOrders,
    completedOrders: row.completedOrders,
    cancelledOrders: row.cancelledOrders,
    totalSpentCents,
    averageOrderValueCents: average(totalSpentCents, row.paidOrders),
    currency: row.currency,
    firstOrderAt: row.firstOrderAt ? new Date(row.firstOrderAt) : null,
    lastOrderAt: row.lastOrderAt ? new Date(row.lastOrderAt) : null,
  };
}
