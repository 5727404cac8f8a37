import { asc, eq, inArray } from 'drizzle-orm';
import type { CustomersDb } from './index.ts';
import { stores, type StoreRow } from './schema.ts';

export const listStores = (db: CustomersDb) => db.select().from(stores).orderBy(asc(stores.name));

export async function findStoreBySlug(db: CustomersDb, slug: string): Promise<StoreRow | undefined> {
  const [row] = await db.select().from(stores).where(eq(stores.slug, slug));
  return row;
}

export const findStoresByIds = (db: CustomersDb, ids: readonly string[]) =>
  db
    .select()
    .from(stores)
    .where(inArray(stores.id, [...ids]));

export type NewStore = typeof stores.$inferInsert;

/** Adds a store row; a slug already taken fails on the unique index (the caller answers CONFLICT). */
export async function insertStore(db: CustomersDb, values: NewStore): Promise<StoreRow> {
  const [row] = await db.insert(stores).values(values).returning();
  return row!;
}
