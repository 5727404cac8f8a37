import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isNonNullType,
  isScalarType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SUPERGRAPH_SDL } from '@supergraph/gateway';
import { DEMO_PASSWORD } from '@supergraph/platform';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';
import {
  baselineValue,
  buildRequest,
  coveredCoordinates,
  declaredCoordinates,
  entityOf,
  groupFailures,
  hostileValuesFor,
  judge,
  positionsOf,
  sweptFields,
  withHostileAt,
  type Answer,
  type BaselineTable,
  type Failure,
  type GraphQLErrorJson,
  type ForeignIds,
  type Hostile,
  type Mode,
  type Position,
  type Problem,
  type Request,
  type Step,
  type SweptField,
} from './hostile-sweep.ts';

/**
 * A schema-driven hostile-input sweep. Every argument position of the API schema the gateway
 * serves (each argument, each nested input field, each list item, on Query, Mutation and every
 * type reachable from Query) gets hostile values of its type, one position at a time with valid
 * baselines everywhere else, through the real gateway with real tokens of every role. Every answer
 * must be valid data or errors with documented codes, leak nothing, write nothing when refused,
 * and leave the platform answering. A field added tomorrow is swept without editing this file;
 * only its baseline (a valid value) may need a line in BASELINES when its type's fallback is not one.
 *
 * What is covered, to stay within a few minutes on two cores: every value of a position, as a
 * variable, for the first role (in ROLES order) whose valid request gets past the door
 * (authentication and scopes), and the values whose literal takes another path (text with
 * escapes, numbers, dates, cursors) also inline; every other role gets the representative values
 * (a few per kind, the known holes among them) as variables: what the door sees, and what a
 * second role's code path gets.
 */
const ROLES = ['anonymous', 'customer', 'staff', 'driver', 'admin'] as const;
type Role = (typeof ROLES)[number];
const DOOR_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

let platform: TestPlatform;
let schema: GraphQLSchema;
let positions: Position[];
const tokens: Partial<Record<Role, string>> = {};
const emails: Partial<Record<Role, string>> = {};
/** Real ids of napoli (every role's store), by entity type: what ID positions get as a baseline. */
const ids: Record<string, string> = {};
/** Other stores' ids and wrong-kind ids of napoli: hostile values for ID positions. */
const foreignIds: ForeignIds = [];

beforeAll(async () => {
  // The circuit breaker stays at its default: no client input may make a subgraph fail, so none
  // may open the breaker for everyone else either.
  platform = await startTestPlatform();
  for (const role of ROLES) {
    if (role === 'anonymous') continue;
    const login = platform.demoLogins.find((l) => l.storeSlug === 'napoli' && l.role === role.toUpperCase())!;
    emails[role] = login.email;
    tokens[role] = await platform.login(login.email);
  }
  emails.anonymous = emails.customer;

  const napoli = await idsOf(tokens.customer!, tokens.admin!);
  Object.assign(ids, {
    Customer: napoli.customer,
    Order: napoli.order,
    Payment: napoli.payment,
    MenuItem: napoli.menuItem,
    Store: napoli.store,
  });
  const barn = await idsOf(
    await platform.login('ada@burgerbarn.example', 'burger-barn'),
    await platform.login('admin@burgerbarn.example', 'burger-barn'),
  );
  // Another store's ids go to every role: each must be refused the other tenant's data.
  foreignIds.push(
    { label: 'another store: a store', id: barn.store, representative: true },
    { label: 'another store: a customer', id: barn.customer, representative: true },
    { label: 'another store: an order', id: barn.order, representative: true },
    { label: 'another store: a payment', id: barn.payment, representative: true },
    { label: 'another store: a menu item', id: barn.menuItem, representative: true },
    { label: 'this store: another customer', id: napoli.otherCustomer },
    {
      label: 'this store: a staff account',
      id: (await platform.gql<{ me: { id: string } }>('{ me { id } }', {}, tokens.staff)).data!.me.id,
    },
    { label: 'this store: a payment (wrong kind)', id: napoli.payment },
    { label: 'this store: a menu item (wrong kind)', id: napoli.menuItem },
  );

  // The schema clients see (introspection is on outside production), not the subgraphs' SDL files.
  const introspection = await platform.gql<IntrospectionQuery>(getIntrospectionQuery());
  schema = buildClientSchema(introspection.data!);
  positions = positionsOf(sweptFields(schema));
});
afterAll(() => platform?.stop());

