import { randomUUID } from 'node:crypto';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { Defer20220824Handler } from '@apollo/client/incremental';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  controllableProxy,
  incremental,
  metric,
  type Part,
  startTestPlatform,
  type SubgraphProxy,
  type TestPlatform,
} from './harness/index.ts';

/**
 * `@defer` through the real gateway, as Apollo Client's HttpLink asks for it
 * (`Accept: multipart/mixed;deferSpec=20220824, application/json`): the first part without the
 * deferred fragments, each deferred fragment in a part of its own, the last with `hasNext: false`,
 * and merged, exactly the answer of the same query without `@defer`. Analytics sits behind a
 * proxy the tests can hold, to prove the first part does not wait for a deferred fetch.
 */

let platform: TestPlatform;
let analytics: SubgraphProxy;
let ada: string;
let staff: string;

const ORDERS = 'orders(first: 3) { edges { node { orderNumber status totalCents currency payments { status } } } }';
const PROFILE = `query Profile { me { firstName lastName email ${ORDERS} metrics { totalOrders totalSpentCents } } }`;
const DEFERRED_PROFILE = `query Profile { me { firstName lastName email ${ORDERS} ... @defer(label: "metrics") { metrics { totalOrders totalSpentCents } } } }`;

beforeAll(async () => {
  analytics = await controllableProxy();
  platform = await startTestPlatform({
    env: { ANALYTICS_URL: analytics.url, ANALYTICS_TIMEOUT_MS: '60000', EVENTS_POLL_MS: '60000' },
  });
  analytics.setTarget(platform.subgraphs.analytics.url);
  [ada, staff] = await Promise.all([platform.login('ada@napoli.example'), platform.login('staff@napoli.example')]);
});
afterAll(async () => {
  await platform?.stop();
  await analytics?.close();
});

const ask = (query: string, token?: string, variables?: Record<string, unknown>, onPart?: (part: Part, index: number) => void) =>
  incremental(platform.gatewayUrl, { query, variables }, { token, onPart });

