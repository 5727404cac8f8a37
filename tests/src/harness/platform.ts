import { randomBytes, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { generateInternalSecret, type DestinationStream } from '@supergraph/service-kit';
import {
  createPlatformGateway,
  readPlatformConfig,
  startPlatform,
  type DatasetSize,
  type Platform,
  type SubgraphName,
} from '@supergraph/platform';

/** Small, fast demo data for tests: 3 stores with menus, a few customers each. */
export const TEST_SIZE: DatasetSize = { customersPerStore: 4, averageOrdersPerCustomer: 2 };

export interface TestPlatform extends Platform {
  /** Sends one GraphQL request to the gateway over HTTP. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** Signs in through the gateway and returns the bearer token. */
  login(email: string, storeSlug?: string, password?: string): Promise<string>;
  /** Registers a fresh customer through the gateway. */
  register(storeSlug?: string, overrides?: Record<string, unknown>): Promise<{ id: string; email: string; token: string }>;
  /** A store's menu, read through the gateway. */
  menu(storeSlug?: string): Promise<{ id: string; name: string; priceCents: number; currency: string }[]>;
  /** Places an order through the gateway (first menu item × quantity, unless lines are given). */
  placeOrder(
    token: string,
    options?: { storeSlug?: string; quantity?: number; lines?: { menuItemId: string; quantity: number }[] },
  ): Promise<{ id: string; totalCents: number; currency: string }>;
  /** Pays an order through the gateway; returns the whole GraphQL response. */
  payOrder(token: string, orderId: string, card?: string, idempotencyKey?: string): Promise<GraphQLResponse<{ payOrder: PaymentResult }>>;
  /** Zeroes the SQL-statement and subgraph-fetch counters. */
  resetCounters(): void;
  /** SQL statements per subgraph since the last reset. */
  statementCounts(): Record<string, number>;
  /**
   * A second gateway over the same subgraphs, with the same settings, secret and keys as the
   * platform's own but for `env` on top (`GATEWAY_EXECUTOR: 'apollo'`, say). Stopped with the platform.
   */
  startGateway(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }>;
  /** The environment the platform was started with (its isolated DATABASE_URL too): for an operator command run beside it. */
  settings: Record<string, string>;
  /**
   * A second replica of one subgraph over the same database, with the platform's settings but for
   * `env` on top (its own throttles, its own Redis connection). Stopped with the platform.
   */
  replica(name: SubgraphName, env?: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }>;
}

export interface PaymentResult {
  id: string;
  status: string;
  amountCents: number;
  refundedCents: number;
  currency: string;
  failureReason: string | null;
  method: { brand: string; last4: string } | null;
}

export const PAYMENT_FIELDS = 'id status amountCents refundedCents currency failureReason method { brand last4 }';

export interface GraphQLResponse<T> {
  status: number;
  data: T | null | undefined;
  errors: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[] | undefined;
}

/** One GraphQL request over HTTP to the gateway at `url`, as the token's owner when a token is given. */
export async function gqlAt<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphQLResponse<T>['errors'] };
  return { status: response.status, data: body.data, errors: body.errors };
}

/**
 * Starts the real platform (gateway + four subgraphs over HTTP) on free ports with an isolated
 * database: a private embedded one, or a fresh PostgreSQL database when DATABASE_URL is set.
 */
