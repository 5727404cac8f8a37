import { z } from 'zod';
import { forbidden, unauthenticated } from '../graphql/errors.ts';

export const ROLES = ['CUSTOMER', 'STAFF', 'DRIVER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: the verified claims of the caller, or `null` when anonymous. */
export interface Viewer {
  accountId: string;
  role: Role;
  storeId: string;
  /** What the token allows, for schema-declared `@requiresScopes` (e.g. `self`, `store:finance`). */
  scopes: string[];
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  role: z.enum(ROLES),
  store: z.string().min(1),
  /** Space-separated, as in RFC 8693 and RFC 9068. */
  scope: z.string().default(''),
});

export const toViewer = (payload: unknown): Viewer => {
  const claims = claimsSchema.parse(payload);
  return { accountId: claims.sub, role: claims.role, storeId: claims.store, scopes: claims.scope.split(' ').filter(Boolean) };
};

/** The caller, or UNAUTHENTICATED when the request carries no valid token. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

/**
 * The caller, if their token grants `scope` (for example `store:finance`); FORBIDDEN otherwise.
 * Which role holds which scope is the identity provider's business: a domain asks for the
 * capability, not for a role.
 */
export function requireScope(viewer: Viewer | null, scope: string, message = 'You are not allowed to do this.'): Viewer {
  const signedIn = requireViewer(viewer);
  if (!signedIn.scopes.includes(scope)) throw forbidden(message);
  return signedIn;
}

/**
 * Who may read a customer's personal data (a data export): the customer themselves, everywhere;
 * or an admin (`store:admin`), of what their own store holds. Returns the store to limit the
 * records to (null: none, it is the customer's own request); FORBIDDEN for anyone else.
 */
export function personalDataScope(viewer: Viewer | null, customerId: string): { storeId: string | null } {
  const caller = requireViewer(viewer);
  if (caller.accountId === customerId && caller.scopes.includes('self')) return { storeId: null };
  if (caller.scopes.includes('store:admin')) return { storeId: caller.storeId };
  throw forbidden("Only the customer, or an admin of their store, may read a customer's personal data.");
}
