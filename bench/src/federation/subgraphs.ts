import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import type { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type DocumentNode } from 'graphql';
import { IN_STOCK, PRODUCTS, REVIEWS, USERS, type Product, type Review } from './data.ts';

type ResolverMap = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { resolvers?: unknown }>['resolvers']>;

/** The public gateways benchmark's four subgraphs, each its SDL (bench/workloads/federation/<name>.graphql) and resolvers. */
export interface FederationSubgraph {
  name: 'accounts' | 'inventory' | 'products' | 'reviews';
  typeDefs: DocumentNode;
  resolvers: ResolverMap;
}

const sdl = (name: string) => parse(readFileSync(new URL(`../../workloads/federation/${name}.graphql`, import.meta.url), 'utf8'));

const userById = new Map(USERS.map((u) => [u.id, u]));
const productByUpc = new Map(PRODUCTS.map((p) => [p.upc, p]));
const reviewById = new Map(REVIEWS.map((r) => [r.id, r]));
const reviewsOf = (upc: string) => REVIEWS.filter((r) => r.product.upc === upc);
// As in the public benchmark, every user (and every review's author) has written the first two reviews.
const WRITTEN = REVIEWS.slice(0, 2);

const accounts: FederationSubgraph = {
  name: 'accounts',
  typeDefs: sdl('accounts'),
  resolvers: {
    Query: {
      me: () => USERS[0],
      user: (_: unknown, { id }: { id: string }) => userById.get(id) ?? null,
      users: () => USERS,
    },
    User: { __resolveReference: ({ id }: { id: string }) => userById.get(id) ?? null },
  },
};

type Stock = { upc: string; inStock: boolean | null; price: number | null; weight: number | null };

const inventory: FederationSubgraph = {
  name: 'inventory',
  typeDefs: sdl('inventory'),
  resolvers: {
    Product: {
      // The public benchmark's inventory looks a product up in its own list, which has no price or
      // weight, and ignores the ones in the representation: its shippingEstimate is always null, and
      // so is it in the answer every gateway is checked against. The gateways still fetch price and
      // weight from products first, as @requires asks, so the work they do is the same.
      __resolveReference: ({ upc }: { upc: string }): Stock => ({ upc, inStock: IN_STOCK.get(upc) ?? null, price: null, weight: null }),
      shippingEstimate: ({ price, weight }: Stock) => {
        if (price === null) return null;
        if (price > 1000) return 0;
        return weight === null ? null : Math.trunc(weight / 2);
      },
    },
  },
};

const products: FederationSubgraph = {
  name: 'products',
  typeDefs: sdl('products'),
  resolvers: {
    Query: { topProducts: (_: unknown, { first }: { first?: number | null }) => PRODUCTS.slice(0, first ?? 5) },
    Product: { __resolveReference: ({ upc }: { upc: string }): Product | null => productByUpc.get(upc) ?? null },
  },
};

const reviews: FederationSubgraph = {
  name: 'reviews',
  typeDefs: sdl('reviews'),
  resolvers: {
    Review: {
      __resolveReference: ({ id }: { id: string }): Review | null => reviewById.get(id) ?? null,
      // The public benchmark's reviews say user 1 ("urigo") wrote every review.
      author: () => ({ id: '1', username: 'urigo' }),
    },
    User: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      reviews: () => WRITTEN,
    },
    Product: {
      __resolveReference: ({ upc }: { upc: string }) => ({ upc }),
      reviews: ({ upc }: { upc: string }) => reviewsOf(upc),
    },
  },
};

/** The one list of the scenario's subgraphs: the server, the composition and the test all read it. */
export const FEDERATION_SUBGRAPHS: readonly FederationSubgraph[] = [accounts, inventory, products, reviews];

/** The supergraph of the four subgraphs, each routed to its URL in this run. */
export function composeFederation(urls: Record<FederationSubgraph['name'], string>): string {
  const result = composeServices(FEDERATION_SUBGRAPHS.map(({ name, typeDefs }) => ({ name, url: urls[name], typeDefs })));
  if (result.errors)
    throw new Error(`The federation scenario's subgraphs do not compose: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.supergraphSdl;
}
