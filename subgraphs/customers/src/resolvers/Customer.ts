import { forbidden, personalDataScope } from '@supergraph/service-kit';
import { visibleCustomer } from '../access.ts';
import { audit } from '../accounts.ts';
import { personalDataOf } from '../db/personal-data.ts';
import type { CustomerResolvers } from '../__generated__/resolvers-types.ts';

export const Customer: CustomerResolvers = {
  // Called by the gateway for `Customer` references from other subgraphs: same rules as `customer(id)`.
  // Staff's and admins' reads of another person's account are recorded, one entry per person per request.
  __resolveReference: async ({ id }, { viewer, loaders, access }) => {
    const customer = visibleCustomer(viewer, await loaders.customer.load(id));
    if (customer) await access.read(customer.id);
    return customer;
  },

  store: async (customer, _, { loaders }) => (await loaders.store.load(customer.storeId))!,

  customerNumber: (customer) => `C-${String(customer.number).padStart(6, '0')}`,

  addresses: (customer, _, { loaders }) => loaders.addresses.load(customer.id),

  accountPersonalData: async (customer, _, ctx) => {
    const { storeId } = personalDataScope(ctx.viewer, customer.id);
    if (storeId !== null && storeId !== customer.storeId) throw forbidden('This customer is not one of your store.');
    const data = await personalDataOf(ctx.db, customer);
    // Reading another person's data is itself on the record.
    if (ctx.viewer!.accountId !== customer.id)
      await audit(ctx, { action: 'customer.personal_data.read', actor: ctx.viewer, target: { type: 'Customer', id: customer.id } });
    return { domain: 'customers', readAt: new Date(), data };
  },
};
