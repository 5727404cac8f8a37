import {
  conflict,
  forbidden,
  notFound,
  recordEvents,
  requireViewer,
  rules,
  unauthenticated,
  validateInput,
  z,
} from '@supergraph/service-kit';
import { accountStatusRefusal, requireAccountManager } from '../access.ts';
import { audit, login, logout, profileRules, refresh, register } from '../accounts.ts';
import { deleteMyAccount, eraseCustomer } from '../erasure.ts';
import { createStore, createStoreAccount } from '../stores.ts';
import { insertAddress, updateCustomer } from '../db/customers.ts';
import { outbox } from '../db/schema.ts';
import { accountStatusChanged } from '../events.ts';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';

const updateMeSchema = z.object({
  firstName: profileRules.firstName.optional(),
  lastName: profileRules.lastName.optional(),
  phone: profileRules.phone,
  preferredLanguage: profileRules.preferredLanguage.optional(),
  marketingConsent: profileRules.marketingConsent.optional(),
});

/** A saved address: where a customer may want things delivered, with a name and a default. */
const addAddressSchema = z.object({
  line1: rules.text(200),
  line2: rules.optionalText(200).transform((v) => v || null),
  city: rules.text(100),
  postalCode: rules.text(20),
  country: rules.countryCode(),
  label: rules.optionalText(50).transform((v) => v || null),
  isDefault: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
});

/** Removes keys the client left out (undefined) and nulls for fields that cannot be null. */
const definedOnly = <T extends Record<string, unknown>>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

export const Mutation: MutationResolvers = {
  register: (_, { input }, ctx) => register(ctx, input),

  login: (_, { input }, ctx) => login(ctx, input),

  refreshToken: (_, { input }, ctx) => refresh(ctx, input),

  logout: (_, { input }, ctx) => logout(ctx, input),

  updateMe: async (_, { input }, ctx) => {
    const me = requireViewer(ctx.viewer);
    const changes = definedOnly(validateInput(updateMeSchema, input));
    const updated = await ctx.db.transaction(async (tx) => {
      const row = await updateCustomer(tx, me.accountId, changes);
      if (!row) throw unauthenticated('This account no longer exists.');
      await audit(
        ctx,
        {
          action: 'customer.profile.updated',
          actor: me,
          target: { type: 'Customer', id: me.accountId },
          details: { fields: Object.keys(changes) },
        },
        tx,
      );
      return row;
    });
    return updated;
  },

  addAddress: async (_, { input }, ctx) => {
    const { viewer, loaders, db } = ctx;
    const me = requireViewer(viewer);
    const address = validateInput(addAddressSchema, input);
    await insertAddress(db, { ...address, customerId: me.accountId });
    await audit(ctx, {
      action: 'customer.address.added',
      actor: me,
      target: { type: 'Customer', id: me.accountId },
      details: { country: address.country },
    });
    loaders.customer.clear(me.accountId);
    const customer = await loaders.customer.load(me.accountId);
    if (!customer) throw notFound('Your account no longer exists.');
    return customer;
  },

  setCustomerStatus: async (_, { id, isActive }, ctx) => {
    const { viewer, loaders, db } = ctx;
    const operator = requireAccountManager(viewer);
    const target = await loaders.customer.load(id);
    if (!target) throw notFound(`There is no customer with id "${id}".`);
    const refusal = accountStatusRefusal(operator, target);
    if (refusal) throw forbidden(refusal);
    if (target.erasedAt) throw conflict('This account was erased; it cannot be activated or deactivated again.');
    const updated = await db.transaction(async (tx) => {
      const row = await updateCustomer(tx, id, { isActive });
      // Other domains learn of it from the event (live subscriptions of the account end at once).
      await recordEvents(tx, outbox, [accountStatusChanged(row!)]);
      await audit(ctx, { action: 'customer.status.changed', actor: operator, target: { type: 'Customer', id }, details: { isActive } }, tx);
      return row!;
    });
    ctx.events.published();
    return updated;
  },

  deleteMyAccount: (_, { input }, ctx) => deleteMyAccount(ctx, input),

  eraseCustomer: (_, args, ctx) => eraseCustomer(ctx, args),

  createStore: (_, { input }, ctx) => createStore(ctx, input),

  createStoreAccount: (_, { input }, ctx) => createStoreAccount(ctx, input),
};