/** A store's ids, read through the gateway as its customer (`ada@…`) and its admin see them. */
async function idsOf(customerToken: string, adminToken: string) {
  const mine: any = await platform.gql(
    '{ me { id store { id } orders(first: 50) { edges { node { id } } } payments(first: 50) { edges { node { id status } } } } stores { id menu { id } } }',
    {},
    customerToken,
  );
  const listed: any = await platform.gql('{ customers(first: 100) { edges { node { id } } } }', {}, adminToken);
  const { me, stores } = mine.data;
  return {
    customer: me.id as string,
    store: me.store.id as string,
    order: me.orders.edges[0].node.id as string,
    payment: me.payments.edges.find((e: any) => e.node.status === 'SUCCEEDED').node.id as string,
    menuItem: stores.find((s: any) => s.id === me.store.id).menu[0].id as string,
    otherCustomer: listed.data.customers.edges.map((e: any) => e.node.id).find((id: string) => id !== me.id) as string,
  };
}

// ---------------------------------------------------------------------------------------------
// Baselines: a valid value for every position, so that a hostile value at one position reaches
// the resolver, the validation behind it and the database.
// ---------------------------------------------------------------------------------------------

/** A pending order for the mutations that use one up (pay, cancel, move); placed again after each success. */
let freshOrder: string | undefined;
let freshOrderUsed = false;
/** Set whenever building a baseline wrote something (an order, a session): the write watch is synced again. */
let baselineWrote = false;
const pendingOrder = async () => {
  freshOrderUsed = true;
  if (!freshOrder) {
    freshOrder = (await platform.placeOrder(tokens.customer!)).id;
    baselineWrote = true;
  }
  return freshOrder;
};
const freshRefreshToken = async () => {
  const result = await platform.gql<{ login: { refreshToken: string } }>(
    'mutation ($input: LoginInput!) { login(input: $input) { refreshToken } }',
    {
      input: { storeSlug: 'napoli', email: emails.customer, password: DEMO_PASSWORD },
    },
  );
  baselineWrote = true;
  return result.data!.login.refreshToken;
};

/**
 * Realistic values by schema coordinate, where the fallbacks below would not be valid. Sign-ins go
 * to each role's own account and registrations use fresh addresses: the harness sets the sign-in
 * and registration throttles to 10,000, and the sweep makes a few hundred of each, so no case
 * meets TOO_MANY_REQUESTS because of an earlier one.
 */
const BASELINES: Record<string, (role: Role) => unknown> = {
  'Query.store(slug)': () => 'napoli',
  'LoginInput.storeSlug': () => 'napoli',
  'LoginInput.email': (role) => emails[role],
  'LoginInput.password': () => DEMO_PASSWORD,
  'RegisterInput.storeSlug': () => 'napoli',
  'RegisterInput.email': () => `sweep-${randomBytes(6).toString('hex')}@example.com`,
  'RegisterInput.password': () => 'correct horse battery staple',
  'RefreshTokenInput.refreshToken': freshRefreshToken,
  'LogoutInput.refreshToken': freshRefreshToken,
  'PayOrderInput.orderId': pendingOrder,
  'PayOrderInput.paymentMethodToken': () => 'tok_visa',
  'CancelOrderInput.orderId': pendingOrder,
  'UpdateOrderStatusInput.orderId': pendingOrder,
  'UpdateOrderStatusInput.status': () => 'CANCELLED',
};

