import type { ConsumerDefinition } from '@supergraph/service-kit';
import type { OrdersTx } from '../db/index.ts';
import { openStoreSettings } from '../db/menu.ts';

/** The shape of the customers subgraph's StoreOpened event this consumer relies on. */
interface StoreOpened {
  storeId: string;
  currency: string;
}

/**
 * Sets up every store the customers subgraph opens to sell: its currency, and free delivery until
 * an admin sets a fee (`setDeliveryFee`). Idempotent: a store set up already keeps its settings.
 * The settings are this domain's own data from then on (the fee, the menu), not a projection of
 * events, so a replay rebuilds nothing here and removes nothing.
 */
export const storeEvents: ConsumerDefinition = {
  name: 'orders-stores',
  aggregateTypes: ['Store'],
  async apply(db, events) {
    const tx = db as unknown as OrdersTx;
    for (const event of events) {
      if (event.type !== 'StoreOpened') continue;
      const opened = event.payload as StoreOpened;
      await openStoreSettings(tx, opened.storeId, opened.currency);
    }
  },
  async reset() {},
};
