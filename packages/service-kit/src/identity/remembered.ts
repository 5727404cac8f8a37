import { LRUCache } from 'lru-cache';

/**
 * Wraps a token check so that a token that passed is remembered (bounded, least recently used
 * first) until the expiry the check read from it, and checked again only after that. A check that
 * throws is never remembered.
 */
export function rememberedUntilExpiry<T extends object>(
  maxEntries: number,
  check: (token: string) => Promise<{ value: T; expiresAtMs: number }>,
) {
  const passed = new LRUCache<string, T>({ max: maxEntries, ttlAutopurge: false });
  return async (token: string): Promise<T> => {
    const known = passed.get(token);
    if (known) return known;
    const { value, expiresAtMs } = await check(token);
    const ttl = expiresAtMs - Date.now();
    if (ttl > 0) passed.set(token, value, { ttl });
    return value;
  };
}
