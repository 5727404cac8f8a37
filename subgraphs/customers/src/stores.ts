import { conflict, isUniqueViolation, recordEvents, requireScope, rules, validateInput, z } from '@supergraph/service-kit';
import { audit, profileRules } from './accounts.ts';
import { PLATFORM_STORES_SCOPE } from './auth/scopes.ts';
import type { Context } from './context.ts';
import { insertCustomer, type NewCustomer } from './db/customers.ts';
import type { CustomersDb } from './db/index.ts';
import { outbox, type CustomerRow, type StoreRow } from './db/schema.ts';
import { insertStore, type NewStore } from './db/stores.ts';
import { storeOpened } from './events.ts';
import type { CreateStoreAccountInput, CreateStoreInput } from './__generated__/resolvers-types.ts';

// Store operations: opening a store (platform operators) and the accounts that run it (its admins).

/** Every ISO-4217 currency the runtime knows (Intl's list, from ICU): no list to keep by hand. */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export const storeRules = {
  slug: z
    .string()
    .trim()
    .min(2, 'must be at least 2 characters')
    .max(40, 'must be at most 40 characters')
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case letters and digits, words joined by single hyphens, like pizza-roma'),
  name: rules.text(100),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 currency code in capitals, like EUR or USD')
    .refine((code) => CURRENCIES.has(code), 'is not an ISO 4217 currency code'),
};

/** What an account of a store needs, whoever creates it: the rules of registration. */
const accountSchema = z.object({
  email: profileRules.email,
  password: profileRules.password,
  firstName: profileRules.firstName,
  lastName: profileRules.lastName,
  phone: profileRules.phone,
  preferredLanguage: profileRules.preferredLanguage.nullish(),
});

const createStoreSchema = z.object({
  slug: storeRules.slug,
  name: storeRules.name,
  currency: storeRules.currency,
  admin: accountSchema,
});

/** Roles an admin may give the accounts they create: the people who run the store. Customers register themselves. */
export const STORE_ACCOUNT_ROLES = ['STAFF', 'DRIVER', 'ADMIN'] as const;

const createStoreAccountSchema = accountSchema.extend({
  role: z.enum(STORE_ACCOUNT_ROLES, 'must be STAFF, DRIVER or ADMIN (customers register themselves)'),
});

/**
 * Opens a store: its row and its StoreOpened event, in the caller's transaction. The one way a
 * store comes to be, for `createStore` and the demo data alike.
 */
export async function openStore(tx: CustomersDb, values: NewStore): Promise<StoreRow> {
  const store = await insertStore(tx, values);
  await recordEvents(tx, outbox, [storeOpened(store)]);
  return store;
}

/** Adds a staff, driver or admin account to a store, in the caller's transaction (password already hashed). */
export const insertStoreAccount = (tx: CustomersDb, values: NewCustomer & { role: (typeof STORE_ACCOUNT_ROLES)[number] }) =>
  insertCustomer(tx, values);

const accountValues = async (ctx: Context, storeId: string, input: z.infer<typeof accountSchema>) => ({
  storeId,
  email: input.email,
  passwordHash: await ctx.passwords.hash(input.password),
  firstName: input.firstName,
  lastName: input.lastName,
  phone: input.phone ?? null,
  preferredLanguage: input.preferredLanguage ?? 'en',
});

/** `createStore`: a platform operator opens a store with its first admin, in one transaction. */
export async function createStore(ctx: Context, raw: CreateStoreInput): Promise<{ store: StoreRow; admin: CustomerRow }> {
  const operator = requireScope(ctx.viewer, PLATFORM_STORES_SCOPE, "Only the platform operator's admins may create stores.");
  const input = validateInput(createStoreSchema, raw);
  let step: 'store' | 'admin' = 'store';
  try {
    const created = await ctx.db.transaction(async (tx) => {
      const store = await openStore(tx, { slug: input.slug, name: input.name, currency: input.currency });
      step = 'admin';
      const admin = await insertStoreAccount(tx, { ...(await accountValues(ctx, store.id, input.admin)), role: 'ADMIN' });
      await audit(
        ctx,
        { action: 'store.created', actor: operator, target: { type: 'Store', id: store.id }, details: { slug: store.slug } },
        tx,
      );
      await audit(
        ctx,
        { action: 'account.created', actor: operator, target: { type: 'Customer', id: admin.id }, details: { role: 'ADMIN' } },
        tx,
      );
      return { store, admin };
    });
    ctx.events.published();
    return created;
  } catch (error) {
    // The unique index decides, so two operators racing for one slug cannot both win.
    if (isUniqueViolation(error) && step === 'store')
      throw conflict(`A store with the slug "${input.slug}" exists already.`, { field: 'input.slug' });
    throw error;
  }
}

/** `createStoreAccount`: an admin adds a staff, driver or admin account to their own store. */
export async function createStoreAccount(ctx: Context, raw: CreateStoreAccountInput): Promise<CustomerRow> {
  const admin = requireScope(ctx.viewer, 'store:admin', "Only an admin of the store may create its staff's accounts.");
  const input = validateInput(createStoreAccountSchema, raw);
  const values = await accountValues(ctx, admin.storeId, input);
  try {
    return await ctx.db.transaction(async (tx) => {
      const account = await insertStoreAccount(tx, { ...values, role: input.role });
      await audit(
        ctx,
        { action: 'account.created', actor: admin, target: { type: 'Customer', id: account.id }, details: { role: input.role } },
        tx,
      );
      return account;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('An account with this email already exists at this store.', { field: 'input.email' });
    throw error;
  }
}
