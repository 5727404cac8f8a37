import { useSyncExternalStore } from 'react';

/** A signed-in session: the access token, when it stops working, and the refresh token that buys the next one. */
export interface Session {
  token: string;
  expiresAt: string;
  refreshToken: string;
  account: { id: string; firstName: string; role: 'CUSTOMER' | 'STAFF' | 'DRIVER' | 'ADMIN'; storeSlug: string };
}

// Kept for this tab only (a reload stays signed in, a new tab signs in again). The refresh token is
// single-use: the gateway rotates it on every refresh, and a reused one ends the whole session.
const KEY = 'supergraph.session';
let current: Session | null = read();
let notice: string | null = null;
const listeners = new Set<() => void>();

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function emit() {
  for (const listener of listeners) listener();
}

export const session = {
  get: () => current,
  set(next: Session | null, why: string | null = null) {
    current = next;
    notice = why;
    if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
    else sessionStorage.removeItem(KEY);
    emit();
  },
  /** Why the last session ended, when it ended by itself (shown on the sign-in screen). */
  notice: () => notice,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export const useSession = () => useSyncExternalStore(session.subscribe, session.get);
