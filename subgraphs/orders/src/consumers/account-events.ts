import { inArray } from 'drizzle-orm';
import type { ConsumerDefinition } from '@supergraph/service-kit';
import type { OrdersTx } from '../db/index.ts';
import { inactiveAccounts } from '../db/schema.ts';

/** The shape of the customers subgraph's AccountStatusChanged event this consumer relies on. */
interface AccountStatusChanged {
  customerId: string;
  isActive: boolean;
  changedAt: string;
}

/**
 * Which accounts are deactivated, as the customers subgraph announces it: a deactivated account's
 * access token stays valid until it expires, but it may not start a live subscription meanwhile
 * (the ones it has end when the event arrives; see live.ts).
 */
export const accountEvents: ConsumerDefinition = {
  name: 'orders-accounts',
  aggregateTypes: ['Customer'],
  async apply(db, events) {
    const tx = db as unknown as OrdersTx;
    // In log order, so the last change of each account wins.
    const latest = new Map<string, AccountStatusChanged>();
    for (const event of events) {
      if (event.type !== 'AccountStatusChanged') continue;
      const change = event.payload as AccountStatusChanged;
      latest.set(change.customerId, change);
    }
    if (latest.size === 0) return;
    const changes = [...latest.values()];
    await tx.delete(inactiveAccounts).where(
      inArray(
        inactiveAccounts.customerId,
        changes.map((c) => c.customerId),
      ),
    );
    const inactive = changes.filter((c) => !c.isActive);
    if (inactive.length > 0)
      await tx.insert(inactiveAccounts).values(inactive.map((c) => ({ customerId: c.customerId, since: new Date(c.changedAt) })));
  },
  async reset(db) {
    await (db as unknown as OrdersTx).delete(inactiveAccounts);
  },
};
