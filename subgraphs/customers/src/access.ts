import { forbidden, isStoreOperator, unauthenticated, type Viewer } from '@supergraph/service-kit';
import type { CustomerRow } from './db/schema.ts';

/** A customer sees only their own account; staff and admins see every account of their own store. */
export const canSeeCustomer = (viewer: Viewer | null, customer: Pick<CustomerRow, 'id' | 'storeId'>): boolean =>
  viewer !== null &&
  (viewer.accountId === customer.id || (isStoreOperator(viewer) && viewer.storeId === customer.storeId));

/** Null stays null (not found); an account the viewer may not see is FORBIDDEN, with no data. */
export function visibleCustomer(viewer: Viewer | null, customer: CustomerRow | null): CustomerRow | null {
  if (!customer) return null;
  if (!viewer) throw unauthenticated();
  if (!canSeeCustomer(viewer, customer)) throw forbidden('You may not see this customer.');
  return customer;
}