/** One role's baselines: BASELINES first, then rules by name, then fallbacks by type. */
const tableFor =
  (role: Role): BaselineTable =>
  (key, type) => {
    const entry = BASELINES[key];
    if (entry) return () => entry(role);
    const name = key.replace(/\)$/, '').split(/[.(]/).pop()!;
    // Idempotency keys must be new for every attempt, or the attempt is a replay of an earlier one.
    if (/idempotencyKey$/i.test(name)) return () => randomUUID();
    if (/^country$/i.test(name)) return () => 'IT';
    const named = getNamedType(type);
    if (!isScalarType(named)) return undefined;
    switch (named.name) {
      case 'Int':
      case 'SafeInt':
        return () => 1;
      case 'Float':
        return () => 1.5;
      case 'Boolean':
        return () => true;
      case 'DateTime':
        return () => '2026-01-01T00:00:00.000Z';
      case 'ID': {
        const entity = entityOf(schema, key);
        return () => (entity && ids[entity]) || randomUUID();
      }
      default:
        return () => 'hello';
    }
  };

// ---------------------------------------------------------------------------------------------
// Cases: build, send, judge.
// ---------------------------------------------------------------------------------------------

interface Case {
  field: SweptField;
  /** Undefined for the valid request that finds out whether a role gets past the door. */
  position?: Position;
  hostile?: Hostile;
  role: Role;
  mode: Mode;
}

async function requestFor(c: Case): Promise<Request | undefined> {
  const table = tableFor(c.role);
  const args = new Map<string, unknown>();
  for (const arg of c.field.field.args) {
    const key = `${c.field.coordinate}(${arg.name})`;
    if (c.position?.arg === arg) args.set(arg.name, await withHostileAt(arg.type, key, c.position.inner, c.hostile!.value, table));
    else if (isNonNullType(arg.type) && arg.defaultValue === undefined) args.set(arg.name, await baselineValue(arg.type, key, table));
  }
  const viaArgs = new Map<Step, Map<string, unknown>>();
  for (const step of c.field.via) {
    const values = new Map<string, unknown>();
    for (const arg of step.field.args) {
      if (isNonNullType(arg.type) && arg.defaultValue === undefined)
        values.set(arg.name, await baselineValue(arg.type, `${step.parentType}.${step.field.name}(${arg.name})`, table));
    }
    viaArgs.set(step, values);
  }
  return buildRequest(c.field, args, viaArgs, c.mode);
}

/** One request over HTTP, kept raw: the sweep judges the status and whether the body is JSON at all. */
async function send(request: Request, token: string | undefined, rootField?: string): Promise<Answer> {
  const started = performance.now();
  const subscription = request.query.startsWith('subscription');
  try {
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        // Subscriptions over HTTP, as Apollo Client's HttpLink asks for them.
        ...(subscription ? { accept: 'multipart/mixed;boundary="graphql";subscriptionSpec=1.0,application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(request),
      signal: subscription ? AbortSignal.timeout(30_000) : undefined,
    });
    if (subscription && response.headers.get('content-type')?.startsWith('multipart/mixed')) {
      return { ...(await firstPart(response, rootField ?? 'subscription')), ms: performance.now() - started };
    }
    const text = await response.text();
    let body: Answer['body'];
    try {
      body = JSON.parse(text) as Answer['body'];
    } catch {
      body = undefined;
    }
    return { status: response.status, body, text, ms: performance.now() - started };
  } catch (error) {
    return {
      status: 0,
      body: undefined,
      text: '',
      ms: performance.now() - started,
      failure: error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error),
    };
  }
}

/**
 * A subscription the gateway accepted streams until it is left: its first event (an error that
 * ended it, usually), or, when none comes within a second, a live stream, which counts as data.
 */
