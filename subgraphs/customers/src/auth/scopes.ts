import type { Role } from '@supergraph/service-kit';

/**
 * What each role's tokens allow. Subgraphs declare what a field needs with `@requiresScopes`
 * (the gateway enforces it); the names describe capabilities at a store, not other domains:
 * `self` acts as a shopper on their own data; `store:customers` reads and manages the store's
 * accounts; `store:operate` runs the store's day; `store:deliver` delivers; `store:finance` sees
 * money and figures; `store:admin` administers.
 */
export const SCOPES_BY_ROLE: Record<Role, readonly string[]> = {
  CUSTOMER: ['self'],
  STAFF: ['store:customers', 'store:operate', 'store:finance'],
  DRIVER: ['store:deliver'],
  ADMIN: ['store:customers', 'store:operate', 'store:deliver', 'store:finance', 'store:admin'],
};

/**
 * Creates stores: held by the admins of the platform operator's own store (the customers setting
 * PLATFORM_OPERATOR_STORE), and nobody else. A store's admin runs one business; opening another
 * on the platform is the operator's decision.
 */
export const PLATFORM_STORES_SCOPE = 'platform:stores';
