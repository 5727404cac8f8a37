import { auditTrailOf } from '@supergraph/service-kit';
import { asc, eq } from 'drizzle-orm';
import type { CustomersDb } from './index.ts';
import { addresses, auditLog, refreshTokens, stores, type CustomerRow } from './schema.ts';

/** Everything this subgraph keeps about one account, for its personal data export. Never a secret (password hash, token hash). */
export async function personalDataOf(db: CustomersDb, customer: CustomerRow) {
  const [store] = await db.select({ slug: stores.slug, name: stores.name }).from(stores).where(eq(stores.id, customer.storeId));
  const saved = await db.select().from(addresses).where(eq(addresses.customerId, customer.id)).orderBy(asc(addresses.createdAt));
  const sessions = await db
    .select({
      session: refreshTokens.familyId,
      issuedAt: refreshTokens.createdAt,
      expiresAt: refreshTokens.expiresAt,
      usedAt: refreshTokens.usedAt,
      revokedAt: refreshTokens.revokedAt,
    })
    .from(refreshTokens)
    .where(eq(refreshTokens.customerId, customer.id))
    .orderBy(asc(refreshTokens.createdAt));
  const audit = await auditTrailOf(db, auditLog, { accountId: customer.id, email: customer.email });
  return {
    account: {
      id: customer.id,
      customerNumber: `C-${String(customer.number).padStart(6, '0')}`,
      store: store ?? null,
      email: customer.email,
      firstName: customer.firstName,
      lastName: customer.lastName,
      phone: customer.phone,
      preferredLanguage: customer.preferredLanguage,
      marketingConsent: customer.marketingConsent,
      isActive: customer.isActive,
      role: customer.role,
      createdAt: customer.createdAt.toISOString(),
      updatedAt: customer.updatedAt.toISOString(),
    },
    addresses: saved.map((a) => ({
      label: a.label,
      line1: a.line1,
      line2: a.line2,
      city: a.city,
      postalCode: a.postalCode,
      country: a.country,
      isDefault: a.isDefault,
      savedAt: a.createdAt.toISOString(),
    })),
    sessions: sessions.map((s) => ({
      session: s.session,
      issuedAt: s.issuedAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      usedAt: s.usedAt?.toISOString() ?? null,
      revokedAt: s.revokedAt?.toISOString() ?? null,
    })),
    auditEntries: audit,
  };
}
