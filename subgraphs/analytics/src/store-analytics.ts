import { badUserInput } from '@supergraph/service-kit';
import type { AnalyticsDb } from './db/index.ts';
import { storeFiguresByStatus, type Period } from './db/facts.ts';
import { average } from './metrics.ts';

/**
 * A store's figures for orders placed (and customers registered) in a period, in one statement:
 * whole UTC days from the daily read models, the partial days at either end from the facts.
 */
export async function storeAnalytics(db: AnalyticsDb, storeId: string, period: Period) {
  if (period.since && period.until && period.since >= period.until) throw badUserInput('"since" must be before "until".', 'since');
  const rows = await storeFiguresByStatus(db, storeId, period);
  const total = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((sum, r) => sum + Number(pick(r)), 0);
  const revenueCents = total((r) => r.netCents);
  const paidOrders = total((r) => r.paidOrders);
  const currencies = rows.flatMap((r) => (r.currency ? [r.currency] : [])).sort();
  return {
    revenueCents,
    refundedCents: total((r) => r.refundedCents),
    orderCount: total((r) => r.orders),
    ordersByStatus: rows
      .filter((r) => r.status !== null && r.orders > 0)
      .map((r) => ({ status: r.status!, count: r.orders }))
      .sort((a, b) => a.status.localeCompare(b.status)),
    averageOrderValueCents: average(revenueCents, paidOrders),
    paidOrders,
    newCustomers: total((r) => r.newCustomers),
    currency: currencies[0] ?? null,
  };
}
