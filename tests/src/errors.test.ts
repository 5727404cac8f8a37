import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

let platform: TestPlatform;
let staff: string;
let ada: string;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  platform = await startTestPlatform({
    env: { LOG_LEVEL: 'error' },
    logStream: { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  staff = await platform.login('staff@napoli.example');
  ada = await platform.login('ada@napoli.example');
});
afterAll(() => platform?.stop());

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** What no answer to a client may contain: SQL, parameters, stack frames, file paths, column names. */
const LEAKS =
  /\b(select|insert|update|delete)\b[\s\S]*\b(from|into|set)\b|\$\d|params:|password_hash|\bat .+:\d+|\/work\/|node_modules|\.ts:\d/i;

describe('unexpected errors are masked and logged', () => {
  test('a database failure answers a plain INTERNAL_SERVER_ERROR; the original is logged once with the request id and operation name', async () => {
    const analytics = platform.databases.analytics;
    await analytics.execute(sql`alter table analytics.order_facts rename to order_facts_away`);
    let response: Response;
    try {
      response = await fetch(platform.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ada}` },
        body: JSON.stringify({ query: 'query MyFigures { me { firstName metrics { totalOrders } } }' }),
      });
    } finally {
      await analytics.execute(sql`alter table analytics.order_facts_away rename to order_facts`);
    }
    const body = (await response.json()) as {
      data: any;
      errors: { message: string; path: string[]; extensions: Record<string, unknown> }[];
    };

    // The rest of the answer arrives; only the failed field is null, with a plain message.
    expect(body.data.me.firstName).toBe('Ada');
    expect(body.data.me.metrics).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ path: ['me', 'metrics'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(body.errors[0]!.message).toMatch(/^Something went wrong on our side/);
    expect(JSON.stringify(body)).not.toMatch(LEAKS);
    expect(JSON.stringify(body)).not.toMatch(/order_facts|relation|stack/i);

    const requestId = response.headers.get('x-request-id');
    const lines = logLines.filter((l) => l.reqId === requestId && /unexpected error/.test(String(l.msg)));
    expect(lines).toHaveLength(1);
    // The subgraph logs the operation name the gateway gave its part of the plan: the client's, plus a suffix.
    expect(lines[0]).toMatchObject({ service: 'analytics', operation: expect.stringMatching(/^MyFigures__analytics__/), level: 50 });
    expect(JSON.stringify(lines[0]!.err)).toMatch(/order_facts/);
  });
});

describe('client mistakes are BAD_USER_INPUT naming the input, and write nothing', () => {
  const badCursors = [
    ['an id that is SQL', cursor(['2026-01-01T00:00:00.000Z', "x' OR '1'='1"])],
    ['year 0', cursor(['0000-01-01T00:00:00.000Z', randomUUID()])],
    ['an impossible day', cursor(['2026-02-30T00:00:00.000Z', randomUUID()])],
  ] as const;
  const listings = [
    ['customers', 'query ($after: String) { customers(after: $after) { edges { cursor } } }', () => staff],
    ['me.orders', 'query ($after: String) { me { orders(after: $after) { edges { cursor } } } }', () => ada],
    ['me.payments', 'query ($after: String) { me { payments(after: $after) { edges { cursor } } } }', () => ada],
  ] as const;
  for (const [list, query, token] of listings) {
    test.each(badCursors)(`${list}: a cursor with %s`, async (_, after) => {
      const result = await platform.gql(query, { after }, token());
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      expect(JSON.stringify(result)).not.toMatch(LEAKS);
    });
  }

  test.each([
    ['customers(search)', 'query ($v: String) { customers(search: $v) { edges { cursor } } }', (v: string) => ({ v }), 'search'],
    [
      'updateMe.firstName',
      'mutation ($v: String) { updateMe(input: { firstName: $v }) { id } }',
      (v: string) => ({ v }),
      'input.firstName',
    ],
    [
      'addAddress.line1',
      'mutation ($v: String!) { addAddress(input: { line1: $v, city: "Rome", postalCode: "00100", country: "IT" }) { id } }',
      (v: string) => ({ v }),
      'input.line1',
    ],
    [
      'cancelOrder.reason',
      'mutation ($v: String) { cancelOrder(input: { orderId: "00000000-0000-4000-8000-000000000000", reason: $v }) { id } }',
      (v: string) => ({ v }),
      'input.reason',
    ],
  ])('a NUL character in %s', async (_, query, variables, field) => {
    const token = query.includes('customers(') ? staff : ada;
    const before = await profileOf(ada);
    const result = await platform.gql(query, variables('a\u0000b'), token);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await profileOf(ada)).toEqual(before);
  });

  test.each([
    ['order', '{ order(id: "abc") { id } }', 'query ($id: ID!) { order(id: $id) { id } }'],
    ['customer', '{ customer(id: "abc") { id } }', 'query ($id: ID!) { customer(id: $id) { id } }'],
    ['payment', '{ payment(id: "abc") { id } }', 'query ($id: ID!) { payment(id: $id) { id } }'],
  ])(
    '%s(id:) with an id that is not one this API returns is BAD_USER_INPUT, as in the mutations; an unknown id is null',
    async (field, malformed, byVariable) => {
      const result = await platform.gql(malformed, {}, staff);
      expect(result.data).toEqual({ [field]: null });
      expect(result.errors?.[0]).toMatchObject({
        message: 'id: must be an id this API returned',
        path: [field],
        extensions: { code: 'BAD_USER_INPUT', field: 'id' },
      });
      const unknown = await platform.gql(byVariable, { id: randomUUID() }, staff);
      expect(unknown.errors).toBeUndefined();
      expect(unknown.data).toEqual({ [field]: null });
    },
  );

  test('a variable whose default is not a valid value is the client’s mistake, named, and no subgraph is asked', async () => {
    const staff = await platform.login('staff@napoli.example');
    const query = 'query ($v: DateTime = "garbage") { topCustomers(since: $v) { totalSpentCents } }';
    // Used or not (a value sent instead): the document itself is invalid, as the subgraph would say.
    for (const variables of [{}, { v: '2026-01-01T00:00:00.000Z' }]) {
      platform.resetCounters();
      const result: any = await platform.gql(query, variables, staff);
      expect(result.status).toBe(400);
      expect(result.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(result.errors[0].message).toMatch(/^\$v: /);
      expect(platform.subgraphFetches.size).toBe(0);
    }
  });

  test('a NUL character in placeOrder.deliveryAddress.line1 places no order', async () => {
    const before = await platform.gql<any>('{ me { orderCount } }', {}, ada);
    const [item] = await platform.menu();
    const result = await platform.gql(
      'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
      {
        input: {
          items: [{ menuItemId: item!.id, quantity: 1 }],
          deliveryAddress: { line1: 'Via\u0000Roma 1', city: 'Rome', postalCode: '00100', country: 'IT' },
          idempotencyKey: randomUUID(),
        },
      },
      ada,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.deliveryAddress.line1' });
    expect((await platform.gql<any>('{ me { orderCount } }', {}, ada)).data).toEqual(before.data);
  });

  test.each([
    ['garbage', '"garbage"'],
    ['an impossible date', '"2026-13-45T99:00:00Z"'],
    ['30 February', '"2026-02-30T00:00:00Z"'],
    ['year 0', '"0000-01-01T00:00:00.000Z"'],
    ['a number', '1700000000'],
  ])('since: %s, written in the query or sent as a variable, is refused before any subgraph is asked', async (_, literal) => {
    const fields = [
      (since: string) => `{ me { store { analytics(since: ${since}) { orderCount } } } }`,
      (since: string) => `{ topCustomers(since: ${since}) { totalSpentCents } }`,
      (since: string) => `{ averageOrderValue(since: ${since}) { averageOrderValueCents } }`,
    ];
    for (const field of fields) {
      platform.resetCounters();
      const inline = await platform.gql(field(literal), {}, staff);
      const asVariable = await platform.gql(`query ($since: DateTime) ${field('$since')}`, { since: JSON.parse(literal) }, staff);
      for (const result of [inline, asVariable]) {
        expect(result.status).toBe(400);
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'since' });
        expect(result.errors?.[0]?.message).toMatch(/^since: /);
      }
      expect(platform.subgraphFetches.size).toBe(0);
    }
  });
});

async function profileOf(token: string) {
  return (await platform.gql<any>('{ me { firstName lastName updatedAt addresses { line1 } } }', {}, token)).data.me;
}