async function firstPart(response: Response, rootField: string): Promise<Omit<Answer, 'ms'>> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + 1_000;
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
      if (!chunk || chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
      // Whole parts only: each is followed by the next boundary.
      const payload = text
        .split('\r\n--graphql')
        .slice(1, -1)
        .map((part) => part.split('\r\n\r\n')[1])
        .find((json) => json?.includes('"payload"'));
      if (payload) {
        const parsed = JSON.parse(payload) as { payload: Answer['body'] | null; errors?: GraphQLErrorJson[] };
        return { status: response.status, body: parsed.payload ?? { errors: parsed.errors }, text: payload };
      }
    }
    return { status: response.status, body: { data: { [rootField]: { live: true } } }, text };
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/** The swept field's non-null values in the answer (a path through lists gives several). */
function valuesAt(answer: Answer, field: SweptField): unknown[] {
  let values: unknown[] = [answer.body?.data ?? null];
  for (const name of [...field.via.map((s) => s.field.name), field.field.name]) {
    values = values
      .flatMap((v) => (v && typeof v === 'object' ? [(v as Record<string, unknown>)[name]] : []))
      .flatMap((v) => (Array.isArray(v) ? v : [v]));
  }
  return values.filter((v) => v !== null && v !== undefined);
}
const answeredWithData = (answer: Answer, field: SweptField) => valuesAt(answer, field).length > 0;

/** Whether a valid request got past authentication and scopes: data, or a refusal that is not the door's. */
function gotPastTheDoor(answer: Answer, field: SweptField): boolean {
  if (answeredWithData(answer, field)) return true;
  const depth = field.via.length + 1;
  return (answer.body?.errors ?? []).some((e) => (e.path?.length ?? 0) >= depth && !DOOR_CODES.has(e.extensions?.code ?? ''));
}

// ---------------------------------------------------------------------------------------------
// Nothing written: which tables a case changed.
// ---------------------------------------------------------------------------------------------

/**
 * Left out: audit logs, which record refused sign-ins and list reads on purpose. The event
 * plumbing (outboxes, applied events, aggregate cursors, the eventbus schema) stays in: a refused
 * mutation must not publish an event either, and the sweep settles every consumer after each
 * mutation that wrote, so nothing moves there between cases.
 */
const EXCLUDED_TABLES = /(^|\.)audit_log$/;
let tables: string[] | undefined;
const rowsOf = async (query: string): Promise<Record<string, string>[]> => {
  const result = (await platform.databases.customers.execute(sql.raw(query))) as unknown as
    | { rows?: Record<string, string>[] }
    | Record<string, string>[];
  return Array.isArray(result) ? result : result.rows!;
};

/**
 * Per table, its row count and the newest row version's transaction id: an insert or update
 * leaves a row version with a newer xmin, a delete lowers the count. Far cheaper than hashing
 * every row, and it tells the same: whether the table changed. Tables are found in the database
 * (every subgraph's schema and the event log; the harness puts them in one database), not listed
 * here, so a new table is watched too.
 */
async function fingerprint(): Promise<Map<string, string>> {
  tables ??= (
    await rowsOf(
      "select table_schema || '.' || table_name as name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') and table_schema not like 'pg\\_%' order by 1",
    )
  )
    .map((r) => r.name!)
    .filter((name) => !EXCLUDED_TABLES.test(name));
  const query = tables
    .map(
      (name) =>
        `select '${name}' as name, count(*) || ':' || coalesce(max(xmin::text::bigint), 0) as print from ${name
          .split('.')
          .map((p) => `"${p}"`)
          .join('.')}`,
    )
    .join(' union all ');
  return new Map((await rowsOf(query)).map((r) => [r.name!, r.print!]));
}

/**
 * Which tables changed since the last look. The fingerprint is taken only when PostgreSQL has
 * handed out a transaction id since then: a transaction that writes nothing gets none, so an
 * unchanged counter proves that nothing was written, at the cost of one tiny query.
 */
const writes = {
  print: new Map<string, string>(),
  xid: '',
  current: async () => (await rowsOf('select pg_snapshot_xmax(pg_current_snapshot())::text as xid'))[0]!.xid!,
  async sync() {
    this.xid = await this.current();
    this.print = await fingerprint();
  },
  async changed(): Promise<string[]> {
    if ((await this.current()) === this.xid) return [];
    const before = this.print;
    await this.sync();
    return [...this.print.keys()].filter((name) => before.get(name) !== this.print.get(name));
  },
};

