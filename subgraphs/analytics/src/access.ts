import { forbidden, requireScope, requireViewer, type Viewer } from '@supergraph/service-kit';

/** Money and figures need the `store:finance` capability (staff and admins hold it). */
export const requireFinance = (viewer: Viewer | null) =>
  requireScope(viewer, 'store:finance', 'Only staff and admins of the store may do this.');

/**
 * Whose figures the viewer may see: a customer their own (every store); staff and admins only
 * figures for orders at their store. Drivers see no figures.
 */
export function metricsScopeFor(viewer: Viewer | null, customerId: string): { storeId: string | null } {
  const signedIn = requireViewer(viewer);
  if (signedIn.role === 'CUSTOMER') {
    if (signedIn.accountId !== customerId) throw forbidden("You may not see another customer's figures.");
    return { storeId: null };
  }
  if (signedIn.role === 'DRIVER') throw forbidden('Drivers may not see customer figures.');
  return { storeId: signedIn.storeId };
}

/** Store figures are for staff and admins of that store. */
export function requireStoreFigures(viewer: Viewer | null, storeId: string): Viewer {
  const signedIn = requireFinance(viewer);
  if (signedIn.storeId !== storeId) throw forbidden("You may only see your own store's figures.");
  return signedIn;
}
