import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SUPERGRAPH_SDL } from '@supergraph/gateway';
import { generateInternalSecret } from '@supergraph/service-kit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SAMPLE_QUERY } from '@supergraph/platform';
import { WEB_MANIFEST } from '@supergraph/web/paths';
import { incremental, startHiveGateway } from './harness/index.ts';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

/**
 * The same supergraph, the same subgraphs and data, two gateways: ours and Hive Gateway. Every
 * contract example must answer the same JSON through both; a supergraph only one gateway
 * understands would be a bug. Ours runs on both of its executors: the platform's gateway on our
 * own (native), a second one beside it on @apollo/gateway's (the fallback).
 */
const EXECUTORS = ['native', 'apollo'] as const;
const internalSecret = generateInternalSecret();
let platform: TestPlatform;
let apollo: { url: string };
let hive: Awaited<ReturnType<typeof startHiveGateway>>;
const ourGateway = (executor: (typeof EXECUTORS)[number]) => (executor === 'native' ? platform.gatewayUrl : apollo.url);
const tokens: Record<string, string | undefined> = { anonymous: undefined };
let orderId: string;

const hiveOptions = () => ({
  supergraphSdl: readFileSync(SUPERGRAPH_SDL, 'utf8'),
  subgraphUrls: Object.fromEntries(Object.entries(platform.subgraphs).map(([name, s]) => [name, s.url])),
  jwksUrl: platform.subgraphs.customers.url.replace(/\/graphql$/, '/.well-known/jwks.json'),
  internalSecret,
  issuer: 'supergraph',
  audience: 'supergraph',
  deferStream: true,
});

beforeAll(async () => {
  platform = await startTestPlatform({ env: { INTERNAL_TOKEN_SECRET: internalSecret, GATEWAY_EXECUTOR: 'native' } });
  apollo = await platform.startGateway({ GATEWAY_EXECUTOR: 'apollo' });
  hive = await startHiveGateway(hiveOptions());
  tokens.customer = await platform.login('ada@napoli.example');
  tokens.staff = await platform.login('staff@napoli.example');
  const me: any = await platform.gql('{ me { orders(first: 1) { edges { node { id } } } } }', {}, tokens.customer);
  orderId = me.data.me.orders.edges[0].node.id;
});
afterAll(async () => {
  await hive?.close();
  await platform?.stop();
});

const EXAMPLES: [string, string, () => Record<string, unknown>, string[]][] = [
  ['the sample profile printed at start', SAMPLE_QUERY, () => ({}), ['customer']],
  [
    'stores and menus',
    '{ stores { slug name currency menu { name category priceCents currency available } } store(slug: "napoli") { name } }',
    () => ({}),
    ['anonymous', 'customer', 'staff'],
  ],
  ['me', '{ me { id email firstName customerNumber store { slug } addresses { city } } }', () => ({}), ['anonymous', 'customer', 'staff']],
  [
    'an order with its payments and customer',
    'query ($id: ID!) { order(id: $id) { orderNumber status totalCents currency items { name quantity unitPriceCents lineTotalCents } deliveryAddress { city country } customer { email } payments { status amountCents method { brand last4 } } } }',
    () => ({ id: orderId }),
    ['customer', 'staff'],
  ],
  [
    'orders paged and filtered',
    '{ me { orderCount delivered: orderCount(status: DELIVERED) orders(first: 3, status: DELIVERED) { edges { cursor node { orderNumber } } pageInfo { hasNextPage endCursor } } } }',
    () => ({}),
    ['customer'],
  ],
  [
    'metrics and payments',
    '{ me { metrics { totalOrders completedOrders cancelledOrders totalSpentCents averageOrderValueCents currency firstOrderAt lastOrderAt } payments(first: 2) { edges { node { amountCents refundedCents status } } } } }',
    () => ({}),
    ['customer'],
  ],
  [
    'the staff view of customers',
    '{ customers(first: 10) { edges { node { email customerNumber orderCount orders(first: 2) { edges { node { orderNumber totalCents } } } metrics { totalSpentCents } } } pageInfo { hasNextPage } } }',
    () => ({}),
    ['staff'],
  ],
  [
    'store figures',
    '{ topCustomers(limit: 3) { customer { email } totalSpentCents orderCount } averageOrderValue { averageOrderValueCents paidOrders currency } store(slug: "napoli") { analytics { revenueCents orderCount ordersByStatus { status count } } } }',
    () => ({}),
    ['staff'],
  ],
];

async function ask(url: string, query: string, variables: Record<string, unknown>, token: string | undefined) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
}

