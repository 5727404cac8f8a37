import { and, desc, eq, sql } from 'drizzle-orm';
import { type BulkProgress, type BulkRows, bulkTransaction, writeInChunks } from '@supergraph/service-kit';
import type { CustomersDb } from './db/index.ts';
import { addresses, customers, stores } from './db/schema.ts';

/**
 * A bulk load of customers into one store (`npm run seed:scale`), in this subgraph's terms. The
 * rows are computed in the database (see BulkRows); each has the columns id, store_id, email,
 * first_name, last_name, phone, preferred_language, marketing_consent, created_at, line1, city,
 * postal_code and country (the customer's one address).
 */
export interface CustomersScaleData {
  customers: BulkRows;
}

/** What the load needs to know of a store, from this subgraph: its id and currency, and where its customers live. */
export async function storeForScale(db: CustomersDb, slug: string) {
  const [store] = await db.select().from(stores).where(eq(stores.slug, slug));
  if (!store) return null;
  // The city and country most of its customers give (the demo stores have one each).
  const [place] = await db
    .select({ city: addresses.city, country: addresses.country })
    .from(addresses)
    .innerJoin(customers, eq(customers.id, addresses.customerId))
    .where(and(eq(customers.storeId, store.id), eq(customers.role, 'CUSTOMER')))
    .groupBy(addresses.city, addresses.country)
    .orderBy(desc(sql`count(*)`), addresses.city)
    .limit(1);
  return { id: store.id, slug: store.slug, name: store.name, currency: store.currency, city: place?.city, country: place?.country };
}

/**
 * Writes the customers (role CUSTOMER, no password: they cannot sign in, as the demo's) and their
 * addresses, set-based, in one transaction. No event is recorded: the rows are loaded, not
 * registered, so nobody hears of them (see the seed's documentation for what that means).
 */
export async function seedScale(db: CustomersDb, data: CustomersScaleData, progress: BulkProgress): Promise<void> {
  await bulkTransaction(db, async (tx) => {
    await writeInChunks(
      data.customers,
      'customers',
      (range) =>
        // One statement, so the rows are computed once for both tables.
        tx.execute(sql`
          with r as materialized (select * from (${range}) as r),
          inserted as (
            insert into ${customers} (id, store_id, email, role, first_name, last_name, phone, preferred_language, marketing_consent, created_at, updated_at)
            select id, store_id, email, 'CUSTOMER', first_name, last_name, phone, preferred_language, marketing_consent, created_at, created_at
            from r
          )
          insert into ${addresses} (customer_id, label, line1, city, postal_code, country, is_default, created_at)
          select id, 'Home', line1, city, postal_code, country, true, created_at from r`),
      progress,
    );
  });
}

/** What the store has in this subgraph's tables, for the load's summary: its customers (role CUSTOMER). */
export async function scaleCounts(db: CustomersDb, storeId: string): Promise<Record<string, number>> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(customers)
    .where(and(eq(customers.storeId, storeId), eq(customers.role, 'CUSTOMER')));
  return { customers: row?.n ?? 0 };
}
