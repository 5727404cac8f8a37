import { addressSchema, forbidden, notFound, requireStoreOperator, requireViewer, rules, validateInput, z } from '@supergraph/service-kit';
import { login, logout, profileRules, refresh, register } from '../accounts.ts';
import { insertAddress, updateCustomer } from '../db/customers.ts';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';

const updateMeSchema = z.object({
  firstName: profileRules.firstName.optional(),
  lastName: profileRules.lastName.optional(),
  phone: profileRules.phone,
  preferredLanguage: profileRules.preferredLanguage.optional(),
  marketingConsent: profileRules.marketingConsent.optional(),
});

const addAddressSchema = addressSchema.extend({
  label: rules.optionalText(50).transform((v) => v || null),
  isDefault: z.boolean().nullish().transform((v) => v ?? false),
});

/** Removes keys the client left out (undefined) and nulls for fields that cannot be null. */
const definedOnly = <T extends Record<string, unknown>>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

export const Mutation: MutationResolvers = {
  register: (_, { input }, ctx) => register(ctx, input),

  login: (_, { input }, ctx) => login(ctx, input),

  refreshToken: (_, { input }, ctx) => refresh(ctx, input),

  logout: (_, { input }, ctx) => logout(ctx, input),

  updateMe: async (_, { input }, { viewer, db }) => {
    const me = requireViewer(viewer);
    const changes = validateInput(updateMeSchema, input);
    const updated = await updateCustomer(db, me.accountId, definedOnly(changes));
    if (!updated) throw notFound('Your account no longer exists.');
    return updated;
  },

  addAddress: async (_, { input }, { viewer, loaders, db }) => {
    const me = requireViewer(viewer);
    const address = validateInput(addAddressSchema, input);
    await insertAddress(db, { ...address, customerId: me.accountId });
    loaders.customer.clear(me.accountId);
    const customer = await loaders.customer.load(me.accountId);
    if (!customer) throw notFound('Your account no longer exists.');
    return customer;
  },

  setCustomerStatus: async (_, { id, isActive }, { viewer, loaders, db }) => {
    const operator = requireStoreOperator(viewer);
    const target = await loaders.customer.load(id);
    if (!target) throw notFound(`There is no customer with id "${id}".`);
    if (target.storeId !== operator.storeId) throw forbidden('You may only manage accounts of your own store.');
    if (target.id === operator.accountId) throw forbidden('You cannot change the status of your own account.');
    const updated = await updateCustomer(db, id, { isActive });
    return updated!;
  },
};
