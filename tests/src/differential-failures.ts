/**
 * How the differential test makes one subgraph misbehave for both gateways (through the proxy in
 * front of it), and hand-written operations that reach each subgraph at the root and at every
 * depth, so that a failure lands at each place an executor must put it.
 */
import type { Fixtures, Role } from './differential-fixtures.ts';
import type { Exchange } from './differential.ts';
import type { Rewrite, SubgraphProxy } from './harness/index.ts';

type Json = unknown;

/** Replaces (or, with `undefined`, deletes) every value `depth` keys into `data`; lists do not count as a level. */
function atDepth(data: Json, depth: number, replace: (value: Json, key: string) => Json | undefined): Json {
  if (Array.isArray(data)) return data.map((item) => atDepth(item, depth, replace));
  if (!data || typeof data !== 'object') return data;
  const entries = Object.entries(data as Record<string, Json>).flatMap(([key, value]): [string, Json][] => {
    if (depth > 1) return [[key, atDepth(value, depth - 1, replace)]];
    if (key === '__typename') return [[key, value]];
    const next = replace(value, key);
    return next === undefined ? [] : [[key, next]];
  });
  return Object.fromEntries(entries);
}

/** The path to the first value `depth` keys into `data`, list indexes included. */
function firstPathAt(data: Json, depth: number, path: (string | number)[] = []): (string | number)[] | undefined {
  if (Array.isArray(data)) return data.length > 0 ? firstPathAt(data[0], depth, [...path, 0]) : undefined;
  if (!data || typeof data !== 'object') return undefined;
  for (const [key, value] of Object.entries(data as Record<string, Json>)) {
    if (key === '__typename') continue;
    if (depth <= 1) return [...path, key];
    const found = firstPathAt(value, depth - 1, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

const rewriteData =
  (change: (body: { data?: Json; errors?: Json[] }) => { data?: Json; errors?: Json[] }): Rewrite =>
  ({ status, body }) => {
    try {
      return { status, body: JSON.stringify(change(JSON.parse(body))) };
    } catch {
      return { status, body };
    }
  };

const SUBGRAPH_ERROR = { message: 'The subgraph failed.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };

const rewriting = (name: string, rewrite: Rewrite) => ({
  name,
  start: (proxy: SubgraphProxy) => proxy.setRewrite(rewrite),
  stop: (proxy: SubgraphProxy) => proxy.setRewrite(undefined),
});

export const FAILURES: { name: string; start(proxy: SubgraphProxy): unknown; stop(proxy: SubgraphProxy): unknown }[] = [
  { name: 'refuses connections', start: (proxy) => proxy.down(), stop: (proxy) => proxy.up() },
  rewriting('answers HTTP 500 with a text body', () => ({ status: 500, body: 'Internal Server Error' })),
  rewriting('answers broken JSON', () => ({ status: 200, body: '{"data": {"_entities": [' })),
  rewriting('answers errors and no data', () => ({ status: 200, body: JSON.stringify({ errors: [SUBGRAPH_ERROR] }) })),
  rewriting('answers data null and an error', () => ({ status: 200, body: JSON.stringify({ data: null, errors: [SUBGRAPH_ERROR] }) })),
  ...[1, 2, 3, 4].map((depth) =>
    rewriting(
      `answers null for everything ${depth} deep`,
      rewriteData((body) => ({ ...body, data: atDepth(body.data, depth, () => null) })),
    ),
  ),
  rewriting('answers a null with an error at its path, 2 deep', (answer, request) =>
    rewriteData((body) => {
      // The failure belongs to an entity, not to a position: every place the same representation
      // stands gets it (a subgraph answers one entity one way). And the native executor may send
      // several entity fetches as one request, each under an alias `_entities_<n>` with its own
      // `$representations_<n>`: each of them gets it, as each would have on a request of its own.
      // So both executors face the same subgraph behaviour, however they group their requests.
      const keys = body.data && typeof body.data === 'object' ? Object.keys(body.data) : [];
      const batched = keys.length > 1 && keys.every((k) => /^_entities_\d+$/.test(k));
      const firsts = (
        batched ? keys.map((k) => firstPathAt({ [k]: (body.data as Record<string, Json>)[k]! }, 2)) : [firstPathAt(body.data, 2)]
      ).filter((p): p is (string | number)[] => Boolean(p));
      if (firsts.length === 0) return body;
      const variables = (JSON.parse(request.body) as { variables?: Record<string, Json[]> }).variables ?? {};
      const paths = firsts.flatMap((path) => {
        const [key, index, ...rest] = path;
        const representations = variables[String(key).replace(/^_entities/, 'representations')];
        if (typeof index !== 'number' || !Array.isArray(representations)) return [path];
        const same = JSON.stringify(representations[index]);
        return representations.flatMap((r, i) => (JSON.stringify(r) === same ? [[key!, i, ...rest]] : []));
      });
      let data = body.data;
      // Null the one value at `path`, keep everything else.
      const nullAt = (value: Json, rest: (string | number)[]): Json => {
        if (rest.length === 0) return null;
        const [head, ...tail] = rest;
        if (Array.isArray(value)) return value.map((item, i) => (i === head ? nullAt(item, tail) : item));
        if (value && typeof value === 'object')
          return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === head ? nullAt(v, tail) : v]));
        return value;
      };
      for (const path of paths) data = nullAt(data, path);
      return {
        data,
        errors: [...(body.errors ?? []), ...paths.map((path) => ({ ...SUBGRAPH_ERROR, message: 'One value failed.', path }))],
      };
    })(answer, request),
  ),
  rewriting(
    'leaves out every field 2 deep',
    rewriteData((body) => ({ ...body, data: atDepth(body.data, 2, () => undefined) })),
  ),
];

/**
 * Operations that reach each subgraph at the root and 1, 2, 3 and more levels down, and fields
 * that are null at different depths even when all is well (a phone nobody gave, an order nobody
 * placed, a cancel reason of an order not cancelled). `$order`, `$payment`, `$customer` are ada's.
 */
const FAILURE_OPERATIONS: { query: string; roles: Role[] }[] = [
  // customers
  { query: '{ me { id email firstName phone } }', roles: ['customer', 'anonymous'] },
  { query: '{ stores { slug name } store(slug: "nowhere") { name } }', roles: ['anonymous'] },
  {
    query: 'query ($order: ID!) { order(id: $order) { orderNumber customer { email phone } store { name } } }',
    roles: ['customer', 'staff'],
  },
  { query: '{ me { orders(first: 3) { edges { node { orderNumber customer { email } store { slug } } } } } }', roles: ['customer'] },
  { query: '{ topCustomers(limit: 3) { totalSpentCents customer { email store { name } } } }', roles: ['staff'] },
  // orders
  {
    query: 'query ($order: ID!) { order(id: $order) { orderNumber status cancelReason items { name quantity } } }',
    roles: ['customer', 'driver'],
  },
  {
    query: '{ me { email orderCount orders(first: 3) { edges { node { orderNumber status } } pageInfo { hasNextPage } } } }',
    roles: ['customer'],
  },
  {
    query: '{ customers(first: 3) { edges { node { email orders(first: 2) { edges { node { orderNumber cancelReason } } } } } } }',
    roles: ['staff'],
  },
  {
    query: 'query ($payment: ID!) { payment(id: $payment) { status order { orderNumber items { name } store { menu { name } } } } }',
    roles: ['customer'],
  },
  // payments
  {
    query: 'query ($payment: ID!) { payment(id: $payment) { status amountCents failureReason method { brand last4 } } }',
    roles: ['customer', 'admin'],
  },
  { query: '{ me { email payments(first: 2) { edges { node { status refunds { amountCents } } } } } }', roles: ['customer'] },
  {
    query: '{ me { orders(first: 3) { edges { node { orderNumber payments { status amountCents failureReason } } } } } }',
    roles: ['customer', 'driver'],
  },
  {
    query:
      '{ customers(first: 2) { edges { node { email orders(first: 2) { edges { node { payments { status method { brand } } } } } } } } }',
    roles: ['staff'],
  },
  // analytics
  { query: '{ topCustomers(limit: 2) { orderCount } averageOrderValue { paidOrders averageOrderValueCents } }', roles: ['staff'] },
  { query: '{ me { email metrics { totalOrders firstOrderAt } } }', roles: ['customer'] },
  { query: 'query ($customer: ID!) { customer(id: $customer) { email metrics { totalSpentCents } } }', roles: ['staff', 'customer'] },
  { query: '{ store(slug: "napoli") { name analytics { revenueCents ordersByStatus { status count } } } }', roles: ['staff'] },
  { query: 'query ($order: ID!) { order(id: $order) { orderNumber customer { email metrics { totalOrders } } } }', roles: ['admin'] },
  // all four at once: the README's profile
  {
    query:
      '{ me { firstName orders(first: 2) { edges { node { orderNumber payments { status } customer { metrics { totalOrders } } } } } metrics { totalSpentCents } } }',
    roles: ['customer'],
  },
];

/** The operations above as their roles send them, with ada's ids. */
export function failureExchanges(fixtures: Fixtures): Exchange[] {
  const { ids } = fixtures.things.ada;
  const variables = { order: ids.Order, payment: ids.Payment, customer: ids.Customer };
  return FAILURE_OPERATIONS.flatMap(({ query, roles }) =>
    roles.map((role) => ({
      label: 'failure operation',
      role,
      query,
      // Only the variables the operation declares.
      variables: Object.fromEntries(Object.entries(variables).filter(([name]) => query.includes(`$${name}:`))),
    })),
  );
}
