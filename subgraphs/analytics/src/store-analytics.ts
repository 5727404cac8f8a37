import { badUserInput } from '@supergraph/service-kit';
import type { AnalyticsDb } from './db/index.ts';
import { newCustomers, storeFiguresByStatus, type Period } from './db/facts.ts';
import { average } from './metrics.ts';

/** A store's figures for orders placed in a period. */
export async function storeAnalytics(db: AnalyticsDb, storeId: string, period: Period) {
  if (period.since && period.until && period.since >= period.until) throw badUserInput('"since" must be before "until".', 'since');
  const byStatus = await storeFiguresByStatus(db, storeId, period);
  const revenueCents = byStatus.reduce((sum, r) => sum + Number(r.netCents), 0);
  const paidOrders = byStatus.reduce((sum, r) => sum + r.paidOrders, 0);
  return {
    revenueCents,
    refundedCents: byStatus.reduce((sum, r) => sum + Number(r.refundedCents), 0),
    orderCount: byStatus.reduce((sum, r) => sum + r.orders, 0),
    ordersByStatus: byStatus
      .map((r) => ({ status: r.status ?? 'UNKNOWN', count: r.orders }))
      .sort((a, b) => a.status.localeCompare(b.status)),
    averageOrderValueCents: average(revenueCents, paidOrders),
    paidOrders,
    newCustomers: await newCustomers(db, storeId, period),
    currency: byStatus.find((r) => r.currency)?.currency ?? null,
  };
}
