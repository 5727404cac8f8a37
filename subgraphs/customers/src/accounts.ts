import {
  conflict,
  ErrorCode,
  isUniqueViolation,
  notFound,
  PublicError,
  recordAudit,
  recordEvents,
  type AuditEntry,
  rules,
  signAccessToken,
  unauthenticated,
  validateInput,
  z,
  type Viewer,
} from '@supergraph/service-kit';
import { issueRefreshToken, revokeRefreshToken, useRefreshToken } from './auth/refresh-tokens.ts';
import { PLATFORM_STORES_SCOPE, SCOPES_BY_ROLE } from './auth/scopes.ts';
import type { Context } from './context.ts';
import { findCustomerByEmail, insertCustomer } from './db/customers.ts';
import type { CustomersDb } from './db/index.ts';
import { auditLog, outbox, type CustomerRow } from './db/schema.ts';
import { customerRegistered } from './events.ts';
import { findStoreBySlug } from './db/stores.ts';
import type { LoginInput, RegisterInput } from './__generated__/resolvers-types.ts';

/** Profile field rules, shared by register and updateMe. */
export const profileRules = {
  email: z.string().trim().toLowerCase().max(254, 'must be at most 254 characters').pipe(z.email('must be a valid email address')),
  password: z.string().min(12, 'must be at least 12 characters').max(128, 'must be at most 128 characters'),
  firstName: rules.text(100),
  lastName: rules.text(100),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{5,19}$/, 'must be a phone number like +49 30 1234567')
    .nullish(),
  preferredLanguage: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language tag like en or de-CH'),
  marketingConsent: z.boolean(),
};

const registerSchema = z.object({
  storeSlug: z.string().trim().min(1, 'must not be empty'),
  email: profileRules.email,
  password: profileRules.password,
  firstName: profileRules.firstName,
  lastName: profileRules.lastName,
  phone: profileRules.phone,
  preferredLanguage: profileRules.preferredLanguage.nullish(),
  marketingConsent: profileRules.marketingConsent.nullish(),
});

export const viewerOf = (c: CustomerRow, extraScopes: readonly string[] = []): Viewer => ({
  accountId: c.id,
  role: c.role,
  storeId: c.storeId,
  scopes: [...SCOPES_BY_ROLE[c.role], ...extraScopes],
});

/** The scopes an account holds beyond its role's: `platform:stores` for admins of the operator's store. */
async function platformScopes(ctx: Context, customer: CustomerRow): Promise<string[]> {
  if (customer.role !== 'ADMIN' || ctx.platformOperatorStore === null) return [];
  const store = await ctx.loaders.store.load(customer.storeId);
  return store?.slug === ctx.platformOperatorStore ? [PLATFORM_STORES_SCOPE] : [];
}

/** An access token, and a refresh token in a new session (family) or the given one. */
export async function issue(ctx: Context, customer: CustomerRow, familyId?: string) {
  const viewer = viewerOf(customer, await platformScopes(ctx, customer));
  const { token, expiresAt } = await signAccessToken(viewer, ctx.signingKeys.signing, ctx.tokens);
  const refresh = await issueRefreshToken(ctx.db, customer.id, ctx.tokens.refreshTtlSeconds, familyId);
  return { token, expiresAt, ...refresh, customer };
}

/** Appends to the audit trail (in `tx` when given, so it commits with the change). */
export const audit = (ctx: Context, entry: Omit<AuditEntry, 'client'>, tx: CustomersDb = ctx.db) =>
  recordAudit(tx, auditLog, { ...entry, client: ctx.client });

