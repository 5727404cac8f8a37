import { readFileSync } from 'node:fs';
import { SUPERGRAPH_SDL } from '@supergraph/gateway';
import { generateInternalSecret } from '@supergraph/service-kit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SAMPLE_QUERY } from '@supergraph/platform';
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

beforeAll(async () => {
  platform = await startTestPlatform({ env: { INTERNAL_TOKEN_SECRET: internalSecret, GATEWAY_EXECUTOR: 'native' } });
  apollo = await platform.startGateway({ GATEWAY_EXECUTOR: 'apollo' });
  hive = await startHiveGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_SDL, 'utf8'),
    subgraphUrls: Object.fromEntries(Object.entries(platform.subgraphs).map(([name, s]) => [name, s.url])),
    jwksUrl: platform.subgraphs.customers.url.replace(/\/graphql$/, '/.well-known/jwks.json'),
    internalSecret,
    issuer: 'supergraph',
    audience: 'supergraph',
    deferStream: true,
  });
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
