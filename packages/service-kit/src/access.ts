import { isStoreOperator, type Viewer } from './auth.ts';
import { forbidden, unauthenticated } from './errors.ts';

/** The caller, or UNAUTHENTICATED when the request carries no valid token. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

/** The caller if they are staff or an admin (of some store; the caller checks which). */
export function requireStoreOperator(viewer: Viewer | null): Viewer {
  const signedIn = requireViewer(viewer);
  if (!isStoreOperator(signedIn)) throw forbidden('Only staff and admins of the store may do this.');
  return signedIn;
}
