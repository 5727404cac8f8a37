import { badUserInput } from '@supergraph/service-kit';
import { requireFinance } from '../access.ts';
import { topSpenders } from '../db/facts.ts';
import { storeAnalytics } from '../store-analytics.ts';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';

export const Query: QueryResolvers = {
  topCustomers: async (_, { limit, since }, { viewer, db, access }) => {
    const operator = requireFinance(viewer);
    const size = limit ?? 10;
    if (!Number.isInteger(size) || size < 1 || size > 100) throw badUserInput('"limit" must be between 1 and 100.', 'limit');
    const rows = await topSpenders(db, operator.storeId, size, since ?? null);
    // Each person on the list had their spending read: recorded, in one statement for them all.
    await Promise.all(rows.map((r) => access.read(r.customerId)));
    return rows.map((r) => ({
      customer: { id: r.customerId },
      totalSpentCents: Number(r.totalSpentCents),
      orderCount: r.orderCount,
      currency: r.currency,
    }));
  },

  averageOrderValue: async (_, { since, until }, { viewer, db }) => {
    const operator = requireFinance(viewer);
    const figures = await storeAnalytics(db, operator.storeId, { since: since ?? null, until: until ?? null });
    return { averageOrderValueCents: figures.averageOrderValueCents, paidOrders: figures.paidOrders, currency: figures.currency };
  },
};
