import type { StoreResolvers } from '../__generated__/resolvers-types.ts';

export const Store: StoreResolvers = {
  // Store details (name, slug, currency) are public: anyone may choose a store to register with.
  __resolveReference: ({ id }, { loaders }) => loaders.store.load(id),
};