describe.each(EXECUTORS)('the same answers through our gateway (%s executor) and Hive Gateway', (executor) => {
  test.each(EXAMPLES)('%s', async (_, query, variables, personas) => {
    for (const persona of personas) {
      const [ours, theirs] = await Promise.all([
        ask(ourGateway(executor), query, variables(), tokens[persona]),
        ask(hive.url, query, variables(), tokens[persona]),
      ]);
      expect(ours.errors, persona).toBeUndefined();
      expect(theirs.errors, persona).toBeUndefined();
      expect(theirs.data, persona).toEqual(ours.data);
    }
  });

  test('a subgraph refusal reaches both as null with FORBIDDEN', async () => {
    const driver = await platform.login('driver@napoli.example');
    const query = 'query ($id: ID!) { order(id: $id) { orderNumber customer { email } } }';
    const [ours, theirs] = await Promise.all([
      ask(ourGateway(executor), query, { id: orderId }, driver),
      ask(hive.url, query, { id: orderId }, driver),
    ]);
    expect(theirs.data).toEqual(ours.data);
    expect(ours.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(theirs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

const DEFERRED: [string, string, string[]][] = [
  [
    'the profile with its metrics deferred',
    '{ me { firstName orders(first: 3) { edges { node { orderNumber payments { status } } } } ... @defer(label: "metrics") { metrics { totalOrders totalSpentCents } } } }',
    ['customer'],
  ],
  [
    'nested defers and a deferred named fragment, inside a list',
    '{ me { firstName ...Contact @defer ... @defer(label: "outer") { orders(first: 2) { edges { node { orderNumber ... @defer(label: "inner") { payments { status } customer { email } } } } } } } } fragment Contact on Customer { email lastName }',
    ['customer'],
  ],
  ['a deferred fragment on every store', '{ stores { slug ... @defer { name menu { name } } } }', ['anonymous', 'staff']],
];

describe('@defer: the same final answer through our gateway (in parts), Hive Gateway (its deferStream) and our fallback executor (whole)', () => {
  test.each(DEFERRED)('%s', async (_, query, personas) => {
    for (const persona of personas) {
      const [ours, theirs] = await Promise.all([
        incremental(platform.gatewayUrl, { query }, { token: tokens[persona] }),
        incremental(hive.url, { query }, { token: tokens[persona] }),
      ]);
      expect(ours.parts.length, `${persona}: ${JSON.stringify(ours.parts).slice(0, 600)}`).toBeGreaterThan(1);
      expect(theirs.parts.length, `${persona}: ${theirs.contentType} ${JSON.stringify(theirs.parts).slice(0, 600)}`).toBeGreaterThan(1);
      expect(ours.merged.errors, persona).toEqual([]);
      expect(theirs.merged.errors, persona).toEqual([]);
      expect(theirs.merged.data, persona).toEqual(ours.merged.data);
      // The fallback executor answers it whole, the same data.
      const fallback = await ask(apollo.url, query, {}, tokens[persona]);
      expect(fallback.errors, persona).toBeUndefined();
      expect(fallback.data, persona).toEqual(ours.merged.data);
    }
  });
});

/**
 * The web app's manifest at both gateways, as a safelist: ours (PERSISTED_OPERATIONS=safelist, on
 * each executor) and Hive's persisted documents over the same file. The app sends only the id
 * (`extensions.persistedQuery.sha256Hash`); both must answer it the same. Left out: the manifest's
 * mutations (they change the data, so a second gateway would answer something else) and its
 * subscriptions (over WebSocket, not this request).
 */
const MANIFEST = JSON.parse(readFileSync(WEB_MANIFEST, 'utf8')) as { operations: { id: string; name: string; type: string }[] };
const idOf = (name: string) => {
  const operation = MANIFEST.operations.find((o) => o.name === name);
  if (!operation) throw new Error(`the web app's manifest has no ${name}`);
  return operation.id;
};
type Data = Record<string, any> | null | undefined;
const BY_ID: [string, () => Record<string, unknown>, string[], ((data: Data) => void)?][] = [
  ['Stores', () => ({}), ['anonymous', 'customer', 'staff']],
  // Has a @defer: asked for in parts as the app's Apollo Client asks, and compared merged.
  ['MyProfile', () => ({}), ['customer', 'staff']],
  ['MyOrders', () => ({ first: 5 }), ['customer']],
  ['Checkout', () => ({}), ['customer']],
  ['OrderDetails', () => ({ id: orderId }), ['customer', 'staff']],
  // The demo data has no CONFIRMED order: the describe's beforeAll pays two.
  [
    'StoreBoard',
    () => ({ slug: 'napoli', status: ['CONFIRMED'] }),
    ['staff'],
    (data) => expect(data?.store?.orders?.edges?.length).toBeGreaterThanOrEqual(2),
  ],
  ['StoreNumbers', () => ({ slug: 'napoli', since: '2020-01-01T00:00:00.000Z' }), ['staff']],
];
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const byId = (id: string, operationName?: string, variables: Record<string, unknown> = {}) => ({
  operationName,
  variables,
  extensions: { persistedQuery: { version: 1, sha256Hash: id } },
});

describe('persisted operations: the same manifest at both gateways', () => {
  const safelisted: Record<(typeof EXECUTORS)[number], { url: string; stop(): Promise<void> }> = {} as never;
  let hiveSafelist: Awaited<ReturnType<typeof startHiveGateway>>;
  beforeAll(async () => {
    for (const executor of EXECUTORS)
      safelisted[executor] = await platform.startGateway({
        GATEWAY_EXECUTOR: executor,
        PERSISTED_OPERATIONS_MANIFEST: WEB_MANIFEST,
        PERSISTED_OPERATIONS: 'safelist',
      });
    hiveSafelist = await startHiveGateway({ ...hiveOptions(), persistedManifest: WEB_MANIFEST, allowArbitrary: false });
    // Something on the store's board (through the platform's own gateway, which takes any operation).
    const customer = await platform.register('napoli');
    for (let i = 0; i < 2; i += 1) {
      const { id } = await platform.placeOrder(customer.token);
      expect((await platform.payOrder(customer.token, id)).errors).toBeUndefined();
    }
    await platform.settle();
  });
  afterAll(async () => {
    await hiveSafelist?.close();
  });

  test('every query of the manifest is compared below (the rest are mutations and subscriptions)', () => {
    const queries = MANIFEST.operations.filter((o) => o.type === 'query').map((o) => o.name);
    expect(BY_ID.map(([name]) => name).sort()).toEqual(queries.sort());
  });

  test.each(BY_ID)('%s, by id', async (name, variables, personas, check) => {
    for (const executor of EXECUTORS)
      for (const persona of personas) {
        const request = byId(idOf(name), name, variables());
        const [ours, theirs] = await Promise.all([
          incremental(safelisted[executor].url, request, { token: tokens[persona] }),
          incremental(hiveSafelist.url, request, { token: tokens[persona] }),
        ]);
        const label = `${executor}, ${persona}`;
        expect(ours.merged.errors, label).toEqual([]);
        expect(theirs.merged.errors, label).toEqual([]);
        expect(ours.merged.data, label).toBeTruthy();
        expect(theirs.merged.data, label).toEqual(ours.merged.data);
        check?.(ours.merged.data);
      }
  });

  test('an id the manifest does not have: ours PERSISTED_QUERY_NOT_FOUND, Hive PERSISTED_QUERY_NOT_IN_LIST, neither with data', async () => {
    const request = byId(sha256(`query Unknown { stores { slug } } # ${Math.random()}`));
    for (const executor of EXECUTORS) {
      const [ours, theirs] = await Promise.all([
        incremental(safelisted[executor].url, request, { token: tokens.customer }),
        incremental(hiveSafelist.url, request, { token: tokens.customer }),
      ]);
      // Both answer 200 (as Apollo Server answers APQ's not-found: the client may send the text next).
      expect([ours.status, theirs.status], executor).toEqual([200, 200]);
      expect(ours.parts, executor).toHaveLength(1);
      expect(ours.parts[0]!.data, executor).toBeUndefined();
      expect(ours.parts[0]!.errors?.[0]?.extensions?.code, executor).toBe('PERSISTED_QUERY_NOT_FOUND');
      // Hive (@graphql-yoga/plugin-persisted-operations) says "PersistedQueryNotFound", coded as not in the list.
      expect(theirs.parts).toHaveLength(1);
      expect(theirs.parts[0]!.data).toBeUndefined();
      expect(theirs.parts[0]!.errors?.[0]).toMatchObject({
        message: 'PersistedQueryNotFound',
        extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' },
      });
    }
  });

  const UNLISTED = 'query Unlisted { stores { slug name } }';
  test.each([
    ['as text', { query: UNLISTED }],
    ['as text with its hash (registering an automatic persisted query)', { query: UNLISTED, ...byId(sha256(UNLISTED)) }],
  ])('an operation the manifest does not list, sent %s, is refused by both, with no data', async (_, request) => {
    for (const executor of EXECUTORS) {
      const [ours, theirs] = await Promise.all([
        incremental(safelisted[executor].url, request, { token: tokens.customer }),
        incremental(hiveSafelist.url, request, { token: tokens.customer }),
      ]);
      expect(ours.status, executor).toBe(400);
      expect(ours.parts[0]!.data, executor).toBeUndefined();
      expect(ours.parts[0]!.errors?.[0]?.extensions?.code, executor).toBe('PERSISTED_QUERY_NOT_IN_LIST');
      // Hive refuses any text when arbitrary documents are not allowed, before it looks at the text (with a 200).
      expect(theirs.status).toBe(200);
      expect(theirs.parts[0]!.data).toBeUndefined();
      expect(theirs.parts[0]!.errors?.[0]).toMatchObject({
        message: 'PersistedQueryOnly',
        extensions: { code: 'CANNOT_SEND_PQ_ID_AND_BODY' },
      });
    }
  });

  test('where the two differ: a listed operation sent as text runs at ours, and is refused by Hive like any text', async () => {
    const stores = MANIFEST.operations.find((o) => o.name === 'Stores') as { body?: string } | undefined;
    const request = { query: stores!.body!, operationName: 'Stores' };
    const [ours, theirs] = await Promise.all([incremental(safelisted.native.url, request), incremental(hiveSafelist.url, request)]);
    expect(ours.merged.errors).toEqual([]);
    expect(ours.merged.data).toEqual(expect.objectContaining({ stores: expect.any(Array) }));
    expect(theirs.parts[0]!.data).toBeUndefined();
    expect(theirs.parts[0]!.errors?.[0]?.extensions?.code).toBe('CANNOT_SEND_PQ_ID_AND_BODY');
  });
});