export async function register(ctx: Context, raw: RegisterInput) {
  const input = validateInput(registerSchema, raw);
  await ctx.throttle.register(ctx.client.ip);
  const store = await findStoreBySlug(ctx.db, input.storeSlug);
  if (!store) throw notFound(`There is no store with the slug "${input.storeSlug}".`);
  const passwordHash = await ctx.passwords.hash(input.password);
  try {
    const customer = await ctx.db.transaction(async (tx) => {
      const created = await insertCustomer(tx, {
        storeId: store.id,
        email: input.email,
        passwordHash,
        firstName: input.firstName,
        lastName: input.lastName,
        phone: input.phone ?? null,
        preferredLanguage: input.preferredLanguage ?? 'en',
        marketingConsent: input.marketingConsent ?? false,
      });
      await recordEvents(tx, outbox, [customerRegistered(created)]);
      await audit(ctx, { action: 'customer.registered', actor: viewerOf(created), target: { type: 'Customer', id: created.id } }, tx);
      return created;
    });
    ctx.events.published();
    return issue(ctx, customer);
  } catch (error) {
    // The unique index decides, so two concurrent registrations cannot both succeed.
    if (isUniqueViolation(error)) throw conflict('An account with this email already exists at this store.', { field: 'input.email' });
    throw error;
  }
}

const loginSchema = z.object({
  storeSlug: z.string().trim().min(1, 'must not be empty'),
  email: z.string().trim().toLowerCase().min(1, 'must not be empty').max(254),
  password: z.string().min(1, 'must not be empty').max(1024),
});

const WRONG_CREDENTIALS = 'The email or password is incorrect.';

/** Every failure looks the same and takes as long, so nobody learns whether an email exists. */
export async function login(ctx: Context, raw: LoginInput) {
  const input = validateInput(loginSchema, raw);
  const account = `${input.storeSlug}:${input.email}`;
  const store = await findStoreBySlug(ctx.db, input.storeSlug);
  const failed = (reason: string) =>
    audit(ctx, {
      action: 'auth.login.failed',
      actor: null,
      storeId: store?.id ?? null,
      details: { email: input.email, storeSlug: input.storeSlug, reason },
    });
  try {
    await ctx.throttle.login(account, ctx.client.ip);
  } catch (error) {
    // Over the limit: recorded. Attempts not countable (Redis unreachable): refused, nothing written.
    if (error instanceof PublicError && error.extensions.code === ErrorCode.TooManyRequests) await failed('throttled');
    throw error;
  }
  const customer = store ? await findCustomerByEmail(ctx.db, store.id, input.email) : undefined;
  if (!customer?.passwordHash) {
    await ctx.passwords.burn(input.password);
    await failed('unknown-account');
    throw unauthenticated(WRONG_CREDENTIALS);
  }
  const valid = await ctx.passwords.verify(input.password, customer.passwordHash);
  if (!valid || !customer.isActive) {
    await failed(valid ? 'deactivated' : 'bad-password');
    throw unauthenticated(WRONG_CREDENTIALS);
  }
  await ctx.throttle.loginSucceeded(account);
  await audit(ctx, { action: 'auth.login.succeeded', actor: viewerOf(customer), target: { type: 'Customer', id: customer.id } });
  return issue(ctx, customer);
}

const refreshSchema = z.object({ refreshToken: z.string().min(1, 'must not be empty').max(200) });

/** Trades a refresh token for a new access token and a new refresh token (the old one stops working). */
export async function refresh(ctx: Context, raw: { refreshToken: string }) {
  const { refreshToken } = validateInput(refreshSchema, raw);
  let used: { customerId: string; familyId: string };
  try {
    used = await useRefreshToken(ctx.db, refreshToken);
  } catch (error) {
    await audit(ctx, { action: 'auth.token.refresh_refused', actor: null });
    throw error;
  }
  const customer = await ctx.loaders.customer.load(used.customerId);
  if (!customer?.isActive) throw unauthenticated('This account can no longer sign in.');
  await audit(ctx, { action: 'auth.token.refreshed', actor: viewerOf(customer), target: { type: 'Customer', id: customer.id } });
  return issue(ctx, customer, used.familyId);
}

/** Signs out: the refresh token and every token rotated from it stop working. */
export async function logout(ctx: Context, raw: { refreshToken: string }) {
  const { refreshToken } = validateInput(refreshSchema, raw);
  const revoked = await revokeRefreshToken(ctx.db, refreshToken);
  if (revoked) await audit(ctx, { action: 'auth.logout', actor: ctx.viewer, target: { type: 'Customer', id: revoked.customerId } });
  return true;
}
