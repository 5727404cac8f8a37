import type { StoreResolvers } from '../__generated__/resolvers-types.ts';

/** This subgraph knows a store only by id. */
export interface StoreRef {
  id: string;
}

export const Store: StoreResolvers = {
  // Menus are public: anyone may see what a store sells.
  __resolveReference: ({ id }) => ({ id }),

  menu: ({ id }, _, { loaders }) => loaders.menu.load(id),
};
