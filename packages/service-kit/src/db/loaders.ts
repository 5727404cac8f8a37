import DataLoader from 'dataloader';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/**
 * A loader of rows by UUID: one query for the whole batch. Ids that are not UUIDs cannot exist,
 * so they resolve to null without reaching the database (which would reject them as a syntax error).
 */
export function rowsById<T extends { id: string }>(fetch: (ids: string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length > 0 ? await fetch(valid) : [];
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** A loader of child rows grouped by parent id (a UUID): one query for every parent in the batch. */
export function rowsByParent<T>(fetch: (parentIds: string[]) => Promise<T[]>, parentOf: (row: T) => string) {
  return new DataLoader<string, T[]>(async (parentIds) => {
    const groups = new Map<string, T[]>(parentIds.map((id) => [id, []]));
    const valid = parentIds.filter(isUuid);
    if (valid.length > 0) for (const row of await fetch(valid)) groups.get(parentOf(row))?.push(row);
    return parentIds.map((id) => groups.get(id)!);
  });
}

/** A loader of one number per parent id (a UUID), e.g. a count; parents without a row get `fallback`. */
export function valuesByParent(fetch: (parentIds: string[]) => Promise<{ parentId: string; value: number }[]>, fallback = 0) {
  return new DataLoader<string, number>(async (parentIds) => {
    const valid = parentIds.filter(isUuid);
    const values = new Map(valid.length > 0 ? (await fetch(valid)).map((r) => [r.parentId, r.value]) : []);
    return parentIds.map((id) => values.get(id) ?? fallback);
  });
}

/**
 * One loader per distinct argument set (e.g. `items(first: 3)` vs `items(first: 10)`), memoised
 * for the request, so each set still batches across all parents.
 */
export function perArguments<A, V>(make: (args: A) => DataLoader<string, V>) {
  const loaders = new Map<string, DataLoader<string, V>>();
  return (args: A) => {
    const key = JSON.stringify(args);
    let loader = loaders.get(key);
    if (!loader) {
      loader = make(args);
      loaders.set(key, loader);
    }
    return loader;
  };
}
