import { inArray, sql } from 'drizzle-orm';
import type { ConsumerDefinition } from '@supergraph/service-kit';
import type { OrdersTx } from '../db/index.ts';
import { inactiveAccounts, orders, outbox, parkedEvents, storeDrivers } from '../db/schema.ts';

/** The shape of the customers subgraph's AccountStatusChanged event this consumer relies on. */
interface AccountStatusChanged {
  customerId: string;
  isActive: boolean;
  changedAt: string;
}

/** The shape of the customers subgraph's AccountCreated event (accounts other than customers) this consumer relies on. */
interface AccountCreated {
  accountId: string;
  storeId: string;
  role: string;
  createdAt: string;
}

/** The shape of the customers subgraph's CustomerErased event this consumer relies on. */
interface CustomerErased {
  customerId: string;
  erasedAt: string;
}

/**
 * What this domain keeps about an erased customer stops identifying them, in the consumer's own
 * transaction: delivery addresses keep only their country, cancellation notes and the keys the
 * client chose go; amounts, items, statuses and times stay (they are the store's accounts). The
 * outbox's and the set-aside events' copies lose any note too. Idempotent: applied again, it
 * writes the same values.
 */
async function eraseCustomers(tx: OrdersTx, customerIds: string[]) {
  await tx
    .update(orders)
    .set({
      deliveryAddress: sql`jsonb_build_object('line1', 'erased', 'line2', null, 'city', 'erased', 'postalCode', 'erased', 'country', ${orders.deliveryAddress}->'country')`,
      cancelReason: null,
      idempotencyKey: sql`case when ${orders.keySource} = 'client' then 'erased:' || ${orders.id}::text else ${orders.idempotencyKey} end`,
      requestHash: 'erased',
    })
    .where(inArray(orders.customerId, customerIds));
  for (const table of [outbox, parkedEvents]) {
    await tx
      .update(table)
      .set({ payload: sql`jsonb_set(${table.payload}, '{reason}', 'null')` })
      .where(sql`${table.payload}->>'customerId' in ${customerIds} and ${table.payload} ? 'reason'`);
  }
}

/**
 * Which accounts are deactivated or erased, as the customers subgraph announces it: such an
 * account's access token stays valid until it expires, but it may not place an order or start a
 * live subscription meanwhile (the ones it has end when the event arrives; see live.ts). An erased
 * account's orders are pseudonymised here as well. The drivers of each store (whom staff may assign
 * to an order) are learnt from AccountCreated; an erased driver is one no more, and what stays of
 * them here is their id on the orders they delivered, which identifies nobody once the customers
 * subgraph has pseudonymised the account.
 */
export const accountEvents: ConsumerDefinition = {
  name: 'orders-accounts',
  aggregateTypes: ['Customer'],
  async apply(db, events) {
    const tx = db as unknown as OrdersTx;
    // In log order, so the last change of each account wins.
    const latest = new Map<string, AccountStatusChanged>();
    const erased: string[] = [];
    const drivers: AccountCreated[] = [];
    for (const event of events) {
      if (event.type === 'AccountCreated') {
        const created = event.payload as AccountCreated;
        if (created.role === 'DRIVER') drivers.push(created);
      } else if (event.type === 'AccountStatusChanged') {
        const change = event.payload as AccountStatusChanged;
        latest.set(change.customerId, change);
      } else if (event.type === 'CustomerErased') {
        const erasure = event.payload as CustomerErased;
        latest.set(erasure.customerId, { customerId: erasure.customerId, isActive: false, changedAt: erasure.erasedAt });
        erased.push(erasure.customerId);
      }
    }
    // Before the erasures of the same batch: an account created and erased in one batch ends up erased.
    if (drivers.length > 0)
      await tx
        .insert(storeDrivers)
        .values(drivers.map((d) => ({ driverId: d.accountId, storeId: d.storeId, since: new Date(d.createdAt) })))
        .onConflictDoNothing();
    if (erased.length > 0) {
      await eraseCustomers(tx, erased);
      await tx.delete(storeDrivers).where(inArray(storeDrivers.driverId, erased));
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
    await (db as unknown as OrdersTx).delete(storeDrivers);
  },
};