describe('the deferred profile', () => {
  test('answers in parts: the first without the deferred fragment, then the fragment at its path, merged equal to the query without @defer', async () => {
    const answer = await ask(DEFERRED_PROFILE, ada);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('multipart/mixed;boundary="graphql";deferSpec=20220824');
    expect(answer.parts).toHaveLength(2);
    const [first, second] = answer.parts as [Part, Part];
    expect(first.hasNext).toBe(true);
    expect(first.errors).toBeUndefined();
    const me = (first.data as any).me;
    expect(me.firstName).toBe('Ada');
    expect(me.orders.edges.length).toBeGreaterThan(0);
    expect(me).not.toHaveProperty('metrics');
    expect(second).toEqual({
      hasNext: false,
      incremental: [
        { data: { metrics: { totalOrders: expect.any(Number), totalSpentCents: expect.any(Number) } }, path: ['me'], label: 'metrics' },
      ],
    });
    const whole = await platform.gql(PROFILE, {}, ada);
    expect(answer.merged).toEqual({ data: whole.data, errors: [] });
    expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('a client that does not ask for parts gets the whole answer in one ordinary response', async () => {
    const plain = await platform.gql(DEFERRED_PROFILE, {}, ada);
    const whole = await platform.gql(PROFILE, {}, ada);
    expect(plain.status).toBe(200);
    expect(plain.errors).toBeUndefined();
    expect(plain.data).toEqual(whole.data);
    // Accepting only JSON is the same.
    const json = await incremental(platform.gatewayUrl, { query: DEFERRED_PROFILE }, { token: ada, accept: 'application/json' });
    expect(json.contentType).toMatch(/^application\/json/);
    expect(json.parts).toEqual([{ data: whole.data }]);
  });

  test('the first part does not wait for the deferred fetch: it arrives while analytics is held, the rest when it is released', async () => {
    const order: string[] = [];
    analytics.setMode('hold');
    let released = false;
    const answer = ask(DEFERRED_PROFILE, ada, undefined, (part, index) => {
      order.push(`part ${index}${part.hasNext ? '' : ' (last)'}`);
      if (index === 0) {
        // The analytics fetch is under way (or about to be) and held: release it only now.
        void analytics.whenHolding().then(() => {
          order.push('analytics released');
          released = true;
          analytics.release();
        });
      }
    });
    const { parts } = await answer;
    expect(released).toBe(true);
    expect(order).toEqual(['part 0', 'analytics released', 'part 1 (last)']);
    expect((parts[0]!.data as any).me.firstName).toBe('Ada');
    expect(parts[1]!.incremental![0]!.data).toHaveProperty('metrics.totalOrders');
  });

  test('fetches and SQL statements per request are those of the same query without @defer', async () => {
    const measure = async (run: () => Promise<unknown>) => {
      await run(); // plans warmed up
      platform.resetCounters();
      await run();
      return { statements: platform.statementCounts(), fetches: Object.fromEntries(platform.subgraphFetches) };
    };
    const deferred = await measure(() => ask(DEFERRED_PROFILE, ada));
    const whole = await measure(() => platform.gql(PROFILE, {}, ada));
    expect(deferred).toEqual(whole);
    expect(deferred.fetches.analytics).toBe(1);
  });
});

describe('Apollo Client', () => {
  test("HttpLink renders the first part, then the rest, with Apollo Client's own deferSpec=20220824 handler and no custom link", async () => {
    const client = new ApolloClient({
      link: new HttpLink({ uri: platform.gatewayUrl, headers: { authorization: `Bearer ${ada}` } }),
      cache: new InMemoryCache(),
      incrementalHandler: new Defer20220824Handler(),
    });
    try {
      analytics.setMode('hold');
      const seen: { dataState: string; data: any; at: string }[] = [];
      const done = new Promise<void>((resolve, reject) => {
        const subscription = client.watchQuery({ query: gql(DEFERRED_PROFILE), fetchPolicy: 'network-only' }).subscribe({
          next: (result) => {
            if (result.loading && !result.data) return;
            seen.push({ dataState: result.dataState, data: result.data, at: released ? 'released' : 'held' });
            if (result.dataState === 'streaming') {
              void analytics.whenHolding().then(() => {
                released = true;
                analytics.release();
              });
            }
            if (result.dataState === 'complete') {
              subscription.unsubscribe();
              resolve();
            }
          },
          error: reject,
        });
      });
      let released = false;
      await done;
      expect(seen.map((s) => `${s.dataState} while analytics ${s.at}`)).toEqual([
        'streaming while analytics held',
        'complete while analytics released',
      ]);
      expect(seen[0]!.data.me.firstName).toBe('Ada');
      expect(seen[0]!.data.me.metrics).toBeUndefined();
      expect(seen[1]!.data.me.metrics.totalOrders).toBeGreaterThan(0);
    } finally {
      analytics.release();
      client.stop();
    }
  });
});

describe('forms of @defer', () => {
  test('named fragment spreads, inline fragments with and without labels, and nested defers, the inner after the outer', async () => {
    const query = `query Nested {
      me {
        firstName
        ...Contact @defer(label: "contact")
        ... @defer(label: "outer") {
          metrics { totalOrders }
          orders(first: 2) { edges { node { orderNumber ... @defer(label: "inner") { payments { status } } } } }
        }
      }
    }
    fragment Contact on Customer { email }`;
    const answer = await ask(query, ada);
    const labels = answer.parts.slice(1).map((p) => [...new Set(p.incremental?.map((e) => e.label))].join());
    expect(labels.indexOf('inner')).toBeGreaterThan(labels.indexOf('outer'));
    expect(labels.sort()).toEqual(['contact', 'inner', 'outer']);
    expect(answer.parts.at(-1)!.hasNext).toBe(false);
    expect(answer.parts.slice(0, -1).every((p) => p.hasNext === true)).toBe(true);
    const inner = answer.parts.find((p) => p.incremental?.[0]?.label === 'inner')!;
    // One entry per order the fragment applies to, each at its own path.
    expect(inner.incremental!.map((e) => e.path)).toEqual(inner.incremental!.map((_, i) => ['me', 'orders', 'edges', i, 'node']));
    const plain = await platform.gql(query, {}, ada);
    expect(answer.merged).toEqual({ data: plain.data, errors: [] });
  });

  test('a deferred fragment that is all its parent asks for leaves the parent, and each list item, an empty object in the first part', async () => {
    const query =
      '{ me { ... @defer(label: "all") { email } orders(first: 2) { edges { node { ... @defer(label: "each") { orderNumber } } } } } }';
    const answer = await ask(query, ada);
    expect(answer.parts[0]).toEqual({ data: { me: { orders: { edges: [{ node: {} }, { node: {} }] } } }, hasNext: true });
    const plain = await platform.gql(query, {}, ada);
    expect(answer.merged).toEqual({ data: plain.data, errors: [] });
  });

  test('`if` decides: deferred when true, answered with the rest when false', async () => {
    const query = `query ($later: Boolean!) { me { firstName ... @defer(if: $later) { metrics { totalOrders } } } }`;
    const deferred = await ask(query, ada, { later: true });
    expect(deferred.parts).toHaveLength(2);
    expect(deferred.parts[0]!.data).toEqual({ me: { firstName: 'Ada' } });
    const inline = await ask(query, ada, { later: false });
    expect(inline.contentType).toMatch(/^application\/json/);
    expect(inline.parts).toEqual([{ data: { me: { firstName: 'Ada', metrics: { totalOrders: expect.any(Number) } } } }]);
  });

  test('a query without @defer asked for in parts is answered as ordinary JSON; one that accepts only multipart gets one part', async () => {
    const json = await incremental(platform.gatewayUrl, { query: '{ me { firstName } }' }, { token: ada });
    expect(json.contentType).toMatch(/^application\/json/);
    expect(json.parts).toEqual([{ data: { me: { firstName: 'Ada' } } }]);
    const only = await incremental(
      platform.gatewayUrl,
      { query: 'query ($later: Boolean!) { me { firstName ... @defer(if: $later) { email } } }', variables: { later: false } },
      { token: ada, accept: 'multipart/mixed;deferSpec=20220824' },
    );
    expect(only.contentType).toMatch(/^multipart\/mixed/);
    expect(only.parts).toEqual([{ data: { me: { firstName: 'Ada', email: 'ada@napoli.example' } }, hasNext: false }]);
  });

  test('a mutation may defer what it returns; its root fields may not be deferred', async () => {
    const menu = await platform.menu();
    const placed = await ask(
      `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id status ... @defer(label: "who") { customer { firstName } } } }`,
      ada,
      { input: { items: [{ menuItemId: menu[0]!.id, quantity: 1 }], deliveryAddress: ADDRESS, idempotencyKey: randomUUID() } },
    );
    expect(placed.parts[0]!.errors).toBeUndefined();
    expect((placed.parts[0]!.data as any).placeOrder.status).toBe('PENDING_PAYMENT');
    expect(placed.parts[1]!.incremental).toEqual([{ data: { customer: { firstName: 'Ada' } }, path: ['placeOrder'], label: 'who' }]);

    const refused = await ask(`mutation { ... @defer { updateMe(input: { firstName: "Ada" }) { firstName } } }`, ada);
    expect(refused.parts[0]!.errors?.[0]).toMatchObject({
      message: expect.stringContaining('@defer cannot be used on the root fields of a mutation'),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  test('labels: written in the operation and each used once', async () => {
    const twice = await ask('{ me { ... @defer(label: "a") { email } ... @defer(label: "a") { firstName } } }', ada);
    expect(twice.parts[0]!.errors?.[0]).toMatchObject({
      message: 'The label "a" is used by more than one @defer; each needs its own.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const variable = await ask('query ($l: String) { me { ... @defer(label: $l) { email } } }', ada, { l: 'x' });
    expect(variable.parts[0]!.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const reserved = await ask('{ me { ... @defer(label: "gateway-defer-0") { email } } }', ada);
    expect(reserved.parts[0]!.errors?.[0]).toMatchObject({
      message: 'Labels starting with "gateway-defer-" are the gateway\'s own; choose another.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const nullIf = await ask('query ($d: Boolean) { me { ... @defer(if: $d) { email } } }', ada, { d: null });
    expect(nullIf.status).toBe(400);
    expect(nullIf.parts[0]!.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'd' });
    // Not given: the argument's default, true.
    const unset = await ask('query ($d: Boolean) { me { ... @defer(if: $d) { email } } }', ada, {});
    expect(unset.parts).toHaveLength(2);
  });
});

describe('what holds for queries holds for each part', () => {
  test('a deferred field the caller may not see is null with FORBIDDEN at its path, in the part it belongs to', async () => {
    for (const label of ['board', undefined]) {
      const directive = label ? `@defer(label: "${label}")` : '@defer';
      const answer = await ask(`{ store(slug: "napoli") { name ... ${directive} { menu { name } analytics { orderCount } } } }`, ada);
      expect(answer.parts).toHaveLength(2);
      expect(answer.parts[0]).toEqual({ data: { store: { name: 'Pizzeria Napoli' } }, hasNext: true });
      const [entry] = answer.parts[1]!.incremental!;
      expect(entry!.path).toEqual(['store']);
      // A label the client did not give is not in the answer.
      expect(entry!.label).toBe(label);
      expect(Object.hasOwn(entry!, 'label')).toBe(label !== undefined);
      expect((entry!.data as any).menu.length).toBeGreaterThan(0);
      expect((entry!.data as any).analytics).toBeNull();
      expect(entry!.errors).toEqual([
        expect.objectContaining({ path: ['store', 'analytics'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
      ]);
    }
    // Signed out: UNAUTHENTICATED in the deferred part, for a field deferred inside a list too.
    const anonymous = await ask('{ stores { slug ... @defer(label: "figures") { name analytics { orderCount } } } }');
    const entries = anonymous.parts.slice(1).flatMap((p) => p.incremental ?? []);
    expect(entries.length).toBeGreaterThan(1);
    entries.forEach((entry, i) => {
      expect(entry.path).toEqual(['stores', i]);
      expect(entry.errors?.[0]).toMatchObject({ path: ['stores', i, 'analytics'], extensions: { code: 'UNAUTHENTICATED' } });
    });
    expect(anonymous.parts[0]!.errors).toBeUndefined();
  });

  test("a failing subgraph's error is in the deferred part it belongs to, with serviceName and path; the first part is clean", async () => {
    analytics.setRewrite(() => ({ status: 500, body: 'upstream trouble' }));
    try {
      const answer = await ask(DEFERRED_PROFILE, ada);
      expect(answer.parts[0]!.errors).toBeUndefined();
      expect((answer.parts[0]!.data as any).me.firstName).toBe('Ada');
      const [entry] = answer.parts[1]!.incremental!;
      expect(entry!.data).toEqual({ metrics: null });
      expect(entry!.errors?.[0]).toMatchObject({ path: ['me', 'metrics'], extensions: { serviceName: 'analytics' } });
      const text = JSON.stringify(answer.parts);
      expect(text).not.toContain('upstream trouble');
      expect(text).not.toMatch(/at .*\.ts:\d+/);
    } finally {
      analytics.setRewrite(undefined);
    }
  });

  test('limits count deferred selections: a defer does not hide depth', async () => {
    const deep = (n: number): string => (n === 0 ? 'id' : `store { customers(first: 1) { edges { node { ${deep(n - 1)} } } } }`);
    const answer = await ask(`{ me { firstName ... @defer { ${deep(4)} } } }`, staff);
    expect(answer.parts).toHaveLength(1);
    expect(answer.parts[0]!.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDepth' });
  });

  test('identical deferred requests at the same moment are each answered in parts (read-merging never merges them)', async () => {
    const answers = await Promise.all([ask(DEFERRED_PROFILE, ada), ask(DEFERRED_PROFILE, ada), ask(DEFERRED_PROFILE, ada)]);
    for (const answer of answers) {
      expect(answer.parts).toHaveLength(2);
      expect(answer.parts[1]!.incremental![0]!.label).toBe('metrics');
    }
  });

  test('hostile forms of @defer get a clear error with a stable code, never an internal one', async () => {
    const nested = (n: number): string => (n === 0 ? 'email' : `... @defer { firstName ${nested(n - 1)} }`);
    const cases: [string, Record<string, unknown>?][] = [
      ['{ me { firstName @defer } }'],
      ['{ me { ... @defer(if: "yes") { email } } }'],
      ['{ me { ... @defer(label: 42) { email } } }'],
      ['{ me { ... @defer(unknown: true) { email } } }'],
      ['{ me { ... @defer @defer { email } } }'],
      [`{ me { ... @defer(label: "${'x'.repeat(5000)}") { email } } }`],
      ['{ me { ... @defer(label: "\u0000\ud800</script>") { email } } }'],
      [`{ me { ${nested(60)} } }`],
      ['query ($d: Boolean!) { me { ... @defer(if: $d) { email } } }', { d: 'no' }],
      ['query ($d: Boolean) { me { ... @defer(if: $d) { email } } }', { d: null }],
      ['subscription { ... @defer { myOrderUpdates { id } } }'],
      ['{ me { ... on Order @defer { id } } }'],
    ];
    for (const [query, variables] of cases) {
      const answer = await ask(query, ada, variables);
      const label = query.slice(0, 80);
      expect(answer.status, label).toBeLessThan(500);
      const errors = answer.merged.errors;
      const text = JSON.stringify(answer.parts);
      expect(text, label).not.toMatch(/INTERNAL_SERVER_ERROR|stacktrace|\.ts:\d+|node_modules/);
      for (const error of errors) expect(error.extensions?.code, label).toMatch(/^[A-Z_]+$/);
      // Either refused with a reason, or answered (a null `if` defers, as the spec's default does).
      if (errors.length === 0) expect(answer.merged.data, label).toHaveProperty('me.email', 'ada@napoli.example');
    }
  });

  test('counted and logged like any request, and again when the last part is sent', async () => {
    const before = await metric(platform, 'graphql_incremental_duration_seconds_count');
    const requests = await metric(platform, 'graphql_requests_total', 'gateway');
    await ask(DEFERRED_PROFILE, ada);
    expect(await metric(platform, 'graphql_incremental_duration_seconds_count')).toBe(before + 1);
    expect(await metric(platform, 'graphql_requests_total', 'gateway')).toBe(requests + 1);
  });

  test('a bad token is refused before anything is planned, as for any request', async () => {
    const answer = await ask(DEFERRED_PROFILE, 'not-a-token');
    expect(answer.status).toBe(401);
    expect(answer.parts[0]!.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

const ADDRESS = { line1: '1 Via Roma', city: 'Napoli', postalCode: '80100', country: 'IT' };