// ---------------------------------------------------------------------------------------------
// Running cases and keeping score.
// ---------------------------------------------------------------------------------------------

const score = { cases: 0, data: 0, errors: 0, slowestMs: 0, failures: [] as Failure[], casesPerPosition: new Map<Position, number>() };
const labelOf = (c: Case) => c.position?.label ?? `${c.field.label} (valid request)`;

function record(c: Case, answer: Answer, extra: Problem[] = []) {
  score.cases += 1;
  if (answeredWithData(answer, c.field)) score.data += 1;
  else score.errors += 1;
  score.slowestMs = Math.max(score.slowestMs, answer.ms);
  if (c.position) score.casesPerPosition.set(c.position, (score.casesPerPosition.get(c.position) ?? 0) + 1);
  for (const problem of [...judge(answer, c.hostile?.value), ...extra]) {
    score.failures.push({ position: labelOf(c), value: c.hostile?.label ?? 'valid', role: c.role, mode: c.mode, problem });
  }
}

/** Reads run side by side; they must write nothing either, which is checked once for all of them. */
async function runRead(c: Case): Promise<Answer | undefined> {
  const request = await requestFor(c);
  if (!request) return undefined;
  const answer = await send(request, tokens[c.role], c.field.field.name);
  record(c, answer);
  return answer;
}

/** Mutations one at a time, so that what a refused one wrote shows right after it. */
async function runMutation(c: Case): Promise<Answer | undefined> {
  baselineWrote = false;
  freshOrderUsed = false;
  const request = await requestFor(c);
  if (!request) return undefined;
  if (baselineWrote) {
    await platform.settle();
    await writes.sync();
  }
  const answer = await send(request, tokens[c.role]);
  if (answeredWithData(answer, c.field)) {
    // Valid input may write, and what it used up is made again; its events are applied first.
    if (freshOrderUsed) freshOrder = undefined;
    await platform.settle();
    await writes.sync();
    record(c, answer);
  } else {
    const changed = await writes.changed();
    record(
      c,
      answer,
      changed.length > 0
        ? [
            {
              kind: 'refused, but wrote',
              code: answer.body?.errors?.[0]?.extensions?.code ?? '-',
              message: `changed ${changed.join(', ')}`,
            },
          ]
        : [],
    );
  }
  return answer;
}

const run = (c: Case) => (c.field.operation === 'mutation' ? runMutation(c) : runRead(c));

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** Runs reads 8 at a time, then mutations one by one. */
async function runAll(cases: Case[]) {
  await writes.sync();
  await pool(
    cases.filter((c) => c.field.operation !== 'mutation'),
    8,
    run,
  );
  expect.soft(await writes.changed(), 'tables that reads changed').toEqual([]);
  for (const c of cases.filter((c) => c.field.operation === 'mutation')) await run(c);
}

// ---------------------------------------------------------------------------------------------
// The tests.
// ---------------------------------------------------------------------------------------------

