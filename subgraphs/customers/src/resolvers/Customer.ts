import { visibleCustomer } from '../access.ts';
import type { CustomerResolvers } from '../__generated__/resolvers-types.ts';

export const Customer: CustomerResolvers = {
  // Called by the gateway for `Customer` references from other subgraphs: same rules as `customer(id)`.
  __resolveReference: async ({ id }, { viewer, loaders }) => visibleCustomer(viewer, await loaders.customer.load(id)),

  store: async (customer, _, { loaders }) => (await loaders.store.load(customer.storeId))!,

  customerNumber: (customer) => `C-${String(customer.number).padStart(6, '0')}`,

  addresses: (customer, _, { loaders }) => loaders.addresses.load(customer.id),
};
