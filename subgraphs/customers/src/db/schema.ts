import { auditTable, keysetCreatedAt, outboxTable } from '@supergraph/service-kit';
import { sql } from 'drizzle-orm';
import { boolean, index, pgSchema, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Everything this subgraph stores lives in the `customers` PostgreSQL schema; nobody else reads it. */
export const customersSchema = pgSchema('customers');

const timestamps = {
  createdAt: keysetCreatedAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

export const stores = customersSchema.table('stores', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  currency: text('currency').notNull(),
  ...timestamps,
});

export const roleEnum = customersSchema.enum('role', ['CUSTOMER', 'STAFF', 'DRIVER', 'ADMIN']);

export const customers = customersSchema.table(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    /** Always lower case, so uniqueness per store is case-insensitive. */
    email: text('email').notNull(),
    /** scrypt hash with its parameters; null for accounts that cannot sign in with a password. */
    passwordHash: text('password_hash'),
    role: roleEnum('role').notNull().default('CUSTOMER'),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    phone: text('phone'),
    number: serial('number').notNull(),
    preferredLanguage: text('preferred_language').notNull().default('en'),
    marketingConsent: boolean('marketing_consent').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    /** When the account was erased (the right to erasure): the row is then a pseudonym kept for its id. */
    erasedAt: timestamp('erased_at', { withTimezone: true, mode: 'date' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('customers_store_email_key').on(t.storeId, t.email),
    index('customers_store_created_idx').on(t.storeId, t.createdAt.desc(), t.id.desc()),
    // Trigram indexes (pg_trgm, see migrations 0010 and 0011) for the staff's customer search: they
    // answer `lower(…) LIKE lower('%term%')` on the email and on the full name without reading every
    // row. On the lowered expressions, not the columns: the search compares lower() with LIKE rather
    // than using ILIKE, and an index serves only the expression it holds, written the same way.
    index('customers_email_lower_trgm_idx').using('gin', sql`lower(${t.email}) gin_trgm_ops`),
    index('customers_name_lower_trgm_idx').using('gin', sql`lower((${t.firstName} || ' ' || ${t.lastName})) gin_trgm_ops`),
  ],
);

/**
 * What the staff's search reads: each customer's lowered email and full name in one narrow row
 * (`lower(email) || E'\n' || lower(first_name || ' ' || last_name)`), beside the store, role and
 * `created_at` its pages and counts filter and order on. Triggers (migrations 0012 and 0013) keep it
 * in step with every insert and every change of those columns (an erasure's pseudonyms included),
 * in the same statement; a customer's row goes with the customer. A search walks its keyset index
 * without reading a row, and an exact count visits narrower rows than the customers', their text
 * already lowered.
 */
export const customerSearch = customersSchema.table(
  'customer_search',
  {
    customerId: uuid('customer_id')
      .primaryKey()
      .references(() => customers.id, { onDelete: 'cascade' }),
    storeId: uuid('store_id').notNull(),
    role: roleEnum('role').notNull(),
    /** The email, a newline, the full name, all lowered: a term without a newline matches one or the other. */
    searchText: text('search_text').notNull(),
    /** The customer's `created_at` (migration 0013): the listing's newest-first order, here too. */
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
  },
  (t) => [
    index('customer_search_text_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    // The store's customers newest first, as customers_store_created_idx has them, with the text
    // beside each key (INCLUDE (search_text), written in migration 0013: drizzle has no INCLUDE), so a
    // search walks this index alone, one LIKE on a lowered text per entry and no table row read.
    index('customer_search_keyset_idx').on(t.storeId, t.role, t.createdAt.desc(), t.customerId.desc()),
  ],
);

export const addresses = customersSchema.table(
  'addresses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    label: text('label'),
    line1: text('line1').notNull(),
    line2: text('line2'),
    city: text('city').notNull(),
    postalCode: text('postal_code').notNull(),
    country: text('country').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('addresses_customer_idx').on(t.customerId)],
);

export type StoreRow = typeof stores.$inferSelect;
export type CustomerRow = typeof customers.$inferSelect;
export type AddressRow = typeof addresses.$inferSelect;

/**
 * Refresh tokens, stored only as SHA-256 hashes. Each use rotates the token within its family; a
 * token presented again after its use means it was copied, and the whole family is revoked.
 */
export const refreshTokens = customersSchema.table(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    familyId: uuid('family_id').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('refresh_tokens_family_idx').on(t.familyId), index('refresh_tokens_customer_idx').on(t.customerId)],
);

/** Events this subgraph publishes (CustomerRegistered, AccountCreated, AccountStatusChanged, CustomerErased), for whoever listens. */
export const outbox = outboxTable(customersSchema);

/** Security-relevant actions, append-only (a trigger in the migration refuses changes). */
export const auditLog = auditTable(customersSchema);