export async function startTestPlatform(
  options: { demoSize?: DatasetSize; env?: Record<string, string>; logStream?: DestinationStream } = {},
): Promise<TestPlatform> {
  const serverUrl = process.env.DATABASE_URL;
  const isolated = serverUrl ? await createIsolatedDatabase(serverUrl) : undefined;
  let platform: Platform;
  // Kept, so that a second gateway (startGateway) reads the very settings the platform's own did.
  let source: Record<string, string>;
  try {
    source = {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      // Real scrypt, at a cost that keeps the suite quick; production refuses anything below OWASP's.
      PASSWORD_SCRYPT_LOG_N: '12',
      DATABASE_POOL_SIZE: '4',
      PAYMENTS_ORDER_WAIT_MS: '300',
      // Tests rotate keys and expect the gateway to notice at once.
      AUTH_JWKS_COOLDOWN_MS: '0',
      // One test file signs in and registers far more often than a person; the throttling test sets its own.
      LOGIN_ATTEMPTS_PER_ACCOUNT: '10000',
      LOGIN_ATTEMPTS_PER_ADDRESS: '10000',
      REGISTRATIONS_PER_ADDRESS: '10000',
      // The admins of napoli are the platform's operators: they may create stores (store-operations.test.ts).
      PLATFORM_OPERATOR_STORE: 'napoli',
      // The web app (and its manifest at the gateway) only where a test asks for it: web-app.test.ts.
      WEB_APP: 'false',
      // Chosen here rather than by the platform, so that a second gateway can share it.
      INTERNAL_TOKEN_SECRET: generateInternalSecret(),
      ...(isolated ? { DATABASE_URL: isolated.url } : {}),
      ...options.env,
    };
    const config = readPlatformConfig(source);
    platform = await startPlatform({ config, ephemeralPorts: true, demoSize: options.demoSize ?? TEST_SIZE, logStream: options.logStream });
  } catch (error) {
    await isolated?.drop();
    throw error;
  }

  const gateways = new Set<() => Promise<void>>();
  const gql: TestPlatform['gql'] = (query, variables, token) => gqlAt(platform.gatewayUrl, query, variables, token);

  const menu: TestPlatform['menu'] = async (storeSlug = 'napoli') => {
    const result = await gql<{ store: { menu: { id: string; name: string; priceCents: number; currency: string }[] } }>(
      'query ($slug: String!) { store(slug: $slug) { menu { id name priceCents currency } } }',
      { slug: storeSlug },
    );
    if (!result.data?.store) throw new Error(`no store ${storeSlug}: ${JSON.stringify(result.errors)}`);
    return result.data.store.menu;
  };

  return {
    ...platform,
    settings: source,
    gql,
    menu,
    async login(email, storeSlug = 'napoli', password = 'supergraph-demo') {
      const result = await gql<{ login: { token: string } }>('mutation ($input: LoginInput!) { login(input: $input) { token } }', {
        input: { storeSlug, email, password },
      });
      if (!result.data?.login) throw new Error(`login failed for ${email}: ${JSON.stringify(result.errors)}`);
      return result.data.login.token;
    },
    async register(storeSlug = 'napoli', overrides = {}) {
      const email = `test-${randomBytes(5).toString('hex')}@example.com`;
      const result = await gql<{ register: { token: string; customer: { id: string; email: string } } }>(
        'mutation ($input: RegisterInput!) { register(input: $input) { token customer { id email } } }',
        { input: { storeSlug, email, password: 'correct horse battery', firstName: 'Test', lastName: 'Customer', ...overrides } },
      );
      if (!result.data?.register) throw new Error(`register failed: ${JSON.stringify(result.errors)}`);
      return { ...result.data.register.customer, token: result.data.register.token };
    },
    async placeOrder(token, { storeSlug = 'napoli', quantity = 1, lines } = {}) {
      const items = lines ?? [{ menuItemId: (await menu(storeSlug))[0]!.id, quantity }];
      const result = await gql<{ placeOrder: { id: string; totalCents: number; currency: string } }>(
        'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id totalCents currency } }',
        {
          input: {
            items,
            deliveryAddress: { line1: '1 Test Street', city: 'Testville', postalCode: '12345', country: 'IT' },
            idempotencyKey: randomUUID(),
          },
        },
        token,
      );
      if (!result.data?.placeOrder) throw new Error(`placeOrder failed: ${JSON.stringify(result.errors)}`);
      return result.data.placeOrder;
    },
    payOrder(token, orderId, card = 'tok_visa', idempotencyKey = randomUUID()) {
      return gql(
        `mutation ($input: PayOrderInput!) { payOrder(input: $input) { ${PAYMENT_FIELDS} } }`,
        { input: { orderId, paymentMethodToken: card, idempotencyKey } },
        token,
      );
    },
    resetCounters() {
      for (const subgraph of Object.values(platform.subgraphs)) subgraph.statements.count = 0;
      platform.subgraphFetches.clear();
    },
    statementCounts() {
      return Object.fromEntries(Object.entries(platform.subgraphs).map(([name, s]) => [name, s.statements.count]));
    },
    async startGateway(env) {
      const { gateway: config } = readPlatformConfig({ ...source, ...env });
      const gateway = await createPlatformGateway(config, platform.subgraphs, source.INTERNAL_TOKEN_SECRET!, {
        logStream: options.logStream,
      });
      const running = await gateway.listen(config.host, 0);
      const stop = async () => {
        gateways.delete(stop);
        await gateway.stop();
      };
      gateways.add(stop);
      return { url: running.url, stop };
    },
    async replica(name, env = {}) {
      const { url, stop } = await platform.startReplica(name, readPlatformConfig({ ...source, ...env }).subgraphs[name]);
      return { url, stop };
    },
    async stop() {
      for (const stopGateway of [...gateways]) await stopGateway();
      await platform.stop();
      await isolated?.drop();
    },
  };
}

/** A fresh database on the server for one test file (or one benchmark run), dropped afterwards: runs never share data. */
export async function createIsolatedDatabase(serverUrl: string, prefix = 'supergraph_test') {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