describe('hostile input, schema-driven, through the gateway', () => {
  test('the sweep covers every argument and input field the supergraph declares', () => {
    // Independent of the walk: read straight from the composed SDL file. An argument or input
    // field the walk does not reach from Query or Mutation shows up here as missing.
    const declared = declaredCoordinates(readFileSync(SUPERGRAPH_SDL, 'utf8'));
    const covered = coveredCoordinates(positions);
    expect([...declared].filter((c) => !covered.has(c))).toEqual([]);
    expect(covered.size).toBeGreaterThanOrEqual(declared.size);
    expect(declared.size).toBeGreaterThan(40);
  });

  test('the write watch sees a write and nothing else', async () => {
    // Without this, a watch that saw nothing would pass every "nothing written" check.
    await platform.settle();
    await writes.sync();
    await platform.gql('{ me { id orders(first: 1) { edges { cursor } } } }', {}, tokens.customer);
    expect(await writes.changed()).toEqual([]);
    await platform.gql(
      'mutation ($input: UpdateMeInput!) { updateMe(input: $input) { id } }',
      { input: { lastName: 'Lovelace' } },
      tokens.customer,
    );
    expect((await writes.changed()).length).toBeGreaterThan(0);
  });

  test('every hostile value answers with data or a documented error, leaks nothing and writes nothing', async () => {
    const started = Date.now();

    // 1. A valid request per field and role: who gets past the door, and whether the baselines are valid.
    const fields = [...new Set(positions.map((p) => p.field))];
    const past = new Map<SweptField, Role[]>(fields.map((f) => [f, []]));
    const probes = fields.flatMap((field) => ROLES.map((role): Case => ({ field, role, mode: 'variable' })));
    await writes.sync();
    await pool(
      probes.filter((c) => c.field.operation !== 'mutation'),
      8,
      async (c) => {
        const answer = await run(c);
        if (answer && gotPastTheDoor(answer, c.field)) past.get(c.field)!.push(c.role);
      },
    );
    for (const c of probes.filter((c) => c.field.operation === 'mutation')) {
      const answer = await run(c);
      if (answer && gotPastTheDoor(answer, c.field)) past.get(c.field)!.push(c.role);
    }
    for (const roles of past.values()) roles.sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
    expect
      .soft(
        fields.filter((f) => past.get(f)!.length === 0).map((f) => f.label),
        'fields whose valid request no role gets past the door (fix the baseline)',
      )
      .toEqual([]);

    // 2. Each position × its hostile values × roles (see the comment at the top for which).
    const cases: Case[] = [];
    for (const position of positions) {
      const deep = past.get(position.field)![0] ?? 'customer';
      const valid = await baselineValue(position.type, position.key, tableFor(deep));
      for (const hostile of hostileValuesFor(position.type, valid, foreignIds)) {
        for (const role of ROLES) {
          if (role === deep || hostile.representative) cases.push({ field: position.field, position, hostile, role, mode: 'variable' });
          if (role === deep && hostile.literal) cases.push({ field: position.field, position, hostile, role, mode: 'literal' });
        }
      }
    }
    // Building the plan may have placed an order; its events are applied before anything is watched.
    await platform.settle();
    await runAll(cases);

    console.log(
      `hostile-input sweep: ${score.cases} cases (field, value, role) over ${positions.length} argument positions; ` +
        `${score.data} answered with data, ${score.errors} with errors (${((Date.now() - started) / 1000).toFixed(0)} s, slowest answer ${(score.slowestMs / 1000).toFixed(1)} s)`,
    );
    expect
      .soft(
        positions.filter((p) => (score.casesPerPosition.get(p) ?? 0) < 5).map((p) => p.label),
        'positions with (almost) no cases',
      )
      .toEqual([]);
    expect(score.failures.length, score.failures.length > 0 ? groupFailures(score.failures) : '').toBe(0);
  }, 900_000);

  test('afterwards the platform still answers, and every event consumer settles', async () => {
    await platform.settle();
    const profile = await platform.gql<{ me: { id: string } }>('{ me { id orders(first: 1) { edges { cursor } } } }', {}, tokens.customer);
    expect(profile.errors).toBeUndefined();
    expect(profile.data?.me.id).toBe(ids.Customer);
    const list = await platform.gql('{ customers(first: 5) { edges { cursor } } }', {}, tokens.staff);
    expect(list.errors).toBeUndefined();
    for (const url of [platform.gatewayUrl, ...Object.values(platform.subgraphs).map((s) => s.url)]) {
      expect((await fetch(url.replace(/\/graphql$/, '/health'))).status, url).toBe(200);
      expect((await fetch(url.replace(/\/graphql$/, '/ready'))).status, url).toBe(200);
    }
  });
});
