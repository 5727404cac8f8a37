import { Lexer, Source, TokenKind } from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

const LIMITS = { MAX_QUERY_DEPTH: '6', MAX_QUERY_ALIASES: '3', MAX_QUERY_DIRECTIVES: '3', MAX_QUERY_TOKENS: '40', MAX_QUERY_COST: '60' };
let platform: TestPlatform;
let token: string;
beforeAll(async () => {
  platform = await startTestPlatform({ env: LIMITS, demoSize: { customersPerStore: 1, averageOrdersPerCustomer: 1 } });
  token = await platform.login('ada@napoli.example');
});
afterAll(() => platform?.stop());

/** The limit an operation broke, if any (`extensions.limit` on a validation or parse error). */
async function brokenLimit(query: string): Promise<string | undefined> {
  const result = await platform.gql(query, {}, token);
  const error = result.errors?.find(
    (e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' || e.extensions?.code === 'GRAPHQL_PARSE_FAILED',
  );
  if (error) expect(error.extensions?.limit, error.message).toBeDefined();
  return error?.extensions?.limit as string | undefined;
}

const tokenCount = (query: string) => {
  const lexer = new Lexer(new Source(query));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n += 1;
  return n;
};

/** `{ me { orders { edges { node { customer { … id } } } } } }`: a selection `depth` fields deep. */
const nested = (depth: number) => {
  const cycle = ['orders', 'edges', 'node', 'customer'];
  const path = ['me', ...Array.from({ length: depth - 2 }, (_, i) => cycle[i % cycle.length]!)];
  return `{ ${path.map((f) => `${f} {`).join(' ')} id ${'}'.repeat(path.length)} }`;
};

describe('operation limits (GraphQL Armor), each at its boundary', () => {
  test('depth', async () => {
    expect(await brokenLimit(nested(6))).toBeUndefined();
    expect(await brokenLimit(nested(7))).toBe('maxDepth');
  });

  test('aliases', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `s${i}: stores { id }`).join(' ')} }`;
    expect(await brokenLimit(aliases(3))).toBeUndefined();
    expect(await brokenLimit(aliases(4))).toBe('maxAliases');
  });

  test('aliases of __typename count like any other', async () => {
    const typenames = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    expect(await brokenLimit(typenames(3))).toBeUndefined();
    expect(await brokenLimit(typenames(4))).toBe('maxAliases');
  });

  test('directives', async () => {
    const directives = (n: number) =>
      `{ stores { ${['id', 'name', 'slug', 'currency', 'menu { id }']
        .slice(0, n)
        .map((f) => f.replace(/^(\w+)/, '$1 @include(if: true)'))
        .join(' ')} } }`;
    expect(await brokenLimit(directives(3))).toBeUndefined();
    expect(await brokenLimit(directives(4))).toBe('maxDirectives');
  });

  test('tokens', async () => {
    const fields = (n: number) => `{ stores { ${'id '.repeat(n)}} }`;
    const base = tokenCount(fields(0));
    const atLimit = fields(Number(LIMITS.MAX_QUERY_TOKENS) - base);
    expect(tokenCount(atLimit)).toBe(Number(LIMITS.MAX_QUERY_TOKENS));
    expect(await brokenLimit(atLimit)).toBeUndefined();
    expect(await brokenLimit(fields(Number(LIMITS.MAX_QUERY_TOKENS) - base + 1))).toBe('maxTokens');
  });

  test('cost: growing queries cross the limit once, and the one just before passes', async () => {
    const cheap = await startTestPlatform({
      env: { MAX_QUERY_COST: '12' },
      demoSize: { customersPerStore: 1, averageOrdersPerCustomer: 1 },
    });
    const queries = [
      '{ stores { id } }',
      '{ stores { id name } }',
      '{ stores { id name menu { id } } }',
      '{ stores { id name menu { id name priceCents } } }',
      '{ stores { id name menu { id name priceCents currency category } } }',
    ];
    const results = [];
    for (const query of queries) results.push((await cheap.gql(query)).errors?.[0]?.extensions?.limit);
    await cheap.stop();
    const firstOver = results.indexOf('maxCost');
    expect(firstOver).toBeGreaterThan(0);
    expect(results.slice(0, firstOver).every((r) => r === undefined)).toBe(true);
    expect(results.slice(firstOver).every((r) => r === 'maxCost')).toBe(true);
  });

  test('a page larger than any connection serves is refused as that, not as the cost it would multiply to', async () => {
    for (const [query, name] of [
      ['{ me { orders(first: 100000) { edges { node { id items { name } } } } } }', 'first'],
      ['{ me { orders(first: -1) { edges { node { id } } } } }', 'first'],
      ['{ me { payments(first: 101) { edges { node { id } } } } }', 'first'],
    ] as const) {
      const result = await platform.gql(query, {}, token);
      expect(result.status, query).toBe(400);
      expect(result.errors, query).toEqual([
        expect.objectContaining({ message: `"${name}" must be between 0 and 100.`, extensions: { code: 'BAD_USER_INPUT', field: name } }),
      ]);
    }
    // The largest page is not refused for its size (here, with MAX_QUERY_COST=60, it costs too much: the cost limit says so).
    const largest = await platform.gql('{ me { orders(first: 100) { edges { node { id } } } } }', {}, token);
    expect(largest.errors?.map((e) => e.extensions?.limit)).toEqual(['maxCost']);
    expect((await platform.gql('{ me { orders(first: 2) { edges { node { id } } } } }', {}, token)).errors).toBeUndefined();
    // The same value in a variable gets the same message, from the subgraph.
    const variable = await platform.gql('query ($n: Int) { me { orders(first: $n) { edges { node { id } } } } }', { n: 100000 }, token);
    expect(variable.errors?.[0]).toMatchObject({
      message: '"first" must be between 0 and 100.',
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
  });

  test('introspection is not limited by depth or cost', async () => {
    const result = await platform.gql(
      '{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name } } } } } } } }',
      {},
      token,
    );
    expect(result.errors).toBeUndefined();
  });
});

describe('production mode', () => {
  test('introspection, field suggestions and the Sandbox landing page are off; keys are required', async () => {
    const { generateAccessTokenKeys, generateInternalSecret } = await import('@supergraph/service-kit');
    await expect(startTestPlatform({ env: { NODE_ENV: 'production', PASSWORD_SCRYPT_LOG_N: '12' } })).rejects.toThrow(
      /PASSWORD_SCRYPT_LOG_N: must be at least 17/,
    );
    await expect(startTestPlatform({ env: { NODE_ENV: 'production', PASSWORD_SCRYPT_LOG_N: '17' } })).rejects.toThrow(/AUTH_SIGNING_KEY/);
    const production = await startTestPlatform({
      env: {
        NODE_ENV: 'production',
        AUTH_SIGNING_KEY: (await generateAccessTokenKeys()).privateKeyPem,
        INTERNAL_TOKEN_SECRET: generateInternalSecret(),
        PASSWORD_SCRYPT_LOG_N: '17',
      },
      demoSize: { customersPerStore: 1, averageOrdersPerCustomer: 0 },
    });
    try {
      const introspection = await production.gql('{ __schema { queryType { name } } }');
      expect(introspection.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const typo = await production.gql('{ stores { nmae } }');
      expect(typo.errors?.[0]?.message).not.toContain('Did you mean');
      const page = await fetch(production.gatewayUrl, { headers: { accept: 'text/html' } });
      expect(await page.text()).not.toContain('<html');
    } finally {
      await production.stop();
    }
  });
});
