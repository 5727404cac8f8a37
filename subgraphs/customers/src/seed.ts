import { sql } from 'drizzle-orm';
import { createPasswordHasher } from './auth/password.ts';
import type { CustomersDb } from './db/index.ts';
import { recordEvents } from '@supergraph/service-kit';
import { addresses, customers, outbox, stores } from './db/schema.ts';
import { customerRegistered } from './events.ts';
import { openStore } from './stores.ts';

/** Demo data in this subgraph's own terms; the platform generates it deterministically. */
export interface CustomersDemoData {
  stores: { id: string; slug: string; name: string; currency: string }[];
  accounts: {
    id: string;
    storeId: string;
    email: string;
    /** Only the demo logins get a password; the rest cannot sign in. */
    password: string | null;
    role: 'CUSTOMER' | 'STAFF' | 'DRIVER' | 'ADMIN';
    firstName: string;
    lastName: string;
    phone: string | null;
    preferredLanguage: string;
    marketingConsent: boolean;
    createdAt: Date;
    address: { line1: string; city: string; postalCode: string; country: string } | null;
  }[];
}

/** Loads demo data once: does nothing when the store table already has rows (a persisted data dir). */
export async function seedDemo(db: CustomersDb, data: CustomersDemoData, options: { passwordLogN: number }): Promise<boolean> {
  const passwords = createPasswordHasher(options.passwordLogN);
  const [{ count } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(stores);
  if (count > 0) return false;
  const hashes = await Promise.all(data.accounts.map((a) => (a.password ? passwords.hash(a.password) : null)));
  await db.transaction(async (tx) => {
    // Opened as createStore opens a store, each with its StoreOpened event (orders sets up its selling settings from it).
    for (const store of data.stores) await openStore(tx, store);
    for (let i = 0; i < data.accounts.length; i += 500) {
      const chunk = data.accounts.slice(i, i + 500);
      const rows = await tx
        .insert(customers)
        .values(
          chunk.map((a, j) => ({
            id: a.id,
            storeId: a.storeId,
            email: a.email,
            passwordHash: hashes[i + j] ?? null,
            role: a.role,
            firstName: a.firstName,
            lastName: a.lastName,
            phone: a.phone,
            preferredLanguage: a.preferredLanguage,
            marketingConsent: a.marketingConsent,
            createdAt: a.createdAt,
            updatedAt: a.createdAt,
          })),
        )
        .returning();
      await recordEvents(tx, outbox, rows.filter((c) => c.role === 'CUSTOMER').map(customerRegistered));
      const withAddress = chunk.filter((a) => a.address);
      if (withAddress.length > 0) {
        await tx
          .insert(addresses)
          .values(withAddress.map((a) => ({ customerId: a.id, label: 'Home', isDefault: true, createdAt: a.createdAt, ...a.address! })));
      }
    }
  });
  return true;
}
