import { forbidden, requireScope, unauthenticated, type Role, type Viewer } from '@supergraph/service-kit';

/** Staff and admins act for their store; they see its customers and manage its accounts. */
export const isStoreOperator = (viewer: Viewer | null): viewer is Viewer =>
  viewer !== null && (viewer.role === 'STAFF' || viewer.role === 'ADMIN');

/** The caller, if they may read and manage the store's accounts (`store:customers`). */
export const requireAccountManager = (viewer: Viewer | null) =>
  requireScope(viewer, 'store:customers', 'Only staff and admins of the store may do this.');
import type { CustomerRow } from './db/schema.ts';

/** A customer sees only their own account; staff and admins see every account of their own store. */
export const canSeeCustomer = (viewer: Viewer | null, customer: Pick<CustomerRow, 'id' | 'storeId'>): boolean =>
  viewer !== null && (viewer.accountId === customer.id || (isStoreOperator(viewer) && viewer.storeId === customer.storeId));

/**
 * Whose account status (active or not) each role may change, within its own store: staff serve
 * customers; admins run the store's people (customers, drivers, staff). Nobody changes an admin's
 * account or their own: another admin's is for the platform's operators, so one admin cannot lock
 * the others out.
 */
export const MANAGES: Record<Role, readonly Role[]> = {
  CUSTOMER: [],
  DRIVER: [],
  STAFF: ['CUSTOMER'],
  ADMIN: ['CUSTOMER', 'DRIVER', 'STAFF'],
};

/** Why `operator` may not change `target`'s status, or null when they may. */
export function accountStatusRefusal(operator: Viewer, target: Pick<CustomerRow, 'id' | 'storeId' | 'role'>): string | null {
  if (target.storeId !== operator.storeId) return 'You may only manage accounts of your own store.';
  if (target.id === operator.accountId) return 'You cannot change the status of your own account.';
  if (!MANAGES[operator.role].includes(target.role)) {
    const allowed = MANAGES[operator.role].map((r) => `${r.toLowerCase()}s`).join(', ') || 'no accounts';
    return `A ${operator.role.toLowerCase()} may change the status of ${allowed} only; this account is ${target.role.toLowerCase()}.`;
  }
  return null;
}

/** Null stays null (not found); an account the viewer may not see is FORBIDDEN, with no data. */
export function visibleCustomer(viewer: Viewer | null, customer: CustomerRow | null): CustomerRow | null {
  if (!customer) return null;
  if (!viewer) throw unauthenticated();
  if (!canSeeCustomer(viewer, customer)) throw forbidden('You may not see this customer.');
  return customer;
}

/** An erased account's token is refused at its next use here, whatever it still says. */
export function liveAccount(customer: CustomerRow | null): CustomerRow {
  if (!customer || customer.erasedAt) throw unauthenticated('This account no longer exists.');
  return customer;
}
