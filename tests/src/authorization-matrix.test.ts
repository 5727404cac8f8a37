import { randomUUID } from 'node:crypto';
import { generateInternalSecret, signInternalToken, INTERNAL_TOKEN_HEADER, type Viewer } from '@supergraph/service-kit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

/**
 * Who may see and change a customer's data, by every door: each case (a query, mutation or entity
 * field that reaches Alice's data) for each persona, through the gateway, and the entity fields
 * again straight at the subgraphs with a valid gateway token (defence in depth).
 */
const PERSONAS = ['anonymous', 'self', 'otherCustomer', 'foreignCustomer', 'staff', 'foreignStaff', 'driver', 'foreignAdmin'] as const;
type Persona = (typeof PERSONAS)[number];
type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT';

const internalSecret = generateInternalSecret();
let platform: TestPlatform;
const tokens: Partial<Record<Persona | 'admin', string>> = {};
const viewers: Partial<Record<Persona, Viewer>> = {};
let alice: { id: string; token: string };
let orderId: string;
let paymentId: string;
let storeId: string;

beforeAll(async () => {
  platform = await startTestPlatform({ env: { INTERNAL_TOKEN_SECRET: internalSecret } });
  alice = await platform.register('napoli');
  orderId = (await platform.placeOrder(alice.token)).id;
  paymentId = (await platform.payOrder(alice.token, orderId)).data!.payOrder.id;
  await platform.settle();
  tokens.self = alice.token;
  tokens.otherCustomer = (await platform.register('napoli')).token;
  tokens.foreignCustomer = (await platform.register('burger-barn')).token;
  tokens.staff = await platform.login('staff@napoli.example');
  tokens.foreignStaff = await platform.login('staff@burgerbarn.example', 'burger-barn');
  tokens.driver = await platform.login('driver@napoli.example');
  tokens.foreignAdmin = await platform.login('admin@burgerbarn.example', 'burger-barn');
  for (const persona of PERSONAS) {
    if (!tokens[persona]) continue;
    const me: any = await platform.gql('{ me { id role store { id } } }', {}, tokens[persona]);
    const scopes = JSON.parse(Buffer.from(tokens[persona]!.split('.')[1]!, 'base64url').toString()).scope.split(' ');
    viewers[persona] = { accountId: me.data.me.id, role: me.data.me.role, storeId: me.data.me.store.id, scopes };
  }
  storeId = viewers.self!.storeId;
});
afterAll(() => platform?.stop());

