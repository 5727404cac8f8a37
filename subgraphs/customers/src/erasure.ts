import {
  badUserInput,
  conflict,
  forbidden,
  notFound,
  recordAudit,
  recordEvents,
  redactAudit,
  requireScope,
  requireViewer,
  rules,
  unauthenticated,
  validateInput,
  validId,
  z,
} from '@supergraph/service-kit';
import { eq } from 'drizzle-orm';
import { audit } from './accounts.ts';
import type { Context } from './context.ts';
import type { CustomersDb } from './db/index.ts';
import { addresses, auditLog, customers, outbox, refreshTokens, type CustomerRow } from './db/schema.ts';
import { customerErased } from './events.ts';

/**
 * What an erased account keeps: its id (the pseudonym the other domains' kept records point at),
 * its store, role and number, and when it was created and erased. Everything a person typed or
 * that reaches them is replaced or removed; the email becomes one that can never be delivered to,
 * so the real one is free to register again at the store.
 */
const pseudonym = (id: string) => ({
  email: `erased-${id}@erased.invalid`,
  passwordHash: null,
  firstName: 'Erased',
  lastName: 'customer',
  phone: null,
  preferredLanguage: 'en',
  marketingConsent: false,
  isActive: false,
});

export interface ErasureReceipt {
  customerId: string;
  erasedAt: Date;
}

/**
 * Erases an account in one transaction: the profile pseudonymised, addresses and sessions (refresh
 * tokens, with their metadata) deleted, the audit entries about the person redacted, and one
 * CustomerErased event for every other domain to erase what it holds. Idempotent: an account
 * already erased answers its first erasure.
 */
async function erase(
  ctx: Context,
  customerId: string,
  by: { requestedBy: 'CUSTOMER' | 'ADMIN'; reason: string | null },
): Promise<ErasureReceipt> {
  const receipt = await ctx.db.transaction(async (tx: CustomersDb) => {
    const [row] = await tx.select().from(customers).where(eq(customers.id, customerId)).for('update');
    if (!row) throw notFound(`There is no customer with id "${customerId}".`);
    if (row.erasedAt) return { customerId, erasedAt: row.erasedAt, fresh: false };
    const erasedAt = new Date();
    await tx.delete(addresses).where(eq(addresses.customerId, customerId));
    await tx.delete(refreshTokens).where(eq(refreshTokens.customerId, customerId));
    // Before the entry that records the erasure, which stays as written (it names no person).
    await redactAudit(tx, auditLog, { accountId: customerId, email: row.email });
    const [erased] = await tx
      .update(customers)
      .set({ ...pseudonym(customerId), erasedAt, updatedAt: erasedAt })
      .where(eq(customers.id, customerId))
      .returning();
    await recordEvents(tx, outbox, [customerErased(erased!, by.requestedBy)]);
    // The record of the erasure names no person: not the customer's own address, when they asked.
    await recordAudit(tx, auditLog, {
      action: 'customer.erased',
      actor: ctx.viewer,
      target: { type: 'Customer', id: customerId },
      storeId: row.storeId,
      client: by.requestedBy === 'CUSTOMER' ? { ip: null } : ctx.client,
      details: { requestedBy: by.requestedBy, ...(by.reason ? { reason: by.reason } : {}) },
    });
    return { customerId, erasedAt, fresh: true };
  });
  if (receipt.fresh) ctx.events.published();
  ctx.loaders.customer.clear(customerId);
  return { customerId: receipt.customerId, erasedAt: receipt.erasedAt };
}

const deleteMyAccountSchema = z.object({ password: z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters') });

/** `deleteMyAccount`: the signed-in customer, with their password again. */
export async function deleteMyAccount(ctx: Context, raw: { password: string }): Promise<ErasureReceipt> {
  const viewer = requireScope(ctx.viewer, 'self', 'Only a customer may erase their own account this way.');
  const { password } = validateInput(deleteMyAccountSchema, raw);
  const account: CustomerRow | null = await ctx.loaders.customer.load(viewer.accountId);
  if (!account || account.erasedAt) throw unauthenticated('This account no longer exists.');
  // Password guesses here count against the same limit as at sign-in.
  const store = await ctx.loaders.store.load(account.storeId);
  await ctx.throttle.login(`${store?.slug}:${account.email}`, ctx.client.ip, 'erasure');
  if (!account.passwordHash || !(await ctx.passwords.verify(password, account.passwordHash))) {
    await audit(ctx, { action: 'customer.erasure.refused', actor: viewer, target: { type: 'Customer', id: viewer.accountId } });
    // Not UNAUTHENTICATED: the caller's token is fine (a client would sign in again for nothing); the input is not.
    throw badUserInput('The password is not right; nothing was erased.', 'input.password');
  }
  return erase(ctx, viewer.accountId, { requestedBy: 'CUSTOMER', reason: null });
}

const eraseCustomerSchema = z.object({ id: z.string(), reason: rules.text(500) });

/** `eraseCustomer`: an admin, for a customer of their own store. */
export async function eraseCustomer(ctx: Context, raw: { id: string; reason: string }): Promise<ErasureReceipt> {
  const admin = requireScope(requireViewer(ctx.viewer), 'store:admin', "Only an admin of the customer's store may erase an account.");
  const { reason } = validateInput(eraseCustomerSchema, raw);
  const id = validId(raw.id);
  const target: CustomerRow | null = await ctx.loaders.customer.load(id);
  if (!target || target.storeId !== admin.storeId) throw notFound(`There is no customer with id "${raw.id}" at your store.`);
  if (target.role !== 'CUSTOMER')
    throw forbidden(`Only customers' accounts are erased this way; this account is ${target.role.toLowerCase()}.`);
  if (target.id === admin.accountId) throw conflict('You cannot erase your own account.');
  return erase(ctx, id, { requestedBy: 'ADMIN', reason });
}