const row = (values: Outcome[]) => Object.fromEntries(PERSONAS.map((p, i) => [p, values[i]!])) as Record<Persona, Outcome>;
//                                    anonymous          self         otherCustomer foreignCustomer staff   foreignStaff driver       foreignAdmin
const GATEWAY_CASES: [string, () => [string, Record<string, unknown>], Record<Persona, Outcome>][] = [
  [
    'customer(id)',
    () => ['query ($id: ID!) { customer(id: $id) { id email phone addresses { city } } }', { id: alice.id }],
    row(['UNAUTHENTICATED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'customer(id) { orders orderCount }',
    () => ['query ($id: ID!) { customer(id: $id) { orderCount orders { edges { node { id } } } } }', { id: alice.id }],
    row(['UNAUTHENTICATED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'customer(id) { payments metrics }',
    () => ['query ($id: ID!) { customer(id: $id) { payments { edges { node { id } } } metrics { totalSpentCents } } }', { id: alice.id }],
    row(['UNAUTHENTICATED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    // The driver does not deliver Alice's order (CONFIRMED, nobody on it): not theirs to see.
    'order(id)',
    () => ['query ($id: ID!) { order(id: $id) { id totalCents items { name } deliveryAddress { line1 } } }', { id: orderId }],
    row(['UNAUTHENTICATED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'order(id) { customer }',
    () => ['query ($id: ID!) { order(id: $id) { id customer { email } } }', { id: orderId }],
    row(['UNAUTHENTICATED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'order(id) { payments }',
    () => ['query ($id: ID!) { order(id: $id) { id payments { amountCents } } }', { id: orderId }],
    row(['UNAUTHENTICATED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'payment(id)',
    () => ['query ($id: ID!) { payment(id: $id) { amountCents method { last4 } order { id } customer { id } } }', { id: paymentId }],
    row(['UNAUTHENTICATED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'store analytics',
    () => ['{ store(slug: "napoli") { analytics { revenueCents } } }', {}],
    row(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    // A driver lists only the orders they deliver and the claimable ones (drivers.test.ts checks which).
    'store orders',
    () => ['{ store(slug: "napoli") { orders(first: 5) { totalCount edges { node { id customer { id } } } } } }', {}],
    row(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'ok', 'FORBIDDEN']),
  ],
  [
    'customers list',
    () => ['{ customers(first: 100) { edges { node { id } } } }', {}],
    row(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'ok', 'FORBIDDEN', 'ok']),
  ],
  // Who delivers Alice's order: claimed only by a driver of the store (CONFIRMED is too early: CONFLICT),
  // assigned and unassigned only by staff and admins of the store (assigned to the driver, then taken off).
  [
    'claimOrder',
    () => ['mutation ($id: ID!) { claimOrder(input: { orderId: $id }) { id } }', { id: orderId }],
    row(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'CONFLICT', 'FORBIDDEN']),
  ],
  [
    'assignDriver',
    () => [
      'mutation ($id: ID!, $driver: ID!) { assignDriver(input: { orderId: $id, driverId: $driver }) { id driver { id } } }',
      { id: orderId, driver: viewers.driver!.accountId },
    ],
    row(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'order(id) { driver } (once assigned)',
    () => ['query ($id: ID!) { order(id: $id) { id driver { id } } }', { id: orderId }],
    row(['UNAUTHENTICATED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'ok', 'FORBIDDEN']),
  ],
  [
    'unassignDriver',
    () => ['mutation ($id: ID!) { unassignDriver(input: { orderId: $id }) { id } }', { id: orderId }],
    row(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'cancelOrder',
    () => ['mutation ($id: ID!) { cancelOrder(input: { orderId: $id }) { id } }', { id: orderId }],
    row(['UNAUTHENTICATED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'payOrder',
    () => [
      'mutation ($id: ID!) { payOrder(input: { orderId: $id, paymentMethodToken: "tok_visa", idempotencyKey: "matrix-payment-key" }) { id } }',
      { id: orderId },
    ],
    row(['UNAUTHENTICATED', 'CONFLICT', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'refundPayment',
    () => [
      'mutation ($id: ID!) { refundPayment(input: { paymentId: $id, amountCents: 1, idempotencyKey: "matrix-refund-key" }) { id } }',
      { id: paymentId },
    ],
    row(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  // Only an admin of this store may read its audit logs (the admin persona is below: every persona here is refused).
  [
    'store auditLog',
    () => ['{ store(slug: "napoli") { auditLog(first: 5) { totalCount edges { node { id action } } } } }', {}],
    row(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'store paymentsAuditLog',
    () => ['{ store(slug: "napoli") { paymentsAuditLog(first: 5) { totalCount edges { node { id action } } } } }', {}],
    row(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'store analyticsAuditLog',
    () => ['{ store(slug: "napoli") { analyticsAuditLog(first: 5) { totalCount edges { node { id action } } } } }', {}],
    row(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'store ordersAuditLog',
    () => ['{ store(slug: "napoli") { ordersAuditLog(first: 5) { totalCount edges { node { id action } } } } }', {}],
    row(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'setCustomerStatus',
    () => ['mutation ($id: ID!) { setCustomerStatus(id: $id, isActive: true) { id } }', { id: alice.id }],
    row(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
];

const outcomeOf = (result: { data?: unknown; errors?: { extensions?: { code?: string } }[] }): string =>
  result.errors?.[0]?.extensions?.code ?? 'ok';

describe('authorization matrix through the gateway', () => {
  // cancelOrder must come after the reads that expect the order as it was; it is last among state changes below.
  test.each(GATEWAY_CASES.filter(([name]) => name !== 'cancelOrder'))('%s', async (_, make, expected) => {
    for (const persona of PERSONAS) {
      const [query, variables] = make();
      const result = await platform.gql(query, variables, tokens[persona]);
      expect(outcomeOf(result), `${persona}`).toBe(expected[persona]);
      if (expected[persona] !== 'ok') expect(JSON.stringify(result.data ?? null), persona).not.toContain('@example.com');
    }
  });

  test("the store's own admin reads every domain's audit log, and only the store's entries", async () => {
    const admin = await platform.login('admin@napoli.example');
    for (const field of ['auditLog', 'ordersAuditLog', 'paymentsAuditLog', 'analyticsAuditLog']) {
      const result: any = await platform.gql(
        `{ store(slug: "napoli") { id ${field}(first: 100) { totalCount edges { node { id domain } } } } }`,
        {},
        admin,
      );
      expect(result.errors, field).toBeUndefined();
      expect(result.data.store[field].totalCount, field).toBeGreaterThan(0);
    }
    // Every entry listed is of the store (the rows say so in the database).
    const listed: any = await platform.gql('{ store(slug: "napoli") { auditLog(first: 100) { edges { node { id } } } } }', {}, admin);
    const ids = listed.data.store.auditLog.edges.map((e: any) => Number(e.node.id));
    const { sql } = await import('drizzle-orm');
    const result = await platform.databases.customers.execute(
      sql`select distinct store_id from customers.audit_log where id = any(${`{${ids.join(',')}}`}::bigint[])`,
    );
    const stores = ((result as any).rows ?? result).map((r: any) => r.store_id);
    expect(stores).toEqual([storeId]);
  });

  test("what staff of another store see in their customer list never includes this store's customers", async () => {
    for (const persona of ['foreignStaff', 'foreignAdmin'] as const) {
      const result: any = await platform.gql('{ customers(first: 100) { edges { node { id } } } }', {}, tokens[persona]);
      expect(result.data.customers.edges.map((e: any) => e.node.id)).not.toContain(alice.id);
    }
  });

  test('cancelOrder', async () => {
    const [, make, expected] = GATEWAY_CASES.find(([name]) => name === 'cancelOrder')!;
    for (const persona of PERSONAS.filter((p) => expected[p] !== 'ok')) {
      const [query, variables] = make();
      expect(outcomeOf(await platform.gql(query, variables, tokens[persona])), persona).toBe(expected[persona]);
    }
  });
});

/** Entity fields by key, straight at each subgraph, with a valid internal token for each persona. */
const ENTITY_CASES: [
  string,
  'customers' | 'orders' | 'payments' | 'analytics',
  () => { __typename: string; id: string },
  string,
  Record<Persona, Outcome>,
][] = [
  [
    'Customer (profile)',
    'customers',
    () => ({ __typename: 'Customer', id: alice.id }),
    '... on Customer { email }',
    row(['UNAUTHENTICATED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'Customer.orders',
    'orders',
    () => ({ __typename: 'Customer', id: alice.id }),
    '... on Customer { orders { edges { node { id } } } }',
    row(['UNAUTHENTICATED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'ok', 'ok', 'ok']),
  ],
  [
    'Customer.payments',
    'payments',
    () => ({ __typename: 'Customer', id: alice.id }),
    '... on Customer { payments { edges { node { id } } } }',
    row(['UNAUTHENTICATED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'ok', 'FORBIDDEN', 'ok']),
  ],
  [
    'Customer.metrics',
    'analytics',
    () => ({ __typename: 'Customer', id: alice.id }),
    '... on Customer { metrics { totalOrders } }',
    row(['UNAUTHENTICATED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'ok', 'FORBIDDEN', 'ok']),
  ],
  [
    'Order',
    'orders',
    () => ({ __typename: 'Order', id: orderId }),
    '... on Order { totalCents }',
    row(['UNAUTHENTICATED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'Order.payments',
    'payments',
    () => ({ __typename: 'Order', id: orderId }),
    '... on Order { payments { id } }',
    row(['UNAUTHENTICATED', 'ok', 'ok', 'ok', 'ok', 'ok', 'FORBIDDEN', 'ok']),
  ],
  [
    'Store.orders',
    'orders',
    () => ({ __typename: 'Store', id: storeId }),
    '... on Store { orders { totalCount edges { node { id } } } }',
    row(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'ok', 'FORBIDDEN']),
  ],
  [
    'Store.auditLog',
    'customers',
    () => ({ __typename: 'Store', id: storeId }),
    '... on Store { auditLog { totalCount edges { node { id } } } }',
    row(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'Store.analyticsAuditLog',
    'analytics',
    () => ({ __typename: 'Store', id: storeId }),
    '... on Store { analyticsAuditLog { totalCount edges { node { id } } } }',
    row(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'Store.ordersAuditLog',
    'orders',
    () => ({ __typename: 'Store', id: storeId }),
    '... on Store { ordersAuditLog { totalCount edges { node { id } } } }',
    row(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'Store.paymentsAuditLog',
    'payments',
    () => ({ __typename: 'Store', id: storeId }),
    '... on Store { paymentsAuditLog { totalCount edges { node { id } } } }',
    row(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
  [
    'Payment',
    'payments',
    () => ({ __typename: 'Payment', id: paymentId }),
    '... on Payment { amountCents }',
    row(['UNAUTHENTICATED', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']),
  ],
];

/** Entities whose reference resolves for anyone; their protected fields refuse one by one. */
const PUBLIC_ENTITIES = new Set(['Store']);

describe('authorization matrix at the subgraphs (_entities with a valid gateway token)', () => {
  test.each(ENTITY_CASES)('%s', async (_, subgraph, representation, selection, expected) => {
    for (const persona of PERSONAS) {
      const response = await fetch(platform.subgraphs[subgraph].url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [INTERNAL_TOKEN_HEADER]: await signInternalToken(viewers[persona] ?? null, internalSecret),
        },
        body: JSON.stringify({
          query: `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
          variables: { r: [representation()] },
        }),
      });
      const body = (await response.json()) as { data?: { _entities: unknown[] }; errors?: { extensions?: { code?: string } }[] };
      const outcome = outcomeOf(body);
      expect(outcome, persona).toBe(expected[persona]);
      if (outcome === 'ok') {
        expect(body.data?._entities[0], persona).not.toBeNull();
        // Lists that reach across a tenant come back empty, never with another store's rows.
        if (persona.startsWith('foreign') && selection.includes('edges'))
          expect(JSON.stringify(body.data), persona).not.toContain('"node"');
        if (persona.startsWith('foreign') && selection.includes('payments { id }'))
          expect(JSON.stringify(body.data), persona).toContain('"payments":[]');
      } else if (PUBLIC_ENTITIES.has(representation().__typename)) {
        // Anyone may reference a public entity (a store, for its menu): only the refused field is null.
        const entity = body.data?._entities[0] as Record<string, unknown> | null | undefined;
        expect(entity, persona).not.toBeNull();
        expect(
          Object.values(entity ?? {}).every((value) => value === null),
          persona,
        ).toBe(true);
      } else {
        expect(body.data?._entities[0] ?? null, persona).toBeNull();
      }
    }
  });

  test('the store analytics entity field refuses other stores', async () => {
    const response = await fetch(platform.subgraphs.analytics.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [INTERNAL_TOKEN_HEADER]: await signInternalToken(viewers.foreignAdmin!, internalSecret),
      },
      body: JSON.stringify({
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Store { analytics { revenueCents } } } }',
        variables: { r: [{ __typename: 'Store', id: storeId }] },
      }),
    });
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

/**
 * Store operations, by every persona and an admin of Alice's store (napoli, also the platform
 * operator's store in the tests): who may open stores, create a store's accounts, keep its menu and
 * set its fee. Each case makes what it changes afresh, so every persona meets the same state.
 */
const STORE_PERSONAS = [...PERSONAS, 'admin'] as const;
type StorePersona = (typeof STORE_PERSONAS)[number];
const storeRow = (values: Outcome[]) => Object.fromEntries(STORE_PERSONAS.map((p, i) => [p, values[i]!])) as Record<StorePersona, Outcome>;
const unique = () => randomUUID().slice(0, 8);
/** A fresh item on napoli's menu, added by its admin. */
const napoliItem = async () => {
  const added: any = await platform.gql(
    'mutation ($input: AddMenuItemInput!) { addMenuItem(input: $input) { id } }',
    { input: { name: `Matrix ${unique()}`, category: 'Matrix', priceCents: 100 } },
    tokens.admin,
  );
  return added.data.addMenuItem.id as string;
};
//                                                 anonymous          self         otherCustomer foreignCustomer staff        foreignStaff driver       foreignAdmin admin
const STORE_CASES: [string, () => Promise<[string, Record<string, unknown>]>, Record<StorePersona, Outcome>][] = [
  [
    'createStore',
    async () => {
      const slug = `matrix-${unique()}`;
      return [
        'mutation ($input: CreateStoreInput!) { createStore(input: $input) { store { id } } }',
        {
          input: {
            slug,
            name: 'Matrix',
            currency: 'EUR',
            admin: { email: `a@${slug}.example`, password: 'long enough password', firstName: 'A', lastName: 'B' },
          },
        },
      ];
    },
    storeRow(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok']),
  ],
  [
    // At the caller's own store: a foreign admin creates one at theirs.
    'createStoreAccount',
    async () => [
      'mutation ($input: CreateStoreAccountInput!) { createStoreAccount(input: $input) { id } }',
      { input: { role: 'STAFF', email: `staff-${unique()}@example.com`, password: 'long enough password', firstName: 'S', lastName: 'T' } },
    ],
    storeRow(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'ok']),
  ],
  [
    // To the caller's own store's menu.
    'addMenuItem',
    async () => [
      'mutation ($input: AddMenuItemInput!) { addMenuItem(input: $input) { id } }',
      { input: { name: `Matrix ${unique()}`, category: 'Matrix', priceCents: 100 } },
    ],
    storeRow(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'ok', 'FORBIDDEN', 'ok', 'ok']),
  ],
  [
    'updateMenuItem (napoli item)',
    async () => [
      'mutation ($input: UpdateMenuItemInput!) { updateMenuItem(input: $input) { id } }',
      { input: { id: await napoliItem(), priceCents: 5 } },
    ],
    storeRow(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok']),
  ],
  [
    'removeMenuItem (napoli item)',
    async () => ['mutation ($id: ID!) { removeMenuItem(id: $id) { id } }', { id: await napoliItem() }],
    storeRow(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok']),
  ],
  [
    // Of the caller's own store (the demo fees stay as they were: 250 is napoli's, 399 burger-barn's).
    'setDeliveryFee',
    async () => ['mutation ($fee: Int!) { setDeliveryFee(deliveryFeeCents: $fee) { id } }', { fee: 250 }],
    storeRow(['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'ok']),
  ],
];

describe('authorization matrix of store operations through the gateway', () => {
  beforeAll(async () => {
    tokens.admin = await platform.login('admin@napoli.example');
  });

  test.each(STORE_CASES)('%s', async (_, make, expected) => {
    for (const persona of STORE_PERSONAS) {
      const [query, variables] = await make();
      const result: any = await platform.gql(query, variables, (tokens as Record<string, string>)[persona]);
      expect(outcomeOf(result), persona).toBe(expected[persona]);
      if (expected[persona] !== 'ok') expect(result.data ?? null, persona).toBeNull();
    }
  });

  test("an admin's setDeliveryFee reaches only their own store", async () => {
    const fee: any = await platform.gql('mutation { setDeliveryFee(deliveryFeeCents: 399) { id } }', {}, tokens.foreignAdmin);
    expect(fee.data.setDeliveryFee.id).toBe(viewers.foreignAdmin!.storeId);
    const napoli: any = await platform.gql('{ store(slug: "napoli") { deliveryFeeCents } }');
    expect(napoli.data.store.deliveryFeeCents).toBe(250);
  });
});
